package results

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"zsa/sim/stats"
)

// ReportFile is the name of the HTML report WriteAll writes.
const ReportFile = "report.html"

// WriteReport writes the HTML report of c: one self-contained page (inline
// CSS and SVG plots, no scripts, no external resources) that can be read
// on a screen, printed, and sent on. It has
//
//   - a paragraph on what was compared (arms, services, replications,
//     seed), the scenario's description and how to read the figures;
//   - the key results: every arm against the baseline, per service;
//   - the comparison table of every service (the numbers of WriteTable);
//   - the plots of Figures, with captions;
//   - per service, every metric of the service total with the paired
//     differences, and the main metrics per office (collapsed);
//   - the utilisation of offices;
//   - the run's parameters (seeds, version, hash, …) and the scenario text.
//
// Every text from the scenario is escaped (html/template). The same
// Comparison gives the same bytes. WriteReport returns an error if c is
// malformed.
func WriteReport(w io.Writer, c *Comparison) error {
	s, err := Summarize(c)
	if err != nil {
		return err
	}
	figs, err := Figures(c)
	if err != nil {
		return err
	}
	d := reportData{
		Title:        "Scenario “" + c.Scenario + "”: " + strings.Join(s.Arms, " compared with "),
		Scenario:     c.Scenario,
		Description:  strings.TrimSpace(c.Description),
		Compared:     comparedText(c, s),
		Caveat:       caveatText(s),
		ScenarioText: c.ScenarioText,
	}
	if len(s.Arms) > 2 {
		d.Title = "Scenario “" + c.Scenario + "”: " + s.Arms[0] + " compared with " +
			strings.Join(s.Arms[1:len(s.Arms)-1], ", ") + " and " + s.Arms[len(s.Arms)-1]
	}
	d.Meta = append(d.Meta, "seed "+strconv.FormatUint(c.Seed, 10),
		plural(s.Replications, "replication", "replications"))
	if c.Version != "" {
		d.Meta = append(d.Meta, "version "+c.Version)
	}
	if c.Hash != "" {
		d.Meta = append(d.Meta, "scenario SHA-256 "+short(c.Hash, 12))
	}
	d.Findings = findings(s)
	for _, svc := range s.Services {
		d.Summary = append(d.Summary, summaryTables(s, svc)...)
		d.Warnings = append(d.Warnings, overloadNotes(s, svc)...)
	}
	for _, col := range staffColumns() {
		d.Definitions = append(d.Definitions, param{col.header, col.def})
	}
	for _, f := range figs {
		svg, err := renderSVG(f.Plot)
		if err != nil {
			return fmt.Errorf("results: plot %s: %w", f.Name, err)
		}
		if i := bytes.Index(svg, []byte("<svg")); i >= 0 {
			svg = svg[i:] // drop the XML prolog and comment
		}
		if n := len(d.Groups); n == 0 || d.Groups[n-1].Heading != f.Group {
			d.Groups = append(d.Groups, figureGroup{Heading: f.Group})
		}
		g := &d.Groups[len(d.Groups)-1]
		// The SVG comes from vgsvg, which escapes its text.
		g.Figures = append(g.Figures, figureHTML{ID: "fig-" + f.Name, Title: f.Title,
			Caption: f.Caption, SVG: template.HTML(svg)})
	}
	d.Utilisation = utilisationTable(c)
	for i, svc := range s.Services {
		d.Services = append(d.Services, serviceSection{
			Name: svc.Service, ID: "service-" + strconv.Itoa(i+1),
			Total: metricsTable(s, svc), Offices: officesTable(s, svc),
			NOffices: len(svc.Offices) - 1,
		})
	}
	d.Params = parameters(c, s)
	t, err := template.New("report").Parse(reportTemplate)
	if err != nil {
		panic("results: report template: " + err.Error()) // a constant: programmer error
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// reportData is what the report template shows.
type reportData struct {
	Title, Scenario, Description string
	Meta                         []string
	Compared, Caveat             string
	Warnings                     []string
	Findings                     []finding
	Definitions                  []param
	Summary                      []htmlTable
	Groups                       []figureGroup
	Utilisation                  htmlTable
	Services                     []serviceSection
	Params                       []param
	ScenarioText                 string
}

// finding lists the main changes of one arm against the baseline in one
// service.
type finding struct {
	Service, Versus string
	Items           []string
}

type figureGroup struct {
	Heading string
	Figures []figureHTML
}

type figureHTML struct {
	ID, Title, Caption string
	SVG                template.HTML
}

type serviceSection struct {
	Name, ID string
	Total    htmlTable
	Offices  htmlTable
	NOffices int
}

type param struct{ Key, Value string }

// htmlTable is a table with an optional row of column groups above the
// header.
type htmlTable struct {
	Class   string // of the <table>
	Caption string
	Groups  []htmlCell // Span gives each group's width in columns
	Header  []htmlCell
	Rows    []htmlRow
}

type htmlRow struct {
	Class string
	Cells []htmlCell
}

type htmlCell struct {
	Text  string
	Title string // a tooltip
	Num   bool   // right-aligned, tabular figures
	Span  int
}

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
	for g, cols := range [][]column{caseColumns(), staffColumns()} {
		caption := svc.Service + ", all offices: cases"
		if g == 1 {
			caption = svc.Service + ", all offices: staff"
		}
		t := htmlTable{Caption: caption, Header: []htmlCell{{Text: "arm"}}}
		for _, col := range cols {
			t.Header = append(t.Header, htmlCell{Text: col.header + " (" + col.unit + ")", Title: col.def, Num: true})
		}
		for _, row := range textTable(s, svc, cols).Rows {
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
			for _, col := range append(caseColumns(), staffColumns()...) {
				base := total.Arms[0].Metrics[col.m].Value.Mean * col.scale
				ms := arm.Metrics[col.m]
				mean := ms.Value.Mean * col.scale
				if math.IsNaN(base) || math.IsNaN(mean) {
					continue
				}
				if col.m == mWithinLevel && base == 0 && mean == 0 {
					continue // no service level
				}
				item := col.label + ": " + withUnit(formatSig(base), col.unit) + " → " + withUnit(formatSig(mean), col.unit)
				// Relative change in %, or the difference in percentage
				// points for a share.
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
				f.Items = append(f.Items, item)
			}
			out = append(out, f)
		}
	}
	return out
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

// comparedText says in a paragraph what was compared.
func comparedText(c *Comparison, s *Summary) string {
	arms := make([]string, len(s.Arms))
	for i, a := range s.Arms {
		arms[i] = "“" + a + "”"
	}
	arms[0] += " (the baseline)"
	services := make([]string, len(s.Services))
	for i, svc := range s.Services {
		services[i] = svc.Service
	}
	var b strings.Builder
	fmt.Fprintf(&b, "This report compares %s: %s, for %s: %s. ",
		plural(len(s.Arms), "way of organising the work", "ways of organising the work"), join(arms),
		plural(len(s.Services), "service", "services"), join(services))
	fmt.Fprintf(&b, "Each was simulated %s", plural(s.Replications, "time", "times"))
	r0 := c.Arms[0].Results[0]
	if days := r0.YearShare * 365; days > 0 {
		fmt.Fprintf(&b, " (replications), each over a measured period of %s days after a warm-up", formatSig(days))
	} else {
		b.WriteString(" (replications)")
	}
	b.WriteString(". ")
	if len(s.Arms) > 1 {
		b.WriteString("A replication uses the same random numbers in every arm — the same citizens file the same " +
			"applications at the same times — so the arms are compared replication by replication (paired). ")
	}
	fmt.Fprintf(&b, "The scenario seed is %d; the seed of every replication is listed under “Scenario and run”.", c.Seed)
	return b.String()
}

// caveatText says how to read the figures.
func caveatText(s *Summary) string {
	if s.Replications < 2 {
		return "How to read the figures: with a single replication, every figure is the result of that one " +
			"run; there are no confidence intervals, and changes are not tested against chance."
	}
	return fmt.Sprintf("How to read the figures: every figure is the mean over the %d replications ± the "+
		"half-width of its 95 %% confidence interval. A change “vs %s” is the paired relative change of the "+
		"means with its 95 %% confidence interval [low, high]; where that interval includes 0, the simulation "+
		"shows no clear change.", s.Replications, s.Arms[0])
}

// parameters lists the run's parameters.
func parameters(c *Comparison, s *Summary) []param {
	na := func(v string) string {
		if v == "" {
			return "(not recorded)"
		}
		return v
	}
	seeds := make([]string, len(s.Seeds))
	for i, x := range s.Seeds {
		seeds[i] = strconv.FormatUint(x, 10)
	}
	arms := append([]string{s.Arms[0] + " (baseline)"}, s.Arms[1:]...)
	services := make([]string, len(s.Services))
	for i, svc := range s.Services {
		services[i] = svc.Service
	}
	ps := []param{
		{"scenario", c.Scenario},
		{"description", na(strings.TrimSpace(c.Description))},
		{"scenario SHA-256", na(c.Hash)},
		{"seed", strconv.FormatUint(c.Seed, 10)},
		{"replications", strconv.Itoa(s.Replications)},
		{"replication seeds", strings.Join(seeds, ", ")},
		{"arms", strings.Join(arms, ", ")},
		{"services", strings.Join(services, ", ")},
	}
	u := utilisations(c)
	var local, other []string
	for i, o := range u.names {
		if u.extra[i] {
			other = append(other, o)
		} else {
			local = append(local, o)
		}
	}
	offices := strconv.Itoa(len(local))
	if len(local) <= 12 {
		offices += " (" + strings.Join(local, ", ") + ")"
	}
	ps = append(ps, param{"local offices", offices})
	if len(other) > 0 {
		ps = append(ps, param{"offices only some arms have (ZSA)", strings.Join(other, ", ")})
	}
	var clerks []string
	for _, a := range c.Arms {
		clerks = append(clerks, a.Name+": "+strconv.Itoa(len(a.Results[0].Clerks)))
	}
	ps = append(ps, param{"clerks", strings.Join(clerks, "; ")})
	r0 := c.Arms[0].Results[0]
	if r0.YearShare > 0 {
		ps = append(ps, param{"measured period", formatSig(r0.YearShare*365) + " days (after the warm-up)"})
	}
	if r0.FTEMinutes > 0 {
		ps = append(ps, param{"working time of one FTE in that period", formatSig(r0.FTEMinutes.Hours()) + " h"})
	}
	if r0.CostPerFTE > 0 {
		ps = append(ps, param{"cost per FTE and year", strconv.FormatFloat(r0.CostPerFTE, 'f', -1, 64) + " EUR"})
	}
	ps = append(ps, param{"program version", na(c.Version)})
	return ps
}

// formatDiff formats a paired difference scaled by scale as
// "+mean ± half-width" (formatMean with an explicit sign and minus signs).
func formatDiff(d stats.Summary, scale float64) string {
	s := formatMean(d, scale)
	if s != "" && !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	return minus(s)
}

// withUnit appends unit to the number x: "12 min", "92 %".
func withUnit(x, unit string) string {
	if unit == "" {
		return x
	}
	return x + " " + unit
}

// plural returns "1 thing" or "n things".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// join joins words as "a", "a and b", "a, b and c".
func join(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

// short returns the first n bytes of s (all of it if shorter).
func short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// reportTemplate is the page; reportData fills it.
const reportTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font: 15px/1.5 "Liberation Sans", Arial, Helvetica, sans-serif; color: #1a1a1a; background: #fff;
  max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.65em; line-height: 1.25; margin: 0 0 .25em; }
h2 { font-size: 1.3em; margin: 2em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid #0072B2; }
h3 { font-size: 1.08em; margin: 1.4em 0 .4em; }
p, ul { max-width: 62em; }
.meta { color: #555; margin: 0 0 1em; }
.meta span + span::before { content: " · "; }
nav { font-size: .92em; margin: 1em 0; }
nav a { color: #0072B2; margin-right: 1.2em; }
.description { font-style: italic; }
.caveat { background: #fff7e0; border-left: 4px solid #E69F00; padding: .5em .9em; }
.findings li { margin: .2em 0; }
.findings h3 { margin-top: 1em; }
.tablewrap { overflow-x: auto; margin: .4em 0 1.4em; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding: .2em 0 .4em; }
th, td { padding: .28em .65em; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
thead th { background: #eef3f7; border-bottom: 2px solid #b9c7d3; }
th.num, td.num { text-align: right; }
td.num { white-space: nowrap; }
table.measures tbody th { font-weight: normal; min-width: 16em; }
tr.change td { background: #f7f7f7; font-style: italic; }
tr.overloaded th, tr.overloaded td { background: #fde8e8; }
.warnings { background: #fde8e8; border-left: 4px solid #D55E00; padding: .5em .9em; }
.warnings li { margin: .3em 0; }
dl.defs { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1.2em; font-size: .95em; }
dl.defs dt { font-weight: bold; }
dl.defs dd { margin: 0; }
figure { margin: .5em 0 2em; }
figure svg { display: block; width: 100%; height: auto; max-width: 780px; }
figcaption { font-size: .92em; color: #333; max-width: 780px; margin-top: .3em; }
figcaption b { color: #1a1a1a; }
details { margin: .4em 0 1.2em; }
summary { cursor: pointer; color: #0072B2; }
dl.params { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1.2em; }
dl.params dt { font-weight: bold; }
dl.params dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; border: 1px solid #ddd;
  padding: .8em 1em; font: 12px/1.4 "Liberation Mono", "DejaVu Sans Mono", monospace; }
footer { margin-top: 3em; color: #666; font-size: .85em; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  nav, details { display: none; }
  #run { break-before: page; }
  h2, h3, caption { break-after: avoid; }
  figure, .summary table, .findings section { break-inside: avoid; }
  figure svg { max-width: 15cm; }
  .tablewrap { overflow: visible; }
  th, td { padding: .15em .4em; }
  pre { font-size: 7.5pt; }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="meta">{{range .Meta}}<span>{{.}}</span>{{end}}</p>
</header>
<nav><a href="#compared">What was compared</a><a href="#results">Key results</a><a href="#summary">Summary tables</a><a href="#charts">Charts</a><a href="#services">Per service</a><a href="#run">Scenario and run</a></nav>

<section id="compared">
<h2>What was compared</h2>
<p>{{.Compared}}</p>
{{if .Description}}<p class="description">{{.Description}}</p>
{{end}}<p class="caveat">{{.Caveat}}</p>
</section>

<section id="results" class="findings">
<h2>Key results</h2>
{{if .Warnings}}<div class="warnings"><p><b>Not in steady state.</b> Where the staff cannot keep up, queues grow until the end of the run: the averages below then describe a growing queue, not a level the organisation would keep.</p>
<ul>{{range .Warnings}}
<li>{{.}}</li>{{end}}
</ul></div>
{{end}}{{range .Findings}}<section>
<h3>{{.Service}}: {{.Versus}}</h3>
<ul>{{range .Items}}
<li>{{.}}</li>{{end}}
</ul>
</section>
{{else}}<p>There is only one arm: nothing to compare it with.</p>
{{end}}</section>

<section id="summary" class="summary">
<h2>Summary tables</h2>
<p>Service totals over all offices. Mean ± half-width of the 95 % confidence interval over the replications; the rows “vs” give the paired relative change of the means with its 95 % confidence interval.</p>
{{range .Summary}}{{template "table" .}}{{end}}<dl class="defs">
{{range .Definitions}}<dt>{{.Key}}</dt><dd>{{.Value}}.</dd>
{{end}}</dl>
</section>

<section id="charts">
<h2>Charts</h2>
{{range .Groups}}<h3>{{.Heading}}</h3>
{{range .Figures}}<figure id="{{.ID}}">
{{.SVG}}<figcaption><b>{{.Title}}.</b> {{.Caption}}</figcaption>
</figure>
{{end}}{{end}}{{template "table" .Utilisation}}</section>

<section id="services">
<h2>Per service</h2>
{{range .Services}}<section id="{{.ID}}">
<h3>{{.Name}}</h3>
{{template "table" .Total}}{{if .NOffices}}<details>
<summary>{{.Name}} per office ({{.NOffices}} offices)</summary>
{{template "table" .Offices}}</details>
{{end}}</section>
{{end}}</section>

<section id="run">
<h2>Scenario and run</h2>
<dl class="params">
{{range .Params}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>
{{end}}</dl>
<h3>Scenario file</h3>
{{if .ScenarioText}}<pre>{{.ScenarioText}}</pre>
{{else}}<p>The scenario text was not recorded with this run; its SHA-256 above identifies it.</p>
{{end}}</section>

<footer>Written by zsa for scenario “{{.Scenario}}”. The numbers behind this report are in summary.json and the CSV files next to it.</footer>
</body>
</html>
{{define "table"}}<div class="tablewrap"><table{{if .Class}} class="{{.Class}}"{{end}}>
<caption>{{.Caption}}</caption>
<thead>
{{if .Groups}}<tr>{{range .Groups}}<th colspan="{{.Span}}"{{if .Text}} scope="colgroup"{{end}}>{{.Text}}</th>{{end}}</tr>
{{end}}<tr>{{range .Header}}<th scope="col"{{if .Num}} class="num"{{end}}>{{.Text}}</th>{{end}}</tr>
</thead>
<tbody>
{{range .Rows}}<tr{{if .Class}} class="{{.Class}}"{{end}}>{{range $i, $c := .Cells}}{{if eq $i 0}}<th scope="row"{{if $c.Title}} title="{{$c.Title}}"{{end}}>{{$c.Text}}</th>{{else}}<td{{if $c.Num}} class="num"{{end}}>{{$c.Text}}</td>{{end}}{{end}}</tr>
{{end}}</tbody>
</table></div>
{{end}}`
