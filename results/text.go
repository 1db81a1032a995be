package results

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"zsa/sim/stats"
)

// WriteTable writes the compact comparison people read on stdout. The
// first line names the scenario, seed, number of replications, version and
// the first 12 hex digits of the scenario hash. Then, per service, a line
// with the service name and two aligned tables of the service totals —
// the cases (effort, lead time, service level) and the staff (assigned,
// work done, utilisation, Personalbemessung) — each with one row per arm,
// every measure as "mean ± half-width" (Student-t 95 % confidence interval
// over the replications), and for every arm after the baseline a row
// "<arm> vs <baseline>" with the paired relative change and its 95 %
// confidence interval, "−38.2 % [−40.1, −36.3]" (relative for the share
// within the service level too: 80 % → 90 % is +12.5 %; the difference in
// percentage points is in summary.json). An arm that is not in steady
// state (SteadyState) is marked "(overloaded)" and explained below the
// tables, as are offices where an arm's staff cannot keep up. A cell is
// empty where a value is undefined (NaN, e.g. a relative change against
// zero); a half-width is left out with a single replication. The same
// Comparison gives the same bytes.
func WriteTable(w io.Writer, c *Comparison) error {
	s, err := Summarize(c)
	if err != nil {
		return err
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
	var warnings, drivers []string
	for _, svc := range s.Services {
		// The offices that join first: what they see is the headline.
		for _, ms := range svc.Members {
			fmt.Fprintf(&b, "\nservice %s, %s (of %d): their cases\n", svc.Service, ms.Name, ms.Of)
			if _, err := officeTable(s, svc, ms.OfficeSummary, caseColumns(nil)).WriteTo(&b); err != nil {
				return err
			}
		}
		fmt.Fprintf(&b, "\nservice %s, all offices\n", svc.Service)
		for g, cols := range [][]column{caseColumns(nil), staffColumns(nil)} {
			if g > 0 {
				b.WriteString("\n")
			}
			if _, err := textTable(s, svc, cols).WriteTo(&b); err != nil {
				return err
			}
		}
		for _, ms := range svc.Members {
			fmt.Fprintf(&b, "\nservice %s, %s: their cases\n", svc.Service, ms.Others.Name)
			if _, err := officeTable(s, svc, ms.Others, caseColumns(nil)).WriteTo(&b); err != nil {
				return err
			}
		}
		warnings = append(warnings, overloadNotes(s, svc)...)
		for a := 1; a < len(s.Arms); a++ {
			if d := leadDrivers(s, svc.Offices[0], a); d != "" {
				drivers = append(drivers, svc.Service+": "+d)
			}
		}
	}
	if len(warnings) > 0 {
		b.WriteString("\n")
		for _, w := range warnings {
			b.WriteString("! " + w + "\n")
		}
	}
	if len(drivers) > 0 {
		b.WriteString("\nWhere the lead time goes:\n")
		for _, d := range drivers {
			b.WriteString("- " + d + "\n")
		}
	}
	if len(s.Checks) > 0 {
		b.WriteString("\nDoes the model look like reality? " + targetsText(s) + "\n")
		if _, err := targetTable(s).WriteTo(&b); err != nil {
			return err
		}
	}
	b.WriteString("\nmean ± half-width of the 95 % confidence interval over replications;\n" +
		"vs: paired relative change of the means with its 95 % confidence interval.\n")
	for _, col := range staffColumns(nil) {
		b.WriteString(col.header + ": " + col.def + ".\n")
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// textTable is the table of one service's totals for the given columns.
func textTable(s *Summary, svc ServiceSummary, cols []column) *Table {
	return officeTable(s, svc, svc.Offices[0], cols)
}

// officeTable is the table of one office summary of a service (the
// total, or the member offices) for the given columns.
func officeTable(s *Summary, svc ServiceSummary, total OfficeSummary, cols []column) *Table {
	t := &Table{Header: []string{s.tr.s("arm")}}
	for _, col := range cols {
		t.Header = append(t.Header, col.header+" ("+col.unit+")")
	}
	for a, arm := range total.Arms {
		row := []string{armLabel(s.tr, arm.Arm, svc, a)}
		for _, col := range cols {
			row = append(row, formatMean(arm.Metrics[col.m].Value, col.scale))
		}
		t.Rows = append(t.Rows, row)
	}
	for a, arm := range total.Arms[1:] {
		row := []string{armLabel(s.tr, arm.Arm, svc, a+1) + s.tr.s(" vs ") + s.Arms[0]}
		for _, col := range cols {
			p := arm.Metrics[col.m].Paired
			row = append(row, formatChange(p.Rel, p.RelLo, p.RelHi))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// armLabel is an arm's name, marked if its service total is not in steady
// state.
func armLabel(t *translator, name string, svc ServiceSummary, a int) string {
	if total, _ := svc.Overloaded(a); total {
		return name + t.s(" (overloaded)")
	}
	return name
}

// overloadNotes says, for every arm, whether and where its staff cannot
// keep up with the service's cases, with the evidence.
func overloadNotes(s *Summary, svc ServiceSummary) []string {
	t := s.tr
	var notes []string
	for a, arm := range s.Arms {
		total, offices := svc.Overloaded(a)
		st := svc.Offices[0].Arms[a]
		g := st.Metrics[mBacklogGrowth].Value
		if total {
			busiest := ""
			if o, b := busiestOffice(svc, a); o != "" {
				busiest = t.f("; the clerks of %s are busy %s of their available time", o, formatPercent(b))
			}
			notes = append(notes, t.f("%s, %s: not in steady state, the staff cannot keep up: open cases grew "+
				"from %s to %s in the measured period, %s of the %s cases filed in it%s%s. Its averages describe a "+
				"growing queue at the end of the run, not a level it would keep; do not compare them as such.",
				arm, svc.Service, formatCount(st.Steady.OpenAtWarmUp), formatCount(st.Steady.OpenAtEnd),
				formatPercent(g.Mean), formatCount(st.Steady.Arrived), ciPercent(g), busiest))
			continue
		}
		if len(offices) > 0 {
			names := make([]string, 0, len(offices))
			for _, o := range svc.Offices[1:] {
				if o.Arms[a].Steady.Overloaded {
					names = append(names, o.Name)
				}
			}
			shown := names
			if len(shown) > 5 {
				shown = append(shown[:5:5], t.f("%d more", len(names)-5))
			}
			notes = append(notes, t.f("%s, %s: at %s the staff cannot keep up (open cases grew by more than "+
				"%s of the cases filed): %s.", arm, svc.Service, t.plural(len(names), "office", "offices"),
				formatPercent(OverloadGrowth), t.join(shown)))
		}
	}
	return notes
}

// busiestOffice returns the name of the office of svc whose clerks are
// busy the largest share of their available time in arm a, and that share
// (mean over the replications); "" if no office has staff.
func busiestOffice(svc ServiceSummary, a int) (string, float64) {
	name, best := "", math.Inf(-1)
	for _, o := range svc.Offices[1:] {
		if b := o.Arms[a].Metrics[mBusyShare].Value.Mean; b > best {
			name, best = o.Name, b
		}
	}
	return name, best
}

// formatCount formats a mean count of cases with thousands separators:
// "11,700".
func formatCount(x float64) string {
	if math.IsNaN(x) {
		return "?"
	}
	n := int64(math.Round(x))
	sign := ""
	if n < 0 {
		sign, n = "−", -n
	}
	d := strconv.FormatInt(n, 10)
	for i := len(d) - 3; i > 0; i -= 3 {
		d = d[:i] + "," + d[i:]
	}
	return sign + d
}

// formatPercent formats a share as a percentage with three significant
// digits (formatSig): 0.384 → "38.4 %", 0.05 → "5.00 %".
func formatPercent(x float64) string { return minus(formatSig(100*x)) + " %" }

// ciPercent formats the 95 % confidence interval of a share as
// " (95 % CI 35–41 %)", or "" without one.
func ciPercent(v stats.Summary) string {
	if !(v.HalfWidth > 0) || math.IsInf(v.HalfWidth, 0) {
		return ""
	}
	return " (95 % CI " + minus(formatSig(100*v.Lo())) + "–" + minus(formatSig(100*v.Hi())) + " %)"
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
		return minus(sig4(m)) + " ± 0"
	case h > 0 && !math.IsInf(h, 0):
		return minus(stats.Summary{Mean: m, HalfWidth: h}.String())
	}
	return minus(sig4(m))
}

// sig4 formats x with four significant digits, without an exponent for
// numbers people read in tables (costs of a million euros: "779192").
func sig4(x float64) string {
	if a := math.Abs(x); a >= 1e4 && a < 1e15 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return fmt.Sprintf("%.4g", x)
}

// formatChange formats a relative change x (0.05 for +5 %) with its
// confidence limits lo and hi as "−38.2 % [−40.1, −36.3]": percent with
// one decimal, an explicit sign on x, the interval left out if a limit is
// not finite, and "" if x is NaN.
func formatChange(x, lo, hi float64) string {
	if math.IsNaN(x) {
		return ""
	}
	s := minus(fmt.Sprintf("%+.1f", 100*x)) + " %"
	if !math.IsNaN(lo) && !math.IsNaN(hi) && !math.IsInf(lo, 0) && !math.IsInf(hi, 0) {
		s += " [" + minus(fmt.Sprintf("%.1f", 100*lo)) + ", " + minus(fmt.Sprintf("%.1f", 100*hi)) + "]"
	}
	return s
}

// minus replaces ASCII hyphen-minus signs with the minus sign U+2212.
func minus(s string) string { return strings.ReplaceAll(s, "-", "−") }

// MeanText formats a mean with the half-width of its confidence interval
// as the tables of zsa run do ("7.41 ± 0.26", minus signs as U+2212).
func MeanText(mean, halfWidth float64) string {
	return formatMean(stats.Summary{Mean: mean, HalfWidth: halfWidth}, 1)
}

// ChangeText formats a relative change with its confidence limits as the
// tables of zsa run do ("−38.2 % [−40.1, −36.3]").
func ChangeText(rel, lo, hi float64) string { return formatChange(rel, lo, hi) }
