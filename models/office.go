package models

import (
	"fmt"

	"zsa/models/calendar"
	"zsa/sim"
)

// office is an office in a running replication: its queues and clerks.
type office struct {
	e      *engine
	idx    int
	zsa    bool
	policy Policy
	queues [][]stepQueue // [service][step ID]
	clerks []*clerk
}

// stepQueue is a min-heap of cases waiting for one step at one office, ordered
// by the office's policy.
type stepQueue struct {
	items []*kase
}

// qref names a queue of an office: service and step ID.
type qref struct{ svc, id int }

// clerk is a clerk in a running replication. A clerk is the handler of
// the end of its current work item.
type clerk struct {
	o       *office
	name    string
	cal     *calendar.Calendar // personal: part-time window and absences
	can     [][]bool           // [service][step ID]
	queues  []qref             // the queues the clerk can take work from
	exp     []float64          // experience per service (items, ≥ 1)
	lastAt  []sim.Time         // last completion per service; -1: never
	lastSvc int                // service of the previous item; -1: none

	busy    bool
	c       *kase
	st      *cstep // nil for a question
	id      int    // step ID
	erred   bool
	work    sim.Time // touch time of the current item
	started sim.Time

	busyTime sim.Time // touch time of items started after the warm-up
	items    int
}

func newOffice(e *engine, co *coffice) *office {
	p := e.p
	o := &office{e: e, idx: co.idx, zsa: co.zsa, policy: co.office.Policy}
	o.queues = make([][]stepQueue, len(p.services))
	for si, cs := range p.services {
		o.queues[si] = make([]stepQueue, cs.nsteps)
	}
	open, closeAt := p.m.Hours.Open, p.m.Hours.Close
	window := closeAt - open
	startDate := p.cal.Start()
	endDate := p.cal.Date(p.m.Horizon)
	for j := range co.office.Clerks {
		cc := &co.office.Clerks[j]
		// The clerk's time for the services is a block of FTE·Share of the
		// office window at the start of each working day.
		cal, err := calendar.New(calendar.Config{
			Start: startDate, Open: open, Close: open + sim.Time(cc.FTE*cc.Share)*window,
			Days: int(p.m.Horizon/sim.Day) + 31, Weekdays: p.m.Weekdays, NoStateHolidays: p.m.NoStateHolidays,
		})
		if err != nil {
			panic(fmt.Sprintf("models: clerk calendar of a validated model: %v", err))
		}
		if cc.LeaveDays > 0 || cc.SickRate > 0 {
			src := sim.NewSource(e.seed, sim.StreamID("absences/"+co.office.Key+"/"+cc.Name, uint64(j)))
			cal = cal.With(calendar.DrawAbsences(cal, startDate, endDate, cc.LeaveDays, cc.SickRate, src))
		}
		c := &clerk{o: o, name: cc.Name, cal: cal, lastSvc: -1}
		c.can = make([][]bool, len(p.services))
		c.exp = make([]float64, len(p.services))
		c.lastAt = make([]sim.Time, len(p.services))
		for si, cs := range p.services {
			c.can[si] = make([]bool, cs.nsteps)
			c.exp[si] = cc.Prior
			c.lastAt[si] = -1
			for _, sk := range cc.Skills {
				for id, name := range cs.stepNames {
					if sk == cs.svc.Name || sk == cs.svc.Name+"/"+name {
						c.can[si][id] = true
					}
				}
			}
			for id := range cs.nsteps {
				if c.can[si][id] {
					c.queues = append(c.queues, qref{si, id})
				}
			}
		}
		o.clerks = append(o.clerks, c)
	}
	return o
}

// before reports whether case a goes before case b under the policy.
func (o *office) before(a, b *kase) bool {
	if o.policy == StartedFirst && a.done != b.done {
		return a.done > b.done
	}
	if a.arrived != b.arrived {
		return a.arrived < b.arrived
	}
	return a.id < b.id
}

