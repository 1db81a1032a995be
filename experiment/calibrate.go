package experiment

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/optimize"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
	"zsa/sim"
)

// Fit is the outcome of Calibrate.
type Fit struct {
	// Params are the scenario's calibration parameters, Values the fitted
	// value of each.
	Params []scenarios.CalibrationParam
	Values []float64
	// Checks compare the targets with the model at Values on fresh seeds
	// (CheckSeeds), out of the sample the values were fitted on
	// (FitSeeds).
	Checks               []results.TargetCheck
	FitSeeds, CheckSeeds []uint64
	// Objective is the fit's sum of squared scaled distances to the
	// targets (Objective) on the fitting seeds; Evaluations counts the
	// parameter values tried.
	Objective   float64
	Evaluations int
	// Unreachable says, per target the fit misses while a parameter sits
	// at one of its bounds, why no value within the bounds reaches it;
	// empty if every target is met or the misses are not at a bound.
	Unreachable []string
	// Interrupted reports that the search was cancelled: Values are the
	// best found so far.
	Interrupted bool
}

// Evaluation is one parameter setting Calibrate tried, for progress
// reports.
type Evaluation struct {
	N            int       // from 1
	Values       []float64 // the parameters' values
	Replications int
	Objective    float64
}

// CalibrateOptions control Calibrate.
type CalibrateOptions struct {
	Options
	// OnEvaluation, if not nil, is called after each setting tried.
	OnEvaluation func(Evaluation)
	// Shard, if not nil, makes Calibrate one shard of a calibration on
	// several machines (NewCalibrationShard), or the replay of one from
	// its shards' files (MergeCalibrateShards); see CalibrationShard.
	Shard *CalibrationShard
}

// Objective is what Calibrate minimises: over the targets, the squared
// distance of the model's mean from the middle of the target's accepted
// range, in units of half that range,
//
//	Σ_j ((mean_j − mid_j) / half_j)²,
//
// so that a target is met where its term is below 1. A target observed as
// a single value with no tolerance (half = 0) uses 1 % of its value as the
// unit instead. It is +Inf if the model has no figure for a target.
func Objective(checks []results.TargetCheck) float64 {
	var sum float64
	for _, c := range checks {
		if !c.Found {
			return math.Inf(1)
		}
		lo, hi := c.Accepted()
		mid, half := (lo+hi)/2, (hi-lo)/2
		if half == 0 {
			half = math.Max(0.01*math.Abs(mid), 1e-12)
		}
		d := (c.Model.Mean - mid) / half
		sum += d * d
	}
	return sum
}

// Calibrate fits the scenario's calibration parameters (sc.Calibration)
// to its targets (sc.Targets), within each parameter's bounds:
//
//   - Every setting tried runs the arms the targets name (and the status
//     quo) for the same replications, with the seeds of the scenario
//     (common random numbers across settings), so the objective is a
//     deterministic function of the values and differences between
//     settings are not noise.
//   - The search minimises Objective over the box of bounds in two stages:
//     first with a quarter of the scenario's replications (at least 2),
//     then with all of them from the first stage's best. One parameter:
//     golden-section search (for responses that are monotone or
//     unimodal in it, as most are: more staff, shorter waits); several:
//     the Nelder–Mead simplex method (gonum optimize) on coordinates
//     mapped into the box.
//   - The fitted values are then checked on fresh seeds, out of the sample
//     they were fitted on: the Checks, with 95 % confidence intervals.
//
// The outcome depends on the scenario and its seed only, not on the
// number of workers. If ctx is cancelled, Calibrate returns the best
// values found so far, marked Interrupted, with an error; their checks
// are then those on the fitting seeds.
func Calibrate(ctx context.Context, sc *scenarios.Scenario, opt CalibrateOptions) (*Fit, error) {
	if len(sc.Targets) == 0 {
		return nil, fmt.Errorf("%s declares no [[targets]] to calibrate to", sc.Source)
	}
	if len(sc.Calibration) == 0 {
		return nil, fmt.Errorf("%s declares no [calibration] parameters", sc.Source)
	}
	c := &calibration{ctx: ctx, sc: sc, opt: opt, arms: targetArms(sc)}
	for _, p := range sc.Calibration {
		for _, v := range []float64{p.Min, p.Max} {
			if _, err := sc.With(scenarios.Setting{Key: p.Key, Value: v}); err != nil {
				return nil, fmt.Errorf("calibration parameter %s = %v: %w", p.Key, v, err)
			}
		}
	}
	reps := sc.Replications
	first := max(2, (reps+3)/4)
	fit := &Fit{Params: sc.Calibration}
	for r := range reps {
		fit.FitSeeds = append(fit.FitSeeds, ReplicationSeed(sc.Seed, r))
	}
	u, err := c.search(fit.FitSeeds[:first], nil, 1)
	if err == nil {
		u, err = c.search(fit.FitSeeds, u, 0.1)
	}
	switch {
	case err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded):
		return nil, err
	case err != nil && c.best == nil:
		return nil, fmt.Errorf("interrupted before any setting was tried: %w", err)
	case err != nil:
		// Interrupted: the best so far, checked on the seeds it was
		// fitted on (there is no time for more runs).
		fit.Interrupted = true
		fit.Values, fit.Checks, fit.Objective = c.values(c.best), c.bestChecks, c.bestObj
		fit.Evaluations = c.n
		fit.Unreachable = unreachable(fit)
		return fit, fmt.Errorf("interrupted: kept the best values found so far (%w)", err)
	}
	fit.Values, fit.Objective, fit.Evaluations = c.values(u), c.bestObj, c.n
	checkSeed := sim.Hash(sc.Seed, sim.NameKey("calibration check"), 0)
	for r := range reps {
		fit.CheckSeeds = append(fit.CheckSeeds, ReplicationSeed(checkSeed, r))
	}
	if fit.Checks, _, err = c.evaluate(u, fit.CheckSeeds, false); err != nil {
		return nil, err
	}
	fit.Unreachable = unreachable(fit)
	if sh := opt.Shard; sh != nil && !sh.replay {
		if err := sh.finish(fit); err != nil {
			return nil, err
		}
	}
	return fit, nil
}

