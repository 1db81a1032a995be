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
		{formatChange(-38.24, 1.91), "−38.2 % [−40.1, −36.3]"},
		{formatChange(6.8, 19.7), "+6.8 % [−12.9, 26.5]"},
		{formatChange(-20, nan), "−20.0 %"},
		{formatChange(nan, nan), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("case %d: %q, want %q", i, tc.got, tc.want)
		}
	}
}
