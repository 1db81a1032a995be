package models

import (
	"fmt"
	"math"
	"math/bits"
	"slices"

	"zsa/models/calendar"
	"zsa/models/learning"
	"zsa/sim"
)

// office is an office in a running replication: its queues and clerks.
//
// The queues are numbered service by service: the queue of step ID id of
// service svc is queues[base[svc]+id], or, for a service whose cases
// belong to one clerk (Office.Owned), queues[base[svc]+k·nsteps+id] for
// the cases of its k-th owner, so that only that clerk serves them; base
// has a last entry, the number of queues. ready marks the queues with waiting
// cases and each clerk's can the queues the clerk takes work from, so that
// a clerk looking for work visits only the non-empty queues it can serve;
// idle marks the clerks without work (by index in clerks) and serves[q]
// those who take work from queue q, so that new work visits only the idle
// clerks who can do it.
type office struct {
	e      *engine
	idx    int
	zsa    bool
	policy Policy
	queues []stepQueue
	base   []int // per service: the number of its first queue; then len(queues)
	owners []*owners
	ready  bitset
	clerks []*clerk
	idle   bitset
	serves []bitset
	// Per service: the office's measures (a scratch record, left out of
	// the result, for a service the office does not offer), and the
	// learning trace its work goes to (the ZSA's or the local offices').
	res    []*OfficeResult
	trace  []*learning.Trace
	qtrace []*learning.Trace // error probability against experience
}

// owners are the clerks among whom the cases of an owned service are
// divided (Office.Owned), with the cumulative shares of their time.
type owners struct {
	clerks []int     // indices in office.clerks
	cum    []float64 // cum[k]: the share of clerks[0..k], the last 1
	equal  bool      // all have the same time: cum[k] = (k+1)/len(clerks)
}

// of returns the owner of case c, an index into clerks: the first k with
// u < cum[k], for the case's uniform of keyOwner, so that a case belongs
// to the same clerk on every visit and, where the clerks are the same, in
// every arm.
func (ow *owners) of(c *kase) int {
	u := c.draws.U(keyOwner, 0)
	if ow.equal {
		return min(int(u*float64(len(ow.cum))), len(ow.cum)-1)
	}
	for k, x := range ow.cum {
		if u < x {
			return k
		}
	}
	return len(ow.cum) - 1
}

// stepQueue holds the cases waiting for one step at one office, ordered by
// the office's policy. Most cases join a queue in that order already (a
// first step's cases in order of arrival, and later steps' cases mostly
// so), so a queue is a sorted run, which takes such cases at its end in
// O(1), and a min-heap for the others. The first case is the first of the
// run's and the heap's.
type stepQueue struct {
	run  []queued // sorted; the first is run[head]
	head int
	heap []queued
}

// queued is a case in a queue with its arrival time inline, which decides
// the order of most pairs of cases without touching them.
type queued struct {
	arrived sim.Time
	c       *kase
}

// before reports whether a goes before b under the office's policy: in
// order of arrival, then of case number; StartedFirst puts the cases with
// the most work steps done before that. A case's steps done, arrival and
// number do not change while it waits.
func (o *office) before(a, b *queued) bool {
	if o.policy == StartedFirst && a.c.done != b.c.done {
		return a.c.done > b.c.done
	}
	if a.arrived != b.arrived {
		return a.arrived < b.arrived
	}
	return a.c.id < b.c.id
}

// clerkService is a clerk's state for one service.
type clerkService struct {
	exp    float64  // experience (items, ≥ 1)
	lastAt sim.Time // last completion; -1: never
	busy   sim.Time // touch time on the service in the measured window
	// trace is the clerk's learning curve for the service: effort against
	// experience; nil until the clerk first works on the service.
	trace *learning.Trace
}

// bitset is a set of small non-negative integers.
type bitset []uint64

func (b bitset) has(i int) bool { return b[uint(i)/64]&(1<<(uint(i)%64)) != 0 }
func (b bitset) set(i int)      { b[uint(i)/64] |= 1 << (uint(i) % 64) }
func (b bitset) unset(i int)    { b[uint(i)/64] &^= 1 << (uint(i) % 64) }

