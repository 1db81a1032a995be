package sim

import "math"

// Handler wraps the Handle method, which the simulator calls when an event
// fires. A model is a set of handlers (usually its entities, as pointer
// types) whose Handle methods change state and schedule further events.
type Handler interface {
	Handle(s *Sim)
}

// Func adapts an ordinary function to a Handler, like http.HandlerFunc.
//
// A capturing closure stored in the queue escapes to the heap (one or two
// allocations per scheduled event); on hot paths prefer a pointer type with
// a Handle method, which schedules without allocating.
type Func func(s *Sim)

// Handle calls f(s).
func (f Func) Handle(s *Sim) { f(s) }

// EventID identifies a scheduled event, for Cancel. The zero EventID never
// identifies an event.
type EventID uint64

// entry is one pending event. The queue holds entries by value, with the
// key (at, seq) inline, as the Go runtime's timer heap does: scheduling and
// firing copy 32 bytes and allocate nothing. A cancelled entry has h == nil
// and stays in the queue until it comes first or the queue is compacted.
type entry struct {
	at  Time
	seq uint64
	h   Handler
}

// Sim is a discrete-event simulator: a clock and a queue of pending events.
//
// Events fire in order of their time; events scheduled for the same time
// fire in the order they were scheduled (first in, first out). This order is
// part of the contract: models may rely on it, and it makes every run with
// the same inputs identical.
//
// The zero Sim is ready to use, with its clock at 0. A Sim must not be used
// from more than one goroutine at a time; run independent replications in
// independent Sims instead.
type Sim struct {
	now     Time
	seq     uint64 // sequence number of the last scheduled event
	q       queue
	dead    int    // cancelled entries still in q
	fired   uint64 // events executed so far
	stopped bool
}

// Now returns the current simulated time: the time of the event being
// handled, or the time a run stopped at.
func (s *Sim) Now() Time { return s.now }

// Len returns the number of pending events (cancelled ones excluded).
func (s *Sim) Len() int { return s.q.n - s.dead }

// Fired returns the number of events executed since the Sim was created.
func (s *Sim) Fired() uint64 { return s.fired }

// At schedules h to be handled at time t and returns the event's ID.
// At panics if t is before Now, is NaN or infinite, or if h is nil:
// scheduling in the past is a bug in the model, never clamped silently.
func (s *Sim) At(t Time, h Handler) EventID {
	if !(t >= s.now) || math.IsInf(float64(t), 1) {
		panic("sim: event scheduled in the past or at a non-finite time")
	}
	if h == nil {
		panic("sim: nil handler")
	}
	if t == 0 {
		t = 0 // −0 to +0, for the queue's keys
	}
	s.seq++
	s.q.push(entry{at: t, seq: s.seq, h: h})
	return EventID(s.seq)
}

// After schedules h to be handled d after Now and returns the event's ID.
// After panics if d is negative, NaN or infinite, or if h is nil.
func (s *Sim) After(d Time, h Handler) EventID {
	if !(d >= 0) {
		panic("sim: negative or NaN delay")
	}
	return s.At(s.now+d, h)
}

// Cancel removes the pending event id, like time.Timer.Stop: it reports
// whether the event was pending. It returns false if the event has already
// fired or been cancelled.
//
// Cancel finds the event by a linear scan of the queue, O(pending events),
// and marks it dead; dead entries are skipped when they come first and
// removed in bulk when they make up half the queue. This keeps the hot path
// (schedule and fire) free of bookkeeping; models that cancel often should
// keep their own "still valid" flag instead.
func (s *Sim) Cancel(id EventID) bool {
	if id == 0 || uint64(id) > s.seq {
		return false
	}
	var found *entry
	s.q.each(func(e *entry) {
		if e.seq == uint64(id) {
			found = e
		}
	})
	if found == nil || found.h == nil {
		return false
	}
	found.h = nil
	s.dead++
	if s.dead > 32 && 2*s.dead > s.q.n {
		s.q.filter(func(e *entry) bool { return e.h != nil })
		s.dead = 0
	}
	return true
}

// Reset drops every pending event and sets the clock back to 0, keeping
// the queue's memory: a program that runs many simulations one after the
// other on one Sim allocates the queue once. Event IDs stay unique across
// a Reset (an ID from before it cancels nothing after it), and Fired
// counts on.
func (s *Sim) Reset() {
	s.q.reset()
	s.q.last = 0
	s.now, s.dead, s.stopped = 0, 0, false
}

// Stop makes the running Run or RunUntil return after the current event.
// The clock stays at the current event's time.
func (s *Sim) Stop() { s.stopped = true }

// NextTime returns the time of the next pending event, and false if there
// is none.
func (s *Sim) NextTime() (Time, bool) {
	if !s.dropDeadTop() {
		return 0, false
	}
	return s.q.front().at, true
}

// Step fires the next pending event: it advances the clock to the event's
// time and calls its handler. It returns false, and does nothing, if no
// event is pending.
func (s *Sim) Step() bool {
	for s.q.settle() {
		e := s.q.pop()
		if e.h == nil {
			s.dead--
			continue
		}
		s.now = e.at
		s.fired++
		e.h.Handle(s)
		return true
	}
	return false
}

// Run fires events until none is pending or a handler calls Stop.
func (s *Sim) Run() {
	s.stopped = false
	for !s.stopped && s.Step() {
	}
}

// RunUntil fires every event due at or before t, in order, then sets the
// clock to t. If a handler calls Stop, RunUntil returns at once and the
// clock stays at that event's time. RunUntil panics if t is before Now or
// is NaN.
func (s *Sim) RunUntil(t Time) {
	if !(t >= s.now) {
		panic("sim: RunUntil time in the past")
	}
	s.stopped = false
	for !s.stopped {
		if !s.dropDeadTop() || s.q.front().at > t {
			break
		}
		// Step without its checks: the front is live and due.
		e := s.q.pop()
		s.now = e.at
		s.fired++
		e.h.Handle(s)
	}
	if !s.stopped {
		s.now = t
	}
}

// dropDeadTop removes cancelled entries from the front of the queue and
// reports whether an event is pending.
func (s *Sim) dropDeadTop() bool {
	for s.q.settle() {
		if s.q.front().h != nil {
			return true
		}
		s.q.pop()
		s.dead--
	}
	return false
}
