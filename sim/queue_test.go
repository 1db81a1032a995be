package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestWideRandomScheduleWithCancelsMatchesReference drives the radix queue
// through times spread over twelve orders of magnitude, ties, events
// scheduled from handlers and cancellations (in bulk, which compacts the
// queue, and from handlers), checking the queue's invariants after every event, and
// compares the firing order with an independent stable sort of (time,
// scheduling number) over the events not cancelled.
func TestWideRandomScheduleWithCancelsMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 3))
	var s Sim
	var scheduled, fired []ev
	cancelled := map[int]bool{}
	var ids []EventID
	n := 0
	var schedule func(at Time)
	schedule = func(at Time) {
		e := ev{at: at, seq: n}
		n++
		scheduled = append(scheduled, e)
		ids = append(ids, s.At(at, Func(func(s *Sim) {
			fired = append(fired, e)
			if n < 30000 {
				// A delay of 10^-6 to 10^6, or none: a tie with now.
				d := Time(0)
				if r.IntN(8) > 0 {
					d = Time(math.Pow(10, 12*r.Float64()-6))
				}
				schedule(s.Now() + d)
			}
			if r.IntN(3) == 0 {
				i := r.IntN(len(ids))
				if s.Cancel(ids[i]) {
					cancelled[i] = true
				}
			}
			if msg := s.q.check(); msg != "" {
				t.Fatal(msg)
			}
		})))
	}
	for range 3000 {
		schedule(Time(r.IntN(4)) * Time(math.Pow(10, 8*r.Float64())))
	}
	// Settle on the first event, then cancel two in three: the queue
	// compacts when half its entries are dead.
	s.NextTime()
	for _, i := range r.Perm(3000)[:2000] {
		s.Cancel(ids[i])
		cancelled[i] = true
		if msg := s.q.check(); msg != "" {
			t.Fatal(msg)
		}
	}
	s.Run()
	var live []ev
	for i, e := range scheduled {
		if !cancelled[i] {
			live = append(live, e)
		}
	}
	want := referenceOrder(live)
	if !slices.Equal(fired, want) {
		t.Fatalf("fired %d events in an order different from the reference sort of %d", len(fired), len(want))
	}
}

// TestSchedulingBeforeAPeekedEvent: RunUntil and NextTime look at the
// next event, which may lie beyond the clock; an event scheduled between
// the clock and it must still fire first.
func TestSchedulingBeforeAPeekedEvent(t *testing.T) {
	var s Sim
	var log []int
	s.At(100, &record{log: &log, label: 100})
	s.At(100, &record{log: &log, label: 101})
	s.At(1e6, &record{log: &log, label: 1000000})
	s.RunUntil(10)
	if at, ok := s.NextTime(); !ok || at != 100 {
		t.Fatalf("NextTime = %v, %v; want 100, true", at, ok)
	}
	s.At(50, &record{log: &log, label: 50})
	s.At(100, &record{log: &log, label: 102})
	if msg := s.q.check(); msg != "" {
		t.Fatal(msg)
	}
	s.Run()
	if want := []int{50, 100, 101, 102, 1000000}; !slices.Equal(log, want) {
		t.Fatalf("fired %v, want %v", log, want)
	}
}

// TestNegativeZeroIsZero: −0 is a valid time at the start (it equals 0),
// but its bits would sort after every other time.
func TestNegativeZeroIsZero(t *testing.T) {
	var s Sim
	var log []int
	s.At(1, &record{log: &log, label: 1})
	s.At(Time(math.Copysign(0, -1)), &record{log: &log, label: 0})
	s.Run()
	if !slices.Equal(log, []int{0, 1}) {
		t.Fatalf("fired %v, want [0 1]", log)
	}
}
