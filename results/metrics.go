package results

import (
	"math"

	"zsa/models"
)

// Metric describes one per-replication measure. Its Name is part of the
// package's API: it appears in summary.json, replications.csv and scripts
// that read them, and does not change.
type Metric struct {
	Name string `json:"name"` // stable identifier, e.g. "effort_min"
	Unit string `json:"unit"` // "min", "d", "wd" (working days), "share", "cases", "per case", "FTE", "EUR"
	Doc  string `json:"doc"`  // one-line description
}

// Value is one metric measured in one replication.
type Value struct {
	Name string // the Metric's Name
	Unit string // the Metric's Unit
	X    float64
}

// Indices of the metrics in the slices returned by Metrics and Measure.
const (
	mEffortMin = iota
	mLeadDays
	mLeadP50Days
	mLeadP90Days
	mLeadP95Days
	mLeadWorkdays
	mWaitDays
	mWithinLevel
	mArrived
	mCompleted
	mOpen
	mReworkRate
	mStaffFTE
	mWorkFTE
	mUtilisation
	mBusyShare
	mPBFTE
	mCostEUR
	mBacklogGrowth
	mCasesPerFTE
	mHandOverDays
	mExternalDays
	numMetrics
)

// Metrics returns the fixed list of per-replication metrics, always in this
// order (new metrics will only be appended). For a service total
// (office "all") they cover all offices of the service, the ZSA included;
// for one office, the cases filed by its communes and the work and staff of
// its clerks. Case measures count cases that arrived after the warm-up;
// work and staff count the measured window [warm-up, horizon].
//
//	effort_min      min       mean touch time per completed case (all steps, set-up and rework)
//	lead_days       d         mean lead time per completed case, calendar days
//	lead_p50_days   d         median lead time (exact sample quantile, Hyndman–Fan type 7)
//	lead_p90_days   d         90th percentile of the lead time
//	lead_p95_days   d         95th percentile of the lead time
//	lead_workdays   wd        mean lead time in working days of the office calendar
//	wait_days       d         mean time per completed case waiting in queues
//	within_level    share     WithinLevel/Completed: share of completed cases within the service level
//	arrived         cases     cases arrived
//	completed       cases     cases completed (rejections included)
//	open            cases     arrived − completed: measured cases open at the horizon
//	rework_rate     per case  Reworks/Completed: work steps redone per completed case
//	staff_fte       FTE       staff assigned: Σ FTE × Share of the clerks who work on the service
//	work_fte        FTE       work done: WorkDone ÷ Result.FTEMinutes
//	utilisation     share     work_fte ÷ staff_fte
//	busy_share      share     WorkDone ÷ AvailableMinutes: share of the staff's available time spent on case work
//	pb_fte          FTE       staff by Personalbemessung: WorkDone × (1 + Verteilzeit) ÷ NetFTEMinutes
//	cost_eur        EUR       Result.Cost(staff_fte): what the assigned staff cost over the window
//	backlog_growth  share     (OpenAtEnd − OpenAtWarmUp) ÷ arrived: the backlog's growth
//	cases_per_fte   cases     arrived ÷ YearShare ÷ staff_fte: cases a year per full-time post assigned
//	handover_days   d         mean time per completed case in hand-overs between the ZSA and a local office
//	external_days   d         mean time per completed case in external waits (citizen, other authorities)
//
// A completed case's lead time is its time waiting in queues, in
// hand-overs, in external waits and in work (its items from start to end,
// with the closed hours they span): lead_days − wait_days − handover_days
// − external_days is the time in work.
//
// Means and quantiles are NaN when no case was completed, within_level and
// rework_rate too. A Result does not carry the service level: without one
// (ServiceLevel 0 in the model) within_level is 0, not NaN. cost_eur is NaN
// when the model has no CostPerFTE ("zero leaves cost out"); work_fte and
// utilisation are NaN when the window has no working time or, for
// utilisation, no staff works on the service, busy_share when the staff
// has no available time; pb_fte without staff, and
// backlog_growth without arrivals. No case is filed at a ZSA office: its
// rows have no case measures, and backlog_growth is NaN there too (its
// cases count at the member offices). open counts measured cases
// only; ServiceResult.Open (all cases open at the horizon, the warm-up's
// and the initial backlog included) is in the weekly series.
func Metrics() []Metric {
	return []Metric{
		mEffortMin:     {"effort_min", "min", "mean touch time per completed case"},
		mLeadDays:      {"lead_days", "d", "mean lead time per completed case, calendar days"},
		mLeadP50Days:   {"lead_p50_days", "d", "median lead time, calendar days"},
		mLeadP90Days:   {"lead_p90_days", "d", "90th percentile of the lead time, calendar days"},
		mLeadP95Days:   {"lead_p95_days", "d", "95th percentile of the lead time, calendar days"},
		mLeadWorkdays:  {"lead_workdays", "wd", "mean lead time per completed case, working days"},
		mWaitDays:      {"wait_days", "d", "mean time per completed case waiting in queues, calendar days"},
		mWithinLevel:   {"within_level", "share", "share of completed cases within the service level (0 to 1)"},
		mArrived:       {"arrived", "cases", "cases arrived after the warm-up"},
		mCompleted:     {"completed", "cases", "cases completed, rejections included"},
		mOpen:          {"open", "cases", "arrived minus completed: cases open at the horizon"},
		mReworkRate:    {"rework_rate", "per case", "work steps redone per completed case"},
		mStaffFTE:      {"staff_fte", "FTE", "staff assigned: FTE × share of time of the clerks who work on the service"},
		mWorkFTE:       {"work_fte", "FTE", "work done: touch time in full-time posts' working time"},
		mUtilisation:   {"utilisation", "share", "work done ÷ staff assigned, leave and sickness counting as time not worked (0 to 1)"},
		mBusyShare:     {"busy_share", "share", "share of the staff's available time (after leave and sickness) spent on case work (0 to 1)"},
		mPBFTE:         {"pb_fte", "FTE", "staff by Personalbemessung: work done plus Verteilzeit ÷ net working time of a full-time post"},
		mCostEUR:       {"cost_eur", "EUR", "cost of the staff assigned over the measured period"},
		mBacklogGrowth: {"backlog_growth", "share", "growth of the open cases over the measured period ÷ cases arrived in it"},
		mCasesPerFTE:   {"cases_per_fte", "cases", "cases filed a year per full-time post of the staff assigned (the caseload)"},
		mHandOverDays:  {"handover_days", "d", "mean time per completed case in hand-overs between the ZSA and a local office, calendar days"},
		mExternalDays:  {"external_days", "d", "mean time per completed case in external waits (the citizen, other authorities), calendar days"},
	}
}

