package results

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
)

// DecompositionFile is the page of a decomposition (zsa decompose).
const DecompositionFile = "decomposition.html"

// decompositionData is what the decomposition template shows.
type decompositionData struct {
	Lang            string // the page's language, for <html lang>
	T               *translator
	Title, Scenario string
	Seed            uint64
	CSS             template.CSS
	Meta, How       []string
	Tables          []htmlTable
	Groups          []figureGroup
}

// WriteDecompositionReport writes decomposition.html: one self-contained
// page with what the figures mean, a table per service and metric (each
// mechanism alone, added last, its Shapley value and share, "none of
// them" and the total) and the charts. Every text is escaped
// (html/template); the same Decomposition gives the same bytes.
func WriteDecompositionReport(w io.Writer, d *Decomposition) error {
	figs, err := DecompositionFigures(d)
	if err != nil {
		return err
	}
	t := newTranslator(d.Lang)
	data := decompositionData{
		Lang:     string(English),
		T:        t,
		Title:    t.f("What makes up the change of “%s”", t.name(d.Arm)),
		Scenario: d.Scenario, Seed: d.Seed, CSS: styleSheet(),
		Meta: []string{t.s("scenario") + " " + d.Scenario, t.s("seed") + " " + strconv.FormatUint(d.Seed, 10),
			t.plural(d.Replications, "replication", "replications") + t.s(" per combination"),
			t.f("%s of %s", t.plural(1<<len(d.Mechanisms), "combination", "combinations"), t.plural(len(d.Mechanisms), "mechanism", "mechanisms"))},
		How: []string{
			t.f("Every combination of the mechanisms (%s) switched on and off was run on the same replications, "+
				"with the same citizens (common random numbers). v(S) is the change of “%s” against the status quo with "+
				"the mechanisms in S on and the others off, as a share of the status quo's mean.", t.join(names(t, d.Mechanisms)), t.name(d.Arm)),
			t.s("Alone is v({m}) − v(∅): switching the mechanism on with every other off. Added last is v(all) − v(all without m). " +
				"The Shapley value (Shapley 1953) averages the mechanism's effect over every order of switching them on; " +
				"the Shapley values and “none of them” add up to the total, v(all): the arm's change with every mechanism on."),
			t.s("“None of them” is v(∅): what the arm changes with every listed mechanism off — its staff, hand-overs and " +
				"questions back, everything the mechanisms do not name. Where it is large and positive, the arm without its " +
				"mechanisms is much slower than the status quo (its staff cannot keep up), so each mechanism alone recovers " +
				"much of that, and an effect alone can exceed −100 % of the status quo's mean."),
			t.s("The total, like every value here, is the mean over the replications of each replication's change, so " +
				"that it splits into the mechanisms' parts replication by replication. zsa run and report.html give the " +
				"change of the means over the replications (a ratio of means): the two differ a little where the " +
				"replications differ in level."),
		},
	}
	if t.german() {
		data.Lang = string(German)
	}
	var services []string
	for _, r := range d.Rows {
		if !slices.Contains(services, r.Service) {
			services = append(services, r.Service)
		}
	}
	for _, svc := range services {
		for _, m := range decompositionMetrics() {
			rows := decompositionRows(d, svc, m.name)
			if len(rows) == 0 {
				continue
			}
			data.Tables = append(data.Tables, decompositionTable(svc, m, rows, t))
		}
	}
	if data.Groups, err = figureGroups(figs); err != nil {
		return err
	}
	if t.german() {
		data.Title = t.num(data.Title)
		for i := range data.How {
			data.How[i] = t.num(data.How[i])
		}
		for i := range data.Tables {
			data.Tables[i].localise(t)
		}
		for i := range data.Groups {
			for j := range data.Groups[i].Figures {
				f := &data.Groups[i].Figures[j]
				f.Title, f.Caption = t.num(f.Title), t.num(f.Caption)
			}
		}
	}
	return executePage(w, "decomposition", &data)
}

// decompositionTable is the table of one service and metric.
func decompositionTable(svc string, m plotMetric, rows []DecompositionRow, tr *translator) htmlTable {
	t := htmlTable{Caption: tr.f("%s: what makes up the change in %s (%% of the status quo's mean)", svc, tr.s(m.label)),
		Header: []htmlCell{{Text: tr.s("mechanism")}, {Text: tr.s("alone"), Num: true}, {Text: tr.s("added last"), Num: true},
			{Text: tr.s("Shapley value"), Num: true}, {Text: tr.s("share of the total"), Num: true}}}
	total := math.NaN()
	for _, r := range rows {
		if r.Mechanism == MechanismTotal {
			total = r.Shapley
		}
	}
	pct := func(x float64) string {
		if math.IsNaN(x) {
			return ""
		}
		return minus(fmt.Sprintf("%+.1f %%", 100*x))
	}
	for _, r := range rows {
		name := tr.name(r.Mechanism)
		switch r.Mechanism {
		case MechanismNone:
			name = tr.s("none of them")
		case MechanismTotal:
			name = tr.s("total")
		}
		value := pct(r.Shapley)
		if h := r.ShapleyHalfWidth; !math.IsNaN(h) {
			value += " ± " + fmt.Sprintf("%.1f", 100*h)
		}
		share := ""
		if total != 0 && !math.IsNaN(total) {
			share = minus(fmt.Sprintf("%.0f %%", 100*r.Shapley/total))
		}
		t.Rows = append(t.Rows, htmlRow{Cells: []htmlCell{{Text: name}, {Text: pct(r.Alone), Num: true}, {Text: pct(r.Last), Num: true},
			{Text: value, Num: true}, {Text: share, Num: true}}})
	}
	return t
}

// Text returns the template's fixed text en in the page's language.
func (d *decompositionData) Text(en string) string { return d.T.num(d.T.s(en)) }

// Footer is the page's last line.
func (d *decompositionData) Footer() string {
	return d.T.f("Written by zsa for the decomposition of scenario “%s”, seed %d.", d.Scenario, d.Seed)
}

// names returns the names ns in t's language where the catalogue knows
// them (the bundled scenarios' mechanisms).
func names(t *translator, ns []string) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = t.name(n)
	}
	return out
}
