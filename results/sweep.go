package results

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrNoSweepRows is returned for a Sweep without rows.
var ErrNoSweepRows = errors.New("results: sweep has no rows")

// Sweep is the outcome of a parameter sweep: per point, arm, service and
// metric the mean over replications with its 95 % half-width, and the
// paired relative change against the status quo at the same point.
type Sweep struct {
	Scenario string
	Seed     uint64
	// Replications is the number of replications per point and arm.
	Replications int
	// Mode is "grid" (every combination of the parameters' values) or
	// "one-at-a-time" (each parameter's values in turn, the others at the
	// scenario's values).
	Mode string
	// Params are the swept key paths, in order.
	Params []string
	// Rows list every point, arm, service and metric. The first arm in
	// Rows is the status quo (the baseline), as zsa sweep writes them.
	Rows []SweepRow
	// Lang is the language of the page and charts ("" is English).
	Lang Lang
}

// SweepRow is one point × arm × service × metric of a Sweep.
type SweepRow struct {
	// Point is the point's number from 0.
	Point int
	// Values hold one formatted value per parameter ("30d", "0.8"), ""
	// where a one-at-a-time point keeps the scenario's value.
	Values               []string
	Arm, Service, Metric string // Metric is a Metric's Name, e.g. "effort_min"
	// Mean is the mean over the replications, HalfWidth the half-width of
	// its 95 % confidence interval (NaN with one replication).
	Mean, HalfWidth float64
	// Rel is the paired relative change of the mean against the status
	// quo at the same point (−0.2 = −20 %), RelLo and RelHi the limits of
	// its 95 % confidence interval; all NaN for the status quo.
	Rel, RelLo, RelHi float64
}

// Sweep modes, the values of Sweep.Mode (those of the scenario's
// [sweep] mode).
const (
	sweepGrid       = "grid"
	sweepOneAtATime = "one-at-a-time"
)

// sweepKey finds a row of a sweep.
type sweepKey struct {
	point                int
	arm, service, metric string
}

// sweepIndex is a validated Sweep, indexed.
type sweepIndex struct {
	s        *Sweep
	arms     []string // in order of first appearance: the baseline first
	services []string // in order of first appearance
	points   []int    // ascending
	values   map[int][]string
	rows     map[sweepKey]*SweepRow
	short    []string // short names of the parameters
	tr       *translator
}

// has reports whether the sweep has rows of metric in service.
func (ix *sweepIndex) has(service, metric string) bool {
	for _, pt := range ix.points {
		for _, a := range ix.arms {
			if ix.rows[sweepKey{pt, a, service, metric}] != nil {
				return true
			}
		}
	}
	return false
}

// indexSweep validates s and indexes its rows.
func indexSweep(s *Sweep) (*sweepIndex, error) {
	if s == nil || len(s.Rows) == 0 {
		return nil, ErrNoSweepRows
	}
	if len(s.Params) == 0 {
		return nil, errors.New("results: sweep has no parameters")
	}
	if s.Mode != sweepGrid && s.Mode != sweepOneAtATime {
		return nil, fmt.Errorf("results: sweep mode %q: must be one of (%s|%s)", s.Mode, sweepGrid, sweepOneAtATime)
	}
	tr := newTranslator(s.Lang)
	ix := &sweepIndex{s: s, values: map[int][]string{}, rows: map[sweepKey]*SweepRow{}, short: paramLabels(s.Params, tr), tr: tr}
	for i := range s.Rows {
		r := &s.Rows[i]
		if len(r.Values) != len(s.Params) {
			return nil, fmt.Errorf("results: sweep row %d has %d values for %d parameters", i+1, len(r.Values), len(s.Params))
		}
		if r.Point < 0 {
			return nil, fmt.Errorf("results: sweep row %d: point %d is negative", i+1, r.Point)
		}
		if v, ok := ix.values[r.Point]; !ok {
			ix.values[r.Point] = r.Values
			ix.points = append(ix.points, r.Point)
		} else if !slices.Equal(v, r.Values) {
			return nil, fmt.Errorf("results: sweep row %d: point %d has values %q, earlier rows %q", i+1, r.Point+1, r.Values, v)
		}
		k := sweepKey{r.Point, r.Arm, r.Service, r.Metric}
		if ix.rows[k] != nil {
			return nil, fmt.Errorf("results: sweep row %d repeats point %d, arm %q, service %q, metric %q",
				i+1, r.Point+1, r.Arm, r.Service, r.Metric)
		}
		ix.rows[k] = r
		if !slices.Contains(ix.arms, r.Arm) {
			ix.arms = append(ix.arms, r.Arm)
		}
		if !slices.Contains(ix.services, r.Service) {
			ix.services = append(ix.services, r.Service)
		}
	}
	slices.Sort(ix.points)
	return ix, nil
}

// shortNames returns, for every key path, its shortest suffix of at least
// two dot-separated parts (all of it if it has fewer) that no other path
// ends in: "learning.rate" for "services.Wohngeld.learning.rate".
// paramLabels are the labels of the swept parameters: KeyLabel's, or
// where two would be the same or it knows none, shortNames'.
func paramLabels(names []string, t *translator) []string {
	short := shortNames(names)
	out := make([]string, len(names))
	seen := map[string]int{}
	for i, n := range names {
		out[i] = keyLabel(t, n)
		seen[out[i]]++
	}
	for i, n := range names {
		if l, _, _ := strings.Cut(n, ": "); out[i] == l || seen[out[i]] > 1 {
			out[i] = short[i]
		}
	}
	return out
}

func shortNames(names []string) []string {
	paths := make([]string, len(names))
	parts := make([][]string, len(paths))
	for i, n := range names {
		// A parameter that sets several keys is named "path: keys";
		// its short name comes from the path.
		paths[i], _, _ = strings.Cut(n, ": ")
		parts[i] = strings.Split(paths[i], ".")
	}
	suffix := func(i, k int) string {
		ps := parts[i]
		return strings.Join(ps[max(0, len(ps)-k):], ".")
	}
	out := make([]string, len(paths))
	for i := range paths {
		for k := 2; ; k++ {
			s := suffix(i, k)
			unique := true
			for j := range paths {
				if j != i && strings.HasSuffix("."+paths[j], "."+s) {
					unique = false
				}
			}
			if unique || k >= len(parts[i]) {
				out[i] = s
				break
			}
		}
	}
	return out
}