// calibration is Calibrate in progress.
type calibration struct {
	ctx  context.Context
	sc   *scenarios.Scenario
	opt  CalibrateOptions
	arms []int // indices in sc.Arms to run: the status quo and those the targets name
	n    int   // settings tried
	// evaluated counts the settings evaluated, the checks on fresh seeds
	// included: the number of a setting's files in a shard.
	evaluated int
	// best is the best setting of the current stage (in the unit box),
	// bestObj its objective.
	best       []float64
	bestObj    float64
	bestChecks []results.TargetCheck
	err        error // the first error of an evaluation
}

// targetArms returns the arms the targets need: the status quo and every
// arm a target names, in order.
func targetArms(sc *scenarios.Scenario) []int {
	arms := []int{0}
	for _, t := range sc.Targets {
		for i, a := range sc.Arms {
			if t.Arm == a.Name && !slices.Contains(arms, i) {
				arms = append(arms, i)
			}
		}
	}
	slices.Sort(arms)
	return arms
}

// values maps a point of the unit box to the parameters' values.
func (c *calibration) values(u []float64) []float64 {
	v := make([]float64, len(u))
	for i, p := range c.sc.Calibration {
		v[i] = p.Min + min(max(u[i], 0), 1)*(p.Max-p.Min)
	}
	return v
}

// evaluate runs the scenario at the setting u (unit box) on the seeds and
// returns the target checks and their Objective. If track, it counts the
// setting, reports it and keeps the best.
func (c *calibration) evaluate(u []float64, seeds []uint64, track bool) ([]results.TargetCheck, float64, error) {
	if err := c.ctx.Err(); err != nil {
		return nil, 0, err
	}
	vals := c.values(u)
	var set []scenarios.Setting
	for i, p := range c.sc.Calibration {
		set = append(set, scenarios.Setting{Key: p.Key, Value: vals[i]})
	}
	s, err := c.sc.With(set...)
	if err != nil {
		return nil, 0, err
	}
	var out []*models.Result
	if sh := c.opt.Shard; sh != nil {
		out, err = sh.runs(c.ctx, c.evaluated, vals, s, c.arms, seeds, c.opt.workers())
	} else {
		var jobs []models.Job
		for _, seed := range seeds {
			for _, a := range c.arms {
				jobs = append(jobs, models.Job{Model: s.Model, Org: s.Arms[a], Seed: seed})
			}
		}
		out, err = models.RunBatch(c.ctx, jobs, c.opt.workers(), nil)
	}
	c.evaluated++
	if err != nil {
		return nil, 0, err
	}
	if slices.Contains(out, nil) {
		return nil, 0, c.ctx.Err()
	}
	cmp := &results.Comparison{Scenario: s.Name, Seed: s.Seed, Targets: s.Targets}
	for k, a := range c.arms {
		arm := results.Arm{Name: s.Arms[a].Name, Members: Members(s.Arms[a])}
		for r := range seeds {
			arm.Results = append(arm.Results, out[r*len(c.arms)+k])
		}
		cmp.Arms = append(cmp.Arms, arm)
	}
	sum, err := results.Summarize(cmp)
	if err != nil {
		return nil, 0, err
	}
	obj := Objective(sum.Checks)
	if track {
		c.n++
		if c.best == nil || obj < c.bestObj {
			c.best, c.bestObj, c.bestChecks = slices.Clone(u), obj, sum.Checks
		}
		if c.opt.OnEvaluation != nil {
			c.opt.OnEvaluation(Evaluation{N: c.n, Values: vals, Replications: len(seeds), Objective: obj})
		}
	}
	return sum.Checks, obj, nil
}

