package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// record is a handler that appends its label to a shared log.
type record struct {
	log   *[]int
	label int
}

func (r *record) Handle(*Sim) { *r.log = append(*r.log, r.label) }

func TestEqualTimesFireInSchedulingOrder(t *testing.T) {
	t.Parallel()
	var s Sim
	var log []int
	// 1,000 events at only three distinct times, scheduled in a scrambled
	// time order: within each time, labels must come out in scheduling order
	// (FIFO). A LIFO or unstable tie-break fails this.
	times := []Time{5, 1, 3}
	for i := range 1000 {
		s.At(times[i%3], &record{log: &log, label: i})
	}
	s.Run()
	var want []int
	for _, at := range []Time{1, 3, 5} {
		for i := range 1000 {
			if times[i%3] == at {
				want = append(want, i)
			}
		}
	}
	if !slices.Equal(log, want) {
		t.Fatalf("fired order differs from (time, scheduling order):\n got %v\nwant %v", log[:20], want[:20])
	}
}

func TestEventsScheduledDuringHandlingAtNowFireAfterPendingOnes(t *testing.T) {
	t.Parallel()
	var s Sim
	var log []int
	s.At(1, Func(func(s *Sim) {
		log = append(log, 0)
		s.After(0, &record{log: &log, label: 2}) // same time, scheduled later
	}))
	s.At(1, &record{log: &log, label: 1})
	s.Run()
	if want := []int{0, 1, 2}; !slices.Equal(log, want) {
		t.Fatalf("order = %v, want %v", log, want)
	}
}

// ev is a scheduled event of the order tests: its time and scheduling
// number.
type ev struct {
	at  Time
	seq int
}

// referenceOrder returns the events in the order the contract prescribes,
// computed independently of the queue: a stable sort by time, then
// scheduling number.
func referenceOrder(evs []ev) []ev {
	want := slices.Clone(evs)
	slices.SortStableFunc(want, func(a, b ev) int {
		switch {
		case a.at < b.at:
			return -1
		case a.at > b.at:
			return 1
		}
		return a.seq - b.seq
	})
	return want
}

func TestRandomScheduleMatchesSortedReference(t *testing.T) {
	t.Parallel()
	// Independent computation: schedule events at random times (many ties,
	// from a coarse grid), some of them from inside handlers, and compare the
	// firing sequence with a stable sort of (time, scheduling number).
	r := rand.New(rand.NewPCG(7, 7))
	var s Sim
	var scheduled, fired []ev
	n := 0
	var schedule func(at Time)
	schedule = func(at Time) {
		e := ev{at: at, seq: n}
		n++
		scheduled = append(scheduled, e)
		s.At(at, Func(func(s *Sim) {
			if s.Now() != e.at {
				t.Fatalf("clock %v at event due %v", s.Now(), e.at)
			}
			fired = append(fired, e)
			if n < 20000 && r.IntN(2) == 0 {
				schedule(s.Now() + Time(r.IntN(50)))
			}
			if msg := s.q.check(); msg != "" {
				t.Fatal(msg)
			}
		}))
	}
	for range 5000 {
		schedule(Time(r.IntN(1000)))
	}
	s.Run()
	want := referenceOrder(scheduled)
	if !slices.Equal(fired, want) {
		t.Fatalf("fired %d events in an order different from the reference sort", len(fired))
	}
	if s.Fired() != uint64(len(want)) {
		t.Errorf("Fired() = %d, want %d", s.Fired(), len(want))
	}
}

func TestSchedulingInThePastPanics(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		f    func(s *Sim)
	}{
		{"At before now", func(s *Sim) { s.At(4, Func(func(*Sim) {})) }},
		{"At NaN", func(s *Sim) { s.At(Time(math.NaN()), Func(func(*Sim) {})) }},
		{"At +Inf", func(s *Sim) { s.At(Time(math.Inf(1)), Func(func(*Sim) {})) }},
		{"After negative", func(s *Sim) { s.After(-1e-9, Func(func(*Sim) {})) }},
		{"After NaN", func(s *Sim) { s.After(Time(math.NaN()), Func(func(*Sim) {})) }},
		{"nil handler", func(s *Sim) { s.After(1, nil) }},
		{"RunUntil past", func(s *Sim) { s.RunUntil(4) }},
	}
	for _, c := range cases {
		var s Sim
		s.RunUntil(5)
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", c.name)
				}
			}()
			c.f(&s)
		}()
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	var s Sim
	var log []int
	ids := make([]EventID, 200)
	for i := range ids {
		ids[i] = s.At(Time(i), &record{log: &log, label: i})
	}
	// Cancel every odd event; the second cancel of the same event and the
	// cancel of an unknown ID report false.
	for i := 1; i < len(ids); i += 2 {
		if !s.Cancel(ids[i]) {
			t.Fatalf("Cancel(%d) = false for a pending event", i)
		}
		if s.Cancel(ids[i]) {
			t.Fatalf("second Cancel(%d) = true", i)
		}
	}
	if s.Cancel(0) || s.Cancel(EventID(10_000)) {
		t.Fatal("Cancel of an unknown ID = true")
	}
	if s.Len() != 100 {
		t.Fatalf("Len = %d after cancelling half of 200, want 100", s.Len())
	}
	if msg := s.q.check(); msg != "" {
		t.Fatalf("%s after compaction", msg)
	}
	s.RunUntil(10)
	if s.Cancel(ids[2]) {
		t.Fatal("Cancel of a fired event = true")
	}
	s.Run()
	for k, label := range log {
		if label != 2*k {
			t.Fatalf("fired %v, want only the even labels", log)
		}
	}
	if len(log) != 100 {
		t.Fatalf("fired %d events, want 100", len(log))
	}
}

