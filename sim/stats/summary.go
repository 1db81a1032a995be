package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// DefaultLevel is the confidence level used by [Summarize] and [PairedDiff].
const DefaultLevel = 0.95

// Summary summarises a statistic observed once in each of N independent
// replications (the mean wait of each run, say) with a Student-t confidence
// interval for its expectation:
//
//	Mean ± t_{(1+Level)/2, N−1} · StdDev/√N
//
// which is exact for normally distributed replication results and
// approximately right for others by the central limit theorem (A. M. Law,
// Simulation Modeling and Analysis, 5th ed., 2015, ch. 4 and ch. 9).
type Summary struct {
	// N is the number of replications.
	N int
	// Mean is the sample mean; NaN if N == 0.
	Mean float64
	// StdDev is the sample standard deviation (divisor N−1); NaN if N < 2.
	StdDev float64
	// StdErr is the standard error of the mean, StdDev/√N; NaN if N < 2.
	StdErr float64
	// HalfWidth is the confidence interval's half-width,
	// t_{(1+Level)/2, N−1}·StdErr; NaN if N < 2 (no estimate of spread).
	HalfWidth float64
	// Level is the confidence level of the interval, 0 < Level < 1.
	Level float64
}

// Summarize returns the Summary of xs, one value per independent
// replication, with a 95% confidence interval. It is SummarizeLevel(xs,
// DefaultLevel).
func Summarize(xs []float64) Summary { return SummarizeLevel(xs, DefaultLevel) }

// SummarizeLevel returns the Summary of xs, one value per independent
// replication, with a confidence interval at the given level (0.95 for 95%).
// Mean and variance are computed with Welford's algorithm ([Tally]); the
// Student-t quantile comes from gonum's distuv.StudentsT.
//
// SummarizeLevel panics if level is not strictly between 0 and 1.
func SummarizeLevel(xs []float64, level float64) Summary {
	var t Tally
	for _, x := range xs {
		t.Add(x)
	}
	return summarizeTally(t, level)
}

// summarizeTally is SummarizeLevel for observations already in t.
func summarizeTally(t Tally, level float64) Summary {
	if !(level > 0 && level < 1) {
		panic("stats: confidence level outside (0, 1)")
	}
	s := Summary{N: t.Count(), Mean: t.Mean(), StdDev: t.StdDev(), Level: level}
	s.StdErr = s.StdDev / math.Sqrt(float64(s.N))
	s.HalfWidth = tQuantile(level, s.N-1) * s.StdErr
	return s
}

// tQuantile returns t_{(1+level)/2, df}, the two-sided critical value of
// Student's t distribution with df degrees of freedom, or NaN if df < 1.
func tQuantile(level float64, df int) float64 {
	if df < 1 {
		return math.NaN()
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile((1 + level) / 2)
}

// Covers reports whether x lies in the closed interval [Lo, Hi]. It is false
// when the interval is undefined (N < 2).
func (s Summary) Covers(x float64) bool { return s.Lo() <= x && x <= s.Hi() }

// Hi returns the upper confidence limit Mean + HalfWidth.
func (s Summary) Hi() float64 { return s.Mean + s.HalfWidth }

// Lo returns the lower confidence limit Mean − HalfWidth.
func (s Summary) Lo() float64 { return s.Mean - s.HalfWidth }

// String formats the interval as "mean ± half-width", for example
// "12.35 ± 0.41": the half-width with two significant digits (as a whole
// number when it is 10 or more) and the mean rounded to the same decimal
// place. Without a positive finite half-width (N < 2, or all values equal)
// it prints the mean with six significant digits: "12.3456 ± NaN".
func (s Summary) String() string { return formatPM(s.Mean, s.HalfWidth) }

// formatPM formats m ± h with h to two significant digits and m to the same
// number of decimals.
func formatPM(m, h float64) string {
	if math.IsNaN(h) || math.IsInf(h, 0) || h == 0 {
		return fmt.Sprintf("%.6g ± %g", m, h)
	}
	dec := 1 - int(math.Floor(math.Log10(math.Abs(h))))
	dec = max(0, min(dec, 17))
	return fmt.Sprintf("%.*f ± %.*f", dec, m, dec, h)
}