// objective is evaluate's objective for the optimisers, which take no
// errors: the first error is kept and every later setting scores +Inf.
func (c *calibration) objective(u []float64, seeds []uint64) float64 {
	if c.err != nil {
		return math.Inf(1)
	}
	_, obj, err := c.evaluate(u, seeds, true)
	if err != nil {
		c.err = err
		return math.Inf(1)
	}
	return obj
}

// search minimises the objective on seeds over the unit box, starting
// from start (the box's centre if nil) with a search width of width (a
// share of each bound's range), and returns the best setting.
func (c *calibration) search(seeds []uint64, start []float64, width float64) ([]float64, error) {
	k := len(c.sc.Calibration)
	c.best, c.err = nil, nil
	if start == nil {
		start = make([]float64, k)
		for i := range start {
			start[i] = 0.5
		}
	}
	if k == 1 {
		lo, hi := max(0, start[0]-width/2), min(1, start[0]+width/2)
		if width >= 1 {
			lo, hi = 0, 1
		}
		goldenSection(func(x float64) float64 { return c.objective([]float64{x}, seeds) }, lo, hi, 1e-3*width)
		return c.best, c.err
	}
	// Nelder–Mead over z, u = (1 + sin z)/2: every z is inside the box.
	toU := func(z []float64) []float64 {
		u := make([]float64, len(z))
		for i, x := range z {
			u[i] = (1 + math.Sin(x)) / 2
		}
		return u
	}
	z0 := make([]float64, k)
	for i, u := range start {
		z0[i] = math.Asin(2*min(max(u, 0), 1) - 1)
	}
	problem := optimize.Problem{Func: func(z []float64) float64 { return c.objective(toU(z), seeds) }}
	settings := &optimize.Settings{FuncEvaluations: 30 * k,
		Converger: &optimize.FunctionConverge{Absolute: 1e-4, Iterations: 10}}
	method := &optimize.NelderMead{SimplexSize: math.Pi / 2 * width}
	if _, err := optimize.Minimize(problem, z0, settings, method); err != nil && c.err == nil && c.best == nil {
		return nil, err
	}
	return c.best, c.err
}

// goldenSection minimises f on [lo, hi] by golden-section search (J.
// Kiefer, "Sequential minimax search for a maximum", Proceedings of the
// American Mathematical Society 4(3), 1953), until the bracket is shorter
// than tol, and evaluates both ends too, so that a minimum at a bound is
// found. f is called about log(tol/(hi − lo))/log(0.618) + 4 times.
func goldenSection(f func(float64) float64, lo, hi, tol float64) {
	f(lo)
	f(hi)
	g := (math.Sqrt(5) - 1) / 2
	a, b := lo, hi
	x1, x2 := b-g*(b-a), a+g*(b-a)
	f1, f2 := f(x1), f(x2)
	for b-a > tol {
		if math.IsInf(f1, 1) && math.IsInf(f2, 1) {
			return // an error: no point in going on
		}
		if f1 <= f2 {
			b, x2, f2 = x2, x1, f1
			x1 = b - g*(b-a)
			f1 = f(x1)
		} else {
			a, x1, f1 = x1, x2, f2
			x2 = a + g*(b-a)
			f2 = f(x2)
		}
	}
}

// unreachable explains the targets fit misses while a parameter sits at
// a bound: no value within the bounds reaches them.
func unreachable(fit *Fit) []string {
	var atBound []string
	for i, p := range fit.Params {
		span := p.Max - p.Min
		switch v := fit.Values[i]; {
		case v <= p.Min+1e-3*span:
			atBound = append(atBound, fmt.Sprintf("%s at its lower bound %v", p.Key, p.Min))
		case v >= p.Max-1e-3*span:
			atBound = append(atBound, fmt.Sprintf("%s at its upper bound %v", p.Key, p.Max))
		}
	}
	if len(atBound) == 0 {
		return nil
	}
	var out []string
	for _, c := range fit.Checks {
		if c.Pass || !c.Found {
			continue
		}
		lo, hi := c.Accepted()
		out = append(out, fmt.Sprintf("%s %s: not reachable: best %.4g (accepted %.4g–%.4g) with %s",
			c.Service, c.Metric, c.Model.Mean, lo, hi, strings.Join(atBound, ", ")))
	}
	return out
}
