package experiment

import (
	"math"
	"slices"
	"testing"

	"zsa/results"
	"zsa/scenarios"
)

// The decomposition of a 2-mechanism toy, by hand. Two replications of the
// effect v(S) (∅, {process}, {IT}, {process, IT}):
//
//	rep 0: −0.05, −0.30, −0.10, −0.40
//	rep 1: −0.15, −0.30, −0.20, −0.40
//
// process: alone −0.25 and −0.15, last −0.30 and −0.20, Shapley (the mean
// of alone and last for two players) −0.275 and −0.175; IT: alone −0.05
// and −0.05, last −0.10 and −0.10, Shapley −0.075 and −0.075; rest (none)
// −0.05 and −0.15; total −0.40 both.
func TestAttributeTwoMechanisms(t *testing.T) {
	t.Parallel()
	games := []Game{{-0.05, -0.30, -0.10, -0.40}, {-0.15, -0.30, -0.20, -0.40}}
	a := attribute("Wohngeld", results.MetricEffortMin, []string{"process", "IT"}, games)
	mean := func(x, y float64) float64 { return (x + y) / 2 }
	want := []struct {
		alone, last, shapley float64
	}{
		{mean(-0.25, -0.15), mean(-0.30, -0.20), mean(-0.275, -0.175)},
		{-0.05, -0.10, -0.075},
	}
	if len(a.Effects) != 2 || a.Effects[0].Mechanism != "process" || a.Effects[1].Mechanism != "IT" {
		t.Fatalf("effects %+v", a.Effects)
	}
	for i, w := range want {
		e := a.Effects[i]
		for _, c := range []struct {
			what      string
			got, want float64
		}{{"alone", e.Alone.Mean, w.alone}, {"last", e.Last.Mean, w.last}, {"Shapley", e.Shapley.Mean, w.shapley}} {
			if math.Abs(c.got-c.want) > 1e-15 {
				t.Errorf("%s: %s = %v, want %v", e.Mechanism, c.what, c.got, c.want)
			}
		}
		if e.Shapley.N != 2 {
			t.Errorf("%s: Shapley over %d replications, want 2", e.Mechanism, e.Shapley.N)
		}
	}
	if math.Abs(a.None.Mean-(-0.10)) > 1e-15 || a.Total.Mean != -0.40 || a.Total.HalfWidth != 0 {
		t.Errorf("none %v, total %v ± %v; want −0.10 and −0.40 ± 0", a.None.Mean, a.Total.Mean, a.Total.HalfWidth)
	}
	// Efficiency: the Shapley values and the rest add up to the total.
	if sum := a.Effects[0].Shapley.Mean + a.Effects[1].Shapley.Mean + a.None.Mean; math.Abs(sum-a.Total.Mean) > 1e-15 {
		t.Errorf("Shapley values and rest add up to %v, want %v", sum, a.Total.Mean)
	}

	// For the plots: a row per mechanism, then (none) and (total).
	sc := &scenarios.Scenario{Name: "toy", Seed: 7, Replications: 2, Mechanisms: []string{"process", "IT"},
		Arms: load(t, "pilot-2025", 2).Arms, DecomposedArm: 1}
	out := DecompositionOutput(sc, []Attribution{a})
	var names []string
	for _, r := range out.Rows {
		names = append(names, r.Mechanism)
	}
	if !slices.Equal(names, []string{"process", "IT", results.MechanismNone, results.MechanismTotal}) {
		t.Errorf("rows %v", names)
	}
	if r := out.Rows[0]; r.Shapley != a.Effects[0].Shapley.Mean || r.Alone != a.Effects[0].Alone.Mean || r.Service != "Wohngeld" {
		t.Errorf("first row %+v", r)
	}
	if r := out.Rows[3]; r.Shapley != -0.40 || !math.IsNaN(r.Alone) || !math.IsNaN(r.Last) {
		t.Errorf("total row %+v", r)
	}
	if out.Arm != sc.Arms[1].Name || out.Seed != 7 {
		t.Errorf("decomposition of arm %q, seed %d", out.Arm, out.Seed)
	}
}

// The pilot's decomposition: an attribution per service and metric whose
// Shapley values add up, in every replication, to the change with all
// mechanisms on less the change with none.
func TestDecompositionAddsUp(t *testing.T) {
	t.Parallel()
	sc := load(t, "pilot-2025", 2)
	attrs, err := Decompose(t.Context(), sc, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	metrics := DecomposeMetrics()
	if len(attrs) != 2*len(metrics) { // Hundehaltung and Wohngeld
		t.Fatalf("%d attributions, want %d", len(attrs), 2*len(metrics))
	}
	n := len(sc.Mechanisms)
	for k, a := range attrs {
		if a.Metric != metrics[k%len(metrics)] || len(a.Games) != 2 || len(a.Effects) != n {
			t.Fatalf("attribution %d: %s, %d games, %d effects", k, a.Metric, len(a.Games), len(a.Effects))
		}
		for rep, v := range a.Games {
			// Efficiency of the Shapley value: Σ φ_i = v(N) − v(∅), to
			// rounding.
			sum := 0.0
			for i := range n {
				sum += v.Shapley(i)
			}
			if want := v[1<<n-1] - v[0]; math.Abs(sum-want) > 1e-12 {
				t.Errorf("%s %s rep %d: Shapley values sum to %v, want %v", a.Service, a.Metric, rep, sum, want)
			}
		}
	}
	// The full combination is the scenario itself: the pilot reduces the
	// effort per case.
	if attrs[0].Metric != results.MetricEffortMin || attrs[0].Total.Mean >= 0 {
		t.Errorf("the pilot's full effect on %s is %v, want a reduction", attrs[0].Metric, attrs[0].Total.Mean)
	}
}
