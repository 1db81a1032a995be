package stats_test

import (
	"math"
	"testing"
)

// checkClose fails the test if got differs from want by more than tol,
// relative to max(1, |want|).
func checkClose(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			t.Errorf("%s = %v, want NaN", what, got)
		}
		return
	}
	if !(math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))) {
		t.Errorf("%s = %v, want %v (tolerance %g)", what, got, want, tol)
	}
}

// checkPanics fails the test unless f panics with the message want.
func checkPanics(t *testing.T, what, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Errorf("%s: no panic, want %q", what, want)
			return
		}
		if got, _ := r.(string); got != want {
			t.Errorf("%s: panic %v, want %q", what, r, want)
		}
	}()
	f()
}

// twoPass returns the mean and the unbiased sample variance of xs by the
// two-pass algorithm: the mean first, then the sum of squared deviations
// from it (Chan, Golub & LeVeque 1983, the accurate reference method).
func twoPass(xs []float64) (mean, variance float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	return mean, variance / float64(len(xs)-1)
}
