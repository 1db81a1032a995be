package dist

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/gonum/stat/distuv"

	"zsa/models/xmath"
)

// Dist is a distribution of a non-negative duration in minutes (sim.Time
// as float64), given by its quantile function.
//
// Quantile returns the p-quantile, the inverse of the distribution
// function: the duration that a fraction p of draws do not exceed. It is
// non-decreasing in p, so a case with a larger uniform u gets a longer
// duration in every arm of a comparison. It is defined for p in (0, 1); at
// p = 0 and p = 1 it returns the limits (0 or the minimum, +Inf or the
// maximum), and it panics if p is outside [0, 1] or NaN. The
// implementations of this package do not allocate.
//
// Mean returns the expected value in minutes.
//
// String returns the distribution in the notation of Parse, so that
// Parse(d.String()) gives the same distribution.
type Dist interface {
	Quantile(p float64) float64
	Mean() float64
	String() string
}

// checkProb panics if p is outside [0, 1] or NaN.
func checkProb(p float64) {
	if !(p >= 0 && p <= 1) {
		panic("dist: probability out of range [0, 1]")
	}
}

// Exponential returns the exponential distribution with the given mean in
// minutes, which must be positive and finite:
//
//	Q(p) = −mean·ln(1 − p)
//
// Quantile is distuv.Exponential's, with rate 1/mean.
func Exponential(mean float64) (Dist, error) {
	if err := checkPositive("exp", "mean", mean, true); err != nil {
		return nil, err
	}
	return exponential{mean: mean, d: distuv.Exponential{Rate: 1 / mean}}, nil
}

type exponential struct {
	mean float64
	d    distuv.Exponential
}

func (e exponential) Mean() float64 { return e.mean }

func (e exponential) Quantile(p float64) float64 {
	checkProb(p)
	if p == 1 {
		return math.Inf(1)
	}
	return e.d.Quantile(p) + 0 // + 0 turns −0 (at p = 0) into +0
}

func (e exponential) String() string { return "exp(mean=" + formatDuration(e.mean) + ")" }

// Deterministic returns the distribution that is always v minutes; v must
// be non-negative and finite.
func Deterministic(v float64) (Dist, error) {
	if err := checkNonNegative("const", "value", v, true); err != nil {
		return nil, err
	}
	return deterministic{v: v + 0}, nil // + 0 turns −0 into +0
}

type deterministic struct{ v float64 }

func (d deterministic) Mean() float64 { return d.v }

func (d deterministic) Quantile(p float64) float64 {
	checkProb(p)
	return d.v
}

func (d deterministic) String() string { return "const(" + formatDuration(d.v) + ")" }

// z90 is the 90 % quantile of the standard normal distribution, Φ⁻¹(0.9)
// (Abramowitz & Stegun, table 26.5; R: qnorm(0.9)).
const z90 = 1.2815515655446004

// LogNormalMedianP90 returns the lognormal distribution with the given
// median and 90 % quantile p90, both in minutes, positive and finite, with
// p90 > median. The parameters of the underlying normal distribution are
//
//	μ = ln(median),  σ = (ln p90 − ln median) / z₀.₉,  z₀.₉ = Φ⁻¹(0.9) ≈ 1.28155
//
// so that Q(p) = exp(μ + σ·Φ⁻¹(p)) and the mean is exp(μ + σ²/2)
// (Johnson, Kotz & Balakrishnan, Continuous Univariate Distributions,
// vol. 1, ch. 14). Quantile takes Φ⁻¹ from a table in the body of the
// distribution, within 10⁻⁹ of the exact value (see normal.go), and the
// exponential from xmath.Exp: Q(p) is within a relative σ·10⁻⁹ of the
// exact quantile.
func LogNormalMedianP90(median, p90 float64) (Dist, error) {
	if err := checkPositive("lognormal", "median", median, true); err != nil {
		return nil, err
	}
	if err := checkPositive("lognormal", "p90", p90, true); err != nil {
		return nil, err
	}
	if !(p90 > median) {
		return nil, fmt.Errorf("lognormal: p90 (%s) must be greater than median (%s)",
			formatDuration(p90), formatDuration(median))
	}
	mu := math.Log(median)
	sigma := (math.Log(p90) - mu) / z90
	return &logNormal{median: median, p90: p90, d: distuv.LogNormal{Mu: mu, Sigma: sigma}}, nil
}

// logNormal is used by pointer: the most frequent distribution of the
// models, it is called through Dist without copying its four words.
type logNormal struct {
	median, p90 float64
	d           distuv.LogNormal
}