func TestResetStartsAfreshWithTheSameMemory(t *testing.T) {
	var s Sim
	var log []int
	// A first simulation stopped at 500 with events pending, one of them
	// cancelled.
	for i := range 1000 {
		s.At(Time(i), &record{log: &log, label: i})
	}
	old := s.At(999.5, &record{log: &log, label: -1})
	s.Cancel(s.At(2000, &record{log: &log, label: -2}))
	s.RunUntil(500)
	fired := s.Fired()
	s.Reset()
	if s.Now() != 0 || s.Len() != 0 {
		t.Fatalf("after Reset: clock %v, %d pending; want 0 and 0", s.Now(), s.Len())
	}
	// A second simulation before the first one's clock: its events fire
	// in order, and an ID of the first cancels none of them.
	log = log[:0]
	run := func() {
		for i := range 1000 {
			s.At(Time(999-i)/2, &record{log: &log, label: 999 - i})
		}
		s.Cancel(old)
		s.Run()
	}
	run()
	if len(log) != 1000 || !slices.IsSorted(log) {
		t.Fatalf("after Reset fired %d events, in order: %v; want 1000 in order", len(log), slices.IsSorted(log))
	}
	if s.Fired() != fired+1000 {
		t.Errorf("Fired %d after Reset, want %d (it counts on)", s.Fired(), fired+1000)
	}
	if msg := s.q.check(); msg != "" {
		t.Fatal(msg)
	}
	// The same simulation again reuses the queue's memory.
	if a := testing.AllocsPerRun(5, func() { log = log[:0]; s.Reset(); run() }); a > 1000 {
		t.Errorf("a run after Reset allocates %v times, want only its 1,000 handlers", a)
	}
}

func TestRunUntilAndStop(t *testing.T) {
	t.Parallel()
	var s Sim
	var log []int
	for i := 1; i <= 5; i++ {
		s.At(Time(i), &record{log: &log, label: i})
	}
	s.RunUntil(3)
	if s.Now() != 3 || !slices.Equal(log, []int{1, 2, 3}) {
		t.Fatalf("after RunUntil(3): now %v, fired %v; want now 3, fired [1 2 3]", s.Now(), log)
	}
	s.RunUntil(3.5) // nothing due: only the clock moves
	if s.Now() != 3.5 || len(log) != 3 {
		t.Fatalf("after RunUntil(3.5): now %v, fired %v", s.Now(), log)
	}
	if at, ok := s.NextTime(); !ok || at != 4 {
		t.Fatalf("NextTime = %v, %v; want 4, true", at, ok)
	}
	s.At(4, Func(func(s *Sim) { s.Stop() }))
	s.RunUntil(100)
	if s.Now() != 4 || !slices.Equal(log, []int{1, 2, 3, 4}) {
		t.Fatalf("Stop at 4: now %v, fired %v", s.Now(), log)
	}
	s.Run()
	if s.Now() != 5 || s.Len() != 0 || s.Step() {
		t.Fatalf("after Run: now %v, len %d", s.Now(), s.Len())
	}
	if _, ok := s.NextTime(); ok {
		t.Fatal("NextTime on an empty queue = true")
	}
}

// hold is the hold-model handler: each firing schedules the next one.
type hold struct{ r *rand.Rand }

func (h *hold) Handle(s *Sim) { s.After(Time(h.r.ExpFloat64()), h) }

func TestSteadyStateAllocatesNothing(t *testing.T) {
	h := &hold{r: rand.New(rand.NewPCG(1, 1))}
	var s Sim
	for range 1000 {
		s.After(Time(h.r.ExpFloat64()), h)
	}
	for range 10000 {
		s.Step()
	}
	if a := testing.AllocsPerRun(10000, func() { s.Step() }); a != 0 {
		t.Fatalf("Step in steady state allocates %v times per event, want 0", a)
	}
}

func TestTimeString(t *testing.T) {
	t.Parallel()
	cases := []struct {
		t    Time
		want string
	}{
		{0, "0m"},
		{45, "45m"},
		{90, "1h30m"},
		{-90, "-1h30m"},
		{2*Day + 3*Hour + 4*Minute + 5.5*Second, "2d03h04m5.5s"},
		{Day, "1d"},
		{Day + 30*Second, "1d00h00m30s"},
		{0.5 * Second, "0.5s"},
	}
	for _, c := range cases {
		if got := c.t.String(); got != c.want {
			t.Errorf("Time(%v).String() = %q, want %q", float64(c.t), got, c.want)
		}
	}
}
