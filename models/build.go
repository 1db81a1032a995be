package models

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"zsa/models/calendar"
	"zsa/models/dist"
	"zsa/models/learning"
	"zsa/sim"
)

// Step targets in compiled processes: a step index, or one of these.
const (
	toDone   = -1
	toReject = -2
)

// plan is a Model and an Organisation compiled for running: names resolved
// to indices, processes to step tables, offices numbered (the ZSA last).
type plan struct {
	m        *Model
	org      *Organisation
	cal      *calendar.Calendar // office calendar
	services []*cservice
	offices  []*coffice
	zsa      int // index of the pooled ZSA in offices, or -1
	// zsaOf is, by local office index, the index of the ZSA office that
	// does its delegated work: the pooled ZSA, or the office's own unit of
	// a partitioned one (-1 for non-members).
	zsaOf   []int
	sources []source
}

type cservice struct {
	idx   int
	svc   *Service
	types []ctype
	// nsteps is the number of distinct step IDs over all processes of the
	// service (status quo and variants): the size of per-office queue
	// tables and per-case visit counters.
	nsteps    int
	stepNames []string // by step ID
	deleg     *cdeleg
	switchKey uint64
	// learn is Learning's law divided by Multiplier(Reference): efforts
	// are scaled by learn.At(e) = Learning.Relative(e, Reference), up to
	// rounding.
	learn learning.Law
	// forget is the service's Forgetting, prepared.
	forget learning.Decay
}

type ctype struct {
	name    string
	share   float64
	proc    *cproc // status quo
	variant *cproc // for member offices' delegated cases; nil: proc
	reapply *creapply
	backlog float64
}

type creapply struct {
	prob  float64
	after sim.Time
	typ   int
}

type cproc struct{ steps []cstep }

type cstep struct {
	name      string
	id        int    // step ID within the service
	key       uint64 // CRN key: dist.Key("service/step")
	work      bool
	effort    dist.Dist
	quality   learning.Law // the step's Quality: error probability by experience
	errors    bool         // quality can produce errors
	delay     dist.Dist
	deadline  sim.Time
	onTimeout int
	next      []cbranch
	// zsa marks steps the ZSA does when the case is delegated.
	zsa      bool
	itFactor float64 // effort factor at the ZSA (1: none)
}

type cbranch struct {
	to   int
	prob []float64
}

type cdeleg struct {
	members  map[int]sim.Time // office index → join time
	joins    []sim.Time       // by office index: join time, +Inf for non-members
	handOver dist.Dist
	qBack    float64
	qEffort  dist.Dist
	qStep    int // step ID of the question step
}

type coffice struct {
	idx    int
	office *Office
	zsa    bool
	// member is, for a unit of a partitioned ZSA, the index of the local
	// office it serves; -1 otherwise.
	member int
}

// source is one commune × service: the arrival source.
type source struct {
	svc     int
	commune int
	office  int
}

// errList collects problems with paths.
type errList []error

