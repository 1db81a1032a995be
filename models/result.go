package models

import (
	"sync"

	"zsa/models/calendar"
	"zsa/models/learning"
	"zsa/sim"
	"zsa/sim/stats"
)

// Result is what one replication measured. Times are minutes unless a
// name says days. Work and staff are counted over the measured window
// [WarmUp, Horizon]; case measures count the cases filed in it.
type Result struct {
	Seed         uint64
	Organisation string
	// Services holds the measures per service, in the model's order.
	Services []ServiceResult
	// Clerks holds every clerk's workload, offices in order, ZSA last.
	Clerks []ClerkResult
	// Events is the number of events executed, the daily, weekly and
	// monthly ticks of every group of offices included; Tasks the number
	// of work items started.
	Events, Tasks uint64
	// Start is the first simulated day; WarmUp and Horizon bound the
	// measured window in simulated time since Start's midnight.
	Start           calendar.Date
	WarmUp, Horizon sim.Time
	// FTEMinutes is the working time of one full-time clerk in the measured
	// window (office calendar, no absences): the divisor that turns
	// minutes of work into FTE.
	FTEMinutes sim.Time
	// YearShare is the measured window (Horizon − WarmUp) as a fraction of
	// a 365-day year, to turn FTE into a yearly cost.
	YearShare float64
	// CostPerFTE is the model's yearly cost of one full-time clerk.
	CostPerFTE float64
	// Verteilzeit is the Personalbemessung's surcharge on processing time
	// (Model.Verteilzeit).
	Verteilzeit float64
	// Months are the calendar months of the run, for the offices'
	// Monthly measures: Months[m] is the first day of month m (the run's
	// first day for the first month), MonthStarts[m] its start in
	// simulated time, and MonthFTEMinutes[m] the working time of one
	// full-time clerk in it (office calendar, no absences; the last month
	// ends at the horizon).
	Months          []calendar.Date
	MonthStarts     []sim.Time
	MonthFTEMinutes []sim.Time
}

// FTE returns the full-time equivalents that work minutes represent over
// the measured window.
func (r *Result) FTE(work sim.Time) float64 { return float64(work / r.FTEMinutes) }

// Cost returns the cost of fte full-time equivalents over the measured
// window in euros: fte × CostPerFTE × YearShare.
func (r *Result) Cost(fte float64) float64 { return fte * r.CostPerFTE * r.YearShare }

// ServiceResult is one service's measures.
type ServiceResult struct {
	Name string
	// Offices holds the measures per office that offers the service: the
	// local offices whose catchment files its cases, in the model's order,
	// then the ZSA office (or units) of an organisation that takes part in
	// it. Case measures (arrived, lead time, …) belong to the office of the
	// commune that filed the case; work and staff to the office whose
	// clerks did the work.
	Offices []OfficeResult
	// Types holds the measures of each case type over all offices, in the
	// service's order.
	Types []TypeResult
	// Weekly is the number of open cases at the start of every week.
	Weekly []WeekPoint
	// Open is the number of cases open at the horizon (all offices,
	// measured or not).
	Open int
	// InSystemArea is ∫ N(t) dt over [0, horizon], N the number of open
	// cases, in case·minutes; SojournArea is the summed time each case
	// spent in the system within [0, horizon]. They are equal on every
	// sample path (Little's law, L·T = Σ W).
	InSystemArea, SojournArea float64
	// NetFTEMinutes is the working time one full-time post of this
	// service's staff has in the measured window after leave and sickness:
	// the staff's available minutes divided by their FTE (the net working
	// time the Personalbemessung divides by). NaN without staff.
	NetFTEMinutes sim.Time
	// ZSALearning and LocalLearning trace effort against experience for
	// work done at the ZSA and at local offices.
	ZSALearning, LocalLearning learning.Trace
	// ZSAQuality and LocalQuality trace the error probability (0 to 1) of
	// the work items of steps that can go wrong, against experience: the
	// quality side of the learning curve.
	ZSAQuality, LocalQuality learning.Trace

	inSystem    stats.TimeWeighted
	sojournArea float64
	// cases filed and completed since the last weekly point
	weekArrived, weekCompleted int
	// total caches Total's lead times; nil in a ServiceResult made by hand.
	total *leadCache
}

