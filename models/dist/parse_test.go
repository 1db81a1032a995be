package dist

import (
	"math"
	"strings"
	"testing"

	"zsa/sim"
)

func TestParseDuration(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want sim.Time
	}{
		{"25min", 25},
		{"0min", 0},
		{"-0min", 0},
		{"1.5h", 90},
		{"30s", 0.5}, // 30/60, exactly
		{"1s", 1.0 / 60},
		{"2d", 2 * sim.Day},
		{"1w", sim.Week},
		{" 90 d ", 90 * 1440},
		{"2.5e1min", 25},
		{".5h", 30},
	} {
		got, err := ParseDuration(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"25", `duration "25" has no unit; write e.g. "25min" (units: s|min|h|d|w)`},
		{"", "empty duration"},
		{"min", `duration "min" has no number`},
		{"-5min", `duration "-5min" is negative`},
		{"NaNmin", `duration "NaNmin" must be a finite number`},
		{"+Inf h", `duration "+Inf h" must be a finite number`},
		{"1e400min", `duration "1e400min" is more than 100 years`},
		{"1e305w", `duration "1e305w" is more than 100 years`},
		{"36501d", `duration "36501d" is more than 100 years`},
		{"5m", `unit "m" is ambiguous; write "min"`},
		{"5 mins", `duration "5 mins" has unknown unit "mins" (units: s|min|h|d|w)`},
		{"5.5.5min", `duration "5.5.5min": invalid number "5.5.5"`},
		{"1h30min", `invalid number "1h30"; write one number and one unit, e.g. "90min"`},
	} {
		got, err := ParseDuration(c.in)
		if err == nil {
			t.Errorf("ParseDuration(%q) = %v, want error %q", c.in, got, c.want)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseDuration(%q): error %q, want it to contain %q", c.in, err, c.want)
		}
	}
}

