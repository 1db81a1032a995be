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

// caseColumns are the columns of the comparison tables on cases, in t's
// language.
func caseColumns(t *translator) []column {
	return []column{
		{m: mEffortMin, header: t.s("effort per case"), label: t.s("effort per case"), unit: "min", scale: 1},
		{m: mLeadDays, header: t.s("lead time mean"), label: t.s("mean lead time"), unit: t.s("d"), scale: 1},
		{m: mLeadP90Days, header: t.s("lead time p90"), label: t.s("lead time within which 90 % of cases are done"), unit: t.s("d"), scale: 1},
		{m: mWithinLevel, header: t.s("within service level"), label: t.s("cases done within the service level"), unit: "%", scale: 100, points: true},
	}
}

// staffColumns are the columns of the comparison tables on staff, with
// their definitions, in t's language.
func staffColumns(t *translator) []column {
	return []column{
		{m: mStaffFTE, header: t.s("staff assigned"), label: t.s("staff assigned"), unit: t.s("FTE"), scale: 1,
			def: t.s("full-time equivalents of the clerks who work on the service, times their share of time for it (what the budget pays)")},
		{m: mWorkFTE, header: t.s("work done"), label: t.s("work done"), unit: t.s("FTE"), scale: 1,
			def: t.s("their touch time on the service, in full-time posts' working time")},
		{m: mUtilisation, header: t.s("utilisation"), label: t.s("utilisation"), unit: "%", scale: 100, points: true,
			def: t.s("work done ÷ staff assigned; leave and sickness count as time not worked, so staff busy all their available time show about 80–85 %")},
		{m: mPBFTE, header: "Personalbemessung", label: t.s("staff by Personalbemessung"), unit: t.s("FTE"), scale: 1,
			def: t.s("the static staff figure a planner computes for this work: touch minutes × (1 + Verteilzeit) ÷ net working minutes of a full-time post after leave and sickness")},
	}
}

// summaryTables are the comparison tables of one service as WriteTable
// prints them: cases, then staff.
func summaryTables(s *Summary, svc ServiceSummary) []htmlTable {
	t := s.tr
	var out []htmlTable
	type part struct {
		caption string
		office  OfficeSummary
		cols    []column
	}
	var parts []part
	for _, ms := range svc.Members {
		parts = append(parts, part{t.f("%s, %s (of %d): their cases", svc.Service, t.name(ms.Name), ms.Of), ms.OfficeSummary, caseColumns(t)})
	}
	parts = append(parts, part{t.f("%s, all offices: cases", svc.Service), svc.Offices[0], caseColumns(t)},
		part{t.f("%s, all offices: staff", svc.Service), svc.Offices[0], staffColumns(t)})
	for _, ms := range svc.Members {
		parts = append(parts, part{t.f("%s, %s: their cases", svc.Service, t.name(ms.Others.Name)), ms.Others, caseColumns(t)})
	}
	for _, pt := range parts {
		h := htmlTable{Caption: pt.caption, Header: []htmlCell{{Text: t.s("arm")}}}
		for _, col := range pt.cols {
			h.Header = append(h.Header, htmlCell{Text: col.header + " (" + col.unit + ")", Title: col.def, Num: true})
		}
		for _, row := range officeTable(s, svc, pt.office, pt.cols).Rows {
			r := htmlRow{Cells: []htmlCell{{Text: row[0]}}}
			if strings.Contains(row[0], t.s(" vs ")) {
				r.Class = "change"
			}
			for _, c := range row[1:] {
				r.Cells = append(r.Cells, htmlCell{Text: c, Num: true})
			}
			h.Rows = append(h.Rows, r)
		}
		out = append(out, h)
	}
	return out
}

