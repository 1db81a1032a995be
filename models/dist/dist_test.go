package dist

import (
	"math"
	"strings"
	"testing"
)

// must returns d, or panics on an error: for distributions with
// parameters known to be valid.
func must(d Dist, err error) Dist {
	if err != nil {
		panic(err)
	}
	return d
}

// normalQuantile is Φ⁻¹(p), computed independently of gonum's
// mathext.NormalQuantile: a start from √2·erfinv(2p − 1), which loses
// digits in the tails (2p − 1 rounds), refined by Newton steps on
// Φ(z) = erfc(−z/√2)/2, accurate in the tails (for p > ½ by symmetry).
func normalQuantile(p float64) float64 {
	if p > 0.5 {
		return -normalQuantile(1 - p)
	}
	z := math.Sqrt2 * math.Erfinv(2*p-1)
	for range 3 {
		phi := math.Exp(-z*z/2) / math.Sqrt(2*math.Pi)
		z -= (math.Erfc(-z/math.Sqrt2)/2 - p) / phi
	}
	return z
}

// relErr returns |got − want| / |want| (or |got| if want is 0).
func relErr(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

func TestQuantileClosedForms(t *testing.T) {
	t.Parallel()
	ps := []float64{1e-9, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999999}

	// Exponential: Q(p) = −mean·ln(1 − p).
	exp := must(Exponential(25))
	// Lognormal: Q(p) = exp(μ + σ·Φ⁻¹(p)), μ = ln 25, σ = ln(60/25)/Φ⁻¹(0.9);
	// Φ⁻¹(0.9) here from erfinv too, not from the package's constant.
	logn := must(LogNormalMedianP90(25, 60))
	mu, sigma := math.Log(25), math.Log(60.0/25)/normalQuantile(0.9)
	// Triangular(5, 10, 30): F = (10−5)/(30−5) = 0.2;
	// Q(p) = 5 + √(p·25·5) for p < 0.2, else 30 − √((1−p)·25·20).
	tri := must(Triangular(5, 10, 30))
	triQ := func(p float64) float64 {
		if p < 0.2 {
			return 5 + math.Sqrt(p*25*5)
		}
		return 30 - math.Sqrt((1-p)*25*20)
	}
	det := must(Deterministic(10))

	for _, p := range ps {
		for _, c := range []struct {
			name      string
			got, want float64
			tol       float64
		}{
			{"exp", exp.Quantile(p), -25 * math.Log(1-p), 1e-13},
			// The package's Φ⁻¹ is within 1e-9 of this one (normal.go), so
			// Q is within a relative σ·1e-9 (plus rounding).
			{"lognormal", logn.Quantile(p), math.Exp(mu + sigma*normalQuantile(p)), sigma*1e-9 + 1e-13},
			{"tri", tri.Quantile(p), triQ(p), 1e-13},
			{"const", det.Quantile(p), 10, 0},
		} {
			if e := relErr(c.got, c.want); !(e <= c.tol) {
				t.Errorf("%s: Quantile(%v) = %v, want %v (rel. error %.2g)", c.name, p, c.got, c.want, e)
			}
		}
	}
	// Limits at p = 0 and p = 1.
	for _, c := range []struct {
		name     string
		d        Dist
		at0, at1 float64
	}{
		{"exp", exp, 0, math.Inf(1)},
		{"lognormal", logn, 0, math.Inf(1)},
		{"gamma", must(GammaMeanCV(30, 0.5)), 0, math.Inf(1)},
		{"tri", tri, 5, 30},
		{"const", det, 10, 10},
		{"empirical", must(Empirical([]float64{0, 1}, []float64{2, 4})), 2, 4},
	} {
		if got := c.d.Quantile(0); got != c.at0 {
			t.Errorf("%s: Quantile(0) = %v, want %v", c.name, got, c.at0)
		}
		if got := c.d.Quantile(1); got != c.at1 {
			t.Errorf("%s: Quantile(1) = %v, want %v", c.name, got, c.at1)
		}
	}
}

func TestLogNormalMedianP90Exact(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ median, p90 float64 }{
		{25, 60}, {1, 1.0001}, {0.5, 300}, {2880, 4 * 1440},
	} {
		d := must(LogNormalMedianP90(c.median, c.p90))
		sigma := math.Log(c.p90/c.median) / normalQuantile(0.9)
		// Φ⁻¹(0.5) = 0 is a node of the normal quantile's table, exact; at
		// 0.9 the table is within 1e-9 (normal.go), Q within σ·1e-9.
		if e := relErr(d.Quantile(0.5), c.median); e > 1e-12 {
			t.Errorf("lognormal(%v, %v): median = %v (rel. error %.2g)", c.median, c.p90, d.Quantile(0.5), e)
		}
		if e := relErr(d.Quantile(0.9), c.p90); e > sigma*1e-9+1e-12 {
			t.Errorf("lognormal(%v, %v): p90 = %v (rel. error %.2g)", c.median, c.p90, d.Quantile(0.9), e)
		}
		// Mean exp(μ + σ²/2) (Johnson, Kotz & Balakrishnan, ch. 14).
		if e := relErr(d.Mean(), c.median*math.Exp(sigma*sigma/2)); e > 1e-12 {
			t.Errorf("lognormal(%v, %v): mean = %v (rel. error %.2g)", c.median, c.p90, d.Mean(), e)
		}
	}
}