func (l *logNormal) Mean() float64 { return l.d.Mean() }

func (l *logNormal) Quantile(p float64) float64 {
	checkProb(p)
	// exp(μ + σ·z), z the unit normal's quantile.
	return xmath.Exp(l.d.Mu + l.d.Sigma*unitNormalQuantile(p))
}

func (l *logNormal) String() string {
	return "lognormal(median=" + formatDuration(l.median) + ", p90=" + formatDuration(l.p90) + ")"
}

// Triangular returns the triangular distribution on [min, max] with the
// given mode, all in minutes: 0 ≤ min ≤ mode ≤ max, min < max, finite.
// With F = (mode − min)/(max − min),
//
//	Q(p) = min + √(p·(max − min)·(mode − min))        for p < F,
//	Q(p) = max − √((1 − p)·(max − min)·(max − mode))  otherwise,
//
// and the mean is (min + mode + max)/3 (Johnson, Kotz & Balakrishnan,
// Continuous Univariate Distributions, vol. 2, ch. 26). The parameters
// are checked as distuv.NewTriangle checks them, but Quantile evaluates
// the closed form itself, with √((max − min)·(mode − min)) and its upper
// counterpart precomputed as products of square roots: one square root
// per call, and no overflow of the products for huge durations, where
// distuv.Triangle.Quantile returns −Inf.
func Triangular(min, mode, max float64) (Dist, error) {
	for _, a := range []struct {
		name string
		v    float64
	}{{"min", min}, {"mode", mode}, {"max", max}} {
		if err := checkNonNegative("tri", a.name, a.v, true); err != nil {
			return nil, err
		}
	}
	if !(min < max) {
		return nil, fmt.Errorf("tri: min (%s) must be less than max (%s)", formatDuration(min), formatDuration(max))
	}
	if !(min <= mode && mode <= max) {
		return nil, fmt.Errorf("tri: mode (%s) must be between min (%s) and max (%s)",
			formatDuration(mode), formatDuration(min), formatDuration(max))
	}
	min, mode = min+0, mode+0 // + 0 turns −0 into +0
	width := math.Sqrt(max - min)
	return triangular{
		min: min, mode: mode, max: max,
		f:     (mode - min) / (max - min),
		lower: width * math.Sqrt(mode-min),
		upper: width * math.Sqrt(max-mode),
	}, nil
}

type triangular struct {
	min, mode, max float64
	f              float64 // F(mode) = (mode − min)/(max − min)
	lower, upper   float64 // √((max − min)(mode − min)), √((max − min)(max − mode))
}

func (t triangular) Mean() float64 {
	if sum := t.min + t.mode + t.max; !math.IsInf(sum, 0) {
		return sum / 3
	}
	return t.min/3 + t.mode/3 + t.max/3 // durations near the float64 limit
}

func (t triangular) Quantile(p float64) float64 {
	checkProb(p)
	if p < t.f {
		return t.min + t.lower*math.Sqrt(p)
	}
	return math.Max(t.min, t.max-t.upper*math.Sqrt(1-p))
}

func (t triangular) String() string {
	return "tri(min=" + formatDuration(t.min) + ", mode=" + formatDuration(t.mode) + ", max=" + formatDuration(t.max) + ")"
}

// checkPositive returns an error unless v is positive and finite. dist and
// name name the distribution and the parameter in the message; isDur says
// whether v is a duration in minutes (printed with a unit).
func checkPositive(dist, name string, v float64, isDur bool) error {
	if err := checkFinite(dist, name, v, isDur); err != nil {
		return err
	}
	if v <= 0 {
		return fmt.Errorf("%s: %s (%s) must be positive", dist, name, formatValue(v, isDur))
	}
	return nil
}

// checkNonNegative returns an error unless v is non-negative and finite.
func checkNonNegative(dist, name string, v float64, isDur bool) error {
	if err := checkFinite(dist, name, v, isDur); err != nil {
		return err
	}
	if v < 0 {
		return fmt.Errorf("%s: %s (%s) must not be negative", dist, name, formatValue(v, isDur))
	}
	return nil
}

// checkFinite returns an error if v is NaN or infinite.
func checkFinite(dist, name string, v float64, isDur bool) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s: %s (%v) must be a finite number", dist, name, v)
	}
	return nil
}

// formatValue formats v as a duration (with unit) or as a plain number.
func formatValue(v float64, isDur bool) string {
	if isDur {
		return formatDuration(v)
	}
	return formatNumber(v)
}

// formatNumber formats v with the fewest digits that parse back to v.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}