// leadCache holds the merged lead times of a service's offices, made once.
type leadCache struct {
	once sync.Once
	lead stats.Samples
}

// reset empties s for a group of offices (engine.simulate): its types
// are cs's, and it holds no measures.
func (s *ServiceResult) reset(cs *cservice) {
	weekly, types := s.Weekly[:0], s.Types[:0]
	*s = ServiceResult{Name: cs.svc.Name, Weekly: weekly}
	for _, t := range cs.types {
		types = append(types, TypeResult{Name: t.name})
	}
	s.Types = types
	s.inSystem.Set(0, 0)
}

// add adds the service-wide measures of a group of offices, g, to s:
// its case types, weekly points, open cases, areas and learning traces.
func (s *ServiceResult) add(g *ServiceResult) {
	for i := range s.Types {
		t, u := &s.Types[i], &g.Types[i]
		t.Arrived += u.Arrived
		t.Completed += u.Completed
		t.WithinLevel += u.WithinLevel
		t.Effort.Merge(u.Effort)
		t.Lead.Merge(u.Lead)
		t.LeadWork.Merge(u.LeadWork)
		t.Wait.Merge(u.Wait)
		t.HandOver.Merge(u.HandOver)
		t.External.Merge(u.External)
	}
	if s.Weekly == nil {
		s.Weekly = make([]WeekPoint, len(g.Weekly))
		copy(s.Weekly, g.Weekly)
	} else {
		for w := range s.Weekly {
			s.Weekly[w].Open += g.Weekly[w].Open
			s.Weekly[w].Arrived += g.Weekly[w].Arrived
			s.Weekly[w].Completed += g.Weekly[w].Completed
		}
	}
	s.Open += g.Open
	s.InSystemArea += g.InSystemArea
	s.SojournArea += g.SojournArea
	s.ZSALearning.Merge(&g.ZSALearning)
	s.LocalLearning.Merge(&g.LocalLearning)
	s.ZSAQuality.Merge(&g.ZSAQuality)
	s.LocalQuality.Merge(&g.LocalQuality)
}

// closeWeek stores the cases filed and completed since the last weekly
// point in that point, and starts counting afresh.
func (s *ServiceResult) closeWeek() {
	if n := len(s.Weekly); n > 0 {
		s.Weekly[n-1].Arrived, s.Weekly[n-1].Completed = s.weekArrived, s.weekCompleted
	}
	s.weekArrived, s.weekCompleted = 0, 0
}

// OfficeResult is one office's measures for one service. Case measures
// count cases that arrived after the warm-up.
type OfficeResult struct {
	// Office is the office's key, Name its name.
	Office, Name string
	// ZSA marks the central office, or a unit of it.
	ZSA bool
	// Arrived, Completed and Rejected count cases; Completed includes the
	// rejected ones. Arrived − Completed were open at the horizon.
	Arrived, Completed, Rejected int
	// Reworks counts work steps redone after an error was found.
	Reworks int
	// WithinLevel counts completed cases with a lead time within the
	// service level (working days).
	WithinLevel int
	// Effort is the touch time per completed case (minutes), all steps,
	// set-up and rework included.
	Effort stats.Tally
	// Lead is the lead time per completed case in calendar days, LeadWork
	// in working days of the office calendar; LeadTimes keeps every
	// completed case's lead time in calendar days, for exact quantiles.
	Lead, LeadWork stats.Tally
	LeadTimes      stats.Samples
	// Wait is the time per completed case spent waiting in queues, in
	// calendar days; HandOver the time in hand-overs between the ZSA and a
	// local office, External in external waits (for the citizen, another
	// authority), both in calendar days.
	Wait, HandOver, External stats.Tally
	// WorkDone is the touch time this office's clerks spent on the service
	// inside the measured window (minutes; an item that straddles the
	// warm-up or the horizon counts with its part inside).
	WorkDone sim.Time
	// StaffFTE is the staff assigned to the service: the sum of FTE × Share
	// of the office's clerks who work on it (a clerk skilled for several
	// services counts towards each in proportion to its work on each,
	// evenly if it did none). AvailableMinutes is their working time for
	// the service in the measured window, leave and sickness removed, split
	// the same way.
	StaffFTE         float64
	AvailableMinutes sim.Time
	// OpenAtWarmUp and OpenAtEnd are the cases filed at this office (all of
	// them, measured or not, the initial backlog included) that were open
	// at the warm-up and at the horizon: their difference is how much the
	// backlog grew in the measured window.
	OpenAtWarmUp, OpenAtEnd int
	// Weekly is the number of the office's cases (all, measured or not)
	// open at the start of every week, as ServiceResult.Weekly.
	Weekly []int
	// Monthly holds the office's measures per calendar month of the run
	// (Result.Months), warm-up included.
	Monthly []MonthPoint

	open int
}

