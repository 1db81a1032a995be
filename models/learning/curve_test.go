package learning

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"zsa/sim"
)

// dejong is m(e) = M + (1 − M)·e^(−b) with b = −log₂(LR), by math.Pow,
// written independently of Curve.Multiplier.
func dejong(lr, floor, e float64) float64 {
	b := -math.Log2(lr)
	return floor + (1-floor)*math.Pow(e, -b)
}

func TestMultiplier(t *testing.T) {
	t.Parallel()
	for _, lr := range []float64{0.7, 0.8, 0.85, 0.9, 1} {
		for _, floor := range []float64{0, 0.3, 0.5, 0.99} {
			c := Curve{Rate: lr, Floor: floor}
			// A novice: m(1) = 1 for any curve.
			if got := c.Multiplier(1); got != 1 {
				t.Errorf("%+v: m(1) = %v, want 1", c, got)
			}
			for _, e := range []float64{1.5, 2, 10, 100, 12345.6} {
				if got, want := c.Multiplier(e), dejong(lr, floor, e); math.Abs(got-want) > 1e-12*want {
					t.Errorf("%+v: m(%v) = %v, want %v", c, e, got, want)
				}
			}
			// Infinite experience: the floor (1 without learning).
			wantInf := floor
			if lr == 1 {
				wantInf = 1
			}
			if got := c.Multiplier(math.Inf(1)); got != wantInf {
				t.Errorf("%+v: m(+Inf) = %v, want %v", c, got, wantInf)
			}
			// m falls towards the floor: m(10¹⁵) − M = (1 − M)·10^(−15b).
			e := 1e15
			if got, want := c.Multiplier(e)-floor, (1-floor)*math.Pow(e, -c.Exponent()); math.Abs(got-want) > 1e-12 {
				t.Errorf("%+v: m(1e15) − floor = %v, want %v", c, got, want)
			}
		}
	}
}

// TestWrightDoubling: without a floor, every doubling of experience
// multiplies the effort by the learning rate, exactly (Wright 1936).
func TestWrightDoubling(t *testing.T) {
	t.Parallel()
	for _, lr := range []float64{0.6, 0.8, 0.9, 0.95, 1} {
		c := Curve{Rate: lr}
		for _, e := range []float64{1, 1.5, 3, 100, 1e5} {
			if got := c.Multiplier(2*e) / c.Multiplier(e); math.Abs(got-lr) > 1e-12 {
				t.Errorf("LR %v: m(%v)/m(%v) = %v, want %v", lr, 2*e, e, got, lr)
			}
		}
	}
}

func TestExponent(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ lr, b float64 }{
		{1, 0},
		{0.5, 1},
		{0.8, 0.32192809488736235}, // log₂(1/0.8) = log₂ 1.25
		{0.9, 0.15200309344504997}, // log₂(1/0.9)
	} {
		if got := (Curve{Rate: c.lr}).Exponent(); math.Abs(got-c.b) > 1e-15 {
			t.Errorf("Exponent of LR %v = %v, want %v", c.lr, got, c.b)
		}
	}
}

func TestRelative(t *testing.T) {
	t.Parallel()
	c := Curve{Rate: 0.85, Floor: 0.5}
	for _, eRef := range []float64{1, 7, 250} {
		if got := c.Relative(eRef, eRef); got != 1 {
			t.Errorf("Relative(%v, %v) = %v, want 1", eRef, eRef, got)
		}
	}
	// Relative to a novice it is the multiplier itself.
	if got, want := c.Relative(40, 1), c.Multiplier(40); got != want {
		t.Errorf("Relative(40, 1) = %v, want m(40) = %v", got, want)
	}
	// A novice relative to a clerk with 100 items: 1/m(100) > 1.
	if got, want := c.Relative(1, 100), 1/dejong(0.85, 0.5, 100); math.Abs(got-want) > 1e-12 {
		t.Errorf("Relative(1, 100) = %v, want %v", got, want)
	}
}

