package xmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// prec is the precision of the reference computations, in bits.
const prec = 300

// bigLn2 returns ln 2 = Σ_{k≥1} 1/(k·2^k), to prec bits.
func bigLn2() *big.Float {
	sum := new(big.Float).SetPrec(prec)
	for k := 1; k <= prec+10; k++ {
		term := new(big.Float).SetPrec(prec).SetMantExp(big.NewFloat(1).SetPrec(prec), -k)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(k)))
		sum.Add(sum, term)
	}
	return sum
}

// bigExp returns e^x to about prec bits, independently of the code under
// test: x halved 40 times, the Taylor series of e^y, then squared 40 times.
func bigExp(x *big.Float) *big.Float {
	const halvings = 40
	y := new(big.Float).SetPrec(prec).SetMantExp(x, -halvings)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for k := 1; k < 60; k++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(k)))
		sum.Add(sum, term)
	}
	for range halvings {
		sum.Mul(sum, sum)
	}
	return sum
}

// ulpErr returns |got − want| in units of the last place of want rounded
// to float64.
func ulpErr(got float64, want *big.Float) float64 {
	w, _ := want.Float64()
	ulp := math.Nextafter(w, math.Inf(1)) - w
	d := new(big.Float).SetPrec(prec).Sub(new(big.Float).SetPrec(prec).SetFloat64(got), want)
	df, _ := d.Float64()
	return math.Abs(df) / ulp
}

func TestExpAgainstBigFloat(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 5))
	xs := []float64{0, 1e-300, -1e-300, 1e-17, 0.5, 1, -1, math.Ln2, 699.99, -699.99}
	for range 6000 {
		xs = append(xs, (2*r.Float64()-1)*700, (2*r.Float64()-1)*20, (2*r.Float64()-1)*0.01)
	}
	// The edges of the reduction: n·ln 2/expN ± a little.
	for n := -300; n <= 300; n++ {
		c := float64(n) * math.Ln2 / expN
		h := math.Ln2 / (2 * expN)
		xs = append(xs, c, math.Nextafter(c, 1), math.Nextafter(c, -1), c+h, c-h, math.Nextafter(c+h, 0), math.Nextafter(c-h, 0))
	}
	worst, at := 0.0, 0.0
	for _, x := range xs {
		e := ulpErr(Exp(x), bigExp(new(big.Float).SetPrec(prec).SetFloat64(x)))
		if e > worst {
			worst, at = e, x
		}
	}
	t.Logf("largest error %.3f ulp, at x = %v", worst, at)
	if worst >= 0.52 {
		t.Fatalf("Exp(%v) is off by %.3f ulp, want below 0.52", at, worst)
	}
	if Exp(0) != 1 {
		t.Fatalf("Exp(0) = %v, want 1 exactly", Exp(0))
	}
}

func TestExpOutsideTheFastRange(t *testing.T) {
	t.Parallel()
	for _, x := range []float64{700, -700, 709.7, -745, 1000, -1000, math.Inf(1), math.Inf(-1)} {
		if got, want := Exp(x), math.Exp(x); got != want {
			t.Errorf("Exp(%v) = %v, want math.Exp's %v", x, got, want)
		}
	}
	if !math.IsNaN(Exp(math.NaN())) {
		t.Error("Exp(NaN) is not NaN")
	}
}

// TestExpConstants recomputes the reduction constants and the table with
// big.Float.
func TestExpConstants(t *testing.T) {
	t.Parallel()
	c := bigLn2()
	c.Quo(c, new(big.Float).SetInt64(expN)) // ln 2/expN
	hi := new(big.Float).SetPrec(prec).SetFloat64(lnNHi)
	if m, _ := math.Frexp(lnNHi); m*(1<<32) != math.Trunc(m*(1<<32)) {
		t.Errorf("lnNHi = %v has more than 32 significant bits", lnNHi)
	}
	lo, _ := new(big.Float).SetPrec(prec).Sub(c, hi).Float64()
	if lo != lnNLo {
		t.Errorf("lnNLo = %v, want %v", lnNLo, lo)
	}
	for j, bits := range exp2Table {
		// 2^(j/expN) = e^(j·ln 2/expN): hi correctly rounded, lo the rest.
		v := bigExp(new(big.Float).SetPrec(prec).Mul(c, new(big.Float).SetInt64(int64(j))))
		hi, _ := v.Float64()
		lo, _ := v.Sub(v, new(big.Float).SetFloat64(hi)).Float64()
		if got := math.Float64frombits(bits[0]); got != hi {
			t.Errorf("exp2Table[%d] hi = %v, want %v", j, got, hi)
		}
		if got := math.Float64frombits(bits[1]); got != lo {
			t.Errorf("exp2Table[%d] lo = %v, want %v", j, got, lo)
		}
	}
}

// BenchmarkExp measures Exp and math.Exp (see benchmarkPair).
func BenchmarkExp(b *testing.B) {
	benchmarkPair(b, Exp, math.Exp, 0.3, func(y float64) float64 { return y * 1e-3 })
}

// benchmarkPair measures f (xmath's) and g (package math's): throughput,
// independent calls at x0, x0 + 0.001, …, and latency, each call at
// next(the previous result), as in a simulation's chain from a random draw
// to an event time. next must keep the arguments in f's domain.
func benchmarkPair(b *testing.B, f, g func(float64) float64, x0 float64, next func(float64) float64) {
	for _, c := range []struct {
		name string
		fn   func(float64) float64
	}{{"xmath", f}, {"math", g}} {
		b.Run("throughput/"+c.name, func(b *testing.B) {
			var sum float64
			x := x0
			for b.Loop() {
				sum += c.fn(x)
				x += 1e-3
			}
			if math.IsNaN(sum) {
				b.Fatal("NaN")
			}
		})
		b.Run("latency/"+c.name, func(b *testing.B) {
			x := x0
			for b.Loop() {
				x = next(c.fn(x))
			}
			if math.IsNaN(x) {
				b.Fatal("NaN")
			}
		})
	}
}
