package learning

import (
	"fmt"
	"math"

	"zsa/sim"
)

// Forgetting describes how time away from a service erodes experience.
// After a break of length g a clerk with experience e retains
//
//	e' = 1 + (e − 1)·max(0, 1 − g/D),  D = Horizon:
//
// the experience beyond a novice's is lost linearly with the length of the
// break, and completely after D; a clerk never drops below a novice
// (e' ≥ 1). This simplifies the learn–forget curve model (LFCM) of Jaber &
// Bonney (1996, "Production breaks and the learning curve: the forgetting
// phenomenon", Applied Mathematical Modelling 20: 162–169), keeping its
// central parameter, the break length D after which all experience is
// forgotten, but not its power-law forgetting curve, whose exponent
// depends on the experience at the break. Globerson, Levin & Shtub (1989,
// IIE Transactions 21) saw clerical data-entry performance lose a few
// percentage points after a day's break and up to 70 points after 82 days;
// D of 30–180 days brackets that.
//
// Consequence: a clerk who does one item every g minutes (g ≤ D) gains 1
// per item and loses (e − 1)·g/D per gap, so experience before each item
// converges geometrically, by the factor 1 − g/D per item, to
//
//	e* = 1 + e*·(1 − g/D)  ⇔  e* = D/g
//
// (D/g + 1 just after the item). An office that sees a case type once a
// week with D = 60 days stays at e ≈ 8.6, however long it works; one
// bundled clerk who sees it 20 times a day reaches e ≈ 1,200. That is the
// mechanism by which bundling helps.
//
// The zero value, Horizon 0, means no forgetting.
type Forgetting struct {
	// Horizon is D, the length of a break in minutes after which all
	// experience is lost. It must be non-negative and finite; 0 means
	// experience is never lost.
	Horizon sim.Time
}

// Retain returns the experience e' = 1 + (e − 1)·max(0, 1 − gap/Horizon)
// that a clerk with experience e ≥ 1 keeps after a break of gap minutes
// (gap ≥ 0); e itself if Horizon is 0. Retain panics if e < 1, gap < 0 or
// either is NaN. It does not allocate.
func (f Forgetting) Retain(e float64, gap sim.Time) float64 {
	checkRetain(e, gap)
	if f.Horizon == 0 {
		return e
	}
	return retained(e, 1-float64(gap/f.Horizon))
}

// checkRetain panics unless e ≥ 1 and gap ≥ 0.
func checkRetain(e float64, gap sim.Time) {
	if !(e >= 1) {
		panic("learning: experience below 1 or NaN")
	}
	if !(gap >= 0) {
		panic("learning: negative or NaN gap")
	}
}

// retained returns 1 + (e − 1)·max(0, keep).
func retained(e, keep float64) float64 {
	if keep <= 0 {
		return 1
	}
	// float64(·): no fused multiply-add, the same bits on every platform.
	return 1 + float64((e-1)*keep)
}

// Decay is a Forgetting prepared for evaluation at every work item of a
// simulation: it keeps 1/Horizon, so that Retain multiplies where
// Forgetting.Retain divides (a shorter chain of operations; the results
// differ by at most (e − 1)·2⁻⁵¹ plus rounding). The zero Decay forgets
// nothing.
type Decay struct {
	rate float64 // 1/Horizon; 0: no forgetting
}

// Decay returns f prepared; f must be valid (see Validate).
func (f Forgetting) Decay() Decay {
	if f.Horizon == 0 {
		return Decay{}
	}
	return Decay{rate: 1 / float64(f.Horizon)}
}

// Retain is Forgetting.Retain(e, gap) with gap/Horizon computed as
// gap·(1/Horizon). It panics if e < 1, gap < 0 or either is NaN.
func (d Decay) Retain(e float64, gap sim.Time) float64 {
	checkRetain(e, gap)
	if d.rate == 0 {
		return e
	}
	return retained(e, 1-float64(float64(gap)*d.rate))
}

// Validate returns an error unless Horizon is non-negative and finite.
func (f Forgetting) Validate() error {
	h := float64(f.Horizon)
	if math.IsNaN(h) || math.IsInf(h, 0) || h < 0 {
		return fmt.Errorf("forgetting: horizon (%v) must be a non-negative finite duration (0: no forgetting)", f.Horizon)
	}
	return nil
}
