package stats

import (
	"math"
	"slices"
)

// Samples stores every observation to give exact sample quantiles (median,
// 90th and 99th percentile waits and lead times), which a streaming [Tally]
// cannot.
//
// Memory is 8 bytes per sample plus the slice's spare capacity (at most
// about as much again while growing): 10 million samples take 80–160 MB,
// which is fine up to tens of millions. The samples are sorted in place,
// lazily, by the first Quantile after an Add: O(n log n) once, then O(1) per
// quantile.
//
// The zero value is empty and ready to use. Copies share the underlying
// array, so keep one Samples (or a pointer to it) per quantity: Add or
// Quantile through one copy can reorder or overwrite the other's samples.
type Samples struct {
	xs     []float64
	sorted bool
}

// Add records the observation x. It appends to a slice, so it allocates
// amortised O(1) memory.
func (s *Samples) Add(x float64) {
	s.xs = append(s.xs, x)
	s.sorted = len(s.xs) == 1 || (s.sorted && x >= s.xs[len(s.xs)-2])
}

// Len returns the number of samples.
func (s Samples) Len() int { return len(s.xs) }

// Mean returns the arithmetic mean of the samples, or NaN if there are none.
// It sums all samples, O(n) per call.
func (s Samples) Mean() float64 {
	if len(s.xs) == 0 {
		return math.NaN()
	}
	var sum float64
	for _, x := range s.xs {
		sum += x
	}
	return sum / float64(len(s.xs))
}

// Quantile returns the sample p-quantile, 0 <= p <= 1, by linear
// interpolation between order statistics x_(1) <= … <= x_(n), definition 7
// of R. J. Hyndman and Y. Fan, "Sample quantiles in statistical packages",
// The American Statistician 50(4):361–365, 1996 (R's default type = 7,
// numpy's default method 'linear'):
//
//	h = (n − 1)·p + 1
//	Q(p) = x_(⌊h⌋) + (h − ⌊h⌋)·(x_(⌊h⌋+1) − x_(⌊h⌋))
//
// so Q(0) is the minimum, Q(1) the maximum and Q(0.5) the usual median. For
// [1 2 3 4], Q(0.25) = 1.75.
//
// Quantile returns NaN if there are no samples. It panics if p is outside
// [0, 1] or NaN. It sorts the samples if any were added since the last sort;
// NaN samples sort first (as in [slices.Sort]) and so poison low quantiles.
func (s *Samples) Quantile(p float64) float64 {
	if !(p >= 0 && p <= 1) {
		panic("stats: quantile probability outside [0, 1]")
	}
	if len(s.xs) == 0 {
		return math.NaN()
	}
	s.Sort()
	return QuantileSorted(len(s.xs), p, func(i int) float64 { return s.xs[i] })
}

// QuantileSorted returns the sample p-quantile of n ≥ 1 observations as
// Samples.Quantile does, the i-th smallest (from 0) being at(i): for
// samples too many to hold, whose order statistics come from elsewhere
// (a merge of sorted runs). It reads only x_(j) and, if j+1 < n, x_(j+1),
// j = ⌊(n−1)·p⌋ (0-based). It panics if p is outside [0, 1] or NaN, or
// n < 1.
func QuantileSorted(n int, p float64, at func(i int) float64) float64 {
	if !(p >= 0 && p <= 1) {
		panic("stats: quantile probability outside [0, 1]")
	}
	if n < 1 {
		panic("stats: quantile of no observations")
	}
	h := float64(n-1) * p // 0-based position
	j := int(h)           // ⌊h⌋, h >= 0
	if j >= n-1 {
		return at(n - 1)
	}
	lo, hi := at(j), at(j+1)
	if f := h - float64(j); f > 0 && lo != hi { // lo != hi: keeps ±Inf exact
		return lo + float64(f*(hi-lo))
	}
	return lo
}

// Sort sorts the samples in place, as the first Quantile after an Add
// does: call it once before sharing a Samples' values by copying it.
func (s *Samples) Sort() {
	if !s.sorted {
		sortFloats(s.xs)
		s.sorted = true
	}
}

// Grow makes room for n more samples without reallocating.
func (s *Samples) Grow(n int) { s.xs = slices.Grow(s.xs, n) }

// Clip gives back the memory s does not use: a Samples grown by Add or
// Grow may hold room for more samples.
func (s *Samples) Clip() {
	switch {
	case len(s.xs) == 0:
		s.xs = nil
	case cap(s.xs) > len(s.xs):
		xs := make([]float64, len(s.xs))
		copy(xs, s.xs)
		s.xs = xs
	}
}

// Reset discards all samples, keeping the allocated memory for reuse.
func (s *Samples) Reset() {
	s.xs = s.xs[:0]
	s.sorted = false
}

// Values returns the stored samples, in no particular order (insertion order
// until a Quantile sorts them). The slice aliases internal storage: it is
// read-only and valid only until the next Add, Quantile or Reset.
func (s Samples) Values() []float64 { return s.xs }
