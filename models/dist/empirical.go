package dist

import (
	"fmt"
	"math"
	"strings"
)

// Empirical returns the distribution whose quantile function is the
// polygon through the points (ps[i], xs[i]): the quantile at ps[i] is xs[i]
// minutes, and between two points it is interpolated linearly:
//
//	Q(p) = xᵢ + (p − pᵢ)/(pᵢ₊₁ − pᵢ) · (xᵢ₊₁ − xᵢ)  for pᵢ ≤ p ≤ pᵢ₊₁.
//
// That is, the distribution is uniform between consecutive points and puts
// probability pᵢ₊₁ − pᵢ between xᵢ and xᵢ₊₁ (a flat segment, xᵢ = xᵢ₊₁, is
// an atom). It needs at least two points; the probabilities must increase
// strictly from ps[0] = 0 to ps[n−1] = 1, and the values must be finite,
// non-negative and non-decreasing. The mean is exact, by the trapezoidal
// rule, which integrates the piecewise linear Q without error:
//
//	E[X] = ∫₀¹ Q(p) dp = Σᵢ (pᵢ₊₁ − pᵢ)·(xᵢ + xᵢ₊₁)/2.
//
// Empirical copies ps and xs. Quantile finds the segment by binary search,
// O(log n).
func Empirical(ps, xs []float64) (Dist, error) {
	if len(ps) != len(xs) {
		return nil, fmt.Errorf("empirical: %d probabilities but %d values", len(ps), len(xs))
	}
	n := len(ps)
	if n < 2 {
		return nil, fmt.Errorf("empirical: need at least 2 points (p = 0 and p = 1), got %d", n)
	}
	for i := range n {
		if math.IsNaN(ps[i]) || ps[i] < 0 || ps[i] > 1 {
			return nil, fmt.Errorf("empirical: probability %d (%v) must be between 0 and 1", i+1, ps[i])
		}
		if err := checkNonNegative("empirical", fmt.Sprintf("value %d", i+1), xs[i], true); err != nil {
			return nil, err
		}
		if i > 0 && !(ps[i] > ps[i-1]) {
			return nil, fmt.Errorf("empirical: probabilities must increase, but probability %d (%v) follows %v",
				i+1, ps[i], ps[i-1])
		}
		if i > 0 && xs[i] < xs[i-1] {
			return nil, fmt.Errorf("empirical: values must not decrease, but value %d (%s) follows %s",
				i+1, formatDuration(xs[i]), formatDuration(xs[i-1]))
		}
	}
	if ps[0] != 0 {
		return nil, fmt.Errorf("empirical: the first probability must be 0, not %v", ps[0])
	}
	if ps[n-1] != 1 {
		return nil, fmt.Errorf("empirical: the last probability must be 1, not %v", ps[n-1])
	}
	e := empirical{ps: make([]float64, n), xs: make([]float64, n)}
	copy(e.ps, ps)
	for i, x := range xs {
		e.xs[i] = x + 0 // + 0 turns −0 into +0
	}
	for i := range n - 1 {
		e.mean += (e.ps[i+1] - e.ps[i]) * (e.xs[i] + e.xs[i+1]) / 2
	}
	return e, nil
}

type empirical struct {
	ps, xs []float64
	mean   float64
}

func (e empirical) Mean() float64 { return e.mean }

func (e empirical) Quantile(p float64) float64 {
	checkProb(p)
	// Find the segment i with ps[i] ≤ p ≤ ps[i+1]: lo ends as the last
	// index in [0, n−2] with ps[lo] ≤ p.
	lo, hi := 0, len(e.ps)-1
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if e.ps[mid] <= p {
			lo = mid
		} else {
			hi = mid
		}
	}
	p0, p1 := e.ps[lo], e.ps[lo+1]
	x0, x1 := e.xs[lo], e.xs[lo+1]
	if p >= p1 {
		return x1
	}
	return x0 + float64((p-p0)/(p1-p0)*(x1-x0))
}

func (e empirical) String() string {
	var b strings.Builder
	b.WriteString("empirical(")
	for i := range e.ps {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(formatNumber(e.ps[i]))
		b.WriteByte(':')
		b.WriteString(formatDuration(e.xs[i]))
	}
	b.WriteByte(')')
	return b.String()
}
