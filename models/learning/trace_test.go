package learning

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"
)

func TestTraceBins(t *testing.T) {
	t.Parallel()
	var tr Trace
	for _, it := range []struct{ e, effort float64 }{
		{1, 10}, {1.5, 20}, // bin [1, 2): mean e 1.25, effort 15
		{2, 8},           // bin [2, 3)
		{15.9, 5},        // bin [15, 16)
		{16, 4}, {18, 6}, // bin [16, 16·2^¼ ≈ 19.03)
		{20, 1},          // bin [19.03, 22.63)
		{64, 3}, {70, 5}, // bin [64, 76.1): 4·log₂ 70 − 16 = 8.5 → j = 8
		{2e6, 2}, // beyond 2²⁰: the last bin
	} {
		tr.Add(it.e, it.effort)
	}
	want := []Point{
		{1.25, 15, 2},
		{2, 8, 1},
		{15.9, 5, 1},
		{17, 5, 2},
		{20, 1, 1},
		{67, 4, 2},
		{2e6, 2, 1},
	}
	got := tr.Points()
	if len(got) != len(want) {
		t.Fatalf("Points() = %v, want %v", got, want)
	}
	for i := range want {
		if math.Abs(got[i].Experience-want[i].Experience) > 1e-12 ||
			math.Abs(got[i].MeanEffort-want[i].MeanEffort) > 1e-12 || got[i].Count != want[i].Count {
			t.Errorf("point %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	// Bin indices at the edges.
	for _, c := range []struct {
		e    float64
		want int
	}{{1, 0}, {1.999, 0}, {2, 1}, {15.99, 14}, {16, 15}, {32, 19}, {1 << 20, 79}, {math.MaxFloat64, 79}} {
		if got := traceIndex(c.e); got != c.want {
			t.Errorf("traceIndex(%v) = %d, want %d", c.e, got, c.want)
		}
	}
}

// TestTraceMemory: the trace's size is fixed, and after 10 million items
// with increasing experience it has at most 80 points.
func TestTraceMemory(t *testing.T) {
	t.Parallel()
	var tr Trace
	size := unsafe.Sizeof(tr)
	for i := range 10_000_000 {
		tr.Add(1+float64(i), 1)
	}
	pts := tr.Points()
	if len(pts) > traceBins || len(pts) < 75 {
		t.Errorf("%d points after 10⁷ items, want at most %d (and most bins used)", len(pts), traceBins)
	}
	if unsafe.Sizeof(tr) != size || size > 4096 {
		t.Errorf("Trace is %d bytes", size)
	}
	total := 0
	for i, p := range pts {
		total += p.Count
		if i > 0 && p.Experience <= pts[i-1].Experience {
			t.Errorf("points not in order of experience at %d: %v after %v", i, p.Experience, pts[i-1].Experience)
		}
	}
	if total != 10_000_000 {
		t.Errorf("counts add up to %d, want 10⁷", total)
	}
}

// TestTraceEdges checks traceIndex against its definition with math.Log2:
// ulp by ulp within 2¹⁴ ulps of every bin edge (where rounding decides),
// at every integer experience up to 2²¹, and at random experience.
func TestTraceEdges(t *testing.T) {
	t.Parallel()
	want := func(e float64) int {
		if e < 16 {
			return int(e) - 1
		}
		return traceLinear + min(traceGeomIndex(e), traceGeom)
	}
	check := func(e float64) {
		t.Helper()
		if got, w := traceIndex(e), want(e); got != w {
			t.Fatalf("traceIndex(%v) = %d, want %d", e, got, w)
		}
	}
	for k, edge := range traceEdges {
		b := math.Float64bits(edge)
		for d := uint64(0); d < 1<<14; d++ {
			check(math.Float64frombits(b + d))
			if k > 0 {
				check(math.Float64frombits(b - 1 - d))
			}
		}
	}
	for e := 1.0; e <= 1<<21; e++ {
		check(e)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 1_000_000 {
		check(math.Exp2(r.Float64() * 24))
	}
	check(math.MaxFloat64)
}
