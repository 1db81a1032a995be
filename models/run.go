package models

import (
	"math"
	"strconv"

	"zsa/models/arrivals"
	"zsa/models/dist"
	"zsa/sim"
)

// Run simulates one replication of org on model m with the given seed and
// returns what it measured. The status quo is org == nil (or an
// Organisation without delegations).
//
// Common random numbers: every random draw that belongs to a citizen — the
// arrivals, a case's type, its effort draws, branches, external waits and
// errors — is keyed by the seed and the case, not by the order of events,
// so two organisations run with the same seed see the same citizens. Only
// who works on a case, and how experienced they are, differs.
func Run(m *Model, org *Organisation, seed uint64) (*Result, error) {
	return RunWith(m, org, seed, Options{})
}

// Options are optional hooks of a run.
type Options struct {
	// Log, if not nil, is called for everything that happens to a case,
	// when it begins: the case is filed, a clerk starts a work item, an
	// external wait or a hand-over begins, the case ends (Task.Kind). A
	// case's tasks come in time order, one at a time; cases open at the
	// horizon have no TaskEnd. This is the process-mining event log.
	Log func(Task)
}

// TaskKind says what a Task is.
type TaskKind uint8

const (
	// TaskWork is a work item of a clerk: a step, or a question a local
	// office sends back to the ZSA (Activity "question").
	TaskWork TaskKind = iota
	// TaskFiled is the filing of a case (Activity "filed"): Start is its
	// arrival — before 0 for the initial backlog — and End the time it
	// enters the system (0 for the initial backlog, else Start).
	TaskFiled
	// TaskExternal is an external wait (a Step with a Delay: the citizen,
	// another authority), Activity the step's name, from Start to End; a
	// wait whose deadline passed ends at the deadline (Late).
	TaskExternal
	// TaskHandOver is a hand-over between the ZSA and a local office
	// (Delegation.HandOver), Activity "hand-over", Office the office that
	// receives the case.
	TaskHandOver
	// TaskEnd is the end of a case, an instant (Start = End): Activity
	// Done or Reject, as the case ended; Late if a missed deadline ended
	// it.
	TaskEnd
)

// ActivityHandOver is the Activity of a TaskHandOver, a name no step may
// have.
const ActivityHandOver = "hand-over"

// Task is one thing that happens to a case, for the event log. Times are
// simulated minutes since the start.
type Task struct {
	Kind     TaskKind
	Case     uint64 // case number within the run: from 1, group by group (see group)
	Service  string
	Type     string // case type
	Activity string // step name, "question", "filed", "hand-over", Done or Reject
	// WarmUp marks a case filed before the end of the warm-up
	// (Model.WarmUp), the initial backlog included: the Result's case
	// measures leave it out.
	WarmUp bool
	// Enabled is when the task could begin: for a work item, when the case
	// entered the clerk's queue; for the other kinds, Start.
	Enabled sim.Time
	// Start is when the task begins — for a work item, when the clerk
	// starts working (the next working minute after taking the item) —
	// and End when it is finished; Work is a work item's touch time in
	// between (the rest is off-hours time), 0 for the other kinds.
	Start, End, Work sim.Time
	// Office is the key and OfficeName the name of the office: the one
	// whose clerk does the work; for a filing and the end, the office of
	// the filing commune; for an external wait, the office of the case's
	// last work item (the filing office before any); for a hand-over, the
	// office that receives the case.
	Office, OfficeName string
	// Resource is the clerk's name, ResourceID an id unique in the run:
	// "<office key>/<name>", the pooled ZSA's key for a time slice of a
	// partitioned ZSA's clerk (the same person in every unit), and " (n)"
	// after the name for the n-th clerk of that name there. Both are empty
	// but for work items.
	Resource, ResourceID string
	// Late marks an external wait whose deadline passed, and the end of a
	// case that the missed deadline ended.
	Late bool
}

// RunWith is Run with options.
func RunWith(m *Model, org *Organisation, seed uint64, opt Options) (*Result, error) {
	p, err := compile(m, org)
	if err != nil {
		return nil, err
	}
	e := newEngine(p, seed)
	e.log = opt.Log
	e.run()
	return e.res, nil
}

