package results

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"zsa/sim/stats"
)

// column is a measure of the comparison tables and the key results.
type column struct {
	m      int     // metric index
	header string  // table header, without the unit
	label  string  // the measure in a sentence
	unit   string  // the unit after a number ("" for none)
	scale  float64 // turns the metric into the unit
	points bool    // changes in percentage points, not relative
	def    string  // a one-line definition, for the staff measures
}

// caseColumns are the columns of the comparison tables on cases.
func caseColumns() []column {
	return []column{
		{m: mEffortMin, header: "effort per case", label: "effort per case", unit: "min", scale: 1},
		{m: mLeadDays, header: "lead time mean", label: "mean lead time", unit: "d", scale: 1},
		{m: mLeadP90Days, header: "lead time p90", label: "lead time within which 90 % of cases are done", unit: "d", scale: 1},
		{m: mWithinLevel, header: "within service level", label: "cases done within the service level", unit: "%", scale: 100, points: true},
	}
}

// staffColumns are the columns of the comparison tables on staff, with
// their definitions.
func staffColumns() []column {
	return []column{
		{m: mStaffFTE, header: "staff assigned", label: "staff assigned", unit: "FTE", scale: 1,
			def: "full-time equivalents of the clerks who work on the service, times their share of time for it (what the budget pays)"},
		{m: mWorkFTE, header: "work done", label: "work done", unit: "FTE", scale: 1,
			def: "their touch time on the service, in full-time posts' working time"},
		{m: mUtilisation, header: "utilisation", label: "utilisation", unit: "%", scale: 100, points: true,
			def: "work done ÷ staff assigned; leave and sickness count as time not worked, so staff busy all their available time show about 80–85 %"},
		{m: mPBFTE, header: "Personalbemessung", label: "staff by Personalbemessung", unit: "FTE", scale: 1,
			def: "the static staff figure a planner computes for this work: touch minutes × (1 + Verteilzeit) ÷ net working minutes of a full-time post after leave and sickness"},
	}
}

// summaryTables are the comparison tables of one service as WriteTable
// prints them: cases, then staff.
func summaryTables(s *Summary, svc ServiceSummary) []htmlTable {
	var out []htmlTable
	type part struct {
		caption string
		office  OfficeSummary
		cols    []column
	}
	var parts []part
	for _, ms := range svc.Members {
		parts = append(parts, part{fmt.Sprintf("%s, %s (of %d): their cases", svc.Service, ms.Name, ms.Of), ms.OfficeSummary, caseColumns()})
	}
	parts = append(parts, part{svc.Service + ", all offices: cases", svc.Offices[0], caseColumns()},
		part{svc.Service + ", all offices: staff", svc.Offices[0], staffColumns()})
	for _, ms := range svc.Members {
		parts = append(parts, part{fmt.Sprintf("%s, %s: their cases", svc.Service, ms.Others.Name), ms.Others, caseColumns()})
	}
	for _, pt := range parts {
		t := htmlTable{Caption: pt.caption, Header: []htmlCell{{Text: "arm"}}}
		for _, col := range pt.cols {
			t.Header = append(t.Header, htmlCell{Text: col.header + " (" + col.unit + ")", Title: col.def, Num: true})
		}
		for _, row := range officeTable(s, svc, pt.office, pt.cols).Rows {
			r := htmlRow{Cells: []htmlCell{{Text: row[0]}}}
			if strings.Contains(row[0], " vs ") {
				r.Class = "change"
			}
			for _, c := range row[1:] {
				r.Cells = append(r.Cells, htmlCell{Text: c, Num: true})
			}
			t.Rows = append(t.Rows, r)
		}
		out = append(out, t)
	}
	return out
}

