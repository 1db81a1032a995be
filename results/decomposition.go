package results

import (
	"errors"
	"slices"
)

// ErrNoDecompositionRows is returned for a Decomposition without rows.
var ErrNoDecompositionRows = errors.New("results: decomposition has no rows")

// Decomposition attributes an arm's change to mechanisms: for every
// service and metric, the relative change of the arm against the status
// quo split into a Shapley value per mechanism and the change that remains
// with all of them switched off (Shapley 1953; see zsa decompose).
type Decomposition struct {
	Scenario, Arm string
	Seed          uint64
	// Replications is the number of replications per combination of
	// mechanisms.
	Replications int
	// Mechanisms are the mechanisms' names, in the order to show them.
	Mechanisms []string
	Rows       []DecompositionRow
	// Lang is the language of the page and charts ("" is English).
	Lang Lang
}

// DecompositionRow is the attribution of one mechanism (or the rest, or
// the total) for one service and metric of a Decomposition.
type DecompositionRow struct {
	Service, Metric string // Metric is a Metric's Name, e.g. "effort_min"
	// Mechanism is one of Decomposition.Mechanisms, "(none)" for the
	// change with every mechanism off, or "(total)" for the change with
	// all on. The Shapley values of the mechanisms and (none) add up to
	// (total).
	Mechanism string
	// Shapley is the mechanism's Shapley value, a relative change
	// (−0.2 = −20 %), for (none) and (total) the change itself;
	// ShapleyHalfWidth is the half-width of its 95 % confidence interval
	// over the replications.
	Shapley, ShapleyHalfWidth float64
	// Alone is the change of switching the mechanism on alone,
	// v({m}) − v(∅), Last that of switching it on last, v(all) −
	// v(all∖{m}); both NaN for (none) and (total).
	Alone, Last float64
}

// Names of the rows of a Decomposition that are no mechanism.
const (
	MechanismNone  = "(none)"
	MechanismTotal = "(total)"
)

// decompositionRows returns the rows of d for service and metric: the
// mechanisms in the order of d.Mechanisms, then any other mechanisms in
// the order of d.Rows, then (none), then (total).
func decompositionRows(d *Decomposition, service, metric string) []DecompositionRow {
	var rows []DecompositionRow
	for _, r := range d.Rows {
		if r.Service == service && r.Metric == metric {
			rows = append(rows, r)
		}
	}
	rank := func(r DecompositionRow) int {
		switch r.Mechanism {
		case MechanismNone:
			return len(d.Mechanisms) + 1
		case MechanismTotal:
			return len(d.Mechanisms) + 2
		}
		if i := slices.Index(d.Mechanisms, r.Mechanism); i >= 0 {
			return i
		}
		return len(d.Mechanisms)
	}
	slices.SortStableFunc(rows, func(a, b DecompositionRow) int { return rank(a) - rank(b) })
	return rows
}
