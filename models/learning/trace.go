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

// traceIndex returns the index of the bin of experience e ≥ 1: int(e) − 1
// below 16, then traceLinear + min(traceGeomIndex(e), traceGeom). Above 16
// it compares e with the edges of the bins of its octave (traceEdges)
// instead of taking a logarithm.
func traceIndex(e float64) int {
	if e < 16 {
		return int(e) - 1
	}
	// e ∈ [2^x, 2^(x+1)) lies in geometric bin 4(x−4), one of the next
	// three, or 4(x−3) if math.Log2 rounds it up to the next octave.
	x := int(math.Float64bits(e)>>52&0x7ff) - 1023
	if x >= 4+traceGeom/tracePerOctet {
		return traceLinear + traceGeom
	}
	j := tracePerOctet * (x - 4)
	q := (*[tracePerOctet]float64)(traceEdges[j+1 : j+1+tracePerOctet])
	j += b2i(e >= q[0]) + b2i(e >= q[1]) + b2i(e >= q[2]) + b2i(e >= q[3])
	return traceLinear + j
}

// traceGeomIndex is the index of e ≥ 16 among the geometric bins by
// definition, int(4·(log₂ e − 4)) with math.Log2, unbounded.
func traceGeomIndex(e float64) int { return int(tracePerOctet * (math.Log2(e) - 4)) }

// traceEdges[k] is the least float64 e ≥ 16 with traceGeomIndex(e) ≥ k,
// for k = 0…traceGeom: 16·2^(k/4) up to the rounding of math.Log2. It is
// found by bisection on the bits of e (which order positive floats)
// between 16·2^(k/4)·(1 ∓ 10⁻⁹); traceGeomIndex is monotone there, which
// TestTraceEdges checks ulp by ulp.
var traceEdges = func() (edges [traceGeom + 1]float64) {
	edges[0] = 16
	for k := 1; k <= traceGeom; k++ {
		c := 16 * math.Exp2(float64(k)/tracePerOctet)
		lo, hi := math.Float64bits(c*(1-1e-9)), math.Float64bits(c*(1+1e-9))
		if traceGeomIndex(math.Float64frombits(lo)) >= k || traceGeomIndex(math.Float64frombits(hi)) < k {
			panic("learning: trace bin edge outside its bracket")
		}
		for hi-lo > 1 { // invariant: index(lo) < k <= index(hi)
			mid := lo + (hi-lo)/2
			if traceGeomIndex(math.Float64frombits(mid)) >= k {
				hi = mid
			} else {
				lo = mid
			}
		}
		edges[k] = math.Float64frombits(hi)
	}
	return edges
}()

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

// AddLevel is Add(l.Experience(), effort) with the bin of l found once by
// LevelOf, for an item recorded in several traces. It panics if l is not
// from LevelOf or effort is NaN.
func (t *Trace) AddLevel(l Level, effort float64) {
	if !(l.e >= 1) {
		panic("learning: Level not from LevelOf")
	}
	if math.IsNaN(effort) {
		panic("learning: effort is NaN")
	}
	b := &t.bins[l.bin]
	b.n++
	b.sumE += l.e
	b.sumValue += effort
}

// Merge adds the items of u to t, bin by bin: t then holds what adding
// both traces' items to one would, up to the rounding of the sums.
func (t *Trace) Merge(u *Trace) {
	for i := range t.bins {
		b, c := &t.bins[i], &u.bins[i]
		b.n += c.n
		b.sumE += c.sumE
		b.sumValue += c.sumValue
	}
}

// Points returns the non-empty bins in order of increasing experience, at
// most 80.
func (t *Trace) Points() []Point {
	n := 0
	for i := range t.bins {
		n += b2i(t.bins[i].n > 0)
	}
	if n == 0 {
		return nil
	}
	pts := make([]Point, 0, n)
	for _, b := range t.bins {
		if b.n == 0 {
			continue
		}
		n := float64(b.n)
		pts = append(pts, Point{Experience: b.sumE / n, MeanEffort: b.sumValue / n, Count: b.n})
	}
	return pts
}

// b2i returns 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
