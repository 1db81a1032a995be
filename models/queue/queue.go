package queue

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/stat/distuv"

	"zsa/sim"
	"zsa/sim/stats"
)

// Rander wraps the Rand method, which returns a random draw; gonum's distuv
// distributions implement it. Draws are durations in minutes.
type Rander interface {
	Rand() float64
}

// Constant is a Rander that always returns the same value: a deterministic
// duration in minutes (the D in M/D/1).
type Constant float64

// Rand returns c.
func (c Constant) Rand() float64 { return float64(c) }

// Station is a G/G/c queueing station: customers arrive with independent
// interarrival times, wait in one first-come-first-served queue and are
// served by the first free one of Servers identical servers.
//
// The literal is the configuration; Run simulates it. The random draws come
// from the Randers, so the caller decides the streams (see sim.NewSource).
type Station struct {
	// Servers is the number of servers, c. It must be at least 1.
	Servers int
	// Interarrival draws the time between two arrivals, in minutes.
	Interarrival Rander
	// Service draws a customer's service time, in minutes, when service
	// starts.
	Service Rander
	// Customers is the number of arrivals; the run ends when the last of
	// them has left. It must be positive.
	Customers int
	// WarmUp is the number of first customers whose waits are not recorded
	// in Result.Wait (they still occupy the station).
	WarmUp int
	// Trace, if not nil, is called at every arrival (kind 'a'), start of
	// service ('s') and departure ('d') with the customer's number (0-based,
	// in arrival order). Tests use it to compare whole runs.
	Trace func(kind byte, at sim.Time, customer int)
}

// Result is what one run of a Station measured. Times are minutes.
type Result struct {
	// Wait is the waiting time in queue of every customer after the warm-up.
	Wait stats.Tally
	// InSystem is the number of customers in the station over the whole run
	// (from time 0, all customers).
	InSystem stats.TimeWeighted
	// Busy is the number of busy servers over the whole run.
	Busy stats.TimeWeighted
	// SojournSum is the sum of the times in system of all customers,
	// warm-up included (for the sample-path form of Little's law).
	SojournSum float64
	// End is the time the last customer left.
	End sim.Time
	// Events is the number of events the simulation executed.
	Events uint64
}

// Errors returned by Run for a station that cannot be simulated.
var (
	ErrServers   = errors.New("queue: Servers must be at least 1")
	ErrCustomers = errors.New("queue: Customers must be positive")
	ErrRander    = errors.New("queue: Interarrival and Service must be set")
)

// station is the running state. Its two embedded handler types let the
// event queue hold plain pointers, so scheduling allocates nothing.
type station struct {
	cfg      *Station
	res      *Result
	arrivals int      // customers arrived so far
	waiting  []waiter // waiting customers, a FIFO ring
	head, n  int      // ring position and length
	busy     int
	inSystem int
	arrive   arrival
	depart   departure
}

// A waiter is a customer in the queue.
type waiter struct {
	arrived sim.Time
	k       int // customer number
}

type arrival struct{ st *station }
type departure struct{ st *station }

// Run simulates the station until the last customer has left and returns
// what it measured.
func (cfg *Station) Run() (*Result, error) {
	switch {
	case cfg.Servers < 1:
		return nil, ErrServers
	case cfg.Customers < 1:
		return nil, ErrCustomers
	case cfg.Interarrival == nil || cfg.Service == nil:
		return nil, ErrRander
	}
	res := &Result{}
	st := &station{cfg: cfg, res: res, waiting: make([]waiter, 64)}
	st.arrive.st, st.depart.st = st, st
	var s sim.Sim
	res.InSystem.Set(0, 0)
	res.Busy.Set(0, 0)
	s.At(sim.Time(cfg.Interarrival.Rand()), &st.arrive)
	s.Run()
	res.End = s.Now()
	res.Events = s.Fired()
	if st.inSystem != 0 {
		return nil, fmt.Errorf("queue: %d customers left in system at the end", st.inSystem)
	}
	return res, nil
}

// Handle is an arrival: the customer starts service at once if a server is
// free, or joins the queue.
func (a *arrival) Handle(s *sim.Sim) {
	st := a.st
	now := s.Now()
	k := st.arrivals
	st.arrivals++
	st.inSystem++
	st.res.InSystem.Set(float64(now), float64(st.inSystem))
	if st.cfg.Trace != nil {
		st.cfg.Trace('a', now, k)
	}
	if st.busy < st.cfg.Servers {
		st.busy++
		st.res.Busy.Set(float64(now), float64(st.busy))
		st.serve(s, k, now)
	} else {
		st.enqueue(waiter{arrived: now, k: k})
	}
	if st.arrivals < st.cfg.Customers {
		s.After(sim.Time(st.cfg.Interarrival.Rand()), a)
	}
}

// Handle is a departure: the server takes the next waiting customer, if any.
func (d *departure) Handle(s *sim.Sim) {
	st := d.st
	now := s.Now()
	st.inSystem--
	st.res.InSystem.Set(float64(now), float64(st.inSystem))
	if st.cfg.Trace != nil {
		st.cfg.Trace('d', now, -1)
	}
	if st.n > 0 {
		// The freed server takes the next customer: busy stays the same.
		w := st.dequeue()
		st.serve(s, w.k, w.arrived)
		return
	}
	st.busy--
	st.res.Busy.Set(float64(now), float64(st.busy))
}

// serve begins service of customer k, who arrived at arrived, on a server
// already counted as busy.
func (st *station) serve(s *sim.Sim, k int, arrived sim.Time) {
	now := s.Now()
	service := sim.Time(st.cfg.Service.Rand())
	st.res.SojournSum += float64(now - arrived + service)
	if k >= st.cfg.WarmUp {
		st.res.Wait.Add(float64(now - arrived))
	}
	if st.cfg.Trace != nil {
		st.cfg.Trace('s', now, k)
	}
	s.After(service, &st.depart)
}

func (st *station) enqueue(w waiter) {
	if st.n == len(st.waiting) {
		grown := make([]waiter, 2*len(st.waiting))
		for i := range st.n {
			grown[i] = st.waiting[(st.head+i)%len(st.waiting)]
		}
		st.waiting, st.head = grown, 0
	}
	st.waiting[(st.head+st.n)%len(st.waiting)] = w
	st.n++
}

// dequeue removes and returns the customer at the head of the queue.
func (st *station) dequeue() waiter {
	w := st.waiting[st.head]
	st.head = (st.head + 1) % len(st.waiting)
	st.n--
	return w
}

// MMc returns an M/M/c station: Poisson arrivals at rate lambda and
// exponential service at rate mu per server (both per minute), drawing from
// the streams "arrivals" and "service" of seed (see sim.StreamID). Set
// Customers (and WarmUp) before running it.
func MMc(lambda, mu float64, c int, seed uint64) Station {
	return Station{
		Servers:      c,
		Interarrival: distuv.Exponential{Rate: lambda, Src: sim.NewSource(seed, sim.StreamID("arrivals", 0))},
		Service:      distuv.Exponential{Rate: mu, Src: sim.NewSource(seed, sim.StreamID("service", 0))},
	}
}