// Measure returns the metrics of replication r for service index service
// and office index office (into r.Services[service].Offices), or for the
// service total (ServiceResult.Total) if office is -1. The values are in
// the order of Metrics. Measure panics if an index is out of range.
func Measure(r *models.Result, service, office int) []Value {
	if service < 0 || service >= len(r.Services) {
		panic("results: service index out of range")
	}
	sr := &r.Services[service]
	var o *models.OfficeResult
	switch {
	case office == -1:
		t := sr.Total()
		o = &t
	case office >= 0 && office < len(sr.Offices):
		o = &sr.Offices[office]
	default:
		panic("results: office index out of range")
	}
	return values(measure(r, sr, o))
}

// MeasureWhere returns the metrics of replication r for service index
// service over the offices for which keep is true, merged
// (ServiceResult.Subtotal): the member offices of a ZSA, say. It panics
// if service is out of range.
func MeasureWhere(r *models.Result, service int, keep func(*models.OfficeResult) bool) []Value {
	if service < 0 || service >= len(r.Services) {
		panic("results: service index out of range")
	}
	sr := &r.Services[service]
	o := sr.Subtotal(keep)
	return values(measure(r, sr, &o))
}

// values names the metrics x, in the order of Metrics.
func values(x [numMetrics]float64) []Value {
	v := make([]Value, numMetrics)
	for i, m := range Metrics() {
		v[i] = Value{Name: m.Name, Unit: m.Unit, X: x[i]}
	}
	return v
}

// measure computes the metrics of office (or total) o of service sr.
func measure(r *models.Result, sr *models.ServiceResult, o *models.OfficeResult) [numMetrics]float64 {
	q := func(p float64) float64 { return o.LeadTimes.Quantile(p) }
	nan := math.NaN()
	work, util, cost := nan, nan, nan
	if r.FTEMinutes > 0 {
		work = r.FTE(o.WorkDone)
		if o.StaffFTE > 0 {
			util = work / o.StaffFTE
		}
	}
	if r.CostPerFTE > 0 {
		cost = r.Cost(o.StaffFTE)
	}
	busy := nan
	if o.AvailableMinutes > 0 {
		busy = float64(o.WorkDone / o.AvailableMinutes)
	}
	pb := float64(o.WorkDone) * (1 + r.Verteilzeit) / float64(sr.NetFTEMinutes)
	growth := ratio(o.OpenAtEnd-o.OpenAtWarmUp, o.Arrived)
	if !(sr.NetFTEMinutes > 0) {
		pb = nan
	}
	if o.ZSA {
		growth = nan
	}
	caseload := nan
	if o.StaffFTE > 0 && r.YearShare > 0 && !o.ZSA {
		caseload = float64(o.Arrived) / r.YearShare / o.StaffFTE
	}
	return [numMetrics]float64{
		mEffortMin:     o.Effort.Mean(),
		mLeadDays:      o.Lead.Mean(),
		mLeadP50Days:   q(0.5),
		mLeadP90Days:   q(0.9),
		mLeadP95Days:   q(0.95),
		mLeadWorkdays:  o.LeadWork.Mean(),
		mWaitDays:      o.Wait.Mean(),
		mWithinLevel:   ratio(o.WithinLevel, o.Completed),
		mArrived:       float64(o.Arrived),
		mCompleted:     float64(o.Completed),
		mOpen:          float64(o.Arrived - o.Completed),
		mReworkRate:    ratio(o.Reworks, o.Completed),
		mStaffFTE:      o.StaffFTE,
		mWorkFTE:       work,
		mUtilisation:   util,
		mBusyShare:     busy,
		mPBFTE:         pb,
		mCostEUR:       cost,
		mBacklogGrowth: growth,
		mCasesPerFTE:   caseload,
		mHandOverDays:  o.HandOver.Mean(),
		mExternalDays:  o.External.Mean(),
	}
}

// ratio returns a/b, NaN if b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}