// TestFormatDuration: formatDuration picks the largest whole unit and
// parses back to the same float64.
func TestFormatDuration(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   float64
		want string
	}{
		{0, "0min"}, {25, "25min"}, {60, "1h"}, {90, "90min"}, {1440, "1d"},
		{10080, "1w"}, {20160, "2w"}, {0.5, "30s"}, {1.0 / 60, "1s"},
		{1.0 / 3, "20s"}, {0.123, "0.123min"}, {1e300, "1e+300min"},
		{669.0 / 60, "11.15min"}, {6954.0 / 60, "115.9min"}, {61.0 / 3, "1220s"},
	} {
		if got := formatDuration(c.in); got != c.want {
			t.Errorf("formatDuration(%v) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, x := range []float64{
		0, 1, 0.1, 1.0 / 3, 2.0 / 3, 1.0 / 60, 7.0 / 60, math.Pi, 1e-300, 5e-324,
		MaxDuration, 12345678.123, 1440 * 365.25, 59.99999999999999,
	} {
		s := formatDuration(x)
		got, err := ParseDuration(s)
		if err != nil || float64(got) != x {
			t.Errorf("ParseDuration(formatDuration(%v) = %q) = %v, %v", x, s, got, err)
		}
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		mean float64 // minutes, from the formulas
		str  string  // String of the result
	}{
		{"exp(mean=25min)", 25, "exp(mean=25min)"},
		{"exp(25min)", 25, "exp(mean=25min)"},
		{" EXP ( Mean = 0.5h ) ", 30, "exp(mean=30min)"},
		{"const(10min)", 10, "const(10min)"},
		{"det(value=2h)", 120, "const(2h)"},
		{"25min", 25, "const(25min)"},
		{"1.5d", 2160, "const(36h)"},
		// exp(μ + σ²/2) with μ = ln 25, σ = ln(60/25)/z₀.₉.
		{"lognormal(median=25min, p90=60min)",
			25 * math.Exp(math.Pow(math.Log(2.4)/normalQuantile(0.9), 2)/2), "lognormal(median=25min, p90=1h)"},
		{"lognormal(p90=1h, median=25min)",
			25 * math.Exp(math.Pow(math.Log(2.4)/normalQuantile(0.9), 2)/2), "lognormal(median=25min, p90=1h)"},
		{"gamma(mean=2h, cv=0.5)", 120, "gamma(mean=2h, cv=0.5)"},
		{"gamma(2h, 0.5)", 120, "gamma(mean=2h, cv=0.5)"},
		{"gamma(2h, cv=0.5)", 120, "gamma(mean=2h, cv=0.5)"},
		{"tri(min=5min, mode=10min, max=30min)", 15, "tri(min=5min, mode=10min, max=30min)"},
		{"tri(0min, 0min, 1h)", 20, "tri(min=0min, mode=0min, max=1h)"},
		// Trapezoids: 0.5·7.5 + 0.4·20 + 0.1·45.
		{"empirical(0:5min, 0.5:10min, 0.9:30min, 1:60min)", 16.25, "empirical(0:5min, 0.5:10min, 0.9:30min, 1:1h)"},
		{"scaled(exp(mean=25min), factor=0.8)", 20, "scaled(exp(mean=25min), factor=0.8)"},
		{"scaled(dist=exp(mean=25min), factor=0)", 0, "scaled(exp(mean=25min), factor=0)"},
		{"shifted(tri(5min, 10min, 30min), by=5min)", 20, "shifted(tri(min=5min, mode=10min, max=30min), by=5min)"},
		// Memoryless: E[(X − 5)⁺] = 25·e^(−5/25).
		{"reduced(exp(mean=25min), by=5min)", 25 * math.Exp(-0.2), "reduced(exp(mean=25min), by=5min)"},
		{"scaled(reduced(const(10min), by=4min), factor=0.5)", 3, "scaled(reduced(const(10min), by=4min), factor=0.5)"},
	} {
		d, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if e := math.Abs(d.Mean() - c.mean); e > 1e-6*c.mean+1e-12 {
			t.Errorf("Parse(%q): mean %v, want %v", c.in, d.Mean(), c.mean)
		}
		if got := d.String(); got != c.str {
			t.Errorf("Parse(%q).String() = %q, want %q", c.in, got, c.str)
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"", "empty"},
		{"gama(mean=2h, cv=0.5)", `unknown distribution "gama"; want one of const|det|empirical|exp|gamma|lognormal|reduced|scaled|shifted|tri`},
		{"normal", `unknown distribution "normal"`},
		{"exp", "exp: missing parameters in parentheses, e.g. exp(mean=25min)"},
		{"exp()", "exp: no parameters"},
		{"exp(mean=25)", `exp: mean: duration "25" has no unit; write e.g. "25min"`},
		{"exp(rate=2)", `exp: unknown parameter "rate"; want mean`},
		{"exp(mean=25min, mean=3min)", "exp: parameter mean given twice"},
		{"exp(25min, 3min)", "exp: too many parameters (2); want mean"},
		{"exp(mean=)", "exp: parameter mean has no value"},
		{"exp(mean=25min", "exp: missing closing parenthesis"},
		{"exp(mean=25min))", "unbalanced parentheses"},
		{"exp(mean=25min) x", `exp: unexpected text " x" after ')'`},
		{"exp(mean=-5min)", `duration "-5min" is negative`},
		{"exp(mean=0min)", "exp: mean (0min) must be positive"},
		{"gamma(mean=2h)", "gamma: missing parameter cv; e.g. gamma(mean=2h, cv=0.5)"},
		{"gamma(cv=0.5, 2h)", `gamma: parameter 2 ("2h") has no name, but follows a named one`},
		{"gamma(mean=2h, cv=0.5min)", `gamma: cv: "0.5min" must be a plain number, not a duration`},
		{"gamma(mean=2h, cv=x)", `gamma: cv: invalid number "x"`},
		{"gamma(mean=2h, cv=NaN)", `gamma: cv: "NaN" must be a finite number`},
		{"gamma(mean=2h, cv=9)", "gamma: cv (9) must be between 0.01 and 5"},
		{"lognormal(median=25min, p90=20min)", "lognormal: p90 (20min) must be greater than median (25min)"},
		{"lognormal(median=25min, p99=20min)", `lognormal: unknown parameter "p99"; want median|p90`},
		{"tri(min=5min, mode=40min, max=30min)", "tri: mode (40min) must be between min (5min) and max (30min)"},
		{"empirical(0:5min, 0.5:10min)", "empirical: the last probability must be 1, not 0.5"},
		{"empirical(0:5min, 10min)", `empirical: point 2 ("10min") must be p:duration`},
		{"empirical(0:5min, 1:10)", `empirical: point 2: duration "10" has no unit`},
		{"empirical(0:5min, x:10min)", `empirical: point 2: probability: invalid number "x"`},
		{"empirical(0:5min, 1:3min)", "empirical: values must not decrease"},
		{"scaled(exp(mean=25min), factor=-1)", "scaled: factor (-1) must not be negative"},
		{"scaled(exp(mean=25), factor=1)", `scaled: dist: exp: mean: duration "25" has no unit`},
		{"scaled(factor=1)", "scaled: missing parameter dist"},
		{"reduced(exp(mean=25min), by=5)", `reduced: by: duration "5" has no unit`},
		{strings.Repeat("scaled(", 20) + "1min" + strings.Repeat(", 1)", 20), "nested more than 16 deep"},
	} {
		d, err := Parse(c.in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want an error containing %q", c.in, d, c.want)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q): error %q, want it to contain %q", c.in, err, c.want)
		}
		if want := "distribution " + `"`; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Parse(%q): error %q does not start with %q", c.in, err, want)
		}
	}
}

