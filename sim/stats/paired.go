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
	// NaN unless ā > 0 and b̄ ≥ 0: the relative change of a quantity that
	// can be zero or negative (a growth, a difference) says nothing.
	Rel float64
	// RelLo and RelHi are the confidence limits of E[b]/E[a] − 1 at level
	// Diff.Level, from the delta method on the log ratio (see
	// PairedDiffLevel). They lie above −1, as the change of a positive
	// quantity must, and are not symmetric about Rel. They are NaN unless
	// both means are positive (or b is all zeros: then both are −1), and
	// with fewer than 2 pairs.
	RelLo, RelHi float64
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
// interval comes from the delta method applied to log R̂ (the classical
// ratio estimator, W. G. Cochran, Sampling Techniques, 3rd ed., 1977,
// ch. 6; on the log scale as for ratios of means in D. Hinkley, "On the
// ratio of two correlated normal random variables", Biometrika 56(3),
// 1969, and Law, op. cit., ch. 9). With the linearised residuals
// e[i] = b[i] − R̂·a[i], which have mean zero,
//
//	Var(R̂) ≈ s_e² / (n·ā²),   s_e² = Σ e[i]² / (n − 1)
//	         = (s_b² − 2R̂·s_ab + R̂²·s_a²) / (n·ā²)
//	Var(log R̂) ≈ Var(R̂) / R̂² = s_e² / (n·b̄²)
//	h = t_{(1+level)/2, n−1} · s_e / (√n · b̄)
//	[RelLo, RelHi] = [R̂·e^(−h) − 1, R̂·e^(+h) − 1]
//
// Unlike the symmetric interval R̂ − 1 ± t·√Var(R̂), which leaves the
// possible range (below −100 %) when few replications meet a large
// decrease, the limits stay above −1 and the interval is wider on the side
// where the ratio can move more. Like every delta-method interval it is
// approximate for small n; TestRelativeChangeCoverage measures its
// coverage with 3 and 5 pairs.
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
		Diff:  summarizeTally(td, level),
		MeanA: ta.Mean(),
		MeanB: tb.Mean(),
		Rel:   math.NaN(),
		RelLo: math.NaN(),
		RelHi: math.NaN(),
	}
	if !(p.MeanA > 0 && p.MeanB >= 0) {
		return p, nil // a relative change of a quantity that is not positive says nothing
	}
	r := p.MeanB / p.MeanA
	p.Rel = r - 1
	switch {
	case p.MeanB == 0:
		if tb.Min() == 0 && tb.Max() == 0 {
			p.RelLo, p.RelHi = -1, -1 // b is all zeros: the change is −100 %, nothing varies
		}
		return p, nil
	}
	var ss float64 // Σ e[i]², e[i] = b[i] − R̂·a[i]; Σ e[i] = 0 up to rounding
	for i := range a {
		e := b[i] - float64(r*a[i]) // float64: no FMA
		ss += float64(e * e)
	}
	n := float64(len(a))
	h := tQuantile(level, len(a)-1) * math.Sqrt(ss/(n-1)/n) / p.MeanB
	p.RelLo = r*math.Exp(-h) - 1
	p.RelHi = r*math.Exp(h) - 1
	return p, nil
}
