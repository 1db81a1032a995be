package stats_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"zsa/sim/stats"
)

func TestSamplesQuantileSmall(t *testing.T) {
	t.Parallel()
	// Hand-computed type-7 values, h = (n−1)·p + 1 (1-based), checked
	// against R's quantile(x, p) and numpy.quantile(x, p) defaults.
	cases := []struct {
		xs   []float64
		p    float64
		want float64
	}{
		{[]float64{1, 2, 3, 4}, 0.25, 1.75},           // h = 1.75: 1 + 0.75·(2−1)
		{[]float64{1, 2, 3, 4}, 0.5, 2.5},             // h = 2.5
		{[]float64{1, 2, 3, 4}, 0.75, 3.25},           // h = 3.25
		{[]float64{4, 3, 2, 1}, 0.25, 1.75},           // order of Add is irrelevant
		{[]float64{1, 2, 3, 4}, 0, 1},                 // minimum
		{[]float64{1, 2, 3, 4}, 1, 4},                 // maximum
		{[]float64{7}, 0.3, 7},                        // one sample
		{[]float64{10, 20, 30, 40, 50}, 0.9, 46},      // h = 4.6: 40 + 0.6·10
		{[]float64{3, 1, 4, 1, 5, 9, 2, 6}, 0.5, 3.5}, // sorted 1 1 2 3 4 5 6 9; h = 4.5
		{[]float64{3, 1, 4, 1, 5, 9, 2, 6}, 0.1, 1},   // h = 1.7: 1 + 0.7·(1−1)
		{[]float64{math.Inf(-1), 0, math.Inf(1)}, 0.5, 0},
		{[]float64{1, math.Inf(1), math.Inf(1)}, 0.75, math.Inf(1)}, // h = 2.5, Inf + 0.5·(Inf−Inf)
	}
	for i, c := range cases {
		var s stats.Samples
		for _, x := range c.xs {
			s.Add(x)
		}
		if got := s.Quantile(c.p); got != c.want {
			t.Errorf("case %d: Quantile(%v) of %v = %v, want %v", i, c.p, c.xs, got, c.want)
		}
	}
}

// quantile7 is an independent type-7 quantile with 1-based indices, as in
// Hyndman & Fan (1996), eq. (1) with j = ⌊np + m⌋, m = 1 − p, γ = np + m − j.
func quantile7(sorted []float64, p float64) float64 {
	n := float64(len(sorted))
	m := 1 - p
	j := math.Floor(n*p + m)
	g := n*p + m - j
	at := func(k float64) float64 { // x_(k), 1-based, clamped to [1, n]
		return sorted[int(min(max(k, 1), n))-1]
	}
	return (1-g)*at(j) + g*at(j+1)
}

func TestSamplesQuantileRandom(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	var s stats.Samples
	var xs []float64
	for n := range 1001 {
		x := rng.NormFloat64()
		s.Add(x)
		xs = append(xs, x)
		if n%250 != 0 { // interleave Adds with Quantiles to exercise re-sorting
			continue
		}
		sorted := slices.Sorted(slices.Values(xs))
		for _, p := range []float64{0, 0.01, 0.1, 0.25, 0.5, 0.9, 0.99, 0.999, 1} {
			checkClose(t, "quantile", s.Quantile(p), quantile7(sorted, p), 1e-14)
		}
	}
	if s.Len() != len(xs) {
		t.Errorf("Len = %d, want %d", s.Len(), len(xs))
	}
	mean, _ := twoPass(xs)
	checkClose(t, "mean", s.Mean(), mean, 1e-13)
	if got := slices.Sorted(slices.Values(s.Values())); !slices.Equal(got, slices.Sorted(slices.Values(xs))) {
		t.Errorf("Values is not a permutation of the added samples")
	}
}

func TestSamplesEmpty(t *testing.T) {
	t.Parallel()
	var s stats.Samples
	if !math.IsNaN(s.Quantile(0.5)) || !math.IsNaN(s.Mean()) || s.Len() != 0 {
		t.Errorf("empty: Quantile, Mean, Len = %v, %v, %d; want NaN, NaN, 0",
			s.Quantile(0.5), s.Mean(), s.Len())
	}
	s.Add(3)
	s.Add(1)
	s.Reset()
	s.Add(2)
	if s.Len() != 1 || s.Quantile(0) != 2 {
		t.Errorf("after Reset and Add(2): Len, Quantile(0) = %d, %v; want 1, 2", s.Len(), s.Quantile(0))
	}
}

func TestSamplesQuantilePanics(t *testing.T) {
	t.Parallel()
	const msg = "stats: quantile probability outside [0, 1]"
	for _, p := range []float64{-0.01, 1.01, math.NaN(), math.Inf(1)} {
		var s stats.Samples
		s.Add(1)
		checkPanics(t, "Quantile", msg, func() { s.Quantile(p) })
	}
}

func TestSamplesClipKeepsValuesAndFreesRoom(t *testing.T) {
	var s stats.Samples
	s.Grow(1000)
	for _, x := range []float64{3, 1, 2} {
		s.Add(x)
	}
	s.Sort()
	s.Clip()
	if got := s.Values(); !slices.Equal(got, []float64{1, 2, 3}) || cap(got) != len(got) {
		t.Fatalf("clipped to %v with capacity %d, want [1 2 3] and capacity 3", got, cap(got))
	}
	if q := s.Quantile(0.5); q != 2 {
		t.Errorf("median %v after Clip, want 2", q)
	}
	var e stats.Samples
	e.Grow(1000)
	e.Clip()
	if e.Values() != nil {
		t.Errorf("an empty Samples keeps %d values' room after Clip", cap(e.Values()))
	}
}