// TestStringRoundTrip: Parse(d.String()) gives a distribution with the
// same String, Mean and quantiles, also for awkward numbers.
func TestStringRoundTrip(t *testing.T) {
	t.Parallel()
	third := 1.0 / 3
	dists := testDists()
	for _, d := range []Dist{
		must(Exponential(third)),
		must(Exponential(math.Pi * 1e6)),
		must(Deterministic(0)),
		must(Deterministic(1.0 / 60)),
		must(LogNormalMedianP90(third, math.E)),
		must(GammaMeanCV(7.0/60, 0.3333333333333333)),
		must(Triangular(0, third, 1440.5)),
		must(Empirical([]float64{0, third, 1}, []float64{0.1, 0.1, 1e5})),
		must(Reduced(must(Shifted(must(Scaled(must(Exponential(3)), 0.7)), 0.25)), third)),
	} {
		dists = append(dists, struct {
			name string
			d    Dist
		}{d.String(), d})
	}
	for _, c := range dists {
		s := c.d.String()
		d, err := Parse(s)
		if err != nil {
			t.Errorf("%s: Parse(%q): %v", c.name, s, err)
			continue
		}
		if got := d.String(); got != s {
			t.Errorf("%s: String after Parse = %q, want %q", c.name, got, s)
		}
		if d.Mean() != c.d.Mean() {
			t.Errorf("%s: Mean after Parse = %v, want %v", c.name, d.Mean(), c.d.Mean())
		}
		for _, p := range []float64{0x1p-53, 0.1, 0.5, 0.9, 1 - 0x1p-53} {
			if got, want := d.Quantile(p), c.d.Quantile(p); got != want {
				t.Errorf("%s: Quantile(%v) after Parse = %v, want %v", c.name, p, got, want)
			}
		}
	}
}

// FuzzParse: Parse never panics, and whatever it accepts prints in a form
// that it accepts again, with the same String; Quantile and Mean of the
// result are not NaN. Run with: go test -fuzz=FuzzParse ./models/dist
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"exp(mean=25min)", "const(10min)", "det(1s)", "lognormal(median=25min, p90=60min)",
		"gamma(mean=2h, cv=0.5)", "gamma(1min, 5)", "gamma(1e300min, 0.01)",
		"tri(min=5min, mode=10min, max=30min)", "empirical(0:5min, 0.5:10min, 0.9:30min, 1:60min)",
		"25min", "1w", "0min", "scaled(exp(mean=25min), factor=0.8)",
		"shifted(tri(5min, 10min, 30min), by=5min)", "reduced(gamma(mean=2h, cv=0.5), by=90min)",
		"reduced(lognormal(1e-300min, 1e300min), by=1e300min)",
		"exp(", "exp(mean=)", "(((", ")", "gamma(mean=2h, cv=0.5min)", "empirical(0:1min)",
		"scaled(scaled(scaled(1min, 2), 3), 4)", "1e400min", "NaNmin", "0x1p-3h", "exp(mean=5e-324min)",
		"lognormal(median=5e-324min, p90=1e308min)", "tri(0min, 1e308min, 1e308min)",
		"tri(0min,0min,1e200min)", // overflowed distuv.Triangle.Quantile to −Inf
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		str := d.String()
		d2, err := Parse(str)
		if err != nil {
			t.Fatalf("Parse(%q) gave %q, which does not parse: %v", s, str, err)
		}
		if got := d2.String(); got != str {
			t.Fatalf("Parse(%q) gave %q, which parses to %q", s, str, got)
		}
		if math.IsNaN(d.Mean()) {
			t.Fatalf("Parse(%q): Mean is NaN", s)
		}
		for _, p := range []float64{0, 0x1p-53, 0.5, 1 - 0x1p-53, 1} {
			if q := d.Quantile(p); math.IsNaN(q) || q < 0 {
				t.Fatalf("Parse(%q): Quantile(%v) = %v", s, p, q)
			}
		}
	})
}
