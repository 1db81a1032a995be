package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"zsa/results"
)

// Plan is what zsa plan searches (see PlanFile): the least ZSA clerks per
// service of one arm that meet every target of the service with the
// stated confidence.
type Plan struct {
	// Arm is the index in Scenario.Arms of the arm whose ZSA is staffed.
	Arm int
	// Confidence is the one-sided confidence of every decision, in (0.5, 1).
	Confidence float64
	// Replications is the number of replications at the chosen staff,
	// and the most any staff level tried gets.
	Replications int
	// Staff are the decision variables, in the model's service order.
	Staff []PlanStaff
	// Targets are the service levels, in file order.
	Targets []results.PlanTarget
	// Join are the candidate sets of member offices, each planned on its
	// own; empty: the arm's members.
	Join []PlanJoin
}

// PlanJoin is a candidate set of member offices: its name and the
// settings that make the planned arm's members those of the set.
type PlanJoin struct {
	Name     string
	Settings []Setting
}

// PlanStaff is one decision variable: the ZSA clerks of a service.
type PlanStaff struct {
	Service string
	// Key is the scenario key path that sets the clerks, for With.
	Key string
	// Min and Max bound the clerks tried; Start is the arm's own number,
	// within the bounds, where the search begins.
	Min, Max, Start int
}

// maxPlanClerks bounds plan.staff.*.max, as the staffing rule bounds an
// office's clerks (maxOfficeClerks).
const maxPlanClerks = 10000

// plan reads the plan, if the scenario declares one: an arm with a ZSA,
// bounds 1 ≤ min ≤ max ≤ 10,000 for the clerks of services the arm
// delegates, a confidence in (0.5, 1), at least 2 replications, and
// targets on known metrics of planned services, each with exactly one
// finite bound.
func (b *builder) plan() {
	pf := b.f.Plan
	if pf == nil {
		return
	}
	pl := &Plan{Confidence: 0.95, Replications: b.sc.Replications}
	arms := sortedKeys(b.f.Arms)
	key := pf.Arm
	switch {
	case key == "" && len(arms) == 1:
		key = arms[0]
	case key == "":
		b.err(p("plan", "arm"), "missing: the key of the arm whose ZSA is staffed (arms: %s)", strings.Join(arms, ", "))
		return
	case b.f.Arms[key] == nil:
		b.err(p("plan", "arm"), "%q: unknown arm (arms: %s)", key, strings.Join(arms, ", "))
		return
	}
	pl.Arm = 1 + slices.Index(arms, key)
	af := b.f.Arms[key]
	if pf.Confidence != nil {
		pl.Confidence = *pf.Confidence
		if !(pl.Confidence > 0.5 && pl.Confidence < 1) {
			b.err(p("plan", "confidence"), "%v: must be a probability between 0.5 and 1, e.g. 0.95", pl.Confidence)
		}
	}
	if pf.Replications != nil {
		pl.Replications = *pf.Replications
		if pl.Replications < 2 || pl.Replications > maxReplications {
			b.err(p("plan", "replications"), "%d: must be from 2 to %d", pl.Replications, maxReplications)
		}
	}
	if len(pf.Staff) == 0 {
		b.err(p("plan", "staff"), "no service to staff: add [plan.staff.<service>] with min and max clerks")
	}
	for _, svc := range sortedKeys(pf.Staff) {
		sf := pf.Staff[svc]
		path := p("plan", "staff", svc)
		if b.serviceOf(svc) < 0 {
			b.err(path, "unknown service %q (services: %s)", svc, strings.Join(sortedKeys(b.f.Services), ", "))
			continue
		}
		if af.Services[svc] == nil || af.ZSA == nil {
			b.err(path, "arm %q does not delegate %s to a ZSA", key, svc)
			continue
		}
		if sf == nil || sf.Min == nil || sf.Max == nil {
			b.err(path, "needs min and max clerks")
			continue
		}
		ps := PlanStaff{Service: svc, Key: fmt.Sprintf("arms.%s.zsa.clerks.%s", key, svc), Min: *sf.Min, Max: *sf.Max}
		if !(ps.Min >= 1 && ps.Min <= ps.Max && ps.Max <= maxPlanClerks) {
			b.err(at(path, "min"), "min %d, max %d: need 1 ≤ min ≤ max ≤ %d", ps.Min, ps.Max, maxPlanClerks)
			continue
		}
		ps.Start = min(max(af.ZSA.Clerks[svc], ps.Min), ps.Max)
		pl.Staff = append(pl.Staff, ps)
	}
	// The model's service order.
	slices.SortStableFunc(pl.Staff, func(a, c PlanStaff) int { return b.serviceOf(a.Service) - b.serviceOf(c.Service) })
	b.planTargets(pl)
	b.planJoin(pl, key)
	b.sc.Plan = pl
}