// clerk is a clerk in a running replication. A clerk is the handler of
// the end of its current work item.
//
// The fields are ordered by use: those read or written at every work item
// come first, close together, and the calendar, used less often, last.
type clerk struct {
	o *office
	// The current item: case c at step st (nil for a question); erred says
	// that the clerk made an error in it; cx is the experience it adds to.
	c     *kase
	st    *cstep
	cx    *clerkService
	busy  bool
	erred bool
	// duties: the clerk turns to the services from other duties at its
	// first item of the day (Share < 1), unless it is a slice of a
	// person that resumes the person's previous slice.
	duties  bool
	num     int      // index in o.clerks
	lastSvc int32    // service of the previous item; -1: none
	began   sim.Time // when the previous item's work began
	// [openFrom, openTo) is the clerk's current or next working window as
	// of the last call of nextOpen, on the working day openDay (days since
	// the calendar's start, as a float); winOpen and winClose are the
	// clerk's daily window, cal.Window().
	openFrom, openTo  sim.Time
	openDay           float64
	winOpen, winClose sim.Time
	can               bitset         // the queues (office numbering) the clerk takes work from
	canLo, canHi      int            // the words of can that have bits: [canLo, canHi)
	svcs              []clerkService // per service
	steps             []clerkService // per queue (office numbering), for services that learn per step

	busyTime sim.Time // touch time in the measured window
	items    int      // items finished in the measured window
	name     string
	id       string            // Task.ResourceID, set for the event log only
	cal      calendar.Calendar // personal: part-time window and absences
}

