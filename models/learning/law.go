package learning

import (
	"math"

	"zsa/models/xmath"
)

// Law is the power law shared by Curve and Quality,
//
//	y(e) = Floor + Scale·e^(log₂ Rate),  e ≥ 1,
//
// prepared for evaluation at every work item of a simulation: it keeps
// ln Rate, and At takes the experience as a Level, whose logarithm is
// computed once for all laws evaluated at the same experience. A Curve's
// law (Floor M, Scale 1 − M) gives the same bits as Curve.Multiplier, a
// Quality's (Floor, Scale Initial − Floor) the same bits as
// Quality.ErrorProb. The zero Law is 0 everywhere.
type Law struct {
	floor, scale float64
	lnRate       float64 // ln Rate; unused if flat
	flat         bool    // Rate == 1: y(e) = Floor + Scale
}

// Law returns the law of c's Multiplier.
func (c Curve) Law() Law { return newLaw(c.Floor, 1-c.Floor, c.Rate) }

// Law returns the law of q's ErrorProb.
func (q Quality) Law() Law { return newLaw(q.Floor, q.Initial-q.Floor, q.Rate) }

func newLaw(floor, scale, rate float64) Law {
	return Law{floor: floor, scale: scale, lnRate: math.Log(rate), flat: rate == 1}
}

// Scaled returns the law f·y.
func (w Law) Scaled(f float64) Law {
	w.floor *= f
	w.scale *= f
	return w
}

// At returns y(e) for the experience of level l.
func (w Law) At(l Level) float64 {
	d := 1.0
	if !w.flat {
		d = decayLn(l.ln, w.lnRate)
	}
	// float64(·): no fused multiply-add, the same bits on every platform.
	return w.floor + float64(w.scale*d)
}

// Level is an experience e ≥ 1 with its natural logarithm and its bin in
// a Trace, for the laws and traces of one work item.
type Level struct {
	e, ln float64
	bin   int
}

// LevelOf returns the level of experience e. It panics if e < 1 or e is
// NaN.
func LevelOf(e float64) Level {
	if !(e >= 1) {
		panic("learning: experience below 1 or NaN")
	}
	return Level{e: e, ln: xmath.Log(e), bin: traceIndex(e)}
}

// Experience returns the experience e of l.
func (l Level) Experience() float64 { return l.e }