// planJoin reads plan.join into pl: named sets, names unique, members of
// services the arm delegates. Whether each set's members are offices is
// Load's check (it applies every set).
func (b *builder) planJoin(pl *Plan, arm string) {
	seen := map[string]bool{}
	for i, jf := range b.f.Plan.Join {
		e := func(key, format string, args ...any) { b.tableErr("plan.join", i, key, format, args...) }
		switch name := strings.TrimSpace(jf.Name); {
		case name == "":
			e("name", "missing: a name for the set of offices in the outputs")
		case seen[name]:
			e("name", "%q: used twice", name)
		}
		seen[strings.TrimSpace(jf.Name)] = true
		if len(jf.Members) == 0 {
			e("members", "missing: per service, the offices that join (a list, or [\"all\"])")
		}
		j := PlanJoin{Name: strings.TrimSpace(jf.Name)}
		for _, svc := range sortedKeys(jf.Members) {
			if b.f.Arms[arm].Services[svc] == nil {
				e("members", "%q: arm %q does not delegate this service", svc, arm)
				continue
			}
			if len(jf.Members[svc]) == 0 {
				e("members", "%s: no office", svc)
			}
			var list []any
			for _, m := range jf.Members[svc] {
				list = append(list, m)
			}
			j.Settings = append(j.Settings, Setting{Key: fmt.Sprintf("arms.%s.services.%s.members", arm, svc), Value: list})
		}
		pl.Join = append(pl.Join, j)
	}
}

// JoinScenario returns the scenario with the planned arm's members those
// of the plan's j-th join set, the run's seed, replications and plan
// replications kept (they may have been set by flags).
func (sc *Scenario) JoinScenario(j int) (*Scenario, error) {
	s, err := sc.With(sc.Plan.Join[j].Settings...)
	if err != nil {
		return nil, err
	}
	s.Seed, s.Replications = sc.Seed, sc.Replications
	s.Plan.Replications = sc.Plan.Replications
	return s, nil
}

// planTargets reads plan.targets into pl.
func (b *builder) planTargets(pl *Plan) {
	pf := b.f.Plan
	if len(pf.Targets) == 0 {
		b.err(p("plan", "targets"), "no target: add [[plan.targets]] with service, metric and at_least or at_most")
	}
	metrics := map[string]bool{}
	for _, m := range results.Metrics() {
		metrics[m.Name] = true
	}
	planned := map[string]bool{}
	for _, ps := range pl.Staff {
		planned[ps.Service] = true
	}
	for i, tf := range pf.Targets {
		e := func(key, format string, args ...any) { b.tableErr("plan.targets", i, key, format, args...) }
		t := results.PlanTarget{Service: tf.Service, Metric: tf.Metric, Members: true}
		if !planned[tf.Service] {
			e("service", "%q: not a service of [plan.staff] (%s)", tf.Service, strings.Join(sortedKeys(planned), ", "))
		}
		if !metrics[tf.Metric] {
			e("metric", "%q: unknown metric (metrics: %s)", tf.Metric, strings.Join(sortedKeys(metrics), ", "))
		}
		switch {
		case (tf.AtLeast == nil) == (tf.AtMost == nil):
			e("at_least", "give exactly one bound: at_least or at_most")
		case tf.AtLeast != nil:
			t.AtLeast, t.Bound = true, *tf.AtLeast
		default:
			t.Bound = *tf.AtMost
		}
		if !finite(t.Bound) {
			e("at_least", "%v: must be a finite number", t.Bound)
		}
		switch tf.Offices {
		case "", "members":
		case results.TotalOffice:
			t.Members = false
		default:
			e("offices", "%q: must be one of (members|all)", tf.Offices)
		}
		pl.Targets = append(pl.Targets, t)
	}
}