// TypeResult is one case type's measures over all offices of a service:
// the cases of the type filed after the warm-up, as OfficeResult counts
// them.
type TypeResult struct {
	Name                                             string
	Arrived, Completed, WithinLevel                  int
	Effort, Lead, LeadWork, Wait, HandOver, External stats.Tally
}

// ClerkResult is one clerk's workload in the measured window.
type ClerkResult struct {
	Office, Name string
	// FTE and Share are the clerk's (Clerk.FTE and Clerk.Share): FTE·Share
	// of a full-time post works on the services. Employed is the share of
	// the measured window the clerk is employed (1 unless hired later,
	// Clerk.From), by the office's working time.
	FTE, Share, Employed float64
	// Busy is the touch time worked in the measured window; Available the
	// clerk's working time for the services in it (part-time window,
	// absences removed).
	Busy, Available sim.Time
	// Items is the number of work items the clerk finished in the measured
	// window.
	Items int
	// Learning holds the clerk's learning curve (effort against
	// experience, whole run) for each service the clerk worked on.
	Learning []ServiceTrace
}

// ServiceTrace is a clerk's learning curve for one service: the
// non-empty bins of the clerk's learning.Trace, kept as points rather
// than the trace's 80 bins (at Germany size, 11,000 clerks' traces were
// a sixth of a finished run's memory).
type ServiceTrace struct {
	Service string
	Points  []learning.Point
}

// Utilisation returns Busy/Available (NaN if no time was available).
func (c ClerkResult) Utilisation() float64 { return float64(c.Busy / c.Available) }

// WeekPoint is one point of a weekly series.
type WeekPoint struct {
	Week int // weeks since the start
	Open int // cases open at the week's start
	// Arrived and Completed count the cases filed and completed in the
	// week from this point on (to the horizon for the last point), all
	// offices, measured or not: the weekly throughput. Open of the next
	// point is Open + Arrived − Completed.
	Arrived, Completed int
}

// MonthPoint is an office's measures in one calendar month, warm-up
// included: its cases (filed by its communes) and its clerks' work.
type MonthPoint struct {
	// Open counts the office's cases open at the month's start; Arrived
	// and Completed the cases filed and completed in the month.
	Open, Arrived, Completed int
	// WithinLevel counts the cases completed in the month within the
	// service level; LeadTimes are their lead times in calendar days, in
	// the order they completed.
	WithinLevel int
	LeadTimes   stats.Samples
	// WorkDone is the touch time of the work items the office's clerks
	// started in the month, in minutes (an item that runs into the next
	// month counts whole in the month it started).
	WorkDone sim.Time
	// StaffFTE is the staff assigned to the service in the month: as
	// OfficeResult.StaffFTE, each clerk counted for the share of the
	// month's working time in which it is employed (Clerk.From).
	StaffFTE float64
}

// months returns the calendar months of a run of cal from its start to
// horizon: their first days, their starts and one full-time clerk's
// working time in each.
func months(cal *calendar.Calendar, horizon sim.Time) (days []calendar.Date, starts, fte []sim.Time) {
	d := cal.Start()
	for t := sim.Time(0); t < horizon; {
		days, starts = append(days, d), append(starts, t)
		d = calendar.Date{Year: d.Year, Month: d.Month + 1, Day: 1}
		if d.Month > 12 {
			d = calendar.Date{Year: d.Year + 1, Month: 1, Day: 1}
		}
		t = cal.TimeOf(d)
	}
	for m, t := range starts {
		end := horizon
		if m+1 < len(starts) {
			end = min(starts[m+1], horizon)
		}
		fte = append(fte, cal.WorkingTimeBetween(t, end))
	}
	return days, starts, fte
}

