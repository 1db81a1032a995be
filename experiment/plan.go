package experiment

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
	"zsa/sim/stats"
)

// PlanOptions control Plan.
type PlanOptions struct {
	Options
	// OnCandidate, if not nil, is called after each staff level decided,
	// for progress reports.
	OnCandidate func(service string, c results.PlanCandidate)
}

// Plan finds, for every service of the scenario's [plan], the least ZSA
// clerks that meet every target of the service with the plan's
// confidence, and returns it with the comparison at the chosen staff
// (the status quo and the planned arm on the plan's replications):
//
//   - Every staff level runs the arm on the same seeds, those of the
//     scenario's replications (common random numbers), so that levels
//     differ by their staff and not by noise.
//   - A level whose backlog grows by more than results.OverloadGrowth of
//     the cases filed (mean over its replications) fails: its yearly
//     figures describe a queue that is not kept.
//   - A level meets a target if the one-sided confidence bound of the
//     target's mean over the replications (Student t) lies on the right
//     side of the bound, and fails it if the opposite bound lies on the
//     wrong side; otherwise it is undecided, and gets twice the
//     replications, up to the plan's. The error probability α = 1 −
//     confidence is spent over the looks (α/2 at the first, α/4 at the
//     second, …) and split over the service's targets (Bonferroni), so
//     that a level declared to meet fails with probability at most α.
//     A level undecided with all replications counts as not meeting.
//   - Per service the search starts at the arm's own number, jumps to
//     the static Personalbemessung of the ZSA's work measured there if
//     that lies on the side to search, gallops (steps 1, 2, 4, …)
//     towards the boundary and bisects the bracket,
//     which needs more staff never to hurt a target (monotonicity:
//     checked on the levels tried, violations reported). Services are
//     searched side by side: each simulation runs every planned service
//     at its current level, so one run serves them all.
//   - The chosen staff of all services then run together on the plan's
//     replications (the joint check), against the status quo.
//
// The outcome depends on the scenario and its seed only, not on the
// number of workers. If ctx is cancelled, Plan returns what is decided,
// marked Interrupted, with an error, and no comparison.
func Plan(ctx context.Context, sc *scenarios.Scenario, opt PlanOptions) (*results.StaffPlan, *results.Comparison, error) {
	pl := sc.Plan
	if pl == nil {
		return nil, nil, fmt.Errorf("%s declares no [plan]", sc.Source)
	}
	p := &planner{ctx: ctx, sc: sc, pl: pl, opt: opt, runs: map[string]*levelRuns{}}
	for r := range pl.Replications {
		p.seeds = append(p.seeds, ReplicationSeed(sc.Seed, r))
	}
	out := &results.StaffPlan{Arm: sc.Arms[pl.Arm].Name, Hash: sc.Hash, Confidence: pl.Confidence,
		Replications: pl.Replications, Targets: pl.Targets}
	searches := make([]*search, len(pl.Staff))
	for i, ps := range pl.Staff {
		searches[i] = &search{staff: ps, lo: ps.Min - 1, hi: ps.Max + 1, next: ps.Start, step: 1,
			tried: map[int]*results.PlanCandidate{}}
		for ti, t := range pl.Targets {
			if t.Service == ps.Service {
				searches[i].targets = append(searches[i].targets, ti)
			}
		}
	}
	err := p.search(searches)
	for _, s := range searches {
		out.Services = append(out.Services, s.outcome(err != nil, pl.Targets))
	}
	if err != nil {
		out.Interrupted, out.Simulated = true, p.simulated
		return out, nil, err
	}
	cmp, err := p.final(out, searches)
	out.Simulated = p.simulated
	if err != nil {
		out.Interrupted = true
		return out, nil, err
	}
	return out, cmp, nil
}

// planner is Plan in progress.
type planner struct {
	ctx       context.Context
	sc        *scenarios.Scenario
	pl        *scenarios.Plan
	opt       PlanOptions
	seeds     []uint64
	runs      map[string]*levelRuns // by staff vector
	simulated int
}

