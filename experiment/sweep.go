package experiment

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
)

// SweepMetrics returns the metrics Sweep reports per point, arm and
// service, in the order of results.Metrics.
func SweepMetrics() []string {
	return []string{results.MetricEffortMin, results.MetricLeadDays, results.MetricLeadP90Days,
		results.MetricWithinLevel, results.MetricStaffFTE, results.MetricWorkFTE, results.MetricUtilisation,
		results.MetricPBFTE, results.MetricBacklogGrowth}
}

// SweepPoint is one point of a sweep and its outcome.
type SweepPoint struct {
	// Index is the point's number from 0, its place in the scenario's
	// Points.
	Index int
	// Values hold the point's value of each swept parameter (the
	// scenario's Sweep, in order): numbers, strings, booleans or tables as
	// in the file, nil where a one-at-a-time point keeps the scenario's
	// value (see scenarios.ValueLabel).
	Values []any
	// Rows are the point's outcome per service, arm and metric, in this
	// order: services and arms as in the scenario, metrics as in
	// SweepMetrics.
	Rows []PointRow
}

// PointRow is one service × arm × metric at a sweep point: the total of
// the service over all offices.
type PointRow struct {
	Arm, Service, Metric string
	// Mean is the mean over the replications, HalfWidth the half-width of
	// its 95 % confidence interval.
	Mean, HalfWidth float64
	// Rel is the paired relative change of the mean against the status
	// quo at the same point (−0.2 = −20 %), RelLo and RelHi the limits of
	// its 95 % confidence interval; all NaN for the status quo.
	Rel, RelLo, RelHi float64
	// Overloaded reports that the arm is not in steady state at this
	// point (results.SteadyState).
	Overloaded bool
}

// Sweep runs every point of sc's sweep, every arm and replication, as one
// batch, and returns the points in order. Every point runs
// sc.Replications replications, replication r with the same seed at every
// point (common random numbers across points), derived from sc.Seed; both
// as sc has them, which may differ from its file (flags). Each point is
// reduced as soon as its runs are all in, so memory holds the results of
// the points in flight only, not of the sweep. Every point must have sc's
// arms.
//
// If ctx is cancelled, Sweep starts no further run and returns the points
// that finished with an error, or nil and an error if none did.
func Sweep(ctx context.Context, sc *scenarios.Scenario, opt Options) ([]SweepPoint, error) {
	return SweepPoints(ctx, sc, opt, nil, nil)
}

// SweepPoints is Sweep for the points of sc's sweep whose indices (into
// sc.Points) are given, in increasing order; nil means every point. A
// point's outcome does not depend on which other points run with it, so
// the points of a sweep can be run in parts (shards) and put together.
// done, if not nil, is called with each point as soon as it is reduced,
// from one goroutine at a time; an error from it stops the sweep.
func SweepPoints(ctx context.Context, sc *scenarios.Scenario, opt Options, indices []int, done func(SweepPoint) error) ([]SweepPoint, error) {
	if len(sc.Sweep) == 0 {
		return nil, fmt.Errorf("%s declares no [sweep]", sc.Source)
	}
	if opt.EventLog != nil {
		return nil, errors.New("experiment: a sweep writes no event logs")
	}
	all := sc.Points()
	if indices == nil {
		indices = make([]int, len(all))
		for i := range indices {
			indices[i] = i
		}
	}
	for k, i := range indices {
		if i < 0 || i >= len(all) || k > 0 && i <= indices[k-1] {
			return nil, fmt.Errorf("experiment: sweep point indices %v: not increasing within [0, %d)", indices, len(all))
		}
	}
	nArms, nReps := len(sc.Arms), sc.Replications
	var jobs []models.Job
	pointSc := make([]*scenarios.Scenario, len(indices))
	for k, i := range indices {
		p, err := sc.At(all[i])
		if err != nil {
			return nil, err
		}
		if len(p.Arms) != nArms {
			return nil, fmt.Errorf("sweep point %d has %d arms, the scenario %d: a sweep cannot add or remove arms", i+1, len(p.Arms), nArms)
		}
		pointSc[k] = p
		for rep := range nReps {
			for _, arm := range p.Arms {
				jobs = append(jobs, models.Job{Model: p.Model, Org: arm, Seed: ReplicationSeed(sc.Seed, rep)})
			}
		}
	}
	points := make([]SweepPoint, len(indices))
	var reduceErr error
	c := newCollector(len(indices), nArms*nReps, func(k int, res []*models.Result) {
		pt, err := reducePoint(sc, pointSc[k], res)
		pt.Index, pt.Values = indices[k], all[indices[k]]
		if err == nil && done != nil {
			err = done(pt)
		}
		if err != nil && reduceErr == nil {
			reduceErr = err
		}
		points[k] = pt
	})
	progress := opt.progress(len(jobs))
	ran := 0
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	err := models.RunEach(ctx, jobs, opt.workers(), func(j int, r *models.Result) {
		ran++
		if progress != nil {
			progress(ran)
		}
		c.add(j, r)
		if reduceErr != nil {
			cancel()
		}
	})
	if reduceErr != nil {
		return nil, reduceErr
	}
	if err != nil && ctx.Err() == nil {
		return nil, err
	}
	var finished []SweepPoint
	for k := range points {
		if c.complete(k) {
			finished = append(finished, points[k])
		}
	}
	if len(finished) < len(points) {
		if len(finished) == 0 {
			return nil, errors.New("interrupted before any sweep point finished")
		}
		return finished, fmt.Errorf("interrupted: kept %d of %d sweep points", len(finished), len(points))
	}
	return finished, nil
}