func TestEmpirical(t *testing.T) {
	t.Parallel()
	d := must(Empirical([]float64{0, 0.5, 0.9, 1}, []float64{5, 10, 30, 60}))
	for _, c := range []struct{ p, want float64 }{
		{0, 5}, {0.25, 7.5}, {0.5, 10}, {0.7, 20}, {0.9, 30}, {0.95, 45}, {1, 60},
	} {
		if got := d.Quantile(c.p); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Quantile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	// Trapezoids: 0.5·7.5 + 0.4·20 + 0.1·45 = 3.75 + 8 + 4.5.
	if got, want := d.Mean(), 16.25; math.Abs(got-want) > 1e-12 {
		t.Errorf("mean = %v, want %v", got, want)
	}
	// An atom: flat segment at 10 between p = 0.2 and 0.8.
	a := must(Empirical([]float64{0, 0.2, 0.8, 1}, []float64{0, 10, 10, 20}))
	if got := a.Quantile(0.5); got != 10 {
		t.Errorf("atom: Quantile(0.5) = %v, want 10", got)
	}
	// The constructor copies its input.
	ps, xs := []float64{0, 1}, []float64{1, 2}
	c := must(Empirical(ps, xs))
	xs[1] = 100
	if got := c.Quantile(1); got != 2 {
		t.Errorf("after changing the input slice: Quantile(1) = %v, want 2", got)
	}
}

func TestTransforms(t *testing.T) {
	t.Parallel()
	exp := must(Exponential(25))
	sc := must(Scaled(exp, 0.8))
	sh := must(Shifted(exp, 5))
	for _, p := range []float64{0.1, 0.5, 0.99} {
		if got, want := sc.Quantile(p), 0.8*exp.Quantile(p); got != want {
			t.Errorf("scaled: Quantile(%v) = %v, want %v", p, got, want)
		}
		if got, want := sh.Quantile(p), exp.Quantile(p)+5; got != want {
			t.Errorf("shifted: Quantile(%v) = %v, want %v", p, got, want)
		}
	}
	if got := sc.Mean(); math.Abs(got-20) > 1e-12 {
		t.Errorf("scaled: mean = %v, want 20", got)
	}
	if got := sh.Mean(); got != 30 {
		t.Errorf("shifted: mean = %v, want 30", got)
	}
	zero := must(Scaled(exp, 0))
	if got := zero.Quantile(1); got != 0 {
		t.Errorf("scaled by 0: Quantile(1) = %v, want 0", got)
	}

	// Reduced: E[max(0, X − s)] in closed form.
	tri := must(Triangular(5, 10, 30))
	for _, c := range []struct {
		name string
		d    Dist
		s    float64
		want float64
		tol  float64 // absolute, minutes: 1e-7·s, as documented
	}{
		// Exponential is memoryless: E[(X − s)⁺] = P(X > s)·mean = mean·e^(−s/mean).
		{"exp by 5", exp, 5, 25 * math.Exp(-5.0/25), 1e-7 * 5},
		{"exp by 100", exp, 100, 25 * math.Exp(-100.0/25), 1e-7 * 100},
		{"const by 4", must(Deterministic(10)), 4, 6, 1e-12},
		{"const by 12", must(Deterministic(10)), 12, 0, 1e-12},
		{"exp by 0", exp, 0, 25, 0},
		// Triangular(5, 10, 30): E[(X − s)⁺] = ∫ₛ^30 (1 − F(x)) dx, by
		// Simpson's rule on the closed-form distribution function (an
		// integral in x, independent of the package's integral in p).
		{"tri by 8", tri, 8, triExcess(8), 1e-7 * 8},
		{"tri by 20", tri, 20, triExcess(20), 1e-7 * 20},
		{"tri by 31", tri, 31, 0, 1e-9},
	} {
		r := must(Reduced(c.d, c.s))
		if got := r.Mean(); math.Abs(got-c.want) > c.tol {
			t.Errorf("reduced %s: mean = %.9g, want %.9g", c.name, got, c.want)
		}
		for _, p := range []float64{0.01, 0.5, 0.99} {
			if got, want := r.Quantile(p), math.Max(0, c.d.Quantile(p)-c.s); got != want {
				t.Errorf("reduced %s: Quantile(%v) = %v, want %v", c.name, p, got, want)
			}
		}
	}
}

// triExcess returns E[max(0, X − s)] for Triangular(5, 10, 30) by Simpson's
// rule on ∫ₛ^30 (1 − F(x)) dx with the closed-form F.
func triExcess(s float64) float64 {
	F := func(x float64) float64 {
		switch {
		case x <= 5:
			return 0
		case x <= 10:
			return (x - 5) * (x - 5) / (25 * 5)
		case x < 30:
			return 1 - (30-x)*(30-x)/(25*20)
		}
		return 1
	}
	const n = 100000 // even
	h := (30 - s) / n
	sum := (1 - F(s)) + (1 - F(30))
	for i := 1; i < n; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * (1 - F(s+float64(i)*h))
	}
	return sum * h / 3
}