// engine is one replication in progress. It simulates the plan's groups
// of offices one after the other (see group); the fields from s to week
// belong to the group in progress and are set afresh for each.
type engine struct {
	s sim.Sim
	// office holds the group's offices by index in p.offices, nil for the
	// offices of other groups; offices the group's offices in order.
	office  []*office
	offices []*office
	// svc holds the group's service-wide measures (Types, Weekly, the
	// learning traces, the cases in the system), added to res's at the
	// group's end; open its open cases per service.
	svc  []ServiceResult
	open []int
	gen  *arrivals.Generator
	// sources maps the generator's sources to p.sources.
	sources []int
	day     dayTick
	week    weekTick
	month   monthTick
	warm    warmUpTick
	// recMonth is the month of the last completion recorded (record's
	// cursor into Result.MonthStarts); curMonth is the month now
	// (monthTick).
	recMonth, curMonth int

	p      *plan
	seed   uint64
	res    *Result
	pos    [][]*OfficeResult // by service and office index: newResult's
	clerks [][]ClerkResult   // by office index: its clerks' workloads
	buf    []arrivals.Arrival
	perSrc []uint64     // arrivals so far per source, for case seeds
	srcKey []uint64     // per source: sim.StreamID("case", source)
	done   []completion // completed cases not yet recorded
	free   []*kase      // recycled cases
	slab   []kase       // fresh cases
	// nextID numbers the cases of the replication, group after group.
	nextID  uint64
	horizon sim.Time
	warmUp  sim.Time
	log     func(Task)
}

// kase is a case in the system. It is its own event handler: a case has at
// most one pending event (its arrival, or the end of an external wait or a
// hand-over), and ev says what that event means.
type kase struct {
	// The fields read or written at every work item come first, in two
	// cache lines; indices are int32 to fit.
	e        *engine
	cs       *cservice // p.services[svc]
	proc     *cproc
	draws    dist.Seed // seed, prepared for the case's uniforms: draws.U(key, n)
	arrived  sim.Time
	enqueued sim.Time // when the case entered its current queue
	queued   sim.Time // waiting time in queues so far
	touch    sim.Time
	svc      int32
	step     int32 // current step index in proc
	done     int32 // work steps completed
	last     int32 // office index of the last work step, or -1
	home     int32 // office index of the commune's office
	errStep  int32 // step index with an undetected error, or -1
	rework   bool  // the current work step is a rework
	asking   bool
	ev       caseEvent
	vis      [15]uint16 // visits per step ID, the first 15 (see visit)
	owner    int16      // the clerk the case belongs to at its home office (owners), or -1
	id       uint64
	seed     uint64
	typ      int32
	reworks  int32
	resume   int32 // step to continue at after a question was answered
	measure  bool
	more     []uint16 // visits per step ID from 15 on, for longer processes
	// The time spent in hand-overs between the ZSA and a local office and
	// in external waits so far (minutes; float32 keeps the size at 192
	// bytes, three cache lines: in the slabs of newCase, which are
	// page-aligned, the first two lines of every case are then its hot
	// fields).
	handOver, external float32
}

// visit returns the number of visits to step ID id so far.
func (c *kase) visit(id int) *uint16 {
	if id < len(c.vis) {
		return &c.vis[id]
	}
	return &c.more[id-len(c.vis)]
}

type caseEvent uint8

const (
	evArrive caseEvent = iota // the case is filed
	evNext                    // after an external wait, the case goes on to step k.step (a hand-over may come first)
	evEnter                   // after a hand-over, the case enters step k.step
	evEnd                     // the case ends after a wait: k.step is toDone or toReject
	evLate                    // as evEnd, after a wait whose deadline passed
)