// findings lists, per service and arm after the baseline, the changes of
// the tables' measures in words.
func findings(s *Summary) []finding {
	t := s.tr
	var out []finding
	for _, svc := range s.Services {
		total := svc.Offices[0]
		for ai, arm := range total.Arms[1:] {
			f := finding{Service: svc.Service, Versus: armLabel(t, arm.Arm, svc, ai+1) + t.s(" vs ") + s.Arms[0]}
			// The offices that join first: what they see is the headline.
			for _, ms := range svc.Members {
				if ms.Arm == ai+1 {
					f.Items = append(f.Items, changeItems(t, ms.OfficeSummary, ai+1, caseColumns(t),
						t.f("%s (of %d): ", t.name(ms.Name), ms.Of))...)
				}
			}
			prefix := ""
			if len(f.Items) > 0 {
				prefix = t.s("all offices: ")
			}
			f.Items = append(f.Items, changeItems(t, total, ai+1, append(caseColumns(t), staffColumns(t)...), prefix)...)
			if ai > 0 {
				// The first arm's is at the top, under the key numbers.
				f.Why = leadDrivers(s, total, ai+1)
			}
			out = append(out, f)
		}
	}
	return out
}

// changeItems describes, for each column, how arm a changes the office
// summary o against the baseline: "label: base → arm, change (CI)", each
// prefixed with prefix.
func changeItems(t *translator, o OfficeSummary, a int, cols []column, prefix string) []string {
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
				item += t.f(", %s percentage points", minus(fmt.Sprintf("%+.1f", x)))
				if h >= 0 && !math.IsInf(h, 0) {
					item += t.f(" (95 %% CI %s to %s)", minus(fmt.Sprintf("%+.1f", x-h)), minus(fmt.Sprintf("%+.1f", x+h)))
					if x-h <= 0 && x+h >= 0 {
						item += t.s(": no clear change")
					}
				}
			}
		} else if p := ms.Paired; !math.IsNaN(p.Rel) {
			item += ", " + minus(fmt.Sprintf("%+.1f", 100*p.Rel)) + " %"
			if !math.IsNaN(p.RelLo) && !math.IsNaN(p.RelHi) {
				item += t.f(" (95 %% CI %s to %s %%)", minus(fmt.Sprintf("%+.1f", 100*p.RelLo)), minus(fmt.Sprintf("%+.1f", 100*p.RelHi)))
				if p.RelLo <= 0 && p.RelHi >= 0 {
					item += t.s(": no clear change")
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
	tr := s.tr
	t := htmlTable{Class: "measures", Caption: tr.f("%s, all offices: every measure", svc.Service),
		Header: []htmlCell{{Text: tr.s("measure")}, {Text: tr.s("unit")}}}
	for _, a := range s.Arms {
		t.Header = append(t.Header, htmlCell{Text: a, Num: true})
	}
	for _, a := range s.Arms[1:] {
		t.Header = append(t.Header,
			htmlCell{Text: a + " − " + s.Arms[0], Num: true},
			htmlCell{Text: a + tr.s(" vs ") + s.Arms[0] + " (%)", Num: true})
	}
	total := svc.Offices[0]
	for m, metric := range Metrics() {
		scale, unit := metricScale(metric)
		doc := metric.Doc
		if scale == 100 {
			doc = strings.ReplaceAll(doc, " (0 to 1)", "") // shown in %
		}
		row := htmlRow{Cells: []htmlCell{{Text: tr.s(doc), Title: metric.Name}, {Text: tr.name(unit)}}}
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
	tr := s.tr
	t := htmlTable{Class: "offices", Caption: tr.f("%s: per office (cases by the office of the filing commune, staff and work by the office whose clerks did it)", svc.Service),
		Groups: []htmlCell{{Text: "", Span: 1}}, Header: []htmlCell{{Text: tr.s("office")}}}
	for _, col := range cols {
		t.Groups = append(t.Groups, htmlCell{Text: tr.s(col.header), Span: len(s.Arms)})
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
			row.Cells[0].Text = name + tr.s(" — the staff cannot keep up in ") + tr.join(over)
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
func utilisationTable(f *fold, tr *translator) htmlTable {
	c, u := f.c, utilisations(f)
	t := htmlTable{Caption: tr.s("Busy share of offices: touch time ÷ the clerks' available time after leave and sickness (%), replications pooled"),
		Header: []htmlCell{{Text: tr.s("arm")}, {Text: tr.s("local offices"), Num: true}, {Text: tr.s("lowest (%)"), Num: true},
			{Text: tr.s("median (%)"), Num: true}, {Text: tr.s("highest (%)"), Num: true}, {Text: tr.s("other offices (%)")}}}
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