// testDists returns one distribution of each kind, with names.
func testDists() []struct {
	name string
	d    Dist
} {
	exp := must(Exponential(25))
	g := must(GammaMeanCV(120, 0.5))
	return []struct {
		name string
		d    Dist
	}{
		{"exp", exp},
		{"const", must(Deterministic(10))},
		{"lognormal", must(LogNormalMedianP90(25, 60))},
		{"gamma", g},
		{"gamma-cv2", must(GammaMeanCV(30, 2))},
		{"gamma-cv0.1", must(GammaMeanCV(30, 0.1))},
		{"tri", must(Triangular(5, 10, 30))},
		{"empirical", must(Empirical([]float64{0, 0.5, 0.9, 1}, []float64{5, 10, 30, 60}))},
		{"scaled", must(Scaled(g, 0.8))},
		{"shifted", must(Shifted(exp, 5))},
		{"reduced", must(Reduced(exp, 5))},
	}
}

// TestSampleMean draws Quantile(U(seed, i, 0)) for 200,000 keys i and
// checks the sample mean against Mean within 4 standard errors (the
// standard error estimated from the sample: |z| > 4 has probability 6e-5
// per distribution under the normal approximation).
func TestSampleMean(t *testing.T) {
	t.Parallel()
	const n = 200000
	for _, c := range testDists() {
		var sum, sumSq float64
		for i := range uint64(n) {
			x := c.d.Quantile(U(20260401, i, 0))
			sum += x
			sumSq += x * x
		}
		mean := sum / n
		sd := math.Sqrt(math.Max(0, sumSq/n-mean*mean))
		se := sd / math.Sqrt(n)
		if diff := math.Abs(mean - c.d.Mean()); diff > 4*se+1e-12*c.d.Mean() {
			t.Errorf("%s: sample mean %.6g, Mean() %.6g: |z| = %.2f > 4", c.name, mean, c.d.Mean(), diff/se)
		}
	}
}

func TestQuantileMonotone(t *testing.T) {
	t.Parallel()
	for _, c := range testDists() {
		prev := c.d.Quantile(0)
		for i := 1; i <= 100000; i++ {
			p := float64(i) / 100000
			q := c.d.Quantile(p)
			if q < prev || math.IsNaN(q) {
				t.Errorf("%s: Quantile(%v) = %v < Quantile(previous) = %v", c.name, p, q, prev)
				break
			}
			prev = q
		}
	}
}

func TestQuantilePanics(t *testing.T) {
	t.Parallel()
	for _, c := range testDists() {
		for _, p := range []float64{-0.1, 1.1, math.NaN()} {
			func() {
				defer func() {
					r := recover()
					if s, ok := r.(string); !ok || !strings.HasPrefix(s, "dist: ") {
						t.Errorf("%s: Quantile(%v) recovered %v, want a dist: panic", c.name, p, r)
					}
				}()
				c.d.Quantile(p)
			}()
		}
	}
}