// levelRuns are the replications of the arm run at one staff vector.
type levelRuns struct {
	sc  *scenarios.Scenario
	res []*models.Result // by replication; nil: not run yet
}

// search is the search of one service.
type search struct {
	staff   scenarios.PlanStaff
	targets []int // indices in Plan.Targets
	// lo is the most staff known not to meet (Min − 1: none), hi the
	// least known to meet (Max + 1: none yet); next the level to try,
	// step the gallop's step.
	lo, hi, next, step int
	// estimate is the static Personalbemessung of the ZSA's work for the
	// service, measured at the first level tried: where the search jumps
	// to from there (0: none, or already used).
	estimate float64
	done     bool
	tried    map[int]*results.PlanCandidate
}

// search runs the searches side by side until each has bracketed its
// boundary to one clerk or hit a bound.
func (p *planner) search(searches []*search) error {
	for {
		vector := make([]int, len(searches))
		var open []*search
		for i, s := range searches {
			vector[i] = s.hold()
			if !s.done {
				vector[i] = s.next
				open = append(open, s)
			}
		}
		if len(open) == 0 {
			return nil
		}
		for look, reps := 1, min(firstLook, len(p.seeds)); ; look++ {
			if err := p.run(vector, reps); err != nil {
				return err
			}
			undecided := false
			for _, s := range open {
				n := s.next
				c := p.candidate(s, vector, reps, look)
				if prev := s.tried[n]; prev == nil || prev.Verdict == results.Undecided {
					s.tried[n] = &c
				}
				if s.tried[n].Verdict == results.Undecided && reps < len(p.seeds) {
					undecided = true
				}
			}
			if !undecided {
				break
			}
			reps = min(2*reps, len(p.seeds))
		}
		for _, s := range open {
			if p.opt.OnCandidate != nil {
				p.opt.OnCandidate(s.staff.Service, *s.tried[s.next])
			}
			if len(s.tried) == 1 {
				s.estimate = p.staticEstimate(vector, s.staff.Service)
			}
			s.advance()
		}
	}
}

// hold is the level a finished search runs at while others go on: the
// least meeting, or the maximum.
func (s *search) hold() int {
	if s.hi <= s.staff.Max {
		return s.hi
	}
	return s.staff.Max
}

// advance records the verdict at next and chooses the level after it:
// a gallop away from the known side until the other is found, then
// bisection.
func (s *search) advance() {
	n := s.next
	meets := s.tried[n].Verdict == results.Meets
	if meets {
		s.hi = n
	} else {
		s.lo = n
	}
	// From the first level, jump to the static estimate if it lies on the
	// side to search: the boundary is usually near it.
	if e := int(math.Round(s.estimate)); s.estimate > 0 && (meets && e < n && e >= s.staff.Min || !meets && e > n && e <= s.staff.Max) {
		s.next, s.estimate = e, 0
		return
	}
	s.estimate = 0
	switch {
	case s.hi-s.lo <= 1 || s.lo >= s.staff.Max:
		s.done = true
	case s.hi > s.staff.Max: // nothing meets yet: up
		s.next = min(s.lo+s.step, s.staff.Max)
		s.step *= 2
	case s.lo < s.staff.Min: // nothing fails yet: down
		s.next = max(s.hi-s.step, s.staff.Min)
		s.step *= 2
	default:
		s.next = (s.lo + s.hi) / 2
	}
}

// staticEstimate is the static Personalbemessung of the ZSA's work for
// service in the runs at vector (mean over the replications run): the
// staff the static rule would give it.
func (p *planner) staticEstimate(vector []int, service string) float64 {
	var run []*models.Result
	for _, r := range p.runs[vectorKey(vector)].res {
		if r != nil {
			run = append(run, r)
		}
	}
	if e := meanOf(run, service, results.MetricPBFTE, isZSA); e > 0 {
		return e
	}
	return 0
}