func newEngine(p *plan, seed uint64) *engine {
	m := p.m
	e := &engine{p: p, seed: seed, horizon: m.Horizon, warmUp: m.WarmUp}
	e.res, e.pos = newResult(p, seed)
	e.clerks = make([][]ClerkResult, len(p.offices))
	e.office = make([]*office, len(p.offices))
	e.done = make([]completion, 0, 512)
	e.perSrc = make([]uint64, len(p.sources))
	for i := range p.sources {
		e.srcKey = append(e.srcKey, sim.StreamID("case", uint64(i)))
	}
	e.svc = make([]ServiceResult, len(p.services))
	e.open = make([]int, len(p.services))
	e.day.e, e.week.e, e.warm.e, e.month.e = e, e, e, e
	return e
}

// run simulates the plan's groups one after the other, then closes the
// replication's measures.
func (e *engine) run() {
	for i := range e.p.groups {
		e.simulate(&e.p.groups[i])
	}
	e.finish()
}

// simulate runs group g from 0 to the horizon and adds what it measured
// to the result.
func (e *engine) simulate(g *group) {
	p := e.p
	e.s.Reset()
	fired := e.s.Fired()
	e.offices = e.offices[:0]
	for _, oi := range g.offices {
		o := newOffice(e, p.offices[oi], e.pos)
		e.office[oi] = o
		e.offices = append(e.offices, o)
	}
	if e.log != nil {
		e.nameResources()
	}
	for si, cs := range p.services {
		e.svc[si].reset(cs)
		e.open[si] = 0
	}
	srcs := make([]arrivals.Source, len(g.sources))
	for i, si := range g.sources {
		s := p.sources[si]
		cs := p.services[s.svc]
		srcs[i] = arrivals.Source{
			Population:  s.population,
			PerThousand: cs.svc.PerThousand,
			Profile:     &cs.svc.Profile,
			Src:         sim.NewSource(e.seed, sim.StreamID("arrivals/"+cs.svc.Name, uint64(s.commune))),
		}
		if s.typ >= 0 { // follow-ups of cases approved before the start, per office
			srcs[i].PerThousand = s.perThousand
			srcs[i].Src = sim.NewSource(e.seed, sim.StreamID("inherited/"+cs.svc.Name+"/"+cs.types[s.typ].name+"/"+p.offices[s.office].office.Key, 0))
		}
	}
	gen, err := arrivals.NewGenerator(p.cal, srcs)
	if err != nil {
		panic("models: arrivals of a validated model: " + err.Error())
	}
	e.gen, e.sources = gen, g.sources
	e.roomForLeadTimes(g)
	e.recMonth, e.curMonth = 0, 0
	e.day.n, e.week.n, e.month.n = 0, 0, 0
	e.backlog()
	// The warm-up tick after the initial backlog, which enters at 0: with
	// no warm-up, the backlog is open when measurement starts.
	e.s.At(e.warmUp, &e.warm)
	e.s.At(0, &e.month)
	e.s.At(0, &e.day)
	e.s.At(0, &e.week)
	e.s.RunUntil(e.horizon)
	e.res.Events += e.s.Fired() - fired
	e.closeGroup()
	for _, oi := range g.offices {
		e.office[oi] = nil
	}
}

// warmUpTick records, at the end of the warm-up, how many cases each
// office has open: the start of the measured window's backlog.
type warmUpTick struct{ e *engine }

func (w *warmUpTick) Handle(*sim.Sim) {
	for _, o := range w.e.offices {
		for _, r := range o.res {
			r.OpenAtWarmUp = r.open
		}
	}
}

// dayTick generates each day's arrivals at its midnight; its feed then
// files them one by one. Only one arrival event is pending at a time, which
// keeps the event queue small.
type dayTick struct {
	e    *engine
	n    int
	feed arrivalFeed
}

// arrivalFeed files the arrivals of the current day in time order.
type arrivalFeed struct {
	e *engine
	i int // next arrival in e.buf
}

func (d *dayTick) Handle(s *sim.Sim) {
	e := d.e
	date := e.p.cal.Start().AddDays(d.n)
	e.buf = e.gen.Day(date, e.buf[:0])
	d.feed.e, d.feed.i = e, 0
	if len(e.buf) > 0 && e.buf[0].At < e.horizon {
		s.At(e.buf[0].At, &d.feed)
	}
	d.n++
	if next := sim.Time(d.n) * sim.Day; next < e.horizon {
		s.At(next, d)
	}
}

