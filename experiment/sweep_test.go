package experiment

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"zsa/models"
	"zsa/results"
)

// The collector hands each point's results over once, in job order, as
// soon as the last of them is in, whatever order they come in.
func TestCollectorReducesEachPointOnce(t *testing.T) {
	t.Parallel()
	const points, per = 4, 6
	res := make([]*models.Result, points*per)
	for j := range res {
		res[j] = &models.Result{Seed: uint64(j)}
	}
	order := rand.New(rand.NewPCG(3, 4)).Perm(len(res))
	var reduced []int
	c := newCollector(points, per, func(i int, got []*models.Result) {
		if !slices.Equal(got, res[i*per:(i+1)*per]) {
			t.Errorf("point %d: results out of job order", i)
		}
		reduced = append(reduced, i)
	})
	seen := map[int]bool{}
	for k, j := range order {
		c.add(j, res[j])
		seen[j/per] = true
		// A point is reduced exactly when its last result came in.
		for i := range points {
			n := 0
			for _, jj := range order[:k+1] {
				if jj/per == i {
					n++
				}
			}
			if c.complete(i) != (n == per) || slices.Contains(reduced, i) != (n == per) {
				t.Fatalf("after %d results: point %d has %d of %d, complete %v", k+1, i, n, per, c.complete(i))
			}
		}
	}
	if len(reduced) != points {
		t.Errorf("reduced %v, want every point once", reduced)
	}
	for i := range points {
		if c.pending[i] != nil {
			t.Errorf("point %d: results kept after reduction", i)
		}
	}
}

// rowsText formats points for comparison (NaN equals NaN here).
func rowsText(points []SweepPoint) string { return fmt.Sprintf("%+v", points) }

// A sweep's points: one per grid point with the point's values, a row per
// arm and metric, and each the same as replicating the point's scenario
// alone and summarising it. One worker or two give the same points.
func TestSweepReducesPoints(t *testing.T) {
	t.Parallel()
	sc := load(t, "teaching", 2)
	points, err := Sweep(t.Context(), sc, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	one, err := Sweep(t.Context(), sc, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rowsText(points) != rowsText(one) {
		t.Error("points differ between 1 and 2 workers")
	}
	values := sc.Points()
	if len(points) != len(values) {
		t.Fatalf("%d points, want %d", len(points), len(values))
	}
	metrics := SweepMetrics()
	for i, pt := range points {
		if pt.Index != i || !slices.Equal(pt.Values, values[i]) {
			t.Errorf("point %d: index %d, values %v, want %v", i, pt.Index, pt.Values, values[i])
		}
		if len(pt.Rows) != len(sc.Arms)*len(metrics) { // teaching has one service
			t.Fatalf("point %d: %d rows, want %d", i, len(pt.Rows), len(sc.Arms)*len(metrics))
		}
		at, err := sc.At(pt.Values)
		if err != nil {
			t.Fatal(err)
		}
		// A point is built from the file; the sweep runs it with sc's
		// seed and replications (which flags may have changed).
		at.Seed, at.Replications = sc.Seed, sc.Replications
		cmp, err := Replicate(t.Context(), at, Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := results.Summarize(cmp)
		if err != nil {
			t.Fatal(err)
		}
		k := 0
		for a, arm := range sum.Services[0].Offices[0].Arms {
			for _, m := range arm.Metrics {
				if !slices.Contains(metrics, m.Name) {
					continue
				}
				r := pt.Rows[k]
				k++
				if r.Arm != at.Arms[a].Name || r.Service != sum.Services[0].Service || r.Metric != m.Name {
					t.Fatalf("point %d row %d: %s %s %s, want %s %s %s", i, k, r.Arm, r.Service, r.Metric, at.Arms[a].Name, sum.Services[0].Service, m.Name)
				}
				if !same(r.Mean, m.Value.Mean) || !same(r.HalfWidth, m.Value.HalfWidth) || r.Overloaded != arm.Steady.Overloaded {
					t.Errorf("point %d %s %s: %v ± %v, want %v ± %v", i, r.Arm, r.Metric, r.Mean, r.HalfWidth, m.Value.Mean, m.Value.HalfWidth)
				}
				if a == 0 && !math.IsNaN(r.Rel) || a > 0 && !same(r.Rel, m.Paired.Rel) {
					t.Errorf("point %d %s %s: relative change %v", i, r.Arm, r.Metric, r.Rel)
				}
			}
		}
	}
	// For the plots: parameters and values by their labels.
	out := SweepOutput(sc, points)
	if len(out.Rows) != len(points)*len(points[0].Rows) || !slices.Equal(out.Params, []string{sc.Sweep[0].Path, sc.Sweep[1].Path}) {
		t.Errorf("SweepOutput: %d rows, params %v", len(out.Rows), out.Params)
	}
	if r := out.Rows[len(out.Rows)-1]; r.Point != len(points)-1 || !slices.Equal(r.Values, []string{"2", "0.9"}) {
		t.Errorf("SweepOutput: last row at point %d with values %v, want 3 and [2 0.9]", r.Point, r.Values)
	}
}

// same reports whether a and b are equal, NaN equal to NaN.
func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