func newOffice(e *engine, co *coffice, pos [][]*OfficeResult) *office {
	p := e.p
	o := &office{e: e, idx: co.idx, zsa: co.zsa, policy: co.office.Policy}
	o.base = make([]int, len(p.services)+1)
	o.owners = make([]*owners, len(p.services))
	nq := 0
	for si, cs := range p.services {
		o.base[si] = nq
		if slices.Contains(co.office.Owned, cs.svc.Name) {
			o.owners[si] = ownersOf(co.office, cs.svc.Name)
			nq += cs.nsteps * len(o.owners[si].clerks)
		} else {
			nq += cs.nsteps
		}
	}
	o.base[len(p.services)] = nq
	o.queues = make([]stepQueue, nq)
	// The office's sets and its clerks come from few blocks of memory, which
	// keeps what a dispatch touches close together.
	nc := len(co.office.Clerks)
	qw, cw := (nq+63)/64, (nc+63)/64
	words := make([]uint64, qw+cw+nq*cw+nc*qw)
	take := func(n int) bitset {
		b := bitset(words[:n:n])
		words = words[n:]
		return b
	}
	o.ready, o.idle = take(qw), take(cw)
	o.serves = make([]bitset, nq)
	for qi := range o.serves {
		o.serves[qi] = take(cw)
	}
	staff := make([]clerk, nc)
	svcs := make([]clerkService, nc*len(p.services))
	for si := range p.services {
		sr := &e.svc[si]
		r := pos[si][o.idx]
		if r == nil {
			// An office that does not offer the service: its measures are
			// kept nowhere.
			r = &OfficeResult{Monthly: make([]MonthPoint, len(e.res.Months))}
		}
		o.res = append(o.res, r)
		if o.zsa {
			o.trace = append(o.trace, &sr.ZSALearning)
			o.qtrace = append(o.qtrace, &sr.ZSAQuality)
		} else {
			o.trace = append(o.trace, &sr.LocalLearning)
			o.qtrace = append(o.qtrace, &sr.LocalQuality)
		}
	}
	startDate := p.cal.Start()
	endDate := p.cal.Date(p.m.Horizon)
	for j := range co.office.Clerks {
		cc := &co.office.Clerks[j]
		// The clerk's time for the services is a block of FTE·Share of the
		// office window on each working day, from Start on.
		cal, err := p.cal.WithWindow(clerkWindow(p.m, cc))
		if err != nil {
			panic(fmt.Sprintf("models: clerk calendar of a validated model: %v", err))
		}
		if cc.LeaveDays > 0 || cc.SickRate > 0 {
			// The absences depend on the working days, not on the block:
			// the parts of a clerk of a partitioned ZSA draw the pooled
			// clerk's stream and are away on its days.
			key, idx := co.office.Key, j
			if cc.pool != "" {
				key, idx = cc.pool, cc.index
			}
			src := sim.NewSource(e.seed, sim.StreamID("absences/"+key+"/"+cc.Name, uint64(idx)))
			cal = cal.WithAbsences(startDate, endDate, cc.LeaveDays, cc.SickRate, src)
		}
		if cc.From > 0 {
			cal = cal.ClosedBefore(int(cc.From / sim.Day))
		}
		c := &staff[j]
		*c = clerk{o: o, num: j, name: cc.Name, cal: *cal, lastSvc: -1, duties: cc.Share < 1 && !cc.resumes}
		c.winOpen, c.winClose = cal.Window()
		c.can = take(qw)
		c.svcs = svcs[j*len(p.services) : (j+1)*len(p.services) : (j+1)*len(p.services)]
		for si, cs := range p.services {
			c.svcs[si] = clerkService{exp: cc.Prior, lastAt: -1}
			if cs.svc.LearnPerStep {
				if c.steps == nil {
					c.steps = make([]clerkService, nq)
				}
				for id := range cs.nsteps {
					c.steps[o.base[si]+id] = clerkService{exp: cc.Prior, lastAt: -1}
				}
			}
			first := o.base[si] // the clerk's queues of the service
			if ow := o.owners[si]; ow != nil {
				k := slices.Index(ow.clerks, j)
				if k < 0 {
					continue // not skilled for the service
				}
				first += k * cs.nsteps
			}
			for _, sk := range cc.Skills {
				for id, name := range cs.stepNames {
					if sk == cs.svc.Name || sk == cs.svc.Name+"/"+name {
						c.can.set(first + id)
					}
				}
			}
		}
		o.clerks = append(o.clerks, c)
	}
	for _, c := range o.clerks {
		c.canLo, c.canHi = len(c.can), 0
		for w, bits := range c.can {
			if bits != 0 {
				c.canLo, c.canHi = min(c.canLo, w), w+1
			}
		}
		o.idle.set(c.num)
		for qi := range nq {
			if c.can.has(qi) {
				o.serves[qi].set(c.num)
			}
		}
	}
	return o
}

// ownersOf returns the owners of the cases of service svc at office o:
// its clerks skilled for the service, weighted by their time.
func ownersOf(o *Office, svc string) *owners {
	ow := &owners{}
	var total float64
	ow.equal = true
	for j, c := range o.Clerks {
		if slices.Contains(c.Skills, svc) {
			if len(ow.clerks) > 0 && c.FTE*c.Share != o.Clerks[ow.clerks[0]].FTE*o.Clerks[ow.clerks[0]].Share {
				ow.equal = false
			}
			ow.clerks = append(ow.clerks, j)
			total += c.FTE * c.Share
			ow.cum = append(ow.cum, total)
		}
	}
	for k := range ow.cum {
		ow.cum[k] /= total
	}
	return ow
}

// queue returns the number of the queue of case c's step ID id.
func (o *office) queue(c *kase, id int) int {
	qi := o.base[c.svc] + id
	if ow := o.owners[c.svc]; ow != nil {
		k := int(c.owner) // drawn when the case was filed, at its home office
		if o.idx != int(c.home) {
			k = ow.of(c)
		}
		qi += k * c.cs.nsteps
	}
	return qi
}