func (f *arrivalFeed) Handle(s *sim.Sim) {
	e := f.e
	now := s.Now()
	for f.i < len(e.buf) && e.buf[f.i].At <= now {
		a := e.buf[f.i]
		f.i++
		si := e.sources[a.Source]
		src := &e.p.sources[si]
		if a.At >= src.until {
			continue // an inherited follow-up after its stream has ended
		}
		k := e.perSrc[si]
		e.perSrc[si]++
		// The case seed depends only on (seed, source, arrival number).
		cseed := sim.Hash(e.seed, e.srcKey[si], k)
		c := e.newCase(src.svc, src.typ, src.office, cseed, a.At)
		e.arrive(c)
		e.enter(c, 0)
	}
	if f.i < len(e.buf) && e.buf[f.i].At < e.horizon {
		s.At(e.buf[f.i].At, f)
	}
}

// weekTick records the weekly backlog series.
type weekTick struct {
	e *engine
	n int
}

func (w *weekTick) Handle(s *sim.Sim) {
	e := w.e
	weeks := int(math.Ceil(float64(e.horizon / sim.Week))) // all ticks
	for si := range e.p.services {
		sr := &e.svc[si]
		if sr.Weekly == nil {
			sr.Weekly = make([]WeekPoint, 0, weeks)
		}
		sr.closeWeek()
		sr.Weekly = append(sr.Weekly, WeekPoint{Week: w.n, Open: e.open[si]})
		for _, o := range e.offices {
			if r := e.pos[si][o.idx]; r != nil {
				if r.Weekly == nil {
					r.Weekly = make([]int, 0, weeks)
				}
				r.Weekly = append(r.Weekly, r.open)
			}
		}
	}
	w.n++
	if next := sim.Time(w.n) * sim.Week; next < e.horizon {
		s.At(next, w)
	}
}

// monthTick starts each calendar month (Result.MonthStarts): it records
// the cases each office has open and moves the month that arrivals and
// work count in.
type monthTick struct {
	e *engine
	n int // the month that starts
}

func (m *monthTick) Handle(s *sim.Sim) {
	e := m.e
	for _, o := range e.offices {
		for _, r := range o.res {
			r.Monthly[m.n].Open = r.open
		}
	}
	e.curMonth = m.n
	m.n++
	if m.n < len(e.res.MonthStarts) {
		s.At(e.res.MonthStarts[m.n], m)
	}
}

// backlog files the initial open cases: per office and case type,
// round(Backlog × catchment population / 1,000) cases with arrival times
// spread over the 30 days before the start.
func (e *engine) backlog() {
	p := e.p
	for si, cs := range p.services {
		pop := make([]float64, len(p.offices))
		for _, s := range p.sources {
			if s.svc == si && s.typ < 0 {
				pop[s.office] += s.population
			}
		}
		for ti, t := range cs.types {
			if t.backlog == 0 {
				continue
			}
			for _, o := range e.offices {
				oi := o.idx
				n := int(math.Round(t.backlog * pop[oi] / 1000))
				for k := range n {
					cseed := sim.Hash(e.seed, sim.StreamID("backlog/"+cs.svc.Name+"/"+t.name, uint64(oi)), uint64(k))
					at := -sim.Time(dist.U(cseed, 0, 0)) * 30 * sim.Day
					c := e.newCase(si, ti, oi, cseed, at)
					c.ev = evArrive
					e.s.At(0, c)
				}
			}
		}
	}
}

