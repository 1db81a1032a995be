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
	mFTE
	mCostEUR
	numMetrics
)

// Metrics returns the fixed list of per-replication metrics, always in this
// order (new metrics will only be appended). For a service total
// (office "all") they cover all offices of the service, the ZSA included;
// for one office, the cases filed by its communes and the work its clerks
// did. Case measures count cases that arrived after the warm-up.
//
//	effort_min     min       mean touch time per completed case (all steps, set-up and rework)
//	lead_days      d         mean lead time per completed case, calendar days
//	lead_p50_days  d         median lead time (histogram quantile, ±1 % relative)
//	lead_p90_days  d         90th percentile of the lead time
//	lead_p95_days  d         95th percentile of the lead time
//	lead_workdays  wd        mean lead time in working days of the office calendar
//	wait_days      d         mean time per completed case waiting in queues
//	within_level   share     WithinLevel/Completed: share of completed cases within the service level
//	arrived        cases     cases arrived
//	completed      cases     cases completed (rejections included)
//	open           cases     arrived − completed: measured cases open at the horizon
//	rework_rate    per case  Reworks/Completed: work steps redone per completed case
//	fte            FTE       Result.FTE(WorkDone): staff the service's work needed
//	cost_eur       EUR       Result.Cost(WorkDone): cost of that work over the measured period
//
// Means and quantiles are NaN when no case was completed, within_level and
// rework_rate too. A Result does not carry the service level: without one
// (ServiceLevel 0 in the model) within_level is 0, not NaN. cost_eur is NaN
// when the model has no CostPerFTE ("zero leaves cost out"), fte is NaN
// when the measured period has no working time. open counts measured cases
// only; ServiceResult.Open (all cases open at the horizon, the warm-up's
// and the initial backlog included) is in the weekly series.
func Metrics() []Metric {
	return []Metric{
		mEffortMin:    {"effort_min", "min", "mean touch time per completed case"},
		mLeadDays:     {"lead_days", "d", "mean lead time per completed case, calendar days"},
		mLeadP50Days:  {"lead_p50_days", "d", "median lead time, calendar days"},
		mLeadP90Days:  {"lead_p90_days", "d", "90th percentile of the lead time, calendar days"},
		mLeadP95Days:  {"lead_p95_days", "d", "95th percentile of the lead time, calendar days"},
		mLeadWorkdays: {"lead_workdays", "wd", "mean lead time per completed case, working days"},
		mWaitDays:     {"wait_days", "d", "mean time per completed case waiting in queues, calendar days"},
		mWithinLevel:  {"within_level", "share", "share of completed cases within the service level (0 to 1)"},
		mArrived:      {"arrived", "cases", "cases arrived after the warm-up"},
		mCompleted:    {"completed", "cases", "cases completed, rejections included"},
		mOpen:         {"open", "cases", "arrived minus completed: cases open at the horizon"},
		mReworkRate:   {"rework_rate", "per case", "work steps redone per completed case"},
		mFTE:          {"fte", "FTE", "full-time equivalents of the work done"},
		mCostEUR:      {"cost_eur", "EUR", "cost of the work done over the measured period"},
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
	var o models.OfficeResult
	switch {
	case office == -1:
		o = sr.Total()
	case office >= 0 && office < len(sr.Offices):
		o = sr.Offices[office]
	default:
		panic("results: office index out of range")
	}
	q := func(p float64) float64 {
		if o.LeadHist == nil {
			return math.NaN()
		}
		return o.LeadHist.Quantile(p)
	}
	fte, cost := math.NaN(), math.NaN()
	if r.FTEMinutes > 0 {
		fte = r.FTE(o.WorkDone)
		if r.CostPerFTE > 0 {
			cost = r.Cost(o.WorkDone)
		}
	}
	x := [numMetrics]float64{
		mEffortMin:    o.Effort.Mean(),
		mLeadDays:     o.Lead.Mean(),
		mLeadP50Days:  q(0.5),
		mLeadP90Days:  q(0.9),
		mLeadP95Days:  q(0.95),
		mLeadWorkdays: o.LeadWork.Mean(),
		mWaitDays:     o.Wait.Mean(),
		mWithinLevel:  ratio(o.WithinLevel, o.Completed),
		mArrived:      float64(o.Arrived),
		mCompleted:    float64(o.Completed),
		mOpen:         float64(o.Arrived - o.Completed),
		mReworkRate:   ratio(o.Reworks, o.Completed),
		mFTE:          fte,
		mCostEUR:      cost,
	}
	ms := Metrics()
	v := make([]Value, numMetrics)
	for i, m := range ms {
		v[i] = Value{Name: m.Name, Unit: m.Unit, X: x[i]}
	}
	return v
}

// ratio returns a/b, NaN if b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}