// findings lists, per service and arm after the baseline, the changes of
// the tables' measures in words.
func findings(s *Summary) []finding {
	var out []finding
	for _, svc := range s.Services {
		total := svc.Offices[0]
		for ai, arm := range total.Arms[1:] {
			f := finding{Service: svc.Service, Versus: armLabel(arm.Arm, svc, ai+1) + " vs " + s.Arms[0]}
			// The offices that join first: what they see is the headline.
			for _, ms := range svc.Members {
				if ms.Arm == ai+1 {
					f.Items = append(f.Items, changeItems(ms.OfficeSummary, ai+1, caseColumns(),
						fmt.Sprintf("%s (of %d): ", ms.Name, ms.Of))...)
				}
			}
			prefix := ""
			if len(f.Items) > 0 {
				prefix = "all offices: "
			}
			f.Items = append(f.Items, changeItems(total, ai+1, append(caseColumns(), staffColumns()...), prefix)...)
			f.Why = leadDrivers(s, svc, ai+1)
			out = append(out, f)
		}
	}
	return out
}

// changeItems describes, for each column, how arm a changes the office
// summary o against the baseline: "label: base → arm, change (CI)", each
// prefixed with prefix.
func changeItems(o OfficeSummary, a int, cols []column, prefix string) []string {
	var items []string
	arm := o.Arms[a]
	for _, col := range cols {
		base := o.Arms[0].Metrics[col.m].Value.Mean * col.scale
		ms := arm.Metrics[col.m]
		mean := ms.Value.Mean * col.scale
		if math.IsNaN(base) || math.IsNaN(mean) {
			continue
		}
		if col.m == mWithinLevel && base == 0 && mean == 0 {
			continue // no service level
		}
		item := prefix + col.label + ": " + withUnit(formatSig(base), col.unit) + " → " + withUnit(formatSig(mean), col.unit)
		// Relative change in %, or the difference in percentage points
		// for a share.
		if col.points {
			x, h := 100*ms.Paired.Diff.Mean, 100*ms.Paired.Diff.HalfWidth
			if !math.IsNaN(x) {
				item += ", " + minus(fmt.Sprintf("%+.1f", x)) + " percentage points"
				if h >= 0 && !math.IsInf(h, 0) {
					item += " (95 % CI " + minus(fmt.Sprintf("%+.1f", x-h)) + " to " + minus(fmt.Sprintf("%+.1f", x+h)) + ")"
					if x-h <= 0 && x+h >= 0 {
						item += ": no clear change"
					}
				}
			}
		} else if p := ms.Paired; !math.IsNaN(p.Rel) {
			item += ", " + minus(fmt.Sprintf("%+.1f", 100*p.Rel)) + " %"
			if !math.IsNaN(p.RelLo) && !math.IsNaN(p.RelHi) {
				item += " (95 % CI " + minus(fmt.Sprintf("%+.1f", 100*p.RelLo)) + " to " +
					minus(fmt.Sprintf("%+.1f", 100*p.RelHi)) + " %)"
				if p.RelLo <= 0 && p.RelHi >= 0 {
					item += ": no clear change"
				}
			}
		}
		items = append(items, item)
	}
	return items
}

// metricScale returns the factor and unit in which a metric is shown:
// shares in %.
func metricScale(m Metric) (float64, string) {
	if m.Unit == "share" {
		return 100, "%"
	}
	return 1, m.Unit
}