func (o *office) push(c *kase, id int) {
	q := &o.queues[c.svc][id]
	q.items = append(q.items, c)
	h := q.items
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !o.before(c, h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = c
}

func (o *office) pop(svc, id int) *kase {
	q := &o.queues[svc][id]
	h := q.items
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h[n] = nil
	h = h[:n]
	q.items = h
	if n == 0 {
		return top
	}
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && o.before(h[r], h[l]) {
			m = r
		}
		if !o.before(h[m], last) {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = last
	return top
}

// wake gives new work in queue (svc, id) to the idle clerk who can do it
// and is available soonest (ties: the first in the office's list).
func (o *office) wake(svc, id int) {
	now := o.e.s.Now()
	var best *clerk
	var bestAt sim.Time
	for _, c := range o.clerks {
		if c.busy || !c.can[svc][id] {
			continue
		}
		at := c.cal.NextOpen(now)
		if best == nil || at < bestAt {
			best, bestAt = c, at
			if at == now {
				break // nobody can start sooner
			}
		}
	}
	if best != nil {
		best.next()
	}
}

// next makes an idle clerk take the best waiting item it can do, if any.
func (c *clerk) next() {
	o := c.o
	var bestC *kase
	bs, bid := -1, -1
	for _, r := range c.queues {
		q := &o.queues[r.svc][r.id]
		if len(q.items) == 0 {
			continue
		}
		if bestC == nil || o.before(q.items[0], bestC) {
			bestC, bs, bid = q.items[0], r.svc, r.id
		}
	}
	if bestC == nil {
		return
	}
	c.start(o.pop(bs, bid), bid)
}

// start begins work on case k's step with ID id.
func (c *clerk) start(k *kase, id int) {
	e := c.o.e
	now := e.s.Now()
	cs := e.p.services[k.svc]
	svc := cs.svc
	// Forgetting: experience erodes with the time since the last item.
	if last := c.lastAt[k.svc]; last >= 0 {
		c.exp[k.svc] = svc.Forgetting.Retain(c.exp[k.svc], now-last)
	}
	exp := c.exp[k.svc]
	v := k.visits[id]
	k.visits[id]++
	var base float64
	var st *cstep
	if k.asking && c.o.zsa && id == cs.deleg.qStep {
		base = cs.deleg.qEffort.Quantile(k.u(keyQuestion^1, uint64(v)))
	} else {
		st = &k.proc.steps[k.step]
		base = st.effort.Quantile(k.u(st.key, uint64(v)))
		if c.o.zsa {
			base *= st.itFactor
		}
	}
	work := sim.Time(base * (svc.Learning.Multiplier(exp) / cs.refMult))
	if k.rework && st != nil {
		work *= sim.Time(svc.ReworkFactor)
	}
	if c.lastSvc >= 0 && c.lastSvc != k.svc && svc.Switch != nil {
		work += sim.Time(svc.Switch.Quantile(k.u(cs.switchKey, uint64(k.done))))
	}
	c.erred = st != nil && st.errors && k.u(keyError^st.key, uint64(v)) < st.quality.ErrorProb(exp)
	c.busy, c.c, c.st, c.id, c.work, c.started = true, k, st, id, work, now
	k.queued += now - k.enqueued
	k.touch += work
	e.res.Tasks++
	sr := &e.res.Services[k.svc]
	if c.o.zsa {
		sr.ZSALearning.Add(exp, float64(work))
	} else {
		sr.LocalLearning.Add(exp, float64(work))
	}
	if now >= e.warmUp {
		c.busyTime += work
		sr.Offices[c.o.idx].WorkDone += work
	}
	end := c.cal.AddWork(now, work)
	if e.log != nil {
		activity := "question"
		if st != nil {
			activity = st.name
		}
		e.log(Task{
			Case: k.id, Service: svc.Name, Type: cs.types[k.typ].name, Activity: activity,
			Start: min(c.cal.NextOpen(now), end), End: end, Work: work,
			Office: e.p.offices[c.o.idx].office.Key, Resource: c.name,
		})
	}
	e.s.At(end, c)
}

// Handle is the end of the clerk's current work item.
func (c *clerk) Handle(s *sim.Sim) {
	k, st, erred := c.c, c.st, c.erred
	c.exp[k.svc]++
	c.lastAt[k.svc] = s.Now()
	c.lastSvc = k.svc
	c.items++
	c.busy, c.c, c.st = false, nil, nil
	c.o.e.workDone(k, c.o.idx, st, erred)
	if !c.busy {
		c.next()
	}
}

func (o *office) finish(now sim.Time) {
	e := o.e
	for _, c := range o.clerks {
		avail := c.cal.WorkingTimeBetween(e.warmUp, now)
		e.res.Clerks = append(e.res.Clerks, ClerkResult{
			Office: e.p.offices[o.idx].office.Key, Name: c.name,
			Busy: c.busyTime, Available: avail, Items: c.items,
		})
	}
}
