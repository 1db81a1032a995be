package models

import (
	"errors"
	"maps"
	"math"
	"slices"
	"strings"

	"zsa/models/arrivals"
	"zsa/models/dist"
	"zsa/models/learning"
)

// compileService checks a service's values and compiles its case types,
// their processes and re-applications; path is the service's.
func compileService(errs *errList, path Path, idx int, s *Service) *cservice {
	cs := &cservice{idx: idx, svc: s, switchKey: dist.Key(s.Name + "/switch")}
	checkService(errs, path, s)
	if s.Forgetting.Validate() == nil {
		cs.forget = s.Forgetting.Decay()
	}
	if s.Reference >= 1 && !math.IsInf(s.Reference, 0) && s.Learning.Validate() == nil {
		cs.learn = s.Learning.Law().Scaled(1 / s.Learning.Multiplier(s.Reference))
	}
	compileTypes(errs, path, cs)
	compileReapply(errs, path, cs)
	return cs
}

// checkService checks a service's own values: cases per 1,000, the
// arrival profile, learning and forgetting, the reference experience, the
// rework factor and the service level.
func checkService(errs *errList, path Path, s *Service) {
	if !(s.PerThousand >= 0) || math.IsInf(s.PerThousand, 0) {
		errs.add(path.Field("per_thousand"), "%v: must be a non-negative number of cases per 1,000 inhabitants per year", s.PerThousand)
	}
	for _, e := range unjoin(s.Profile.Validate()) {
		var pe *arrivals.ProfileError
		if errors.As(e, &pe) {
			errs.add(path.Field("profile").Field(pe.Field), "%s", pe.Msg)
		} else {
			errs.add(path.Field("profile"), "%v", e)
		}
	}
	if err := s.Learning.Validate(); err != nil {
		errs.add(path.Field("learning"), "%v", err)
	}
	if err := s.Forgetting.Validate(); err != nil {
		errs.add(path.Field("forgetting"), "%v", err)
	}
	if !(s.Reference >= 1) || math.IsInf(s.Reference, 0) {
		errs.add(path.Field("reference"), "%v: experience is counted in items from 1 (a novice)", s.Reference)
	}
	if !(s.ReworkFactor >= 0 && s.ReworkFactor <= 1) {
		errs.add(path.Field("rework_factor"), "%v: must be in [0, 1]", s.ReworkFactor)
	}
	if !(s.ServiceLevel >= 0) || math.IsInf(s.ServiceLevel, 0) {
		errs.add(path.Field("service_level"), "%v: must be a non-negative number of working days", s.ServiceLevel)
	}
}

// compileTypes checks the case types (named once, shares in [0, 1] that
// sum to 1, backlogs non-negative) and compiles their status-quo
// processes.
func compileTypes(errs *errList, path Path, cs *cservice) {
	s := cs.svc
	if len(s.Types) == 0 {
		errs.add(path.Field("types"), "no case type")
	}
	ids := map[string]int{}
	seen := map[string]bool{}
	var sum float64
	for i := range s.Types {
		ct := &s.Types[i]
		tp := path.Field("types").Key(ct.Name)
		if seen[ct.Name] || ct.Name == "" {
			errs.add(tp, "case type name empty or defined twice")
		}
		seen[ct.Name] = true
		if !(ct.Share >= 0 && ct.Share <= 1) {
			errs.add(tp.Field("share"), "%v: must be in [0, 1]", ct.Share)
		}
		if !(ct.Backlog >= 0) || math.IsInf(ct.Backlog, 0) {
			errs.add(tp.Field("backlog"), "%v: must be a non-negative number per 1,000 inhabitants", ct.Backlog)
		}
		sum += ct.Share
		cs.types = append(cs.types, ctype{
			name:    ct.Name,
			share:   ct.Share,
			proc:    compileProcess(errs, tp.Field("process"), s.Name, ct.Process, ids, cs),
			backlog: ct.Backlog,
		})
	}
	if len(s.Types) > 0 && math.Abs(sum-1) > 1e-9 {
		errs.add(path.Field("types"), "shares sum to %v, not 1", sum)
	}
}

