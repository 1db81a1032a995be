package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSortFloatsAgreesWithSlicesSort(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		name string
		n    int
		draw func() float64
	}{
		{"lead times", 75000, func() float64 { return math.Exp(rng.NormFloat64()) }},
		{"zeros and ties", 5000, func() float64 { return float64(rng.IntN(4)) }},
		{"wide range", 5000, func() float64 { return math.Ldexp(rng.Float64(), rng.IntN(2000)-1000) }},
		{"with +Inf", 5000, func() float64 {
			if rng.IntN(100) == 0 {
				return math.Inf(1)
			}
			return rng.Float64()
		}},
		{"negatives fall back", 5000, func() float64 { return rng.NormFloat64() }},
		{"NaN falls back", 5000, func() float64 {
			if rng.IntN(100) == 0 {
				return math.NaN()
			}
			return rng.Float64()
		}},
		{"short", 100, rng.Float64},
	} {
		xs := make([]float64, tc.n)
		for i := range xs {
			xs[i] = tc.draw()
		}
		want := slices.Clone(xs)
		slices.Sort(want)
		sortFloats(xs)
		for i := range xs {
			if xs[i] != want[i] && !(math.IsNaN(xs[i]) && math.IsNaN(want[i])) {
				t.Errorf("%s: position %d: %v, want %v", tc.name, i, xs[i], want[i])
				break
			}
		}
	}
}

func BenchmarkSortFloats(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	src := make([]float64, 75000) // lead times of a large service in days
	for i := range src {
		src[i] = math.Exp(1.5 + rng.NormFloat64())
	}
	xs := make([]float64, len(src))
	for _, s := range []struct {
		name string
		sort func([]float64)
	}{{"sort=radix", sortFloats}, {"sort=pdq", slices.Sort[[]float64]}} {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				copy(xs, src)
				s.sort(xs)
			}
			b.ReportMetric(float64(b.N)*float64(len(xs))/b.Elapsed().Seconds(), "values/s")
		})
	}
}