// metricsTable is every metric of a service's total per arm, with the
// paired differences of every other arm to the baseline.
func metricsTable(s *Summary, svc ServiceSummary) htmlTable {
	t := htmlTable{Class: "measures", Caption: svc.Service + ", all offices: every measure",
		Header: []htmlCell{{Text: "measure"}, {Text: "unit"}}}
	for _, a := range s.Arms {
		t.Header = append(t.Header, htmlCell{Text: a, Num: true})
	}
	for _, a := range s.Arms[1:] {
		t.Header = append(t.Header,
			htmlCell{Text: a + " − " + s.Arms[0], Num: true},
			htmlCell{Text: a + " vs " + s.Arms[0] + " (%)", Num: true})
	}
	total := svc.Offices[0]
	for m, metric := range Metrics() {
		scale, unit := metricScale(metric)
		doc := metric.Doc
		if scale == 100 {
			doc = strings.ReplaceAll(doc, " (0 to 1)", "") // shown in %
		}
		row := htmlRow{Cells: []htmlCell{{Text: doc, Title: metric.Name}, {Text: unit}}}
		for _, arm := range total.Arms {
			row.Cells = append(row.Cells, htmlCell{Text: formatMean(arm.Metrics[m].Value, scale), Num: true})
		}
		for _, arm := range total.Arms[1:] {
			p := arm.Metrics[m].Paired
			row.Cells = append(row.Cells,
				htmlCell{Text: formatDiff(p.Diff, scale), Num: true},
				htmlCell{Text: formatChange(p.Rel, p.RelLo, p.RelHi), Num: true})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// officesTable is the main metrics of every office of a service per arm,
// offices by name; an office where an arm is not in steady state is
// marked.
func officesTable(s *Summary, svc ServiceSummary) htmlTable {
	cols := []struct {
		m      int
		header string
	}{
		{mArrived, "cases arrived"},
		{mEffortMin, "effort per case (min)"},
		{mLeadDays, "lead time mean (d)"},
		{mLeadP90Days, "lead time p90 (d)"},
		{mStaffFTE, "staff assigned (FTE)"},
		{mWorkFTE, "work done (FTE)"},
	}
	t := htmlTable{Caption: svc.Service + ": per office (cases by the office of the filing commune, staff and work by the office whose clerks did it)",
		Groups: []htmlCell{{Text: "", Span: 1}}, Header: []htmlCell{{Text: "office"}}}
	for _, col := range cols {
		t.Groups = append(t.Groups, htmlCell{Text: col.header, Span: len(s.Arms)})
		for _, a := range s.Arms {
			t.Header = append(t.Header, htmlCell{Text: a, Num: true})
		}
	}
	for _, o := range svc.Offices[1:] {
		name := o.Name
		if name != o.Office {
			name += " (" + o.Office + ")"
		}
		var over []string
		for a, arm := range o.Arms {
			if arm.Steady.Overloaded {
				over = append(over, "“"+s.Arms[a]+"”")
			}
		}
		row := htmlRow{Cells: []htmlCell{{Text: name}}}
		if len(over) > 0 {
			row.Class = "overloaded"
			row.Cells[0].Text = name + " — the staff cannot keep up in " + join(over)
		}
		for _, col := range cols {
			for _, arm := range o.Arms {
				row.Cells = append(row.Cells, htmlCell{Text: formatMean(arm.Metrics[col.m].Value, 1), Num: true})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// utilisationTable summarises the busy share of offices per arm.
func utilisationTable(c *Comparison) htmlTable {
	u := utilisations(c)
	t := htmlTable{Caption: "Busy share of offices: touch time ÷ the clerks' available time after leave and sickness (%), replications pooled",
		Header: []htmlCell{{Text: "arm"}, {Text: "local offices", Num: true}, {Text: "lowest (%)", Num: true},
			{Text: "median (%)", Num: true}, {Text: "highest (%)", Num: true}, {Text: "other offices (%)"}}}
	for a, arm := range c.Arms {
		var local []float64
		var other []string
		for i, v := range u.util[a] {
			switch {
			case math.IsNaN(v):
			case u.extra[i]:
				other = append(other, u.names[i]+" "+formatSig(v))
			default:
				local = append(local, v)
			}
		}
		row := htmlRow{Cells: []htmlCell{{Text: arm.Name}, {Text: strconv.Itoa(len(local)), Num: true}}}
		lo, med, hi := "", "", ""
		if len(local) > 0 {
			var xs stats.Samples
			for _, v := range local {
				xs.Add(v)
			}
			lo, med, hi = formatSig(xs.Quantile(0)), formatSig(xs.Quantile(0.5)), formatSig(xs.Quantile(1))
		}
		row.Cells = append(row.Cells, htmlCell{Text: lo, Num: true}, htmlCell{Text: med, Num: true},
			htmlCell{Text: hi, Num: true}, htmlCell{Text: strings.Join(other, ", ")})
		t.Rows = append(t.Rows, row)
	}
	return t
}

// formatDiff formats a paired difference scaled by scale as
// "+mean ± half-width" (formatMean with an explicit sign and minus signs).
func formatDiff(d stats.Summary, scale float64) string {
	s := formatMean(d, scale)
	if s != "" && !strings.HasPrefix(s, "−") {
		s = "+" + s
	}
	return s
}