// push adds case c to queue qi.
func (o *office) push(c *kase, qi int) {
	o.ready.set(qi)
	x := queued{arrived: c.arrived, c: c}
	q := &o.queues[qi]
	if n := len(q.run); n == q.head || !o.before(&x, &q.run[n-1]) {
		q.run = append(q.run, x)
		return
	}
	q.heap = append(q.heap, x)
	h := q.heap
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !o.before(&x, &h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = x
}

// front returns the first case of queue qi, which must not be empty.
func (o *office) front(qi int) *queued {
	q := &o.queues[qi]
	if q.head == len(q.run) {
		return &q.heap[0]
	}
	if x := &q.run[q.head]; len(q.heap) == 0 || o.before(x, &q.heap[0]) {
		return x
	}
	return &q.heap[0]
}

// pop removes and returns the first case of queue qi, which must not be
// empty.
func (o *office) pop(qi int) *kase {
	q := &o.queues[qi]
	var top *kase
	if q.head < len(q.run) && (len(q.heap) == 0 || o.before(&q.run[q.head], &q.heap[0])) {
		top = q.run[q.head].c
		q.run[q.head] = queued{}
		q.head++
		if q.head == len(q.run) {
			q.run, q.head = q.run[:0], 0
		} else if q.head >= 64 && 2*q.head >= len(q.run) {
			// Reuse the run's memory: move the rest to its start.
			n := copy(q.run, q.run[q.head:])
			clear(q.run[n:])
			q.run, q.head = q.run[:n], 0
		}
	} else {
		top = q.popHeap(o)
	}
	if q.head == len(q.run) && len(q.heap) == 0 {
		o.ready.unset(qi)
	}
	return top
}

// popHeap removes and returns the first case of the heap, which must not
// be empty.
func (q *stepQueue) popHeap(o *office) *kase {
	h := q.heap
	top := h[0].c
	n := len(h) - 1
	last := h[n]
	h[n] = queued{}
	h = h[:n]
	q.heap = h
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
		if r := l + 1; r < n && o.before(&h[r], &h[l]) {
			m = r
		}
		if !o.before(&h[m], &last) {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = last
	return top
}

// wake gives new work in queue qi to the idle clerk who can do it and is
// available soonest (ties: the first in the office's list).
func (o *office) wake(qi int) {
	now := o.e.s.Now()
	serves := o.serves[qi]
	var best *clerk
	var bestAt sim.Time
scan:
	for w, idle := range o.idle {
		// The idle clerks who can do it, in the office's order.
		for m := idle & serves[w]; m != 0; m &= m - 1 {
			c := o.clerks[w*64+bits.TrailingZeros64(m)]
			at := c.nextOpen(now)
			if best == nil || at < bestAt {
				best, bestAt = c, at
				if at == now {
					break scan // nobody can start sooner
				}
			}
		}
	}
	if best != nil {
		best.next()
	}
}

// next makes an idle clerk take the best waiting item it can do, if any:
// the first, under the office's policy, of the first cases of the
// non-empty queues it can serve. A case waits in one queue at a time and
// before is a strict order, so the choice does not depend on the order in
// which the queues are visited.
func (c *clerk) next() {
	o := c.o
	var best *queued
	bq := -1
	for w := c.canLo; w < c.canHi; w++ {
		for m := o.ready[w] & c.can[w]; m != 0; m &= m - 1 {
			qi := w*64 + bits.TrailingZeros64(m)
			if x := o.front(qi); best == nil || o.before(x, best) {
				best, bq = x, qi
			}
		}
	}
	if best == nil {
		return
	}
	k := o.pop(bq)
	c.start(k, (bq-o.base[k.svc])%k.cs.nsteps)
}

// start begins work on case k's step with ID id.
func (c *clerk) start(k *kase, id int) {
	o := c.o
	e := o.e
	now := e.s.Now()
	cs := k.cs
	svc := cs.svc
	sv := &c.svcs[k.svc] // the clerk's record of the service
	cx := sv
	if c.steps != nil && svc.LearnPerStep {
		cx = &c.steps[o.base[k.svc]+id]
	}
	c.cx = cx
	// Forgetting: experience erodes with the time since the last item.
	if cx.lastAt >= 0 {
		cx.exp = cs.forget.Retain(cx.exp, now-cx.lastAt)
	}
	exp := cx.exp
	vp := k.visit(id)
	v := *vp
	*vp++
	var base float64
	var st *cstep
	if k.asking && o.zsa && id == cs.deleg.qStep {
		base = cs.deleg.qEffort.Quantile(k.draws.U(keyQuestion^1, uint64(v)))
	} else {
		st = &k.proc.steps[k.step]
		base = st.effort.Quantile(k.draws.U(st.key, uint64(v)))
		if o.zsa {
			base *= st.itFactor
		}
	}
	level := learning.LevelOf(exp)
	work := sim.Time(base * cs.learn.At(level))
	if k.rework && st != nil {
		work *= sim.Time(svc.ReworkFactor)
	}
	if c.setUp(k.svc, now) && svc.Switch != nil {
		work += sim.Time(svc.Switch.Quantile(k.draws.U(cs.switchKey, uint64(k.done))))
	}
	c.erred = false
	if st != nil && st.errors {
		pErr := st.quality.At(level)
		o.qtrace[k.svc].AddLevel(level, pErr)
		c.erred = k.draws.U(keyError^st.key, uint64(v)) < pErr
	}
	c.busy, c.c, c.st = true, k, st
	o.idle.unset(c.num)
	k.queued += now - k.enqueued
	k.touch += work
	e.res.Tasks++
	o.trace[k.svc].AddLevel(level, float64(work))
	if sv.trace == nil {
		sv.trace = &learning.Trace{}
	}
	sv.trace.AddLevel(level, float64(work))
	end := c.addWork(now, work)
	// The work inside the measured window [warmUp, horizon]: all of it,
	// unless the item straddles one of its ends.
	in := work
	if now < e.warmUp || end > e.horizon {
		in = 0
		if a, b := max(now, e.warmUp), min(end, e.horizon); a < b {
			in = c.cal.WorkingTimeBetween(a, b)
		}
	}
	c.busyTime += in
	sv.busy += in
	res := o.res[k.svc]
	res.WorkDone += in
	res.Monthly[e.curMonth].WorkDone += work
	if e.log != nil {
		activity := "question"
		if st != nil {
			activity = st.name
		}
		t := e.task(k, TaskWork, activity, o.idx, min(c.nextOpen(now), end), end)
		t.Enabled, t.Work, t.Resource, t.ResourceID = k.enqueued, work, c.name, c.id
		e.log(t)
	}
	e.s.At(end, c)
}

// nextOpen returns c.cal.NextOpen(now), from the clerk's current working
// window while now is before its end. The clock never goes back, so the
// window found at an earlier time stays the answer until it closes.
func (c *clerk) nextOpen(now sim.Time) sim.Time {
	if now >= c.openTo {
		c.openFrom = c.cal.NextOpen(now)
		c.openDay = math.Floor(float64(c.openFrom / sim.Day))
		c.openTo = sim.Time(c.openDay)*sim.Day + c.winClose
	}
	if c.openFrom > now {
		return c.openFrom
	}
	return now
}

// addWork returns c.cal.AddWork(now, work), the end of work minutes of
// work begun at now. Its common case, an item done within the day's
// window, it computes as AddWork does, but knows that the day is a working
// day from the window nextOpen found, without the calendar's tables.
func (c *clerk) addWork(now, work sim.Time) sim.Time {
	c.nextOpen(now)
	if work > 0 {
		// AddWork's split and first case.
		day := math.Floor(float64(now / sim.Day))
		ck := now - sim.Time(day*float64(sim.Day))
		if day == c.openDay && ck >= c.winOpen && ck < c.winClose && ck+work <= c.winClose {
			return now + work
		}
	}
	return c.cal.AddWork(now, work)
}

// setUp reports whether the clerk, taking an item of service svc at time
// now, turns to it from other work and so pays the service's set-up time:
// its previous item was of another service, or it has other duties, which
// fill its day outside its block, and this is the first item it begins on
// a working day, the run's first included (an item carried over from the
// day before resumes without a set-up; the first new item of the day pays
// it). A clerk without other duties pays none for the run's first item.
// It records when the item's work begins.
func (c *clerk) setUp(svc int32, now sim.Time) bool {
	prev := c.began
	if c.duties {
		c.began = c.nextOpen(now)
	}
	switch {
	case c.lastSvc < 0:
		return c.duties // the run's first item: after other duties, if any
	case c.lastSvc != svc:
		return true
	}
	if !c.duties {
		return false
	}
	day := func(t sim.Time) float64 { return math.Floor(float64(t / sim.Day)) }
	return day(c.began) > day(prev)
}

// Handle is the end of the clerk's current work item.
func (c *clerk) Handle(s *sim.Sim) {
	k, st, erred := c.c, c.st, c.erred
	cx := c.cx
	cx.exp++
	cx.lastAt = s.Now()
	c.lastSvc = k.svc
	if s.Now() >= c.o.e.warmUp {
		c.items++
	}
	c.busy, c.c, c.st = false, nil, nil
	c.o.idle.set(c.num)
	c.o.e.workDone(k, c.o.idx, st, erred)
	if !c.busy {
		c.next()
	}
}

// finish returns the clerks' workloads and records the office's staff
// per service. A clerk counts towards each service it is skilled for in
// proportion to its touch time on each in the measured window, evenly if
// it did no work.
func (o *office) finish(now sim.Time) []ClerkResult {
	e := o.e
	var clerks []ClerkResult
	for _, c := range o.clerks {
		avail := c.cal.WorkingTimeBetween(e.warmUp, now)
		cc := &e.p.offices[o.idx].office.Clerks[c.num]
		// The share of the measured window the clerk is employed, by the
		// office's working time.
		employed := 1.0
		if cc.From > e.warmUp {
			employed = float64(e.p.cal.WorkingTimeBetween(min(cc.From, now), now) / e.p.cal.WorkingTimeBetween(e.warmUp, now))
		}
		r := ClerkResult{
			Office: e.p.offices[o.idx].office.Key, Name: c.name, FTE: cc.FTE, Share: cc.Share, Employed: employed,
			Busy: c.busyTime, Available: avail, Items: c.items,
		}
		skilled := 0
		for si := range c.svcs {
			if c.skilled(si) {
				skilled++
			}
		}
		for si, cs := range c.svcs {
			if !c.skilled(si) {
				continue
			}
			part := 1 / float64(skilled)
			if c.busyTime > 0 {
				part = float64(cs.busy / c.busyTime)
			}
			o.res[si].StaffFTE += cc.FTE * cc.Share * part * employed
			for m := range o.res[si].Monthly {
				o.res[si].Monthly[m].StaffFTE += cc.FTE * cc.Share * part * e.employedInMonth(cc.From, m)
			}
			o.res[si].AvailableMinutes += avail * sim.Time(part)
			if cs.trace != nil {
				r.Learning = append(r.Learning, ServiceTrace{Service: e.p.services[si].svc.Name, Points: cs.trace.Points()})
			}
		}
		clerks = append(clerks, r)
	}
	return clerks
}

// employedInMonth is the share of month m's working time (by the run's
// calendar) in which a clerk hired at from is employed: 1 if hired before
// the month, 0 if after it.
func (e *engine) employedInMonth(from sim.Time, m int) float64 {
	start, end := e.res.MonthStarts[m], e.res.Horizon
	if m+1 < len(e.res.MonthStarts) {
		end = e.res.MonthStarts[m+1]
	}
	switch {
	case from <= start:
		return 1
	case from >= end:
		return 0
	}
	all := e.p.cal.WorkingTimeBetween(start, end)
	if all <= 0 {
		return 0
	}
	return float64(e.p.cal.WorkingTimeBetween(from, end) / all)
}

// skilled reports whether the clerk takes work from a queue of service si.
func (c *clerk) skilled(si int) bool {
	o := c.o
	for qi := o.base[si]; qi < o.base[si+1]; qi++ {
		if c.can.has(qi) {
			return true
		}
	}
	return false
}
