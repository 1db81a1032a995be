package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestHistogramQuantilesWithinRelativeError(t *testing.T) {
	t.Parallel()
	// Lognormal data over several decades; the exact quantile of rank
	// ⌈p·n⌉ comes from the sorted sample (independent computation), and
	// the histogram must be within its stated relative error of it.
	r := rand.New(rand.NewPCG(3, 4))
	const relErr = 0.005
	h := NewHistogram(1e-3, 1e4, relErr)
	xs := make([]float64, 100000)
	for i := range xs {
		xs[i] = math.Exp(r.NormFloat64()*2 + 1)
		h.Add(xs[i])
	}
	slices.Sort(xs)
	for _, p := range []float64{0.01, 0.1, 0.5, 0.9, 0.95, 0.99} {
		want := xs[int(math.Ceil(p*float64(len(xs))))-1]
		got := h.Quantile(p)
		if math.Abs(got/want-1) > relErr*1.0001 {
			t.Errorf("p=%v: quantile %v, exact %v (relative error %.4f > %v)", p, got, want, got/want-1, relErr)
		}
	}
	if h.Count() != uint64(len(xs)) {
		t.Errorf("Count = %d", h.Count())
	}
}

func TestHistogramEdges(t *testing.T) {
	t.Parallel()
	h := NewHistogram(1, 100, 0.01)
	if !math.IsNaN(h.Quantile(0.5)) {
		t.Error("empty histogram quantile is not NaN")
	}
	h.Add(0)
	h.Add(-5)
	h.Add(1000)
	if h.Quantile(0.5) != 0 || !math.IsInf(h.Quantile(1), 1) {
		t.Errorf("edges: median %v, max %v", h.Quantile(0.5), h.Quantile(1))
	}
	g := NewHistogram(1, 100, 0.01)
	g.Add(10)
	h.Merge(g)
	if h.Count() != 4 {
		t.Errorf("merged count %d, want 4", h.Count())
	}
}
