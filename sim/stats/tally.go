package stats

import "math"

// Tally accumulates streaming statistics of a sequence of observations
// (waiting times, lead times, costs): count, sum, mean, sample variance,
// minimum and maximum, in O(1) memory and without allocating.
//
// The mean and variance are updated with Welford's algorithm, which avoids
// the catastrophic cancellation of the textbook formula Σx²/n − x̄² when the
// mean is large compared with the spread. For the k-th observation x:
//
//	δ  = x − mean
//	mean += δ/k
//	M2 += δ·(x − mean)        (using the updated mean)
//
// and the sample variance is M2/(k−1). See B. P. Welford, "Note on a method
// for calculating corrected sums of squares and products", Technometrics
// 4(3):419–420, 1962; Knuth, TAOCP vol. 2, §4.2.2.
//
// The zero value is an empty Tally, ready to use. Tally is a value type:
// copying it copies the statistics.
type Tally struct {
	n        int
	mean, m2 float64
	sum      float64
	min, max float64
}

// Add records the observation x. A NaN observation makes Mean, Variance, Sum,
// Min and Max NaN from then on.
func (t *Tally) Add(x float64) {
	t.n++
	if t.n == 1 {
		t.mean, t.m2, t.sum, t.min, t.max = x, 0, x, x, x
		return
	}
	d := x - t.mean
	t.mean += d / float64(t.n)
	t.m2 += float64(d * (x - t.mean)) // float64: no FMA, same bits on all platforms
	t.sum += x
	// Plain comparisons, not math.Min/Max: this is on every model's hot
	// path. A NaN observation makes Mean and Variance NaN but leaves Min
	// and Max alone.
	if x < t.min {
		t.min = x
	}
	if x > t.max {
		t.max = x
	}
}

// Count returns the number of observations.
func (t Tally) Count() int { return t.n }

// Max returns the largest observation, or NaN if there are none.
func (t Tally) Max() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.max
}

// Mean returns the arithmetic mean of the observations, or NaN if there are
// none.
func (t Tally) Mean() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.mean
}

// Merge adds the observations summarised by other to t, as if they had been
// added to t one by one (up to rounding). It combines the two sets with the
// pairwise update of Chan, Golub and LeVeque: for parts A and B with
// n = n_A + n_B and δ = mean_B − mean_A,
//
//	mean = mean_A + δ·n_B/n
//	M2   = M2_A + M2_B + δ²·n_A·n_B/n
//
// See T. F. Chan, G. H. Golub and R. J. LeVeque, "Updating formulae and a
// pairwise algorithm for computing sample variances", Stanford report
// STAN-CS-79-773, 1979, and "Algorithms for computing the sample variance:
// analysis and recommendations", The American Statistician 37(3):242–247,
// 1983.
func (t *Tally) Merge(other Tally) {
	switch {
	case other.n == 0:
		return
	case t.n == 0:
		*t = other
		return
	}
	na, nb := float64(t.n), float64(other.n)
	n := na + nb
	d := other.mean - t.mean
	t.mean += float64(d * (nb / n))
	t.m2 += other.m2 + float64(d*d*(na*nb/n))
	t.n += other.n
	t.sum += other.sum
	t.min = math.Min(t.min, other.min)
	t.max = math.Max(t.max, other.max)
}

// Min returns the smallest observation, or NaN if there are none.
func (t Tally) Min() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.min
}

// Reset discards all observations, leaving an empty Tally.
func (t *Tally) Reset() { *t = Tally{} }

// StdDev returns the sample standard deviation √Variance, or NaN if there
// are fewer than two observations.
func (t Tally) StdDev() float64 { return math.Sqrt(t.Variance()) }

// Sum returns the sum of the observations, accumulated in observation order;
// it is 0 if there are none.
func (t Tally) Sum() float64 { return t.sum }

// Variance returns the unbiased sample variance
//
//	s² = Σ(x − x̄)² / (n − 1),
//
// or NaN if there are fewer than two observations.
func (t Tally) Variance() float64 {
	if t.n < 2 {
		return math.NaN()
	}
	return t.m2 / float64(t.n-1)
}
