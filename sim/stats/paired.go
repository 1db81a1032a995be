package stats

import (
	"errors"
	"math"
)

// Errors returned by [PairedDiff].
var (
	ErrLengthMismatch = errors.New("stats: paired samples differ in length")
	ErrTooFew         = errors.New("stats: fewer than 2 pairs")
)

// PairedSummary compares two arms, a (baseline) and b (alternative), run on
// the same n replications with common random numbers, so that a[i] and b[i]
// are positively correlated and their difference varies much less than
// either (Law, Simulation Modeling and Analysis, 5th ed., 2015, ch. 10,
// paired-t; ch. 11, common random numbers).
type PairedSummary struct {
	// Diff summarises the differences d[i] = b[i] − a[i]: the paired-t
	// confidence interval for E[b] − E[a].
	Diff Summary
	// MeanA and MeanB are the sample means ā and b̄ of the two arms.
	MeanA, MeanB float64
	// Rel is the relative change of the means, b̄/ā − 1 (0.05 for +5%). It is
	// NaN if ā == 0.
	Rel float64
	// RelHalfWidth is the half-width of the delta-method confidence interval
	// for E[b]/E[a] − 1, at level Diff.Level; see PairedDiffLevel. It is NaN
	// if ā == 0.
	RelHalfWidth float64
}

// PairedDiff compares paired replication results a (baseline) and b
// (alternative) with 95% confidence intervals. It is
// PairedDiffLevel(a, b, DefaultLevel).
func PairedDiff(a, b []float64) (PairedSummary, error) {
	return PairedDiffLevel(a, b, DefaultLevel)
}

// PairedDiffLevel compares paired replication results a (baseline) and b
// (alternative), a[i] and b[i] coming from replication i of each arm, with
// confidence intervals at the given level (0.95 for 95%).
//
// The difference interval is the paired-t interval: [SummarizeLevel] of
// d[i] = b[i] − a[i].
//
// The relative change R − 1, R = E[b]/E[a], is estimated by R̂ = b̄/ā. Its
// interval comes from the delta method for a ratio of means (the classical
// ratio estimator; W. G. Cochran, Sampling Techniques, 3rd ed., 1977, ch. 6;
// Law, op. cit., ch. 9, regenerative method): with the linearised residuals
// e[i] = b[i] − R̂·a[i], which have mean zero,
//
//	Var(R̂) ≈ s_e² / (n·ā²),   s_e² = Σ e[i]² / (n − 1)
//	         = (s_b² − 2R̂·s_ab + R̂²·s_a²) / (n·ā²)
//	RelHalfWidth = t_{(1+level)/2, n−1} · √Var(R̂)
//
// and the interval is Rel ± RelHalfWidth. It is symmetric and only
// approximately right for small n or when ā is near zero relative to its
// standard error.
//
// PairedDiffLevel returns ErrLengthMismatch if a and b differ in length and
// ErrTooFew if there are fewer than 2 pairs. It panics if level is not
// strictly between 0 and 1.
func PairedDiffLevel(a, b []float64, level float64) (PairedSummary, error) {
	if len(a) != len(b) {
		return PairedSummary{}, ErrLengthMismatch
	}
	if len(a) < 2 {
		return PairedSummary{}, ErrTooFew
	}
	var ta, tb, td Tally
	for i := range a {
		ta.Add(a[i])
		tb.Add(b[i])
		td.Add(b[i] - a[i])
	}
	p := PairedSummary{
		Diff:         summarizeTally(td, level),
		MeanA:        ta.Mean(),
		MeanB:        tb.Mean(),
		Rel:          math.NaN(),
		RelHalfWidth: math.NaN(),
	}
	if p.MeanA == 0 {
		return p, nil
	}
	r := p.MeanB / p.MeanA
	var ss float64 // Σ e[i]², e[i] = b[i] − R̂·a[i]; Σ e[i] = 0 up to rounding
	for i := range a {
		e := b[i] - float64(r*a[i]) // float64: no FMA
		ss += float64(e * e)
	}
	n := float64(len(a))
	se := math.Sqrt(ss/(n-1)/n) / math.Abs(p.MeanA)
	p.Rel = r - 1
	p.RelHalfWidth = tQuantile(level, len(a)-1) * se
	return p, nil
}

// RelHi returns the upper confidence limit of the relative change,
// Rel + RelHalfWidth.
func (p PairedSummary) RelHi() float64 { return p.Rel + p.RelHalfWidth }

// RelLo returns the lower confidence limit of the relative change,
// Rel − RelHalfWidth.
func (p PairedSummary) RelLo() float64 { return p.Rel - p.RelHalfWidth }