// compileReapply checks and resolves the case types' re-applications: a
// known follow-up type, a probability, a positive delay.
func compileReapply(errs *errList, path Path, cs *cservice) {
	s := cs.svc
	typeIdx := map[string]int{}
	for i, t := range s.Types {
		typeIdx[t.Name] = i
	}
	for i := range s.Types {
		r := s.Types[i].Reapply
		if r == nil {
			continue
		}
		rp := path.Field("types").Key(s.Types[i].Name).Field("reapply")
		ti, ok := typeIdx[r.Type]
		if !ok {
			errs.add(rp.Field("type"), "unknown case type %q (types: %s)", r.Type, strings.Join(slices.Sorted(maps.Keys(typeIdx)), ", "))
		}
		if !(r.Prob >= 0 && r.Prob <= 1) {
			errs.add(rp.Field("prob"), "%v: must be a probability in [0, 1]", r.Prob)
		}
		if !(r.After > 0) || math.IsInf(float64(r.After), 0) {
			errs.add(rp.Field("after"), "%v: must be positive", r.After)
		}
		cs.types[i].reapply = &creapply{prob: r.Prob, after: r.After, typ: ti}
	}
}

// reserved reports whether a step may not have the name: the targets that
// end a case, and the activities the event log adds.
func reserved(name string) bool {
	switch name {
	case Done, Reject, "filed", "question", ActivityHandOver:
		return true
	}
	return false
}

// compileProcess builds the step table of one process. ids numbers step
// names within the service, shared by all its processes, so that a step of
// the same name in the status quo and in a variant is the same step for
// common random numbers, skills and queues.
func compileProcess(errs *errList, path Path, service string, proc Process, ids map[string]int, cs *cservice) *cproc {
	if len(proc) == 0 {
		errs.add(path, "no steps")
		return &cproc{}
	}
	before := len(*errs)
	idx := map[string]int{}
	for i, st := range proc {
		if st.Name == "" || reserved(st.Name) || strings.Contains(st.Name, "/") {
			errs.add(path.Index(i).Field("name"), "%q: must be non-empty, without '/', and none of the reserved names %q, %q, \"filed\", \"question\", %q", st.Name, Done, Reject, ActivityHandOver)
		}
		if _, dup := idx[st.Name]; dup {
			errs.add(path.Key(st.Name), "step defined twice")
		}
		idx[st.Name] = i
	}
	r := &router{errs: errs, idx: idx}
	cp := &cproc{}
	for i, st := range proc {
		id, ok := ids[st.Name]
		if !ok {
			id = len(ids)
			ids[st.Name] = id
			cs.stepNames = append(cs.stepNames, st.Name)
			cs.nsteps = len(ids)
		}
		c := compileStep(errs, path.Key(st.Name), &st, r)
		c.id, c.key = id, dist.Key(service+"/"+st.Name)
		c.next = r.branches(path.Key(st.Name), &st, i, len(proc))
		cp.steps = append(cp.steps, c)
	}
	if len(*errs) == before { // the steps and their targets are sound
		if i := endless(cp.steps); i >= 0 {
			errs.add(path.Key(proc[i].Name), "a case that reaches this step never ends: "+
				"at its later visits every way out leads back here or to steps that do, never to %q or %q", Done, Reject)
		}
	}
	return cp
}

// endless returns the index of a step on a circle that a case can reach from the first
// step but from which, once the probabilities of the branches' last
// entries apply (they hold for every later visit), no path leads to Done
// or Reject; -1 if there is none. Such a case would circle for ever, in
// no time at all if the steps' efforts are zero. A deadline's target
// counts as a way out.
func endless(steps []cstep) int {
	n := len(steps)
	ends := func(to int) bool { return to == toDone || to == toReject }
	// Steps that reach an end by later-visit branches, found backwards.
	out := make([]bool, n)
	for changed := true; changed; {
		changed = false
		for i := range steps {
			if out[i] {
				continue
			}
			st := &steps[i]
			ok := st.deadline > 0 && (ends(st.onTimeout) || out[st.onTimeout])
			for _, b := range st.next {
				if b.prob[len(b.prob)-1] > 0 && (ends(b.to) || out[b.to]) {
					ok = true
				}
			}
			if ok {
				out[i], changed = true, true
			}
		}
	}
	// Steps a case reaches from the first by any branch of any visit.
	seen := make([]bool, n)
	stack := []int{0}
	seen[0] = true
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !out[i] {
			return circling(steps, i)
		}
		st := &steps[i]
		targets := []int{}
		if st.deadline > 0 {
			targets = append(targets, st.onTimeout)
		}
		for _, b := range st.next {
			if slices.ContainsFunc(b.prob, func(q float64) bool { return q > 0 }) {
				targets = append(targets, b.to)
			}
		}
		for _, to := range targets {
			if !ends(to) && !seen[to] {
				seen[to] = true
				stack = append(stack, to)
			}
		}
	}
	return -1
}