func (e *errList) add(path, format string, args ...any) {
	*e = append(*e, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
}

// compile validates m and org and builds the plan. It reports every
// problem found, each with the path of the offending value.
func compile(m *Model, org *Organisation) (*plan, error) {
	var errs errList
	if m == nil {
		return nil, errors.New("models: nil model")
	}
	if org == nil {
		org = &Organisation{Name: "status quo"}
	}
	p := &plan{m: m, org: org, zsa: -1}
	if !(m.Horizon > 0) || math.IsInf(float64(m.Horizon), 0) {
		errs.add("horizon", "%v: must be positive", m.Horizon)
	}
	if !(m.WarmUp >= 0 && m.WarmUp < m.Horizon) {
		errs.add("warmup", "%v: must be in [0, horizon)", m.WarmUp)
	}
	if m.CostPerFTE < 0 || math.IsNaN(m.CostPerFTE) || math.IsInf(m.CostPerFTE, 0) {
		errs.add("cost_per_fte", "%v: must be a non-negative number", m.CostPerFTE)
	}
	if !(m.Verteilzeit >= 0 && m.Verteilzeit <= 1) {
		errs.add("verteilzeit", "%v: must be a fraction in [0, 1] (0.15 for 15 %%)", m.Verteilzeit)
	}
	days := int(m.Horizon/sim.Day) + 31 // work may end after the horizon; later days are computed day by day
	cal, err := calendar.New(calendar.Config{Start: m.Start, Open: m.Hours.Open, Close: m.Hours.Close, Days: days,
		Weekdays: m.Weekdays, NoStateHolidays: m.NoStateHolidays})
	if err != nil {
		errs = append(errs, err)
	}
	p.cal = cal
	if len(m.Services) == 0 {
		errs.add("services", "no service defined")
	}
	if len(m.Services) > 64 {
		errs.add("services", "%d services: at most 64", len(m.Services))
	}

	// Offices: the local ones, then the ZSA.
	officeIdx := map[string]int{}
	for i := range m.Offices {
		o := &m.Offices[i]
		path := fmt.Sprintf("offices[%q]", o.Key)
		if o.Key == "" {
			errs.add(fmt.Sprintf("offices[%d]", i), "empty key")
		}
		if _, dup := officeIdx[o.Key]; dup {
			errs.add(path, "office key defined twice")
		}
		officeIdx[o.Key] = len(p.offices)
		p.offices = append(p.offices, &coffice{idx: len(p.offices), office: o, member: -1})
	}
	if org.ZSA != nil {
		if _, dup := officeIdx[org.ZSA.Key]; dup || org.ZSA.Key == "" {
			errs.add("organisation.zsa.key", "%q: must be set and differ from every local office's key", org.ZSA.Key)
		}
	}

	// Services.
	svcIdx := map[string]int{}
	for i := range m.Services {
		s := &m.Services[i]
		path := fmt.Sprintf("services[%q]", s.Name)
		if s.Name == "" || strings.Contains(s.Name, "/") {
			errs.add(fmt.Sprintf("services[%d].name", i), "%q: must be non-empty and contain no '/'", s.Name)
		}
		if _, dup := svcIdx[s.Name]; dup {
			errs.add(path, "service defined twice")
		}
		svcIdx[s.Name] = i
		p.services = append(p.services, compileService(&errs, path, i, s))
	}

	// Delegations.
	for i := range org.Delegations {
		d := &org.Delegations[i]
		path := fmt.Sprintf("organisation.delegations[%d]", i)
		si, ok := svcIdx[d.Service]
		if !ok {
			errs.add(path+".service", "unknown service %q", d.Service)
			continue
		}
		if org.ZSA == nil {
			errs.add(path, "delegation without a ZSA office")
			continue
		}
		cs := p.services[si]
		if cs.deleg != nil {
			errs.add(path+".service", "service %q delegated twice", d.Service)
			continue
		}
		compileDelegation(&errs, path, cs, d, officeIdx)
	}

	// The ZSA: one pool after the local offices, or one unit per member.
	p.zsaOf = make([]int, len(m.Offices))
	for oi := range p.zsaOf {
		p.zsaOf[oi] = -1
	}
	if org.ZSA != nil {
		if org.Partitioned {
			partition(p, officeIdx)
		} else {
			p.zsa = len(p.offices)
			p.offices = append(p.offices, &coffice{idx: p.zsa, office: org.ZSA, zsa: true, member: -1})
			for oi := range p.zsaOf {
				p.zsaOf[oi] = p.zsa
			}
		}
	}

	// Clerks and their skills.
	for _, o := range p.offices {
		path := fmt.Sprintf("offices[%q]", o.office.Key)
		if o.zsa {
			path = zsaPath(o)
		}
		for j, c := range o.office.Clerks {
			cp := fmt.Sprintf("%s.clerks[%d]", path, j)
			if !(c.FTE > 0 && c.FTE <= 1) {
				errs.add(cp+".fte", "%v: must be in (0, 1]", c.FTE)
			}
			if !(c.Share > 0 && c.Share <= 1) {
				errs.add(cp+".share", "%v: must be in (0, 1]", c.Share)
			}
			if end := c.Start + c.FTE*c.Share; !(c.Start >= 0 && c.Start < 1) {
				errs.add(cp+".start", "%v: must be in [0, 1), a fraction of the office's daily window", c.Start)
			} else if p.cal != nil && c.FTE > 0 && c.FTE <= 1 && c.Share > 0 && c.Share <= 1 {
				if from, to := clerkWindow(m, &c); end > 1+blockSlack || !(from < to) {
					errs.add(cp+".start", "%v: the clerk's block [start, start + fte·share) = [%v, %v) must be non-empty and end within the window (at 1 or before)", c.Start, c.Start, end)
				}
			}
			if !(c.Prior >= 1) || math.IsInf(c.Prior, 0) {
				errs.add(cp+".prior", "%v: experience is counted from 1 (a novice)", c.Prior)
			}
			if c.LeaveDays < 0 || c.LeaveDays > 100 {
				errs.add(cp+".leave_days", "%d: must be in [0, 100]", c.LeaveDays)
			}
			if !(c.SickRate >= 0 && c.SickRate < 1) {
				errs.add(cp+".sick_rate", "%v: must be in [0, 1)", c.SickRate)
			}
			if len(c.Skills) == 0 {
				errs.add(cp+".skills", "no skills")
			}
			for _, sk := range c.Skills {
				name, step, _ := strings.Cut(sk, "/")
				si, ok := svcIdx[name]
				if !ok {
					errs.add(cp+".skills", "unknown service %q", name)
					continue
				}
				if step != "" && !slices.Contains(p.services[si].stepNames, step) {
					errs.add(cp+".skills", "service %q has no step %q", name, step)
				}
			}
		}
	}

	// Communes and catchments.
	seen := map[string]bool{}
	for i := range m.Communes {
		c := &m.Communes[i]
		path := fmt.Sprintf("communes[%q]", c.AGS)
		if seen[c.AGS] {
			errs.add(path, "commune listed twice")
		}
		seen[c.AGS] = true
		if !(c.Population >= 0) || math.IsInf(c.Population, 0) {
			errs.add(path+".population", "%v: must be a non-negative number", c.Population)
		}
		for si, cs := range p.services {
			key, ok := c.Office[cs.svc.Name]
			if !ok {
				continue
			}
			oi, ok := officeIdx[key]
			if !ok {
				errs.add(path+".office", "%s: unknown office %q", cs.svc.Name, key)
				continue
			}
			p.sources = append(p.sources, source{svc: si, commune: i, office: oi})
		}
		for name := range c.Office {
			if _, ok := svcIdx[name]; !ok {
				errs.add(path+".office", "unknown service %q", name)
			}
		}
	}
	// Sources in a fixed order: by service, then commune.
	slices.SortStableFunc(p.sources, func(a, b source) int { return a.svc - b.svc })

	for _, cs := range p.services {
		if d := cs.deleg; d != nil {
			d.joins = make([]sim.Time, len(p.offices))
			for oi := range d.joins {
				d.joins[oi] = sim.Time(math.Inf(1))
			}
			for oi, from := range d.members {
				d.joins[oi] = from
			}
		}
	}

	// Every office with arrivals needs someone able to work each step.
	if len(errs) == 0 {
		checkStaffing(&errs, p)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}

func compileService(errs *errList, path string, idx int, s *Service) *cservice {
	cs := &cservice{idx: idx, svc: s, switchKey: dist.Key(s.Name + "/switch")}
	if !(s.PerThousand >= 0) || math.IsInf(s.PerThousand, 0) {
		errs.add(path+".per_thousand", "%v: must be a non-negative number", s.PerThousand)
	}
	if err := s.Profile.Validate(); err != nil {
		errs.add(path+".profile", "%v", err)
	}
	if err := s.Learning.Validate(); err != nil {
		errs.add(path+".learning", "%v", err)
	}
	if err := s.Forgetting.Validate(); err != nil {
		errs.add(path+".forgetting", "%v", err)
	} else {
		cs.forget = s.Forgetting.Decay()
	}
	if !(s.Reference >= 1) || math.IsInf(s.Reference, 0) {
		errs.add(path+".reference", "%v: experience is counted from 1 (a novice)", s.Reference)
	} else if s.Learning.Validate() == nil {
		cs.learn = s.Learning.Law().Scaled(1 / s.Learning.Multiplier(s.Reference))
	}
	if !(s.ReworkFactor >= 0 && s.ReworkFactor <= 1) {
		errs.add(path+".rework_factor", "%v: must be in [0, 1]", s.ReworkFactor)
	}
	if !(s.ServiceLevel >= 0) || math.IsInf(s.ServiceLevel, 0) {
		errs.add(path+".service_level", "%v: must be a non-negative number of working days", s.ServiceLevel)
	}
	if len(s.Types) == 0 {
		errs.add(path+".types", "no case type")
	}
	ids := map[string]int{}
	var sum float64
	typeIdx := map[string]int{}
	for i := range s.Types {
		ct := &s.Types[i]
		tp := fmt.Sprintf("%s.types[%q]", path, ct.Name)
		if _, dup := typeIdx[ct.Name]; dup || ct.Name == "" {
			errs.add(tp, "case type name empty or defined twice")
		}
		typeIdx[ct.Name] = i
		if !(ct.Share >= 0 && ct.Share <= 1) {
			errs.add(tp+".share", "%v: must be in [0, 1]", ct.Share)
		}
		if !(ct.Backlog >= 0) || math.IsInf(ct.Backlog, 0) {
			errs.add(tp+".backlog", "%v: must be a non-negative number", ct.Backlog)
		}
		sum += ct.Share
		cs.types = append(cs.types, ctype{
			name:    ct.Name,
			share:   ct.Share,
			proc:    compileProcess(errs, tp+".process", s.Name, ct.Process, ids, cs),
			backlog: ct.Backlog,
		})
	}
	if len(s.Types) > 0 && math.Abs(sum-1) > 1e-9 {
		errs.add(path+".types", "shares sum to %v, not 1", sum)
	}
	for i := range s.Types {
		r := s.Types[i].Reapply
		if r == nil {
			continue
		}
		tp := fmt.Sprintf("%s.types[%q].reapply", path, s.Types[i].Name)
		ti, ok := typeIdx[r.Type]
		if !ok {
			errs.add(tp+".type", "unknown case type %q", r.Type)
		}
		if !(r.Prob >= 0 && r.Prob <= 1) {
			errs.add(tp+".prob", "%v: must be in [0, 1]", r.Prob)
		}
		if !(r.After > 0) || math.IsInf(float64(r.After), 0) {
			errs.add(tp+".after", "%v: must be positive", r.After)
		}
		cs.types[i].reapply = &creapply{prob: r.Prob, after: r.After, typ: ti}
	}
	return cs
}

// compileProcess builds the step table of one process. ids numbers step
// names within the service, shared by all its processes, so that a step of
// the same name in the status quo and in a variant is the same step for
// common random numbers, skills and queues.
func compileProcess(errs *errList, path, service string, proc Process, ids map[string]int, cs *cservice) *cproc {
	if len(proc) == 0 {
		errs.add(path, "no steps")
		return &cproc{}
	}
	idx := map[string]int{}
	for i, st := range proc {
		if st.Name == "" || st.Name == Done || st.Name == Reject || st.Name == "filed" || st.Name == "question" || strings.Contains(st.Name, "/") {
			errs.add(fmt.Sprintf("%s[%d].name", path, i), "%q: must be non-empty, without '/', and none of the reserved names %q, %q, \"filed\", \"question\"", st.Name, Done, Reject)
		}
		if _, dup := idx[st.Name]; dup {
			errs.add(fmt.Sprintf("%s[%q]", path, st.Name), "step defined twice")
		}
		idx[st.Name] = i
	}
	target := func(sp, to string) int {
		switch to {
		case Done:
			return toDone
		case Reject:
			return toReject
		}
		i, ok := idx[to]
		if !ok {
			errs.add(sp, "unknown step %q (steps: %s, or %q, %q)", to, strings.Join(slices.Sorted(maps.Keys(idx)), ", "), Done, Reject)
			return toReject
		}
		return i
	}
	cp := &cproc{}
	for i, st := range proc {
		sp := fmt.Sprintf("%s[%q]", path, st.Name)
		id, ok := ids[st.Name]
		if !ok {
			id = len(ids)
			ids[st.Name] = id
			cs.stepNames = append(cs.stepNames, st.Name)
			cs.nsteps = len(ids)
		}
		c := cstep{name: st.Name, id: id, key: dist.Key(service + "/" + st.Name), itFactor: 1}
		switch {
		case st.Effort != nil && st.Delay != nil:
			errs.add(sp, "a step has either effort (work) or delay (external wait), not both")
		case st.Effort != nil:
			c.work, c.effort = true, st.Effort
			if err := st.Quality.Validate(); st.Quality != (learning.Quality{}) && err != nil {
				errs.add(sp+".quality", "%v", err)
			}
			c.quality = st.Quality.Law()
			c.errors = st.Quality.Initial > 0
		case st.Delay != nil:
			c.delay = st.Delay
		default:
			errs.add(sp, "a step needs effort (work) or delay (external wait)")
		}
		if st.Deadline < 0 || math.IsNaN(float64(st.Deadline)) {
			errs.add(sp+".deadline", "%v: must not be negative", st.Deadline)
		}
		if st.Deadline > 0 {
			if !c.work && st.OnTimeout == "" {
				errs.add(sp+".on_timeout", "a deadline needs a target")
			}
			if c.work {
				errs.add(sp+".deadline", "only external waits have deadlines")
			}
			c.deadline = st.Deadline
			c.onTimeout = target(sp+".on_timeout", st.OnTimeout)
		}
		if len(st.Next) == 0 {
			to := toDone
			if i+1 < len(proc) {
				to = i + 1
			}
			c.next = []cbranch{{to: to, prob: []float64{1}}}
		}
		visits := 0
		for j, b := range st.Next {
			bp := fmt.Sprintf("%s.next[%d]", sp, j)
			if len(b.Prob) == 0 {
				errs.add(bp+".prob", "no probability")
			}
			for _, q := range b.Prob {
				if !(q >= 0 && q <= 1) {
					errs.add(bp+".prob", "%v: must be in [0, 1]", q)
				}
			}
			visits = max(visits, len(b.Prob))
			c.next = append(c.next, cbranch{to: target(bp+".to", b.To), prob: b.Prob})
		}
		for v := range visits {
			var sum float64
			for _, b := range st.Next {
				if len(b.Prob) > 0 {
					sum += b.Prob[min(v, len(b.Prob)-1)]
				}
			}
			if len(st.Next) > 0 && math.Abs(sum-1) > 1e-9 {
				errs.add(sp+".next", "probabilities at visit %d sum to %v, not 1", v+1, sum)
			}
		}
		cp.steps = append(cp.steps, c)
	}
	return cp
}

func compileDelegation(errs *errList, path string, cs *cservice, d *Delegation, officeIdx map[string]int) {
	cd := &cdeleg{members: map[int]sim.Time{}, handOver: d.HandOver, qBack: d.QuestionBack, qEffort: d.QuestionEffort}
	cs.deleg = cd
	if len(d.Steps) == 0 {
		errs.add(path+".steps", "no step delegated")
	}
	if len(d.Members) == 0 {
		errs.add(path+".members", "no member office")
	}
	for j, mb := range d.Members {
		oi, ok := officeIdx[mb.Office]
		if !ok {
			errs.add(fmt.Sprintf("%s.members[%d]", path, j), "unknown office %q", mb.Office)
			continue
		}
		if _, dup := cd.members[oi]; dup {
			errs.add(fmt.Sprintf("%s.members[%d]", path, j), "office %q listed twice", mb.Office)
		}
		if mb.From < 0 || math.IsNaN(float64(mb.From)) {
			errs.add(fmt.Sprintf("%s.members[%d].from", path, j), "%v: must not be negative", mb.From)
		}
		cd.members[oi] = mb.From
	}
	if !(d.QuestionBack >= 0 && d.QuestionBack <= 1) {
		errs.add(path+".question_back", "%v: must be in [0, 1]", d.QuestionBack)
	}
	if d.QuestionBack > 0 && d.QuestionEffort == nil {
		errs.add(path+".question_effort", "questions back need an effort distribution")
	}
	// Variants, compiled into the service's step-ID space.
	ids := map[string]int{}
	for i, n := range cs.stepNames {
		ids[n] = i
	}
	typeIdx := map[string]int{}
	for i, t := range cs.types {
		typeIdx[t.name] = i
	}
	for _, name := range slices.Sorted(maps.Keys(d.Variants)) {
		ti, ok := typeIdx[name]
		if !ok {
			errs.add(path+".variants", "unknown case type %q", name)
			continue
		}
		cs.types[ti].variant = compileProcess(errs, fmt.Sprintf("%s.variants[%q]", path, name), cs.svc.Name, d.Variants[name], ids, cs)
	}
	// The question step: ZSA work answering a local office's question.
	if d.QuestionBack > 0 {
		cd.qStep = len(ids)
		ids["question"] = cd.qStep
		cs.stepNames = append(cs.stepNames, "question")
		cs.nsteps = len(ids)
	}
	known := map[string]bool{}
	for _, t := range cs.types {
		for _, pr := range []*cproc{t.proc, t.variant} {
			if pr == nil {
				continue
			}
			for _, st := range pr.steps {
				known[st.name] = st.work || known[st.name]
			}
		}
	}
	zsaSteps := map[string]bool{}
	for _, n := range d.Steps {
		work, ok := known[n]
		switch {
		case !ok:
			errs.add(path+".steps", "service %q has no step %q", cs.svc.Name, n)
		case !work:
			errs.add(path+".steps", "step %q is an external wait, not work", n)
		}
		zsaSteps[n] = true
	}
	for _, n := range slices.Sorted(maps.Keys(d.ITSavings)) {
		f := d.ITSavings[n]
		if !(f >= 0 && f <= 1) {
			errs.add(fmt.Sprintf("%s.it_savings[%q]", path, n), "%v: effort factor must be in [0, 1]", f)
		}
		if !zsaSteps[n] {
			errs.add(fmt.Sprintf("%s.it_savings[%q]", path, n), "step is not done by the ZSA")
		}
	}
	for ti := range cs.types {
		t := &cs.types[ti]
		if t.variant == nil {
			t.variant = t.proc
		}
		// The delegated process is a copy: the status quo's stays as it is.
		v := &cproc{steps: slices.Clone(t.variant.steps)}
		for i := range v.steps {
			st := &v.steps[i]
			if st.work && zsaSteps[st.name] {
				st.zsa = true
				if f, ok := d.ITSavings[st.name]; ok {
					st.itFactor = f
				}
			}
		}
		t.variant = v
	}
}

// blockSlack is the rounding a clerk's block may overrun the office's
// window by: Start + FTE·Share ≤ 1 + blockSlack (Clerk.Start).
const blockSlack = 1e-9

// clerkWindow returns the clerk's daily block of time for the services,
// [from, to) in minutes after midnight (Clerk.Start): Open + Start·W to
// Open + (Start + FTE·Share)·W, W = Close − Open, the end at most Close
// (a block that overruns the window by up to blockSlack ends there).
func clerkWindow(m *Model, c *Clerk) (from, to sim.Time) {
	open, closeAt := m.Hours.Open, m.Hours.Close
	w := closeAt - open
	from = open + sim.Time(c.Start)*w
	to = min(closeAt, open+sim.Time(c.Start+c.FTE*c.Share)*w)
	return from, to
}

// zsaPath names a ZSA office in error messages.
func zsaPath(o *coffice) string {
	if o.member >= 0 {
		return fmt.Sprintf("organisation.zsa[unit %q]", o.office.Key)
	}
	return "organisation.zsa"
}

// checkStaffing reports offices that receive cases of a step nobody there
// can work on.
func checkStaffing(errs *errList, p *plan) {
	for _, o := range p.offices {
		for _, cs := range p.services {
			needed := map[string]bool{}
			for _, t := range cs.types {
				for _, pr := range []*cproc{t.proc, t.variant} {
					if pr == nil {
						continue
					}
					for _, st := range pr.steps {
						if !st.work {
							continue
						}
						local := pr == t.proc || !st.zsa
						if o.zsa && st.zsa || !o.zsa && local {
							needed[st.name] = true
						}
					}
				}
			}
			if o.zsa && cs.deleg != nil && cs.deleg.qBack > 0 {
				needed["question"] = true
			}
			if !o.zsa && !officeHasArrivals(p, o.idx, cs.idx) {
				continue
			}
			if o.zsa && cs.deleg == nil {
				continue
			}
			if o.zsa && o.member >= 0 {
				if _, ok := cs.deleg.members[o.member]; !ok {
					continue // a unit of a partitioned ZSA, for a service its member keeps
				}
			}
			for _, n := range slices.Sorted(maps.Keys(needed)) {
				if !anyClerkCan(o.office, cs.svc.Name, n) {
					path := fmt.Sprintf("offices[%q]", o.office.Key)
					if o.zsa {
						path = zsaPath(o)
					}
					errs.add(path+".clerks", "nobody can do step %q of %s, but cases need it", n, cs.svc.Name)
				}
			}
		}
	}
}

func officeHasArrivals(p *plan, office, svc int) bool {
	for _, s := range p.sources {
		if s.office == office && s.svc == svc && p.m.Communes[s.commune].Population > 0 && p.services[svc].svc.PerThousand > 0 {
			return true
		}
	}
	return false
}

func anyClerkCan(o *Office, service, step string) bool {
	for _, c := range o.Clerks {
		for _, sk := range c.Skills {
			if sk == service || sk == service+"/"+step {
				return true
			}
		}
	}
	return false
}
