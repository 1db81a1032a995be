package experiment

import (
	"math"
	"testing"
)

// TestShardPointsRoundTripExactly: a point written to a shard file and
// read back has the same bits, NaN and infinities included.
func TestShardPointsRoundTripExactly(t *testing.T) {
	xs := []float64{0.1 + 0.2, math.Pi, -1e-300, 5e-324, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 0, math.Copysign(0, -1)}
	var p SweepPoint
	p.Index = 7
	for i, x := range xs {
		p.Rows = append(p.Rows, PointRow{Arm: "a,\"b\"", Service: "ü", Metric: "m", Mean: x, HalfWidth: xs[(i+1)%len(xs)],
			Rel: xs[(i+2)%len(xs)], RelLo: xs[(i+3)%len(xs)], RelHi: xs[(i+4)%len(xs)], Overloaded: i%2 == 0})
	}
	q, err := decodePoint(encodePoint(p))
	if err != nil {
		t.Fatal(err)
	}
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
	}
	if q.Index != p.Index || len(q.Rows) != len(p.Rows) {
		t.Fatalf("index %d, %d rows", q.Index, len(q.Rows))
	}
	for i, r := range p.Rows {
		g := q.Rows[i]
		if g.Arm != r.Arm || g.Service != r.Service || g.Metric != r.Metric || g.Overloaded != r.Overloaded ||
			!same(g.Mean, r.Mean) || !same(g.HalfWidth, r.HalfWidth) || !same(g.Rel, r.Rel) || !same(g.RelLo, r.RelLo) || !same(g.RelHi, r.RelHi) {
			t.Errorf("row %d: %+v, want %+v", i, g, r)
		}
	}
}

func TestShardPointsPartitionTheSweep(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 20} {
		seen := make([]int, 13)
		for k := range n {
			for _, i := range ShardPoints(13, k, n) {
				seen[i]++
			}
		}
		for i, c := range seen {
			if c != 1 {
				t.Errorf("%d shards: point %d in %d shards", n, i, c)
			}
		}
	}
	for _, bad := range []string{"", "1", "4/4", "-1/4", "0/0", "a/b", "0/100001"} {
		if _, _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
}
