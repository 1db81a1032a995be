package stats

import (
	"bytes"
	"encoding/gob"
	"math"
	"testing"
)

// TestBinaryRoundTrip: a Tally and a Samples sent through encoding/gob
// (which uses MarshalBinary) answer every query with the same bits, NaN,
// infinities and an empty Tally's included. Without the methods gob
// refuses the types (no exported fields).
func TestBinaryRoundTrip(t *testing.T) {
	type both struct {
		T, Empty, WithNaN Tally
		S, Unsorted       Samples
	}
	var in both
	for _, x := range []float64{3, 1, 4, 1, 5, math.Inf(1), 0.1} {
		in.T.Add(x)
		in.S.Add(x)
		in.Unsorted.Add(-x)
	}
	in.WithNaN.Add(math.NaN())
	in.S.Quantile(0.5) // sorts it
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(in); err != nil {
		t.Fatal(err)
	}
	var out both
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
		t.Fatal(err)
	}
	same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
	for _, p := range []struct{ a, b Tally }{{in.T, out.T}, {in.Empty, out.Empty}, {in.WithNaN, out.WithNaN}} {
		if p.a.Count() != p.b.Count() || !same(p.a.Mean(), p.b.Mean()) || !same(p.a.Variance(), p.b.Variance()) ||
			!same(p.a.Sum(), p.b.Sum()) || !same(p.a.Min(), p.b.Min()) || !same(p.a.Max(), p.b.Max()) {
			t.Errorf("Tally %+v came back as %+v", p.a, p.b)
		}
	}
	for _, p := range []struct{ a, b Samples }{{in.S, out.S}, {in.Unsorted, out.Unsorted}} {
		if p.a.sorted != p.b.sorted || len(p.a.xs) != len(p.b.xs) {
			t.Fatalf("Samples %+v came back as %+v", p.a, p.b)
		}
		for _, q := range []float64{0, 0.3, 0.5, 0.9, 1} {
			if !same(p.a.Quantile(q), p.b.Quantile(q)) {
				t.Errorf("Samples quantile %v: %v, came back %v", q, p.a.Quantile(q), p.b.Quantile(q))
			}
		}
	}
}
