package results

import (
	"cmp"
	"math"
	"slices"
)

// mechanismSection is the report's section on what makes up the arm's
// change, when the comparison carries a decomposition: a table and a chart
// per service and metric, as decomposition.html has them.
type mechanismSection struct {
	Arm    string
	Tables []htmlTable
	Groups []figureGroup
}

// mechanisms builds the section of d, nil without one.
func mechanisms(d *Decomposition, t *translator) (*mechanismSection, error) {
	if d == nil || len(d.Rows) == 0 {
		return nil, nil
	}
	sec := &mechanismSection{Arm: t.name(d.Arm)}
	for _, svc := range decompositionServices(d) {
		for _, m := range decompositionMetrics() {
			if rows := decompositionRows(d, svc, m.name); len(rows) > 0 {
				sec.Tables = append(sec.Tables, decompositionTable(svc, m, rows, t))
			}
		}
	}
	figs, err := DecompositionFigures(d)
	if err != nil {
		return nil, err
	}
	rendered, err := renderFigures(figs)
	if err != nil {
		return nil, err
	}
	sec.Groups = renderedGroups(rendered)
	return sec, nil
}

// decompositionServices are the services of d's rows, in order.
func decompositionServices(d *Decomposition) []string {
	var out []string
	for _, r := range d.Rows {
		if !slices.Contains(out, r.Service) {
			out = append(out, r.Service)
		}
	}
	return out
}

// mechanismWhy says, per service, which mechanisms make up most of the
// change of the mean lead time: the three largest Shapley values (and
// "none of them" where it is among them), with their share of the total.
func mechanismWhy(d *Decomposition, t *translator) []string {
	if d == nil {
		return nil
	}
	var out []string
	for _, svc := range decompositionServices(d) {
		rows := decompositionRows(d, svc, MetricLeadDays)
		total := math.NaN()
		var parts []DecompositionRow
		for _, r := range rows {
			switch r.Mechanism {
			case MechanismTotal:
				total = r.Shapley
			default:
				parts = append(parts, r)
			}
		}
		if math.IsNaN(total) || total == 0 || len(parts) == 0 {
			continue
		}
		slices.SortStableFunc(parts, func(a, b DecompositionRow) int { return cmp.Compare(math.Abs(b.Shapley), math.Abs(a.Shapley)) })
		var items []string
		for _, r := range parts[:min(3, len(parts))] {
			name := t.name(r.Mechanism)
			if r.Mechanism == MechanismNone {
				name = t.s("none of them")
			}
			items = append(items, t.f("%s %s (%s of the change)", name, formatChangePlain(r.Shapley), minus(formatSig(100*r.Shapley/total))+" %"))
		}
		out = append(out, t.f("%s, mean lead time %s with %s; the largest parts: %s.", svc, formatChangePlain(total), t.name(d.Arm), t.join(items)))
	}
	return out
}

// formatChangePlain formats a relative change x as "−24.9 %".
func formatChangePlain(x float64) string {
	return formatChange(x, math.NaN(), math.NaN())
}