// newCase takes a case from the free list. typ < 0 draws the case type
// from the shares with the case's own uniform.
func (e *engine) newCase(svc, typ, home int, seed uint64, at sim.Time) *kase {
	var c *kase
	if n := len(e.free); n > 0 {
		c, e.free = e.free[n-1], e.free[:n-1]
	} else {
		// New cases come from blocks of memory, fewer and closer together.
		if len(e.slab) == 0 {
			e.slab = make([]kase, 256)
		}
		c, e.slab = &e.slab[0], e.slab[1:]
	}
	cs := e.p.services[svc]
	if typ < 0 {
		u := dist.U(seed, keyType, 0)
		typ = len(cs.types) - 1
		var cum float64
		for i, t := range cs.types {
			cum += t.share
			if u < cum {
				typ = i
				break
			}
		}
	}
	e.nextID++
	*c = kase{
		e: e, id: e.nextID, seed: seed, draws: dist.NewSeed(seed), svc: int32(svc), cs: cs, typ: int32(typ), home: int32(home),
		arrived: at, measure: at >= e.warmUp,
		errStep: -1, last: -1,
	}
	if cs.nsteps > len(c.vis) {
		c.more = make([]uint16, cs.nsteps-len(c.vis))
	}
	c.owner = -1
	if ow := e.office[home].owners[svc]; ow != nil {
		c.owner = int16(ow.of(c))
	}
	c.proc = cs.types[typ].proc
	if d := cs.deleg; d != nil {
		if at >= d.joins[home] { // never for non-members (+Inf)
			c.proc = cs.types[typ].variant
		}
	}
	return c
}

// Keys of a case's draws that are not steps.
var (
	keyType     = dist.Key("case/type")
	keyRoute    = dist.Key("case/route")
	keyError    = dist.Key("case/error")
	keyHandOver = dist.Key("case/handover")
	keyQuestion = dist.Key("case/question")
	keyReapply  = dist.Key("case/reapply")
	keyOwner    = dist.Key("case/owner")
)

// Handle fires the case's pending event.
func (c *kase) Handle(s *sim.Sim) {
	e := c.e
	switch c.ev {
	case evArrive:
		e.arrive(c)
		e.enter(c, 0)
	case evNext:
		e.enter(c, int(c.step))
	case evEnter:
		e.enterNow(c, int(c.step))
	case evEnd, evLate:
		e.complete(c, c.step == toDone, c.ev == evLate)
	}
}

// arrive counts a new case.
func (e *engine) arrive(c *kase) {
	e.open[c.svc]++
	home := e.office[c.home].res[c.svc]
	home.open++
	sr := &e.svc[c.svc]
	sr.weekArrived++
	sr.inSystem.Set(float64(e.s.Now()), float64(e.open[c.svc]))
	sr.sojournArea += float64(e.horizon - e.s.Now())
	home.Monthly[e.curMonth].Arrived++
	if c.measure {
		home.Arrived++
		sr.Types[c.typ].Arrived++
	}
	if e.log != nil {
		t := e.task(c, TaskFiled, "filed", int(c.home), c.arrived, e.s.Now())
		t.Enabled = c.arrived
		e.log(t)
	}
}

// task returns the Task of kind and activity of case c at office oi, from
// start to end, for the event log.
func (e *engine) task(c *kase, kind TaskKind, activity string, oi int, start, end sim.Time) Task {
	o := e.p.offices[oi].office
	return Task{Kind: kind, Case: c.id, Service: c.cs.svc.Name, Type: c.cs.types[c.typ].name, Activity: activity,
		WarmUp: !c.measure, Enabled: start, Start: start, End: end, Office: o.Key, OfficeName: o.Name}
}

// nameResources gives the group's clerks their ResourceIDs for the event
// log.
func (e *engine) nameResources() {
	for _, o := range e.offices {
		co := e.p.offices[o.idx].office
		for j, c := range o.clerks {
			cc := &co.Clerks[j]
			key, staff, idx := co.Key, co.Clerks, j
			if cc.pool != "" {
				key, staff, idx = cc.pool, e.p.org.ZSA.Clerks, cc.index
			}
			n := 1
			for _, other := range staff[:idx] {
				if other.Name == cc.Name {
					n++
				}
			}
			c.id = key + "/" + cc.Name
			if n > 1 {
				c.id += " (" + strconv.Itoa(n) + ")"
			}
		}
	}
}

