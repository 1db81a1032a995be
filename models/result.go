package models

import (
	"zsa/models/calendar"
	"zsa/models/learning"
	"zsa/sim"
	"zsa/sim/stats"
)

// Result is what one replication measured. Times are minutes unless a
// name says days.
type Result struct {
	Seed         uint64
	Organisation string
	// Services holds the measures per service, in the model's order.
	Services []ServiceResult
	// Clerks holds every clerk's workload, offices in order, ZSA last.
	Clerks []ClerkResult
	// Events is the number of events executed; Tasks the number of work
	// items started.
	Events, Tasks uint64
	// FTEMinutes is the working time of one full-time clerk between the
	// warm-up and the horizon (office calendar, no absences): the divisor
	// that turns minutes of work into FTE.
	FTEMinutes sim.Time
	// YearShare is the measured period (horizon − warm-up) as a fraction
	// of a 365-day year, to turn FTE into a yearly cost.
	YearShare float64
	// CostPerFTE is the model's yearly cost of one full-time clerk.
	CostPerFTE float64
}

// FTE returns the full-time equivalents that work minutes represent over
// the measured period.
func (r *Result) FTE(work sim.Time) float64 { return float64(work / r.FTEMinutes) }

// Cost returns the cost of work minutes in euros: FTE over the measured
// period times CostPerFTE times the period's share of a year.
func (r *Result) Cost(work sim.Time) float64 { return r.FTE(work) * r.CostPerFTE * r.YearShare }

// ServiceResult is one service's measures.
type ServiceResult struct {
	Name string
	// Offices holds the measures per office (local offices in the model's
	// order, then the ZSA). Case measures (arrived, lead time, …) belong to
	// the office of the commune that filed the case; WorkDone belongs to
	// the office that did the work.
	Offices []OfficeResult
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
	Office string
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
	// in working days of the office calendar; LeadHist holds the calendar
	// days for quantiles.
	Lead, LeadWork stats.Tally
	LeadHist       *stats.Histogram
	// Wait is the time per completed case spent waiting in queues, in
	// calendar days.
	Wait stats.Tally
	// WorkDone is the touch time this office's clerks spent on the service
	// after the warm-up (minutes).
	WorkDone sim.Time
	// Weekly is the number of the office's cases (all, measured or not)
	// open at the start of every week, as ServiceResult.Weekly.
	Weekly []int

	open int
}

// ClerkResult is one clerk's workload after the warm-up.
type ClerkResult struct {
	Office, Name string
	// Busy is the touch time worked; Available the clerk's working time for
	// the services (part-time window, absences removed).
	Busy, Available sim.Time
	// Items is the number of work items finished over the whole run.
	Items int
	// Learning holds the clerk's learning curve (effort against
	// experience, whole run) for each service the clerk worked on.
	Learning []ServiceTrace
}

// ServiceTrace is a learning-curve trace for one service.
type ServiceTrace struct {
	Service string
	Trace   *learning.Trace
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

func newResult(p *plan, seed uint64) *Result {
	r := &Result{
		Seed: seed, Organisation: p.org.Name,
		FTEMinutes: p.cal.WorkingTimeBetween(p.m.WarmUp, p.m.Horizon),
		YearShare:  float64((p.m.Horizon - p.m.WarmUp) / (365 * sim.Day)),
		CostPerFTE: p.m.CostPerFTE,
	}
	for _, cs := range p.services {
		sr := ServiceResult{Name: cs.svc.Name}
		for _, o := range p.offices {
			sr.Offices = append(sr.Offices, OfficeResult{
				Office:   o.office.Key,
				LeadHist: stats.NewHistogram(1e-3, 1e4, 0.01),
			})
		}
		sr.inSystem.Set(0, 0)
		r.Services = append(r.Services, sr)
	}
	return r
}

// completion is a completed case to be added to the measures of res.
type completion struct {
	res           *OfficeResult
	level         float64 // the service level, working days
	arrived, done sim.Time
	touch, queued sim.Time
	reworks       int
	ok            bool
}

// record adds a completed case to its office's measures.
func (c *completion) record(cal *calendar.Calendar) {
	r := c.res
	r.Completed++
	if !c.ok {
		r.Rejected++
	}
	r.Reworks += c.reworks
	r.Effort.Add(float64(c.touch))
	days := float64((c.done - c.arrived) / sim.Day)
	r.Lead.Add(days)
	r.LeadHist.Add(days)
	work := cal.WorkingDaysBetween(c.arrived, c.done)
	r.LeadWork.Add(work)
	if c.level > 0 && work <= c.level {
		r.WithinLevel++
	}
	r.Wait.Add(float64(c.queued / sim.Day))
}

// Total merges the measures of all offices of the service: the whole
// state's figures. Its Office is "all".
func (s *ServiceResult) Total() OfficeResult {
	t := OfficeResult{Office: "all", LeadHist: stats.NewHistogram(1e-3, 1e4, 0.01)}
	for i := range s.Offices {
		o := &s.Offices[i]
		t.Arrived += o.Arrived
		t.Completed += o.Completed
		t.Rejected += o.Rejected
		t.Reworks += o.Reworks
		t.WithinLevel += o.WithinLevel
		t.Effort.Merge(o.Effort)
		t.Lead.Merge(o.Lead)
		t.LeadWork.Merge(o.LeadWork)
		t.LeadHist.Merge(o.LeadHist)
		t.Wait.Merge(o.Wait)
		t.WorkDone += o.WorkDone
	}
	return t
}