// newResult makes the result of a replication of p. It returns, by
// service and office index, the office's measures, or nil for an office
// that does not offer the service (those are left out of the result).
func newResult(p *plan, seed uint64) (*Result, [][]*OfficeResult) {
	r := &Result{
		Seed: seed, Organisation: p.org.Name,
		Start: p.m.Start, WarmUp: p.m.WarmUp, Horizon: p.m.Horizon,
		FTEMinutes:  p.cal.WorkingTimeBetween(p.m.WarmUp, p.m.Horizon),
		YearShare:   float64((p.m.Horizon - p.m.WarmUp) / (365 * sim.Day)),
		CostPerFTE:  p.m.CostPerFTE,
		Verteilzeit: p.m.Verteilzeit,
	}
	r.Months, r.MonthStarts, r.MonthFTEMinutes = months(p.cal, p.m.Horizon)
	offers := make([][]bool, len(p.services))
	for si := range offers {
		offers[si] = make([]bool, len(p.offices))
	}
	for _, s := range p.sources {
		offers[s.svc][s.office] = true
	}
	for si, cs := range p.services {
		for _, o := range p.offices {
			if o.zsa && cs.deleg != nil {
				_, member := cs.deleg.members[o.member]
				offers[si][o.idx] = o.member < 0 || member
			}
		}
	}
	pos := make([][]*OfficeResult, len(p.services))
	for si, cs := range p.services {
		sr := ServiceResult{Name: cs.svc.Name, total: new(leadCache)}
		for _, t := range cs.types {
			sr.Types = append(sr.Types, TypeResult{Name: t.name})
		}
		for _, o := range p.offices {
			if offers[si][o.idx] {
				sr.Offices = append(sr.Offices, OfficeResult{Office: o.office.Key, Name: o.office.Name, ZSA: o.zsa,
					Monthly: make([]MonthPoint, len(r.Months))})
			}
		}
		sr.inSystem.Set(0, 0)
		r.Services = append(r.Services, sr)
	}
	for si := range r.Services {
		sr := &r.Services[si]
		pos[si] = make([]*OfficeResult, len(p.offices))
		j := 0
		for oi := range p.offices {
			if offers[si][oi] {
				pos[si][oi] = &sr.Offices[j]
				j++
			}
		}
	}
	return r, pos
}

// roomForLeadTimes makes room in the lead times of the offices of group
// g for the cases they expect — in the window, and a tenth more; per
// month, its share of them and half more for the peaks — so that they
// are rarely moved while growing. clipLeadTimes gives back the room not
// used when the group ends.
func (e *engine) roomForLeadTimes(g *group) {
	p := e.p
	years := float64((p.m.Horizon - p.m.WarmUp) / (365 * sim.Day))
	monthShare := float64(30 * sim.Day / (p.m.Horizon - p.m.WarmUp + sim.Day))
	expected := map[*OfficeResult]float64{}
	for _, si := range g.sources {
		s := &p.sources[si]
		rate := p.services[s.svc].svc.PerThousand
		if s.typ >= 0 {
			rate = s.perThousand // inherited follow-ups, for part of the window: an upper bound
		}
		if r := e.pos[s.svc][s.office]; r != nil {
			expected[r] += s.population * rate / 1000 * years
		}
	}
	for r, n := range expected {
		if n *= 1.1; n < 1e8 {
			r.LeadTimes.Grow(int(n))
			for m := range r.Monthly {
				r.Monthly[m].LeadTimes.Grow(int(1.5 * n * monthShare))
			}
		}
	}
}

// clipLeadTimes gives back the room the lead times of office o's
// measures do not use.
func (o *office) clipLeadTimes() {
	for _, r := range o.res {
		r.LeadTimes.Clip()
		for m := range r.Monthly {
			r.Monthly[m].LeadTimes.Clip()
		}
	}
}

// completion is a completed case to be added to the measures of res.
type completion struct {
	res                *OfficeResult
	typ                *TypeResult
	level              float64 // the service level, working days
	arrived, done      sim.Time
	touch, queued      sim.Time
	handOver, external sim.Time
	reworks            int
	ok                 bool
	// measure: the case arrived in the measured window; otherwise it only
	// counts in its month.
	measure bool
}