// isZSA keeps the ZSA's offices.
func isZSA(o *models.OfficeResult) bool { return o.ZSA }

// measureOf is metric of service in r: over the offices keep keeps, or
// the service total if keep is nil.
func measureOf(r *models.Result, service, metric string, keep func(*models.OfficeResult) bool) float64 {
	si := slices.IndexFunc(r.Services, func(s models.ServiceResult) bool { return s.Name == service })
	if keep == nil {
		return results.Measure(r, si, -1)[metricIndex(metric)].X
	}
	return results.MeasureWhere(r, si, keep)[metricIndex(metric)].X
}

// meanOf is the mean of measureOf over rs (NaN if rs is empty).
func meanOf(rs []*models.Result, service, metric string, keep func(*models.OfficeResult) bool) float64 {
	var sum float64
	for _, r := range rs {
		sum += measureOf(r, service, metric, keep)
	}
	return sum / float64(len(rs))
}

// outcome is the search's plan, without the final figures.
func (s *search) outcome(interrupted bool, targets []results.PlanTarget) results.ServicePlan {
	sp := results.ServicePlan{Service: s.staff.Service, Min: s.staff.Min, Max: s.staff.Max}
	for _, n := range slices.Sorted(maps.Keys(s.tried)) {
		sp.Candidates = append(sp.Candidates, *s.tried[n])
	}
	switch {
	case !s.done && interrupted:
		sp.Verdict = results.Unfinished
	case s.hi > s.staff.Max:
		sp.Verdict = results.Unreachable
	default:
		sp.Staff, sp.Verdict = s.hi, results.Decided
		if below := s.tried[s.hi-1]; below != nil && below.Verdict == results.Undecided {
			sp.Verdict = results.Undecided
		}
	}
	sp.Monotonicity = monotonicity(sp.Candidates, s.targets, targets)
	return sp
}

// vectorKey names a staff vector.
func vectorKey(v []int) string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

// run makes sure the arm has run at vector for the first reps
// replications.
func (p *planner) run(vector []int, reps int) error {
	if err := p.ctx.Err(); err != nil {
		return err
	}
	key := vectorKey(vector)
	lr := p.runs[key]
	if lr == nil {
		var set []scenarios.Setting
		for i, ps := range p.pl.Staff {
			set = append(set, scenarios.Setting{Key: ps.Key, Value: vector[i]})
		}
		s, err := p.sc.With(set...)
		if err != nil {
			return err
		}
		lr = &levelRuns{sc: s, res: make([]*models.Result, len(p.seeds))}
		p.runs[key] = lr
	}
	var jobs []models.Job
	var idx []int
	for r := range reps {
		if lr.res[r] == nil {
			jobs = append(jobs, models.Job{Model: lr.sc.Model, Org: lr.sc.Arms[p.pl.Arm], Seed: p.seeds[r]})
			idx = append(idx, r)
		}
	}
	out, err := models.RunBatch(p.ctx, jobs, p.opt.workers(), nil)
	if err != nil {
		return err
	}
	if slices.Contains(out, nil) {
		return p.ctx.Err()
	}
	for k, r := range idx {
		lr.res[r] = out[k]
	}
	p.simulated += len(jobs)
	return nil
}

// candidate judges the level s.next of service s from the first reps
// replications at vector, at look number look.
func (p *planner) candidate(s *search, vector []int, reps, look int) results.PlanCandidate {
	lr := p.runs[vectorKey(vector)]
	// The error spent at this look, per target.
	alpha := (1 - p.pl.Confidence) / math.Pow(2, float64(look)) / float64(len(s.targets))
	if reps == len(p.seeds) {
		// The last look spends what is left of the look's share.
		alpha = (1 - p.pl.Confidence) / math.Pow(2, float64(look-1)) / float64(len(s.targets))
	}
	c := results.PlanCandidate{Staff: s.next, Replications: reps, Verdict: results.Meets}
	// A level whose backlog keeps growing fails, whatever its averages
	// over the year say: they describe a queue that is not kept.
	c.BacklogGrowth = p.backlogGrowth(lr, reps, s.staff.Service)
	if c.BacklogGrowth > results.OverloadGrowth {
		c.Verdict = results.Fails
	}
	var verdict string
	verdict, c.Targets = p.judgeTargets(lr, reps, s, alpha)
	c.Verdict = worse(c.Verdict, verdict)
	return c
}

