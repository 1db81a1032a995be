package xmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// bigLog returns ln x to about prec bits: Halley's iteration
// y ← y + 2(x − e^y)/(x + e^y) on bigExp, from math.Log's value.
func bigLog(x float64) *big.Float {
	bx := new(big.Float).SetPrec(prec).SetFloat64(x)
	y := new(big.Float).SetPrec(prec).SetFloat64(math.Log(x))
	for range 4 {
		ey := bigExp(y)
		num := new(big.Float).SetPrec(prec).Sub(bx, ey)
		den := new(big.Float).SetPrec(prec).Add(bx, ey)
		num.Quo(num, den)
		num.Mul(num, big.NewFloat(2))
		y.Add(y, num)
	}
	return y
}

func TestLogAgainstBigFloat(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(8, 1))
	xs := []float64{1, 2, 0.5, math.E, 10, 1e-300, 1e300, math.MaxFloat64, 0x1p-1022,
		math.Nextafter(1, 2), math.Nextafter(1, 0), math.Sqrt2, math.Sqrt2 / 2}
	for range 2500 {
		xs = append(xs,
			math.Exp(40*r.Float64()-20),    // 2·10⁻⁹ … 5·10⁸
			1+(r.Float64()-0.5)*0.02,       // near 1, where ln x is small
			1+r.Float64()*1000,             // experience-like
			math.Exp(1400*r.Float64()-700)) // wide range
	}
	// Interval edges of the table.
	for i := range uint64(logN + 1) {
		b := logOff + i<<(52-logBits)
		for _, bb := range []uint64{b - 1, b, b + 1} {
			xs = append(xs, math.Float64frombits(bb), 8*math.Float64frombits(bb))
		}
	}
	worst, at := 0.0, 0.0
	for _, x := range xs {
		if e := ulpErr(Log(x), bigLog(x)); e > worst {
			worst, at = e, x
		}
	}
	t.Logf("largest error %.3f ulp, at x = %v", worst, at)
	if worst >= 0.52 {
		t.Fatalf("Log(%v) is off by %.3f ulp, want below 0.52", at, worst)
	}
	if Log(1) != 0 {
		t.Fatalf("Log(1) = %v, want 0 exactly", Log(1))
	}
	for _, x := range []float64{15.0 / 16, 1, 1.01, math.Nextafter(17.0/16, 0)} {
		if Log(x) != math.Log(x) {
			t.Errorf("Log(%v) = %v, want math.Log's %v near 1", x, Log(x), math.Log(x))
		}
	}
}

func TestLogOutsideTheFastRange(t *testing.T) {
	t.Parallel()
	for _, x := range []float64{0, -1, math.Inf(1), math.Inf(-1), 1e-310, 5e-324, math.Copysign(0, -1)} {
		got, want := Log(x), math.Log(x)
		if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("Log(%v) = %v, want math.Log's %v", x, got, want)
		}
	}
	if !math.IsNaN(Log(math.NaN())) {
		t.Error("Log(NaN) is not NaN")
	}
}

// TestLogConstants recomputes ln 2's split and the table with big.Float.
func TestLogConstants(t *testing.T) {
	t.Parallel()
	ln2 := bigLn2()
	if m, _ := math.Frexp(ln2Hi); m*(1<<42) != math.Trunc(m*(1<<42)) {
		t.Errorf("ln2Hi = %v has more than 42 significant bits", ln2Hi)
	}
	if lo, _ := new(big.Float).SetPrec(prec).Sub(ln2, big.NewFloat(ln2Hi)).Float64(); lo != ln2Lo {
		t.Errorf("ln2Lo = %v, want %v", ln2Lo, lo)
	}
	for i, e := range logTable {
		lo := math.Float64frombits(logOff + uint64(i)<<(52-logBits))
		hi := math.Float64frombits(logOff + uint64(i+1)<<(52-logBits))
		c := math.Float64frombits(e[0])
		if !(lo <= c && c < hi) {
			t.Fatalf("interval %d: centre %v outside [%v, %v)", i, c, lo, hi)
		}
		if r := max(c-lo, hi-c) / c; r >= 0.00195 {
			t.Errorf("interval %d: |r| up to %v, want below 0.00195", i, r)
		}
		inv, _ := new(big.Float).SetPrec(prec).Quo(big.NewFloat(1), big.NewFloat(c)).Float64()
		if got := math.Float64frombits(e[1]); got != inv {
			t.Errorf("interval %d: 1/c = %v, want %v", i, got, inv)
		}
		l := bigLog(c)
		lhi, _ := l.Float64()
		llo, _ := new(big.Float).SetPrec(prec).Sub(l, big.NewFloat(lhi)).Float64()
		if math.Float64frombits(e[2]) != lhi || math.Float64frombits(e[3]) != llo {
			t.Errorf("interval %d: ln c = %v + %v, want %v + %v", i,
				math.Float64frombits(e[2]), math.Float64frombits(e[3]), lhi, llo)
		}
	}
}

// BenchmarkLog measures Log and math.Log (see benchmarkPair).
func BenchmarkLog(b *testing.B) {
	benchmarkPair(b, Log, math.Log, 3.7, func(y float64) float64 { return y + 3.7 })
}
