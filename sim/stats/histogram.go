package stats

import "math"

// Histogram estimates quantiles of non-negative observations in bounded
// memory: observations are counted in logarithmic bins, so the relative
// error of a quantile is at most half a bin's width, whatever the number
// of observations.
//
// Bins: [0, Min) is one bin; from Min up, bin i covers
// [Min·r^i, Min·r^(i+1)) with r = 1 + 2·RelErr; values at or above the top
// bin's upper bound Max go into an overflow bin (their quantiles report
// +Inf). NewHistogram(1e-3, 1e4, 0.005) — lead times from about a minute
// to 27 years at 0.5 % — has 2,766 bins (22 KB), allocated with the first
// observation in range.
type Histogram struct {
	min, logR float64
	bins      int
	counts    []uint64 // nil, or bins counts
	zero      uint64   // observations below min
	over      uint64   // observations at or above the top bin
	n         uint64
}

// NewHistogram returns a histogram for values in [min, max) with relative
// quantile error relErr. It panics unless 0 < min < max and
// 0 < relErr < 0.5 (programmer error: the ranges are constants in models).
func NewHistogram(min, max, relErr float64) *Histogram {
	if !(min > 0 && max > min && relErr > 0 && relErr < 0.5) {
		panic("stats: invalid histogram range")
	}
	logR := math.Log1p(2 * relErr)
	n := int(math.Ceil(math.Log(max/min) / logR))
	return &Histogram{min: min, logR: logR, bins: n}
}

// Add counts x. Negative values and NaN count as zero.
func (h *Histogram) Add(x float64) {
	h.n++
	if !(x >= h.min) {
		h.zero++
		return
	}
	i := int(math.Log(x/h.min) / h.logR)
	if i >= h.bins {
		h.over++
		return
	}
	if h.counts == nil {
		h.counts = make([]uint64, h.bins)
	}
	h.counts[i]++
}

// Count returns the number of observations.
func (h *Histogram) Count() uint64 { return h.n }

// Merge adds the counts of o, which must have been made with the same
// parameters.
func (h *Histogram) Merge(o *Histogram) {
	if o.bins != h.bins || o.min != h.min || o.logR != h.logR {
		panic("stats: merging histograms with different bins")
	}
	if h.counts == nil && o.counts != nil {
		h.counts = make([]uint64, h.bins)
	}
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.zero += o.zero
	h.over += o.over
	h.n += o.n
}

// Quantile returns the p-quantile (0 ≤ p ≤ 1): the geometric midpoint of
// the bin holding the observation of rank ⌈p·n⌉ (0 for the bin below Min,
// +Inf for the overflow bin). NaN if empty. It panics if p is outside
// [0, 1].
func (h *Histogram) Quantile(p float64) float64 {
	if !(p >= 0 && p <= 1) {
		panic("stats: quantile outside [0, 1]")
	}
	if h.n == 0 {
		return math.NaN()
	}
	rank := uint64(math.Ceil(p * float64(h.n)))
	rank = max(rank, 1)
	if rank <= h.zero {
		return 0
	}
	seen := h.zero
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			return h.min * math.Exp((float64(i)+0.5)*h.logR)
		}
	}
	return math.Inf(1)
}