// judgeTargets judges every target of s over the first reps replications
// of lr with error alpha each, and returns the verdict of all together:
// Fails if one fails, else Undecided if one is, else Meets.
func (p *planner) judgeTargets(lr *levelRuns, reps int, s *search, alpha float64) (string, []results.TargetEstimate) {
	verdict := results.Meets
	var es []results.TargetEstimate
	for _, ti := range s.targets {
		e := p.estimate(lr, reps, p.pl.Targets[ti], alpha)
		es = append(es, e)
		verdict = worse(verdict, e.Verdict)
	}
	return verdict, es
}

// worse returns the worse of two verdicts: Fails before Undecided before
// Meets.
func worse(a, b string) string {
	switch {
	case a == results.Fails || b == results.Fails:
		return results.Fails
	case a == results.Undecided || b == results.Undecided:
		return results.Undecided
	}
	return results.Meets
}

// backlogGrowth is the mean over the first reps replications of lr of the
// service total's backlog growth (the metric backlog_growth: open cases
// at the end less at the warm-up, per case filed).
func (p *planner) backlogGrowth(lr *levelRuns, reps int, service string) float64 {
	return meanOf(lr.res[:reps], service, results.MetricBacklogGrowth, nil)
}

// estimate is target t over the first reps replications of lr, judged
// with error alpha (judge).
func (p *planner) estimate(lr *levelRuns, reps int, t results.PlanTarget, alpha float64) results.TargetEstimate {
	xs := make([]float64, reps)
	for r := range reps {
		xs[r] = p.metric(lr.res[r], t)
	}
	return judge(xs, t, alpha)
}

// judge is target t over the replications' values xs, judged with error
// alpha: it meets if the one-sided 1 − alpha confidence bound of the mean
// (Student t) is on the target's side of the bound, fails if the opposite
// bound is not. A metric the runs do not have (NaN: no completed case)
// fails.
func judge(xs []float64, t results.PlanTarget, alpha float64) results.TargetEstimate {
	s95 := stats.Summarize(xs)
	one := stats.SummarizeLevel(xs, 1-2*alpha) // the two-sided 1 − 2α interval's ends
	e := results.TargetEstimate{Mean: s95.Mean, Lo: s95.Mean - s95.HalfWidth, Hi: s95.Mean + s95.HalfWidth}
	lower, upper := one.Mean-one.HalfWidth, one.Mean+one.HalfWidth
	if one.StdErr == 0 {
		lower, upper = one.Mean, one.Mean
	}
	good, bad := lower, upper // the bound on the target's side, and the other
	if !t.AtLeast {
		good, bad = upper, lower
	}
	e.Bound = good
	switch {
	case math.IsNaN(s95.Mean):
		e.Verdict = results.Fails
	case t.Met(good):
		e.Verdict = results.Meets
	case !t.Met(bad):
		e.Verdict = results.Fails
	default:
		e.Verdict = results.Undecided
	}
	return e
}

// metric is target t's metric in replication r: over the member offices
// of the planned arm, or the service total.
func (p *planner) metric(r *models.Result, t results.PlanTarget) float64 {
	if !t.Members {
		return measureOf(r, t.Service, t.Metric, nil)
	}
	return measureOf(r, t.Service, t.Metric, p.isMember(t.Service))
}

// isMember returns a filter that keeps the member offices of the planned
// arm for a service.
func (p *planner) isMember(service string) func(*models.OfficeResult) bool {
	set := map[string]bool{}
	for _, k := range Members(p.sc.Arms[p.pl.Arm])[service] {
		set[k] = true
	}
	return func(o *models.OfficeResult) bool { return !o.ZSA && set[o.Office] }
}

