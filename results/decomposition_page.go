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
	data := decompositionData{
		Title:    "What makes up the change of “" + d.Arm + "”",
		Scenario: d.Scenario, Seed: d.Seed, CSS: styleSheet(),
		Meta: []string{"scenario " + d.Scenario, "seed " + strconv.FormatUint(d.Seed, 10),
			plural(d.Replications, "replication", "replications") + " per combination",
			plural(1<<len(d.Mechanisms), "combination", "combinations") + " of " + plural(len(d.Mechanisms), "mechanism", "mechanisms")},
		How: []string{
			fmt.Sprintf("Every combination of the mechanisms (%s) switched on and off was run on the same replications, "+
				"with the same citizens (common random numbers). v(S) is the change of “%s” against the status quo with "+
				"the mechanisms in S on and the others off, as a share of the status quo's mean.", join(d.Mechanisms), d.Arm),
			"Alone is v({m}) − v(∅): switching the mechanism on with every other off. Added last is v(all) − v(all without m). " +
				"The Shapley value (Shapley 1953) averages the mechanism's effect over every order of switching them on; " +
				"the Shapley values and “none of them” add up to the total, v(all): the arm's change with every mechanism on.",
			"“None of them” is v(∅): what the arm changes with every listed mechanism off — its staff, hand-overs and " +
				"questions back, everything the mechanisms do not name. Where it is large and positive, the arm without its " +
				"mechanisms is much slower than the status quo (its staff cannot keep up), so each mechanism alone recovers " +
				"much of that, and an effect alone can exceed −100 % of the status quo's mean.",
		},
	}
	var services []string
	for _, r := range d.Rows {
		if !slices.Contains(services, r.Service) {
			services = append(services, r.Service)
		}
	}
	for _, svc := range services {
		for _, m := range plotMetrics() {
			rows := decompositionRows(d, svc, m.name)
			if len(rows) == 0 {
				continue
			}
			data.Tables = append(data.Tables, decompositionTable(svc, m, rows))
		}
	}
	if data.Groups, err = figureGroups(figs); err != nil {
		return err
	}
	return executePage(w, "decomposition", data)
}

// decompositionTable is the table of one service and metric.
func decompositionTable(svc string, m plotMetric, rows []DecompositionRow) htmlTable {
	t := htmlTable{Caption: svc + ": what makes up the change in " + m.label + " (% of the status quo's mean)",
		Header: []htmlCell{{Text: "mechanism"}, {Text: "alone", Num: true}, {Text: "added last", Num: true},
			{Text: "Shapley value", Num: true}, {Text: "share of the total", Num: true}}}
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
		name := r.Mechanism
		switch name {
		case MechanismNone:
			name = "none of them"
		case MechanismTotal:
			name = "total"
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