// enter moves the case to step i of its process, or ends it.
func (e *engine) enter(c *kase, i int) {
	switch i {
	case toDone, toReject:
		e.complete(c, i == toDone, false)
		return
	}
	st := &c.proc.steps[i]
	c.step = int32(i)
	if st.work {
		// A hand-over between the ZSA and a local office takes time.
		to := e.performer(c, st)
		if c.last >= 0 && to != int(c.last) && (e.p.offices[to].zsa || e.p.offices[c.last].zsa) {
			d := c.cs.deleg
			if d.qBack > 0 && e.p.offices[c.last].zsa && !c.asking &&
				c.draws.U(keyQuestion, uint64(c.done)) < d.qBack {
				// The local office sends a question back to the ZSA.
				c.asking, c.resume = true, int32(i)
			}
			if d.handOver != nil {
				delay := sim.Time(d.handOver.Quantile(c.draws.U(keyHandOver, uint64(c.done))))
				c.handOver += float32(delay)
				c.ev = evEnter
				e.s.After(delay, c)
				if e.log != nil {
					now := e.s.Now()
					e.log(e.task(c, TaskHandOver, ActivityHandOver, to, now, now+delay))
				}
				return
			}
		}
	}
	e.enterNow(c, i)
}

// enterNow puts the case into step i without a hand-over delay.
func (e *engine) enterNow(c *kase, i int) {
	st := &c.proc.steps[i]
	c.step = int32(i)
	if c.asking && int(c.resume) == i {
		// The local office, receiving the case, sends a question back:
		// queue it at the ZSA first.
		e.enqueue(c, e.p.zsaOf[c.home], c.cs.deleg.qStep)
		return
	}
	if !st.work {
		vp := c.visit(st.id)
		v := *vp
		*vp++
		delay := sim.Time(st.delay.Quantile(c.draws.U(st.key, uint64(v))))
		next := e.route(c, st, v)
		late := st.deadline > 0 && delay > st.deadline
		if late {
			delay, next = st.deadline, st.onTimeout
		}
		c.external += float32(delay)
		c.step = int32(next)
		if e.log != nil {
			e.logExternal(c, st, delay, late)
		}
		if next >= 0 {
			c.ev = evNext
			e.s.After(delay, c)
			return
		}
		// The case ends after the wait.
		c.ev = evEnd
		if late {
			c.ev = evLate
		}
		e.s.After(delay, c)
		return
	}
	e.enqueue(c, e.performer(c, st), st.id)
}

// logExternal logs the external wait st of case c, which lasts delay;
// late: its deadline passes.
func (e *engine) logExternal(c *kase, st *cstep, delay sim.Time, late bool) {
	oi := int(c.home)
	if c.last >= 0 {
		oi = int(c.last)
	}
	now := e.s.Now()
	t := e.task(c, TaskExternal, st.name, oi, now, now+delay)
	t.Late = late
	e.log(t)
}

// performer returns the office that does work step st of case c.
func (e *engine) performer(c *kase, st *cstep) int {
	if st.zsa {
		return e.p.zsaOf[c.home]
	}
	return int(c.home)
}

// route draws the next step after visit v of step st.
func (e *engine) route(c *kase, st *cstep, v uint16) int {
	if len(st.next) == 1 {
		return st.next[0].to
	}
	u := c.draws.U(keyRoute^st.key, uint64(v))
	var cum float64
	for _, b := range st.next {
		cum += b.prob[min(int(v), len(b.prob)-1)]
		if u < cum {
			return b.to
		}
	}
	return st.next[len(st.next)-1].to
}

// enqueue puts the case into the queue of step ID id at office oi and
// wakes an idle clerk who can do it.
func (e *engine) enqueue(c *kase, oi, id int) {
	o := e.office[oi]
	c.enqueued = e.s.Now()
	qi := o.queue(c, id)
	o.push(c, qi)
	o.wake(qi)
}

// workDone is called by a clerk who finished a work item of case c at
// office oi.
func (e *engine) workDone(c *kase, oi int, st *cstep, erred bool) {
	c.last = int32(oi)
	c.done++
	if c.asking && st == nil {
		// The question is answered; hand the case back to the local office.
		c.asking = false
		c.last = int32(e.p.zsaOf[c.home])
		e.enter(c, int(c.resume))
		return
	}
	i := c.step
	v := *c.visit(st.id) - 1
	if c.errStep >= 0 && c.errStep != i {
		// This step found an earlier error: back to the faulty step.
		back := c.errStep
		c.errStep = -1
		c.reworks++
		c.rework = true
		e.enter(c, int(back))
		return
	}
	c.rework = false
	if erred && c.errStep < 0 {
		c.errStep = i
	}
	e.enter(c, e.route(c, st, v))
}