// monotonicity lists, for the candidates in order of staff, where a
// target's mean got worse from one level to the next larger one tried;
// idx are the indices of the candidates' targets in all.
func monotonicity(cands []results.PlanCandidate, idx []int, all []results.PlanTarget) []string {
	var out []string
	for k := 1; k < len(cands); k++ {
		a, b := cands[k-1], cands[k]
		for j, ti := range idx {
			x, y := a.Targets[j].Mean, b.Targets[j].Mean
			if t := all[ti]; t.AtLeast && y < x || !t.AtLeast && y > x {
				out = append(out, fmt.Sprintf("%s: %.4g with %d clerks, %.4g with %d", t, x, a.Staff, y, b.Staff))
			}
		}
	}
	return out
}

// final runs the chosen staff of every service together on the plan's
// replications, with the status quo on the same seeds, and records the
// joint check and the figures at the chosen staff.
func (p *planner) final(out *results.StaffPlan, searches []*search) (*results.Comparison, error) {
	vector := make([]int, len(searches))
	for i, s := range searches {
		vector[i] = s.hold()
	}
	reps := len(p.seeds)
	if err := p.run(vector, reps); err != nil {
		return nil, err
	}
	lr := p.runs[vectorKey(vector)]
	var jobs []models.Job
	for _, seed := range p.seeds {
		jobs = append(jobs, models.Job{Model: p.sc.Model, Org: p.sc.Arms[0], Seed: seed})
	}
	base, err := models.RunBatch(p.ctx, jobs, p.opt.workers(), nil)
	if err != nil {
		return nil, err
	}
	if slices.Contains(base, nil) {
		return nil, p.ctx.Err()
	}
	// The joint check spends the whole α on one look.
	for i, s := range searches {
		f := &results.PlanFinal{}
		f.Verdict, f.Targets = p.judgeTargets(lr, reps, s, (1-p.pl.Confidence)/float64(len(s.targets)))
		p.finalFigures(f, s.staff.Service, lr.res, base)
		out.Services[i].Final = f
	}
	cmp := &results.Comparison{Scenario: lr.sc.Name, Hash: lr.sc.Hash, Seed: p.sc.Seed,
		Description: lr.sc.Description, ScenarioText: lr.sc.Text(), Targets: lr.sc.Targets, Plan: out,
		Lang: results.Lang(lr.sc.Lang)}
	cmp.Arms = []results.Arm{{Name: p.sc.Arms[0].Name, Results: base}, {Name: lr.sc.Arms[p.pl.Arm].Name, Members: Members(lr.sc.Arms[p.pl.Arm]), Results: lr.res}}
	return cmp, nil
}

// finalFigures fills f's staff, cost and Personalbemessung figures for
// service from the plan's replications and the status quo's.
func (p *planner) finalFigures(f *results.PlanFinal, service string, plan, base []*models.Result) {
	isMember := p.isMember(service)
	f.ZSAStaffFTE = meanOf(plan, service, results.MetricStaffFTE, isZSA)
	f.CostEUR = f.ZSAStaffFTE * plan[0].CostPerFTE
	f.StaticFTE = meanOf(plan, service, results.MetricPBFTE, isZSA)
	f.BusyShare = meanOf(plan, service, results.MetricBusyShare, isZSA)
	f.LocalWorkBefore = meanOf(base, service, results.MetricWorkFTE, isMember)
	f.LocalWorkAfter = meanOf(plan, service, results.MetricWorkFTE, isMember)
	f.LocalPBBefore = meanOf(base, service, results.MetricPBFTE, isMember)
	f.LocalPBAfter = meanOf(plan, service, results.MetricPBFTE, isMember)
}

// firstLook is the number of replications a staff level gets first:
// enough for Student's t to decide levels far from the boundary (with 3,
// t(0.975, 2) = 4.30; with 2 it would be 12.7), few enough that those
// levels cost little.
const firstLook = 3