// circling returns a step on the circle that a case enters from step i,
// from which no path leads to an end: it follows, from i, the first
// branch with a positive last probability until a step repeats (each such
// branch leads to another step without a way out).
func circling(steps []cstep, i int) int {
	seen := make([]bool, len(steps))
	for !seen[i] {
		seen[i] = true
		for _, b := range steps[i].next {
			if b.prob[len(b.prob)-1] > 0 {
				i = b.to
				break
			}
		}
	}
	return i
}

// compileStep checks a step's kind (work or external wait), its quality
// and its deadline, and compiles all of it but the branches and IDs; r
// resolves the deadline's target.
func compileStep(errs *errList, sp Path, st *Step, r *router) cstep {
	c := cstep{name: st.Name, itFactor: 1}
	switch {
	case st.Effort != nil && st.Delay != nil:
		errs.add(sp, "has both effort (work) and delay (external wait): a step is one or the other")
	case st.Effort != nil:
		c.work, c.effort = true, st.Effort
		c.quality = st.Quality.Law()
		c.errors = st.Quality.Initial > 0
	case st.Delay != nil:
		c.delay = st.Delay
	default:
		errs.add(sp, "needs effort (work) or delay (external wait)")
	}
	if err := st.Quality.Validate(); st.Quality != (learning.Quality{}) && err != nil {
		errs.add(sp.Field("quality"), "%v", err)
	}
	if st.Deadline < 0 || math.IsNaN(float64(st.Deadline)) {
		errs.add(sp.Field("deadline"), "%v: must not be negative", st.Deadline)
	}
	if st.Deadline > 0 {
		if !c.work && st.OnTimeout == "" {
			errs.add(sp.Field("on_timeout"), "a deadline needs a target")
		}
		if c.work {
			errs.add(sp.Field("deadline"), "only external waits have deadlines")
		}
		c.deadline = st.Deadline
		c.onTimeout = r.target(sp.Field("on_timeout"), st.OnTimeout)
	}
	return c
}

// router resolves the targets of a process's branches and deadlines.
type router struct {
	errs *errList
	idx  map[string]int // step name → index in the process
}

// target returns the index of the step named to, or toDone or toReject;
// an unknown step is a problem at path.
func (r *router) target(path Path, to string) int {
	switch to {
	case Done:
		return toDone
	case Reject:
		return toReject
	}
	i, ok := r.idx[to]
	if !ok {
		r.errs.add(path, "unknown step %q (steps: %s, or %q, %q)", to, strings.Join(slices.Sorted(maps.Keys(r.idx)), ", "), Done, Reject)
		return toReject
	}
	return i
}

// branches compiles step i's ways out of n steps' process (the next step,
// or Done after the last, if it has none), checking that each branch has
// probabilities in [0, 1] and that they sum to 1 at every visit.
func (r *router) branches(sp Path, st *Step, i, n int) []cbranch {
	if len(st.Next) == 0 {
		to := toDone
		if i+1 < n {
			to = i + 1
		}
		return []cbranch{{to: to, prob: []float64{1}}}
	}
	var next []cbranch
	visits := 0
	for j, b := range st.Next {
		bp := sp.Field("next").Index(j)
		if len(b.Prob) == 0 {
			r.errs.add(bp.Field("prob"), "no probability")
		}
		for _, q := range b.Prob {
			if !(q >= 0 && q <= 1) {
				r.errs.add(bp.Field("prob"), "%v: must be a probability in [0, 1]", q)
			}
		}
		visits = max(visits, len(b.Prob))
		next = append(next, cbranch{to: r.target(bp.Field("to"), b.To), prob: b.Prob})
	}
	for v := range visits {
		var sum float64
		for _, b := range st.Next {
			if len(b.Prob) > 0 {
				sum += b.Prob[min(v, len(b.Prob)-1)]
			}
		}
		if math.Abs(sum-1) > 1e-9 {
			r.errs.add(sp.Field("next"), "probabilities at visit %d sum to %v, not 1", v+1, sum)
		}
	}
	return next
}
