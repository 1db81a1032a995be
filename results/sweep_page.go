package results

import (
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"zsa/sim/stats"
)

// WriteSweepReport writes the HTML page of a sweep: one self-contained
// page (the CSS of WriteReport, inline SVG plots, no scripts, no external
// resources) with what was swept (scenario, seed, replications, mode,
// parameters and their values), the plots of SweepPlots with captions,
// and per service a table of every point and arm: the metrics with their
// 95 % confidence intervals and the paired changes of effort and lead
// time against the baseline. Every text from the sweep is escaped
// (html/template). The same Sweep gives the same bytes. WriteSweepReport
// returns an error if s is malformed.
func WriteSweepReport(w io.Writer, s *Sweep) error {
	ix, err := indexSweep(s)
	if err != nil {
		return err
	}
	figs, err := SweepPlots(s)
	if err != nil {
		return err
	}
	t := newTranslator(s.Lang)
	d := sweepReportData{
		Lang:     string(English),
		T:        t,
		Title:    t.f("Sweep of scenario “%s”", s.Scenario),
		Scenario: s.Scenario,
		Seed:     s.Seed,
		CSS:      styleSheet("sweep.css"),
		Meta: []string{t.s("seed") + " " + strconv.FormatUint(s.Seed, 10),
			t.plural(s.Replications, "replication", "replications") + t.s(" per point and arm"),
			t.plural(len(ix.points), "point", "points"), t.s(s.Mode)},
		Swept:  sweptText(ix, t),
		Caveat: sweepCaveat(ix, t),
	}
	if t.german() {
		d.Lang = string(German)
	}
	for pi, p := range s.Params {
		var vals []string
		for _, pt := range ix.points {
			if v := ix.values[pt][pi]; v != "" && !slices.Contains(vals, v) {
				vals = append(vals, v)
			}
		}
		d.Params = append(d.Params, param{ix.short[pi] + " (" + p + ")", strings.Join(vals, ", ")})
	}
	if d.Groups, err = figureGroups(figs); err != nil {
		return err
	}
	for _, svc := range ix.services {
		d.Tables = append(d.Tables, sweepTable(ix, svc, t))
	}
	if t.german() {
		for _, p := range []*string{&d.Title, &d.Swept, &d.Caveat} {
			*p = t.num(*p)
		}
		for i := range d.Params {
			d.Params[i].Value = t.num(d.Params[i].Value)
		}
		for i := range d.Groups {
			for j := range d.Groups[i].Figures {
				f := &d.Groups[i].Figures[j]
				f.Title, f.Caption = t.num(f.Title), t.num(f.Caption)
			}
		}
		for i := range d.Tables {
			d.Tables[i].localise(t)
		}
	}
	return executePage(w, "sweep", &d)
}

// sweepReportData is what the sweep template shows.
type sweepReportData struct {
	Lang            string // the page's language, for <html lang>
	T               *translator
	Title, Scenario string
	Seed            uint64
	CSS             template.CSS
	Meta            []string
	Swept, Caveat   string
	Params          []param
	Groups          []figureGroup
	Tables          []htmlTable
}

// sweptText says in a paragraph what was swept.
func sweptText(ix *sweepIndex, t *translator) string {
	s := ix.s
	arms := make([]string, len(ix.arms))
	for i, a := range ix.arms {
		arms[i] = t.f("“%s”", t.name(a))
	}
	var b strings.Builder
	if len(arms) > 1 {
		b.WriteString(t.f("This page shows how the change of %s against %s (the baseline) depends on %s",
			t.join(arms[1:]), arms[0], t.plural(len(s.Params), "parameter", "parameters")))
	} else {
		b.WriteString(t.f("This page shows how %s depends on %s", arms[0], t.plural(len(s.Params), "parameter", "parameters")))
	}
	if s.Mode == sweepOneAtATime {
		b.WriteString(t.s(", varied one at a time: at each point one parameter takes a value, the others keep the scenario's values"))
	} else {
		b.WriteString(t.s(", varied together: every combination of their values"))
	}
	b.WriteString(t.f(" (%s in all), for %s: %s. ", t.plural(len(ix.points), "point", "points"),
		t.plural(len(ix.services), "service", "services"), t.join(ix.services)))
	b.WriteString(t.f("At every point each arm was simulated %s", t.plural(s.Replications, "time", "times")))
	if len(arms) > 1 {
		b.WriteString(t.s("; the arms are compared replication by replication (paired) at the same point"))
	}
	b.WriteString(t.f(". The scenario seed is %d.", s.Seed))
	return b.String()
}

