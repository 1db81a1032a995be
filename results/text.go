package results

import (
	"fmt"
	"io"
	"math"
	"strings"

	"zsa/sim/stats"
)

// WriteTable writes the compact comparison people read on stdout. The
// first line names the scenario, seed, number of replications, version and
// the first 12 hex digits of the scenario hash. Then, per service, a line
// with the service name and an aligned table of the service totals: one
// row per arm with each measure as "mean ± half-width" (Student-t 95 %
// confidence interval over the replications), then for every arm after the
// baseline a row "<arm> vs <baseline>" with the paired relative change and
// its 95 % confidence interval, "−38.2 % [−40.1, −36.3]" (relative for
// the share within the service level too: 80 % → 90 % is +12.5 %; the
// difference in percentage points is in summary.json). A cell is empty
// where a value is undefined (NaN, e.g. a relative change against zero); a
// half-width is left out with a single replication. The same Comparison
// gives the same bytes.
func WriteTable(w io.Writer, c *Comparison) error {
	s, err := Summarize(c)
	if err != nil {
		return err
	}
	// The columns: metric index, header, and the factor that turns the
	// metric into the header's unit.
	columns := [...]struct {
		m      int
		header string
		scale  float64
	}{
		{mEffortMin, "effort per case (min)", 1},
		{mLeadDays, "lead time mean (d)", 1},
		{mLeadP90Days, "lead time p90 (d)", 1},
		{mWithinLevel, "within service level (%)", 100},
		{mFTE, "FTE used", 1},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "scenario %s, seed %d, %d replications", s.Scenario, s.Seed, s.Replications)
	if s.Version != "" {
		fmt.Fprintf(&b, ", version %s", s.Version)
	}
	if s.Hash != "" {
		fmt.Fprintf(&b, ", sha256 %.12s", s.Hash)
	}
	b.WriteString("\n")
	for _, svc := range s.Services {
		fmt.Fprintf(&b, "\nservice %s, all offices\n", svc.Service)
		t := Table{Header: []string{"arm"}}
		for _, col := range columns {
			t.Header = append(t.Header, col.header)
		}
		total := svc.Offices[0]
		for _, arm := range total.Arms {
			row := []string{arm.Arm}
			for _, col := range columns {
				row = append(row, formatMean(arm.Metrics[col.m].Value, col.scale))
			}
			t.Rows = append(t.Rows, row)
		}
		for _, arm := range total.Arms[1:] {
			row := []string{arm.Arm + " vs " + s.Arms[0]}
			for _, col := range columns {
				p := arm.Metrics[col.m].Paired
				row = append(row, formatChange(100*p.Rel, 100*p.RelHalfWidth))
			}
			t.Rows = append(t.Rows, row)
		}
		if _, err := t.WriteTo(&b); err != nil {
			return err
		}
	}
	b.WriteString("\nmean ± half-width of the 95 % confidence interval over replications;\n" +
		"vs: paired relative change of the means with its 95 % confidence interval\n")
	_, err = io.WriteString(w, b.String())
	return err
}

// formatMean formats s scaled by scale as "mean ± half-width"
// (stats.Summary.String), the mean alone if there is no finite half-width,
// and "" if the mean is NaN.
func formatMean(s stats.Summary, scale float64) string {
	m, h := s.Mean*scale, s.HalfWidth*scale
	switch {
	case math.IsNaN(m):
		return ""
	case h == 0:
		return fmt.Sprintf("%.4g ± 0", m)
	case h > 0 && !math.IsInf(h, 0):
		return stats.Summary{Mean: m, HalfWidth: h}.String()
	}
	return fmt.Sprintf("%.4g", m)
}

// formatChange formats a change x % with half-width h as
// "−38.2 % [−40.1, −36.3]": one decimal, an explicit sign on x, the
// interval left out if h is not finite, and "" if x is NaN.
func formatChange(x, h float64) string {
	if math.IsNaN(x) {
		return ""
	}
	s := minus(fmt.Sprintf("%+.1f", x)) + " %"
	if h >= 0 && !math.IsInf(h, 0) {
		s += " [" + minus(fmt.Sprintf("%.1f", x-h)) + ", " + minus(fmt.Sprintf("%.1f", x+h)) + "]"
	}
	return s
}

// minus replaces ASCII hyphen-minus signs with the minus sign U+2212.
func minus(s string) string { return strings.ReplaceAll(s, "-", "−") }
