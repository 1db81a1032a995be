package experiment

import (
	"context"
	"math"
	"strings"
	"testing"

	"zsa/scenarios"
)

// wqMM1 is the mean wait in queue of an M/M/1 queue in days, λ = 19.2 a
// day, mean service 60·f minutes (Erlang C with one server: ρ/(μ − λ)).
func wqMM1(f float64) float64 {
	lambda, mu := 19.2, 1440/(60*f)
	return lambda / mu / (mu - lambda)
}

func TestCalibrateRecoversTheServiceRate(t *testing.T) {
	t.Parallel()
	sc, err := scenarios.Load("../scenarios/testdata/calibrate-mm1.toml")
	if err != nil {
		t.Fatal(err)
	}
	fit, err := Calibrate(context.Background(), sc, CalibrateOptions{Options: Options{Workers: 2}})
	if err != nil {
		t.Fatal(err)
	}
	f := fit.Values[0]
	t.Logf("f = %.5f after %d settings; out of sample: wait %.5f ± %.5f d (target %.5f)", f, fit.Evaluations, fit.Checks[0].Model.Mean, fit.Checks[0].Model.HalfWidth, wqMM1(0.8))
	// The fit is as good as the mean wait is known: its 95 % interval on
	// fresh seeds, turned into an interval of f through Wq(f), which rises
	// steeply (d ln Wq / d ln f = 1 + 1/(1 − ρ) ≈ 3.8). Allow the
	// interval's width twice over (the fitting seeds err too).
	c := fit.Checks[0]
	lo, hi := 0.5, 1.0
	for range 60 { // bisection: Wq(f) is increasing
		if m := (lo + hi) / 2; wqMM1(m) < wqMM1(0.8)-2*c.Model.HalfWidth {
			lo = m
		} else {
			hi = m
		}
	}
	tol := 0.8 - lo
	if math.Abs(f-0.8) > tol {
		t.Errorf("fitted f = %v, want 0.8 ± %.4f (the check's wait %v ± %v against %v)", f, tol, c.Model.Mean, c.Model.HalfWidth, wqMM1(0.8))
	}
	if !c.Pass && math.Abs(c.Model.Mean-wqMM1(0.8)) > 2*c.Model.HalfWidth {
		t.Errorf("out-of-sample wait %v ± %v, target %v", c.Model.Mean, c.Model.HalfWidth, wqMM1(0.8))
	}
	if len(fit.CheckSeeds) != 12 || fit.CheckSeeds[0] == fit.FitSeeds[0] || len(fit.Unreachable) > 0 || fit.Evaluations < 10 {
		t.Errorf("fit %+v", fit)
	}
	// The same inputs give the same fit, whatever the workers.
	again, err := Calibrate(context.Background(), sc, CalibrateOptions{Options: Options{Workers: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if again.Values[0] != f || again.Checks[0].Model != c.Model {
		t.Errorf("with 1 worker: f = %v, check %+v; with 2: %v, %+v", again.Values[0], again.Checks[0].Model, f, c.Model)
	}
}

func TestCalibrateSaysWhenATargetIsOutOfReach(t *testing.T) {
	t.Parallel()
	// Efforts of at most half the true ones wait far less than the target
	// at every value: the best is at the upper bound.
	sc, err := scenarios.Load("../scenarios/testdata/calibrate-mm1.toml")
	if err != nil {
		t.Fatal(err)
	}
	sc.Calibration[0].Min, sc.Calibration[0].Max = 0.2, 0.5
	fit, err := Calibrate(context.Background(), sc, CalibrateOptions{Options: Options{Workers: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fit.Unreachable) != 1 || !strings.Contains(fit.Unreachable[0], "not reachable: best") ||
		!strings.Contains(fit.Unreachable[0], "services.S.effort_factor at its upper bound 0.5") {
		t.Errorf("unreachable %q, values %v", fit.Unreachable, fit.Values)
	}
}
