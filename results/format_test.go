package results

import (
	"math"
	"testing"

	"zsa/sim/stats"
)

func TestTableCells(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	for i, tc := range []struct {
		got, want string
	}{
		{formatMean(stats.Summary{Mean: 119.229, HalfWidth: 5.2887}, 1), "119.2 ± 5.3"},
		{formatMean(stats.Summary{Mean: 0.9159, HalfWidth: 0.2063}, 100), "92 ± 21"},
		{formatMean(stats.Summary{Mean: 1, HalfWidth: 0}, 100), "100 ± 0"},
		{formatMean(stats.Summary{Mean: 2.71828, HalfWidth: nan}, 1), "2.718"}, // one replication
		{formatMean(stats.Summary{Mean: nan, HalfWidth: nan}, 1), ""},
		{formatChange(-0.3824, -0.401, -0.363), "−38.2 % [−40.1, −36.3]"},
		{formatChange(0.068, -0.129, 0.265), "+6.8 % [−12.9, 26.5]"},
		{formatChange(-0.2, nan, nan), "−20.0 %"},
		{formatChange(nan, nan, nan), ""},
		{formatDiff(stats.Summary{Mean: -2.993, HalfWidth: 0.028}, 1), "−2.993 ± 0.028"},
		{formatDiff(stats.Summary{Mean: 0.46, HalfWidth: 0.22}, 1), "+0.46 ± 0.22"},
		{formatMean(stats.Summary{Mean: 779159.2, HalfWidth: 0}, 1), "779159 ± 0"},
		{formatMean(stats.Summary{Mean: -0.146, HalfWidth: 0.067}, 1), "−0.146 ± 0.067"},
		{formatCount(11700.4), "11,700"},
		{formatCount(-1234567), "−1,234,567"},
		{formatPercent(0.384), "38.4 %"},
	} {
		if tc.got != tc.want {
			t.Errorf("case %d: %q, want %q", i, tc.got, tc.want)
		}
	}
}
