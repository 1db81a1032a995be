package stats

import "math"

// TimeWeighted accumulates the time average of a piecewise-constant quantity
// such as a queue length, the number of busy clerks or work in progress. The
// value is v from the time it is Set until the next Set, so its integral over
// a window [start, t] is
//
//	∫ v(u) du = Σ v_i·(t_{i+1} − t_i)     (last piece ending at t)
//
// and the time average is that integral divided by t − start. Times are in
// the simulator's unit (minutes) but any consistent unit works.
//
// The zero value has no window; the first Set or Reset opens it. Times must
// not decrease: a Set, Reset, Mean or Integral at a time before the last Set
// panics with "stats: time went backwards" (a NaN time panics too). To restart the clock for a new
// replication, use a new zero TimeWeighted.
type TimeWeighted struct {
	start    float64 // beginning of the window
	last     float64 // time of the last Set (or Reset)
	cur      float64 // value since last
	integral float64 // ∫ over [start, last]
	max      float64 // largest value held in the window
	open     bool    // a window has been opened by Set or Reset
}

// Current returns the value given by the last Set or Reset, or NaN if there
// has been none.
func (w TimeWeighted) Current() float64 {
	if !w.open {
		return math.NaN()
	}
	return w.cur
}

// Integral returns the integral of the value over the window [start, t]: the
// area under the step function, in value·time units. It is 0 before the
// first Set. Integral panics if t is before the last Set or is NaN.
func (w TimeWeighted) Integral(t float64) float64 {
	w.check(t)
	if !w.open {
		return 0
	}
	return w.integral + float64(w.cur*(t-w.last))
}

// Max returns the largest value held at any time in the window, including
// values replaced at the same instant they were set, or NaN if no window has
// been opened.
func (w TimeWeighted) Max() float64 {
	if !w.open {
		return math.NaN()
	}
	return w.max
}

// Mean returns the time average of the value over [start, t],
//
//	Integral(t) / (t − start),
//
// where start is the time of the first Set or of the last Reset. Mean
// returns NaN when the window is empty: before the first Set, or when
// t == start. It panics if t is before the last Set or is NaN.
func (w TimeWeighted) Mean(t float64) float64 {
	w.check(t)
	if !w.open || t == w.start {
		return math.NaN()
	}
	return w.Integral(t) / (t - w.start)
}

// Reset discards the history before t, typically the warm-up period, and
// opens a new window at t with value v. To keep the current value, as when
// deleting a warm-up period, pass it back:
//
//	w.Reset(warmUp, w.Current())
//
// Reset panics if t is before the last Set or is NaN.
func (w *TimeWeighted) Reset(t, v float64) {
	w.check(t)
	*w = TimeWeighted{start: t, last: t, cur: v, max: v, open: true}
}

// Set records that the value becomes v at time t and stays so until the
// next Set. The first Set opens the window at t. Several Sets at the same
// time are allowed; only the last one holds for a positive duration. Set
// panics if t is before the previous Set or is NaN.
func (w *TimeWeighted) Set(t, v float64) {
	if !w.open || !(t >= w.last) { // first Set, NaN or backwards: rare
		w.check(t)
		*w = TimeWeighted{start: t, last: t, cur: v, max: v, open: true}
		return
	}
	w.integral += float64(w.cur * (t - w.last)) // float64: no FMA
	w.last, w.cur = t, v
	if v > w.max {
		w.max = v
	}
}

// check panics if t is NaN or before the last Set of an open window.
func (w TimeWeighted) check(t float64) {
	switch {
	case math.IsNaN(t):
		panic("stats: time is NaN")
	case w.open && t < w.last:
		panic("stats: time went backwards")
	}
}