// TestKthItemEffort simulates a clerk with prior experience n₀ doing items
// k = 1, …, K whose effort is base·m(n₀ + k − 1)·X, X ~ Exp(1) from a
// seeded PCG, over many replications; the mean effort of the k-th item
// must match base·m(n₀ + k − 1) within 4 standard errors
// (SE = sd/√R; P(|z| > 4) ≈ 6e-5 per check).
func TestKthItemEffort(t *testing.T) {
	t.Parallel()
	const (
		base = 30.0 // minutes, a novice's mean effort
		n0   = 3.0
		K    = 100
		R    = 20000
	)
	c := Curve{Rate: 0.8, Floor: 0.4}
	rng := rand.New(rand.NewPCG(2026, 4))
	var sum, sumSq [K + 1]float64
	var trace Trace
	for range R {
		e := n0
		for k := 1; k <= K; k++ {
			x := base * c.Multiplier(e) * rng.ExpFloat64()
			sum[k] += x
			sumSq[k] += x * x
			trace.Add(e, x)
			e++ // one more item done
		}
	}
	for _, k := range []int{1, 10, 100} {
		mean := sum[k] / R
		sd := math.Sqrt(sumSq[k]/R - mean*mean)
		want := base * dejong(0.8, 0.4, n0+float64(k)-1)
		if z := (mean - want) / (sd / math.Sqrt(R)); math.Abs(z) > 4 {
			t.Errorf("item %d: mean effort %.4f, want %.4f (z = %.2f)", k, mean, want, z)
		}
	}
	// The trace's integer bins hold single experience values 3, …, 15.
	for _, p := range trace.Points() {
		if p.Experience >= 16 {
			break
		}
		if p.Count != R {
			t.Errorf("trace: bin at e = %v has %d items, want %d", p.Experience, p.Count, R)
		}
		want := base * dejong(0.8, 0.4, p.Experience)
		if z := (p.MeanEffort - want) / (want / math.Sqrt(R)); math.Abs(z) > 4 {
			t.Errorf("trace: mean effort at e = %v is %.4f, want %.4f (z = %.2f)", p.Experience, p.MeanEffort, want, z)
		}
	}
}

func TestCurveValidate(t *testing.T) {
	t.Parallel()
	for _, c := range []Curve{{Rate: 1}, {Rate: 0.8, Floor: 0.5}, {Rate: 1e-9, Floor: 0}, {Rate: 0.9, Floor: 0.999}} {
		if err := c.Validate(); err != nil {
			t.Errorf("%+v: %v", c, err)
		}
	}
	for i, c := range []struct {
		c    Curve
		want []string
	}{
		{Curve{}, []string{"rate (0) must be greater than 0 and at most 1"}},
		{Curve{Rate: 1.2}, []string{"rate (1.2)"}},
		{Curve{Rate: -0.8}, []string{"rate (-0.8)"}},
		{Curve{Rate: math.NaN()}, []string{"rate (NaN)"}},
		{Curve{Rate: 0.8, Floor: 1}, []string{"floor (1) must be at least 0 and less than 1"}},
		{Curve{Rate: 0.8, Floor: -0.1}, []string{"floor (-0.1)"}},
		{Curve{Rate: 2, Floor: math.NaN()}, []string{"rate (2)", "floor (NaN)"}},
	} {
		err := c.c.Validate()
		if err == nil {
			t.Errorf("case %d: %+v is valid, want errors %q", i, c.c, c.want)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("case %d: error %q, want it to contain %q", i, err, w)
			}
		}
	}
}

func TestPanics(t *testing.T) {
	t.Parallel()
	c := Curve{Rate: 0.8}
	f := Forgetting{Horizon: 100}
	q := Quality{Initial: 0.1, Rate: 0.9}
	var tr Trace
	for name, fn := range map[string]func(){
		"Multiplier(0.5)":   func() { c.Multiplier(0.5) },
		"Multiplier(NaN)":   func() { c.Multiplier(math.NaN()) },
		"Relative(1, 0)":    func() { c.Relative(1, 0) },
		"Retain(0, 1)":      func() { f.Retain(0, 1) },
		"Retain(2, -1)":     func() { f.Retain(2, -1) },
		"Retain(2, NaN)":    func() { f.Retain(2, sim.Time(math.NaN())) },
		"ErrorProb(0)":      func() { q.ErrorProb(0) },
		"Trace.Add(0, 1)":   func() { tr.Add(0, 1) },
		"Trace.Add(1, NaN)": func() { tr.Add(1, math.NaN()) },
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || !strings.HasPrefix(s, "learning: ") {
					t.Errorf("%s: recovered %v, want a learning: panic", name, r)
				}
			}()
			fn()
		}()
	}
}

func BenchmarkMultiplier(b *testing.B) {
	b.ReportAllocs()
	c := Curve{Rate: 0.85, Floor: 0.5}
	var sum float64
	e := 1.0
	for b.Loop() {
		sum += c.Multiplier(e)
		e++
		if e > 1000 {
			e = 1
		}
	}
	if sum < 0 {
		b.Fatal("negative sum")
	}
}
