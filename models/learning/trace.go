package learning

import "math"

// Bins of a Trace: one per integer experience for e in [1, 16) (15 bins),
// then geometric bins with ratio 2^(1/4) (4 per doubling, each about 19 %
// wide) from 16 to 16·2¹⁶ = 1,048,576 (64 bins), then one bin for all
// larger e.
const (
	traceLinear   = 15 // bins [1, 2), …, [15, 16)
	tracePerOctet = 4  // geometric bins per doubling
	traceGeom     = 64 // 16 doublings above 16
	traceBins     = traceLinear + traceGeom + 1
)

// Trace records a learning curve as observed in a simulation, in fixed
// memory: it accumulates the effort of work items by the experience of the
// clerk who did them, in 80 bins, so that its size (about 2 KiB) does not
// depend on the number of items. The bins are [1, 2), [2, 3), …, [15, 16)
// for the first items, where effort changes fastest, then four per
// doubling of experience, [16·2^(j/4), 16·2^((j+1)/4)) for j = 0, …, 63
// (up to 1,048,576), and one bin for larger experience. Edges of the
// geometric bins are where 4·log₂(e) is an integer as math.Log2 computes
// it.
//
// The zero value is an empty trace, ready to use.
type Trace struct {
	bins [traceBins]traceBin
}

type traceBin struct {
	n              int
	sumE, sumValue float64
}

// Point is one bin of a Trace.
type Point struct {
	// Experience is the mean experience of the items in the bin.
	Experience float64
	// MeanEffort is the mean effort of the items in the bin, in the unit
	// given to Add (minutes, or a multiplier).
	MeanEffort float64
	// Count is the number of items in the bin.
	Count int
}

// traceIndex returns the index of the bin of experience e ≥ 1.
func traceIndex(e float64) int {
	if e < 16 {
		return int(e) - 1
	}
	j := int(tracePerOctet * (math.Log2(e) - 4))
	return traceLinear + min(j, traceGeom)
}

// Add records an item of the given effort done by a clerk with experience
// e ≥ 1 (the experience before the item: 1 for a novice's first item).
// Add panics if e < 1, or e or effort is NaN. It does not allocate.
func (t *Trace) Add(e, effort float64) {
	if !(e >= 1) {
		panic("learning: experience below 1 or NaN")
	}
	if math.IsNaN(effort) {
		panic("learning: effort is NaN")
	}
	b := &t.bins[traceIndex(e)]
	b.n++
	b.sumE += e
	b.sumValue += effort
}

// Points returns the non-empty bins in order of increasing experience, at
// most 80.
func (t Trace) Points() []Point {
	var pts []Point
	for _, b := range t.bins {
		if b.n == 0 {
			continue
		}
		n := float64(b.n)
		pts = append(pts, Point{Experience: b.sumE / n, MeanEffort: b.sumValue / n, Count: b.n})
	}
	return pts
}
