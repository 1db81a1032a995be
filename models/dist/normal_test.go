package dist

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// TestNormalQuantileTable checks the table of unitNormalQuantile against
// normalQuantile (erfinv refined by Newton steps on erfc, independent of
// the table and of gonum): the error bound stated in normal.go, at the
// nodes, the midpoints and random points of every interval; that the
// table is monotone, as a quantile function must be (common random
// numbers rely on it); and that outside the table it is
// mathext.NormalQuantile.
func TestNormalQuantileTable(t *testing.T) {
	t.Parallel()
	const bound = 1e-9 // normal.go
	r := rand.New(rand.NewPCG(2, 9))
	worst, at := 0.0, 0.0
	check := func(p float64) {
		if d := math.Abs(unitNormalQuantile(p) - normalQuantile(p)); d > worst {
			worst, at = d, p
		}
	}
	for i := normLo; i < normHi; i++ {
		p0 := float64(i) / normN
		check(p0)
		check((float64(i) + 0.5) / normN)
		for range 8 {
			check((float64(i) + r.Float64()) / normN)
		}
	}
	t.Logf("largest error %.3g, at p = %v", worst, at)
	if worst > bound {
		t.Fatalf("unitNormalQuantile(%v) is off by %.3g, want at most %g", at, worst, bound)
	}
	// Monotone over the table and across its edges, at 2²⁰ points.
	prev := math.Inf(-1)
	lo, hi := float64(normLo-1)/normN, float64(normHi+1)/normN
	for k := 0; k <= 1<<20; k++ {
		p := lo + (hi-lo)*float64(k)/(1<<20)
		z := unitNormalQuantile(p)
		if z < prev {
			t.Fatalf("unitNormalQuantile decreases at p = %v: %v < %v", p, z, prev)
		}
		prev = z
	}
	for _, p := range []float64{0, 1e-300, 1e-9, 0.01, float64(normLo)/normN - 1e-12, float64(normHi) / normN, 0.99, 1} {
		if got, want := unitNormalQuantile(p), mathext.NormalQuantile(p); got != want {
			t.Errorf("unitNormalQuantile(%v) = %v, want mathext's %v outside the table", p, got, want)
		}
	}
}