func TestConstructorErrors(t *testing.T) {
	t.Parallel()
	exp := must(Exponential(25))
	nan, inf := math.NaN(), math.Inf(1)
	for i, c := range []struct {
		build func() (Dist, error)
		want  string
	}{
		{func() (Dist, error) { return Exponential(0) }, "exp: mean (0min) must be positive"},
		{func() (Dist, error) { return Exponential(-3) }, "exp: mean (-3min) must be positive"},
		{func() (Dist, error) { return Exponential(nan) }, "exp: mean (NaN) must be a finite number"},
		{func() (Dist, error) { return Exponential(inf) }, "exp: mean (+Inf) must be a finite number"},
		{func() (Dist, error) { return Deterministic(-1) }, "const: value (-1min) must not be negative"},
		{func() (Dist, error) { return LogNormalMedianP90(25, 20) }, "lognormal: p90 (20min) must be greater than median (25min)"},
		{func() (Dist, error) { return LogNormalMedianP90(25, 25) }, "lognormal: p90 (25min) must be greater than median (25min)"},
		{func() (Dist, error) { return LogNormalMedianP90(0, 20) }, "lognormal: median (0min) must be positive"},
		{func() (Dist, error) { return LogNormalMedianP90(25, inf) }, "lognormal: p90 (+Inf) must be a finite number"},
		{func() (Dist, error) { return GammaMeanCV(0, 0.5) }, "gamma: mean (0min) must be positive"},
		{func() (Dist, error) { return GammaMeanCV(10, 0) }, "gamma: cv (0) must be positive"},
		{func() (Dist, error) { return GammaMeanCV(10, 6) }, "gamma: cv (6) must be between 0.01 and 5"},
		{func() (Dist, error) { return GammaMeanCV(10, 0.001) }, "gamma: cv (0.001) must be between 0.01 and 5"},
		{func() (Dist, error) { return Triangular(5, 10, 5) }, "tri: min (5min) must be less than max (5min)"},
		{func() (Dist, error) { return Triangular(5, 5, 5) }, "tri: min (5min) must be less than max (5min)"},
		{func() (Dist, error) { return Triangular(5, 40, 30) }, "tri: mode (40min) must be between min (5min) and max (30min)"},
		{func() (Dist, error) { return Triangular(5, 1, 30) }, "tri: mode (1min) must be between min (5min) and max (30min)"},
		{func() (Dist, error) { return Triangular(-1, 1, 30) }, "tri: min (-1min) must not be negative"},
		{func() (Dist, error) { return Triangular(0, nan, 30) }, "tri: mode (NaN) must be a finite number"},
		{func() (Dist, error) { return Empirical([]float64{0}, []float64{1}) }, "need at least 2 points"},
		{func() (Dist, error) { return Empirical([]float64{0, 1}, []float64{1}) }, "2 probabilities but 1 values"},
		{func() (Dist, error) { return Empirical([]float64{0.1, 1}, []float64{1, 2}) }, "first probability must be 0, not 0.1"},
		{func() (Dist, error) { return Empirical([]float64{0, 0.9}, []float64{1, 2}) }, "last probability must be 1, not 0.9"},
		{func() (Dist, error) { return Empirical([]float64{0, 0.5, 0.5, 1}, []float64{1, 2, 3, 4}) }, "probabilities must increase, but probability 3 (0.5) follows 0.5"},
		{func() (Dist, error) { return Empirical([]float64{0, 0.5, 1}, []float64{1, 3, 2}) }, "values must not decrease, but value 3 (2min) follows 3min"},
		{func() (Dist, error) { return Empirical([]float64{0, 1.5}, []float64{1, 2}) }, "probability 2 (1.5) must be between 0 and 1"},
		{func() (Dist, error) { return Empirical([]float64{0, 1}, []float64{-1, 2}) }, "empirical: value 1 (-1min) must not be negative"},
		{func() (Dist, error) { return Scaled(exp, -0.5) }, "scaled: factor (-0.5) must not be negative"},
		{func() (Dist, error) { return Shifted(exp, -5) }, "shifted: by (-5min) must not be negative"},
		{func() (Dist, error) { return Reduced(exp, nan) }, "reduced: by (NaN) must be a finite number"},
	} {
		d, err := c.build()
		if err == nil {
			t.Errorf("case %d: got %v, want error %q", i, d, c.want)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("case %d: error %q, want it to contain %q", i, err, c.want)
		}
	}
}

func TestTransformsPanicOnNil(t *testing.T) {
	t.Parallel()
	for name, f := range map[string]func(){
		"Scaled":  func() { Scaled(nil, 1) },
		"Shifted": func() { Shifted(nil, 1) },
		"Reduced": func() { Reduced(nil, 1) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s(nil, …) did not panic", name)
				}
			}()
			f()
		}()
	}
}