// complete ends a case: an approval (ok) or a rejection; late: a missed
// deadline ended it.
func (e *engine) complete(c *kase, ok, late bool) {
	now := e.s.Now()
	if e.log != nil {
		activity := Reject
		if ok {
			activity = Done
		}
		t := e.task(c, TaskEnd, activity, int(c.home), now, now)
		t.Late = late
		e.log(t)
	}
	e.open[c.svc]--
	home := e.office[c.home].res[c.svc]
	home.open--
	sr := &e.svc[c.svc]
	sr.weekCompleted++
	sr.inSystem.Set(float64(now), float64(e.open[c.svc]))
	sr.sojournArea -= float64(e.horizon - now)
	e.done = append(e.done, completion{
		res: home, typ: &sr.Types[c.typ], level: c.cs.svc.ServiceLevel, arrived: c.arrived, done: now,
		touch: c.touch, queued: c.queued, handOver: sim.Time(c.handOver), external: sim.Time(c.external),
		reworks: int(c.reworks), ok: ok, measure: c.measure,
	})
	if len(e.done) == cap(e.done) {
		e.record()
	}
	t := &c.cs.types[c.typ]
	if ok && t.reapply != nil && c.draws.U(keyReapply, 0) < t.reapply.prob {
		at := now + t.reapply.after
		if at < e.horizon {
			nc := e.newCase(int(c.svc), t.reapply.typ, int(c.home), sim.Hash(c.seed, keyReapply, 1), at)
			nc.ev = evArrive
			e.s.At(at, nc)
		}
	}
	e.free = append(e.free, c)
}

// record adds the completed cases in e.done to the measures, in the order
// they completed. Recording them in batches rather than one by one leaves
// the measures the same, and is faster: the cases of a batch are
// independent of each other, which the processor can exploit.
func (e *engine) record() {
	starts := e.res.MonthStarts
	for i := range e.done {
		c := &e.done[i]
		for e.recMonth+1 < len(starts) && c.done >= starts[e.recMonth+1] {
			e.recMonth++
		}
		c.record(e.p.cal, e.recMonth)
	}
	clear(e.done)
	e.done = e.done[:0]
}

// closeGroup closes the measurements of the group in progress at the
// horizon and adds its service-wide measures to the result's.
func (e *engine) closeGroup() {
	e.record()
	now := e.s.Now()
	for si := range e.svc {
		sr := &e.svc[si]
		sr.closeWeek()
		sr.Open = e.open[si]
		sr.InSystemArea = sr.inSystem.Integral(float64(now))
		// Each case added (horizon − arrival) when it arrived and took
		// back (horizon − completion) when it completed: the sum is the
		// time in system within [0, horizon] (Little's law on the path).
		sr.SojournArea = sr.sojournArea
		e.res.Services[si].add(sr)
	}
	for _, o := range e.offices {
		for _, r := range o.res {
			r.OpenAtEnd = r.open
			// Sorted now, quantiles only read them: results are shared.
			r.LeadTimes.Sort()
		}
		o.clipLeadTimes()
		e.clerks[o.idx] = o.finish(now)
	}
}

// finish closes the replication's measures once every group has run.
func (e *engine) finish() {
	for _, cs := range e.clerks {
		e.res.Clerks = append(e.res.Clerks, cs...)
	}
	// The net working time of a full-time post, by service.
	for si := range e.res.Services {
		sr := &e.res.Services[si]
		var staff float64
		var avail sim.Time
		for i := range sr.Offices {
			staff += sr.Offices[i].StaffFTE
			avail += sr.Offices[i].AvailableMinutes
		}
		sr.NetFTEMinutes = avail / sim.Time(staff)
	}
}