// sweepCaveat says how to read the figures.
func sweepCaveat(ix *sweepIndex, t *translator) string {
	if ix.s.Replications < 2 {
		return t.s("How to read the figures: with a single replication per point there are no confidence " +
			"intervals, and changes are not tested against chance.")
	}
	return t.f("How to read the figures: every figure is the mean over the %d replications ± the "+
		"half-width of its 95 %% confidence interval; a change “vs %s” is the paired relative change with its "+
		"95 %% confidence interval [low, high]. Where that interval includes 0 (a whisker crosses the dotted "+
		"line), the simulation shows no clear change at that point.", ix.s.Replications, t.name(ix.arms[0]))
}

// sweepTable is every point and arm of service svc: the point's number
// (from 1, as in sweep.csv) and values, the metrics of tableColumns
// present in the sweep, and the paired changes of effort and mean lead
// time against the baseline.
func sweepTable(ix *sweepIndex, svc string, tr *translator) htmlTable {
	s := ix.s
	oat := s.Mode == sweepOneAtATime
	t := htmlTable{Class: "sweep", Caption: tr.f("%s, all offices", svc), Header: []htmlCell{{Text: tr.s("point"), Num: true}}}
	if oat {
		t.Header = append(t.Header, htmlCell{Text: tr.s("parameter")}, htmlCell{Text: tr.s("value")})
	} else {
		for _, p := range ix.short {
			t.Header = append(t.Header, htmlCell{Text: p})
		}
	}
	t.Header = append(t.Header, htmlCell{Text: tr.s("arm")})
	names := Metrics()
	present := map[string]bool{}
	for k := range ix.rows {
		if k.service == svc {
			present[k.metric] = true
		}
	}
	var cols []column
	for _, col := range append(caseColumns(tr), staffColumns(tr)...) {
		name := names[col.m].Name
		if !present[name] {
			continue
		}
		cols = append(cols, col)
		t.Header = append(t.Header, htmlCell{Text: col.header + " (" + col.unit + ")", Num: true})
		if name == "effort_min" || name == "lead_days" {
			t.Header = append(t.Header, htmlCell{Text: tr.f("vs %s (%%)", tr.name(ix.arms[0])), Num: true})
		}
	}
	for _, pt := range ix.points {
		vals := ix.values[pt]
		lead := []htmlCell{{Text: strconv.Itoa(pt + 1), Num: true}}
		if oat {
			name, value := tr.s("(scenario)"), ""
			for i, v := range vals {
				if v != "" {
					name, value = s.Params[i], v
					break // one value per point one at a time
				}
			}
			lead = append(lead, htmlCell{Text: name}, htmlCell{Text: value})
		} else {
			for _, v := range vals {
				lead = append(lead, htmlCell{Text: v})
			}
		}
		first := true
		for _, arm := range ix.arms {
			row := htmlRow{Cells: append(slices.Clone(lead), htmlCell{Text: tr.name(arm)})}
			if !first {
				// The point and its values only on its first row.
				for i := range lead {
					row.Cells[i].Text = ""
				}
			}
			found := false
			for _, col := range cols {
				name := names[col.m].Name
				r := ix.rows[sweepKey{pt, arm, svc, name}]
				mean, change := "", ""
				if r != nil {
					found = true
					mean = formatMean(stats.Summary{Mean: r.Mean, HalfWidth: r.HalfWidth}, col.scale)
					change = formatChange(r.Rel, r.RelLo, r.RelHi)
				}
				row.Cells = append(row.Cells, htmlCell{Text: mean, Num: true})
				if name == "effort_min" || name == "lead_days" {
					row.Cells = append(row.Cells, htmlCell{Text: change, Num: true})
				}
			}
			if found {
				if first {
					row.Class = "point"
				}
				first = false
				t.Rows = append(t.Rows, row)
			}
		}
	}
	return t
}

// Text returns the template's fixed text en in the page's language.
func (d *sweepReportData) Text(en string) string { return d.T.num(d.T.s(en)) }

// Footer is the page's last line.
func (d *sweepReportData) Footer() string {
	return d.T.f("Written by zsa for the sweep of scenario “%s”, seed %d.", d.Scenario, d.Seed)
}