// record adds a completed case to its office's measures: to the month m
// it completed in, and if measured to the window's.
func (c *completion) record(cal *calendar.Calendar, m int) {
	r := c.res
	days := float64((c.done - c.arrived) / sim.Day)
	work := cal.WorkingDaysBetween(c.arrived, c.done)
	within := c.level > 0 && work <= c.level
	mp := &r.Monthly[m]
	mp.Completed++
	mp.LeadTimes.Add(days)
	if within {
		mp.WithinLevel++
	}
	if !c.measure {
		return
	}
	r.Completed++
	if !c.ok {
		r.Rejected++
	}
	r.Reworks += c.reworks
	r.Effort.Add(float64(c.touch))
	r.Lead.Add(days)
	r.LeadTimes.Add(days)
	r.LeadWork.Add(work)
	if within {
		r.WithinLevel++
	}
	r.Wait.Add(float64(c.queued / sim.Day))
	r.HandOver.Add(float64(c.handOver / sim.Day))
	r.External.Add(float64(c.external / sim.Day))
	t := c.typ
	t.Completed++
	t.Effort.Add(float64(c.touch))
	t.Lead.Add(days)
	t.LeadWork.Add(work)
	t.Wait.Add(float64(c.queued / sim.Day))
	t.HandOver.Add(float64(c.handOver / sim.Day))
	t.External.Add(float64(c.external / sim.Day))
	if within {
		t.WithinLevel++
	}
}

// Total merges the measures of all offices of the service: the whole
// state's figures. Its Office is "all". The lead times of the merge are
// kept with s (made once, on the first call, safe for concurrent use), so
// that quantiles of the total cost one sort per replication; do not add to
// them.
func (s *ServiceResult) Total() OfficeResult {
	c := s.total
	if c == nil {
		c = new(leadCache)
	}
	c.once.Do(func() {
		c.lead.Grow(s.leadTimes(func(*OfficeResult) bool { return true }))
		for i := range s.Offices {
			for _, x := range s.Offices[i].LeadTimes.Values() {
				c.lead.Add(x)
			}
		}
		c.lead.Sort()
	})
	t := s.merge(func(*OfficeResult) bool { return true })
	t.Office, t.Name = "all", "all offices"
	t.LeadTimes = c.lead
	return t
}

// Subtotal merges the measures of the offices for which keep is true, as
// Total does for all. Its lead times are merged and sorted afresh at
// every call. Office and Name are left for the caller.
func (s *ServiceResult) Subtotal(keep func(*OfficeResult) bool) OfficeResult {
	t := s.merge(keep)
	t.LeadTimes.Grow(s.leadTimes(keep))
	for i := range s.Offices {
		if o := &s.Offices[i]; keep(o) {
			for _, x := range o.LeadTimes.Values() {
				t.LeadTimes.Add(x)
			}
		}
	}
	t.LeadTimes.Sort()
	return t
}

// leadTimes counts the lead times of the offices for which keep is true:
// the room their merge needs, made at once rather than by growing (at
// Germany size, growing a merge of 5 million lead times held about twice
// their memory while it was copied).
func (s *ServiceResult) leadTimes(keep func(*OfficeResult) bool) int {
	n := 0
	for i := range s.Offices {
		if o := &s.Offices[i]; keep(o) {
			n += o.LeadTimes.Len()
		}
	}
	return n
}

// merge adds up the measures of the offices for which keep is true, lead
// times apart.
func (s *ServiceResult) merge(keep func(*OfficeResult) bool) OfficeResult {
	var t OfficeResult
	for i := range s.Offices {
		o := &s.Offices[i]
		if !keep(o) {
			continue
		}
		t.Arrived += o.Arrived
		t.Completed += o.Completed
		t.Rejected += o.Rejected
		t.Reworks += o.Reworks
		t.WithinLevel += o.WithinLevel
		t.Effort.Merge(o.Effort)
		t.Lead.Merge(o.Lead)
		t.LeadWork.Merge(o.LeadWork)
		t.Wait.Merge(o.Wait)
		t.HandOver.Merge(o.HandOver)
		t.External.Merge(o.External)
		t.WorkDone += o.WorkDone
		t.StaffFTE += o.StaffFTE
		t.AvailableMinutes += o.AvailableMinutes
		t.OpenAtWarmUp += o.OpenAtWarmUp
		t.OpenAtEnd += o.OpenAtEnd
	}
	return t
}