// collector gathers the results of a batch of points, per runs each
// (point-major), in whatever order they come, and hands each point's
// results to reduce as soon as they are all in, then drops them.
type collector struct {
	per     int
	pending [][]*models.Result
	count   []int
	reduce  func(point int, res []*models.Result)
}

func newCollector(points, per int, reduce func(point int, res []*models.Result)) *collector {
	return &collector{per: per, pending: make([][]*models.Result, points), count: make([]int, points), reduce: reduce}
}

// add takes the result r of job j.
func (c *collector) add(j int, r *models.Result) {
	i := j / c.per
	if c.pending[i] == nil {
		c.pending[i] = make([]*models.Result, c.per)
	}
	c.pending[i][j%c.per] = r
	if c.count[i]++; c.count[i] < c.per {
		return
	}
	c.reduce(i, c.pending[i])
	c.pending[i] = nil
}

// complete reports whether every run of point i is in.
func (c *collector) complete(i int) bool { return c.count[i] == c.per }

// reducePoint summarises the runs of sweep point pt of sc
// (replication-major, arms inside) into the point's rows.
func reducePoint(sc, pt *scenarios.Scenario, res []*models.Result) (SweepPoint, error) {
	nArms := len(pt.Arms)
	cmp := &results.Comparison{Scenario: sc.Name, Seed: sc.Seed}
	for a, org := range pt.Arms {
		arm := results.Arm{Name: org.Name, Members: Members(org), Waves: Waves(org)}
		for rep := range len(res) / nArms {
			arm.Results = append(arm.Results, res[rep*nArms+a])
		}
		cmp.Arms = append(cmp.Arms, arm)
	}
	sum, err := results.Summarize(cmp)
	if err != nil {
		return SweepPoint{}, err
	}
	metrics := SweepMetrics()
	var p SweepPoint
	for _, s := range sum.Services {
		total := s.Offices[0]
		for _, a := range total.Arms {
			for _, m := range a.Metrics {
				if !slices.Contains(metrics, m.Name) {
					continue
				}
				r := PointRow{Arm: a.Arm, Service: s.Service, Metric: m.Name,
					Mean: m.Value.Mean, HalfWidth: m.Value.HalfWidth, Rel: math.NaN(), RelLo: math.NaN(), RelHi: math.NaN(),
					Overloaded: a.Steady.Overloaded}
				if m.Paired != nil {
					r.Rel, r.RelLo, r.RelHi = m.Paired.Rel, m.Paired.RelLo, m.Paired.RelHi
				}
				p.Rows = append(p.Rows, r)
			}
		}
	}
	return p, nil
}

// SweepOutput converts the points of a sweep of sc for the sweep's plots
// and page (results.WriteSweepPlots, results.WriteSweepReport): parameters
// and values by their short labels (scenarios.Param.Short).
func SweepOutput(sc *scenarios.Scenario, points []SweepPoint) *results.Sweep {
	sw := &results.Sweep{Scenario: sc.Name, Seed: sc.Seed, Replications: sc.Replications, Mode: sc.SweepMode, Lang: results.Lang(sc.Lang)}
	var short []map[string]string
	for _, p := range sc.Sweep {
		name, s := p.Short()
		sw.Params = append(sw.Params, name)
		short = append(short, s)
	}
	for _, pt := range points {
		var values []string
		for i, v := range pt.Values {
			values = append(values, short[i][scenarios.ValueLabel(v)])
		}
		for _, r := range pt.Rows {
			sw.Rows = append(sw.Rows, results.SweepRow{Point: pt.Index, Values: values, Arm: r.Arm, Service: r.Service,
				Metric: r.Metric, Mean: r.Mean, HalfWidth: r.HalfWidth, Rel: r.Rel, RelLo: r.RelLo, RelHi: r.RelHi})
		}
	}
	return sw
}
