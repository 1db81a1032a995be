package results

import (
	"fmt"
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
	d := sweepReportData{
		Title:    "Sweep of scenario “" + s.Scenario + "”",
		Scenario: s.Scenario,
		Seed:     s.Seed,
		CSS:      styleSheet("sweep.css"),
		Meta: []string{"seed " + strconv.FormatUint(s.Seed, 10),
			plural(s.Replications, "replication", "replications") + " per point and arm",
			plural(len(ix.points), "point", "points"), s.Mode},
		Swept:  sweptText(ix),
		Caveat: sweepCaveat(ix),
	}
	for pi, p := range s.Params {
		var vals []string
		for _, pt := range ix.points {
			if v := ix.values[pt][pi]; v != "" && !slices.Contains(vals, v) {
				vals = append(vals, v)
			}
		}
		d.Params = append(d.Params, param{p, strings.Join(vals, ", ")})
	}
	if d.Groups, err = figureGroups(figs); err != nil {
		return err
	}
	for _, svc := range ix.services {
		d.Tables = append(d.Tables, sweepTable(ix, svc))
	}
	return executePage(w, "sweep", d)
}

// sweepReportData is what the sweep template shows.
type sweepReportData struct {
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
func sweptText(ix *sweepIndex) string {
	s := ix.s
	arms := make([]string, len(ix.arms))
	for i, a := range ix.arms {
		arms[i] = "“" + a + "”"
	}
	var b strings.Builder
	if len(arms) > 1 {
		fmt.Fprintf(&b, "This page shows how the change of %s against %s (the baseline) depends on %s",
			join(arms[1:]), arms[0], plural(len(s.Params), "parameter", "parameters"))
	} else {
		fmt.Fprintf(&b, "This page shows how %s depends on %s", arms[0], plural(len(s.Params), "parameter", "parameters"))
	}
	if s.Mode == sweepOneAtATime {
		b.WriteString(", varied one at a time: at each point one parameter takes a value, the others keep the scenario's values")
	} else {
		b.WriteString(", varied together: every combination of their values")
	}
	fmt.Fprintf(&b, " (%s in all), for %s: %s. ", plural(len(ix.points), "point", "points"),
		plural(len(ix.services), "service", "services"), join(ix.services))
	fmt.Fprintf(&b, "At every point each arm was simulated %s", plural(s.Replications, "time", "times"))
	if len(arms) > 1 {
		b.WriteString("; the arms are compared replication by replication (paired) at the same point")
	}
	fmt.Fprintf(&b, ". The scenario seed is %d.", s.Seed)
	return b.String()
}

// sweepCaveat says how to read the figures.
func sweepCaveat(ix *sweepIndex) string {
	if ix.s.Replications < 2 {
		return "How to read the figures: with a single replication per point there are no confidence " +
			"intervals, and changes are not tested against chance."
	}
	return fmt.Sprintf("How to read the figures: every figure is the mean over the %d replications ± the "+
		"half-width of its 95 %% confidence interval; a change “vs %s” is the paired relative change with its "+
		"95 %% confidence interval [low, high]. Where that interval includes 0 (a whisker crosses the dotted "+
		"line), the simulation shows no clear change at that point.", ix.s.Replications, ix.arms[0])
}

// sweepTable is every point and arm of service svc: the point's number
// (from 1, as in sweep.csv) and values, the metrics of tableColumns
// present in the sweep, and the paired changes of effort and mean lead
// time against the baseline.
func sweepTable(ix *sweepIndex, svc string) htmlTable {
	s := ix.s
	oat := s.Mode == sweepOneAtATime
	t := htmlTable{Class: "sweep", Caption: svc + ", all offices", Header: []htmlCell{{Text: "point", Num: true}}}
	if oat {
		t.Header = append(t.Header, htmlCell{Text: "parameter"}, htmlCell{Text: "value"})
	} else {
		for _, p := range ix.short {
			t.Header = append(t.Header, htmlCell{Text: p})
		}
	}
	t.Header = append(t.Header, htmlCell{Text: "arm"})
	names := Metrics()
	present := map[string]bool{}
	for k := range ix.rows {
		if k.service == svc {
			present[k.metric] = true
		}
	}
	var cols []column
	for _, col := range append(caseColumns(nil), staffColumns(nil)...) {
		name := names[col.m].Name
		if !present[name] {
			continue
		}
		cols = append(cols, col)
		t.Header = append(t.Header, htmlCell{Text: col.header + " (" + col.unit + ")", Num: true})
		if name == "effort_min" || name == "lead_days" {
			t.Header = append(t.Header, htmlCell{Text: "vs " + ix.arms[0] + " (%)", Num: true})
		}
	}
	for _, pt := range ix.points {
		vals := ix.values[pt]
		lead := []htmlCell{{Text: strconv.Itoa(pt + 1), Num: true}}
		if oat {
			name, value := "(scenario)", ""
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
			row := htmlRow{Cells: append(slices.Clone(lead), htmlCell{Text: arm})}
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
