package models

import (
	"errors"
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
	// groups are the offices that exchange cases, with their sources:
	// each is simulated on its own (see group).
	groups []group
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
	itFactor float64 // effort factor at the ZSA: IT × process savings (1: none)
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

// source is one arrival source: a commune × service, or the follow-ups
// of one office's cases approved before the start.
type source struct {
	svc     int
	commune int // -1 for inherited follow-ups
	office  int
	// population is the commune's inhabitants, or the office's catchment
	// for inherited follow-ups.
	population float64
	// For the follow-ups of cases approved before the start
	// (Reapply.Inherited), one source per office and kind: their case
	// type, the time they stop and their rate per 1,000 inhabitants a
	// year; typ is -1 for a source of new cases, whose type is drawn from
	// the shares.
	typ         int
	until       sim.Time
	perThousand float64
}

// compiler builds a plan phase by phase, collecting the problems found.
type compiler struct {
	p    *plan
	errs errList
	// officeIdx and svcIdx resolve local offices' keys and services' names
	// to their indices in p.offices and p.services.
	officeIdx map[string]int
	svcIdx    map[string]int
}

// compile validates m and org and builds the plan, phase by phase: the
// model's own values and calendar, the local offices, the services, the
// delegations, the clerks, the communes with their arrival sources, the
// ZSA (pooled or partitioned), when each office joins it and, if nothing
// else is wrong, the staffing and the groups of offices that exchange
// cases.
// It reports every problem found, each a *FieldError, joined.
func compile(m *Model, org *Organisation) (*plan, error) {
	if m == nil {
		return nil, errors.New("models: nil model")
	}
	if org == nil {
		org = &Organisation{Name: "status quo"}
	}
	c := &compiler{p: &plan{m: m, org: org, zsa: -1}, officeIdx: map[string]int{}, svcIdx: map[string]int{}}
	c.model()
	c.offices()
	c.services()
	c.delegations()
	c.clerks()
	c.communes()
	c.zsa()
	c.joins()
	if len(c.errs) == 0 {
		c.staffing()
	}
	if len(c.errs) == 0 {
		c.p.groups = groupsOf(c.p)
	}
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}
	return c.p, nil
}

// model checks the Model's own values (horizon, warm-up, cost per FTE,
// Verteilzeit, the number of services) and builds the office calendar,
// whose problems it reports at the fields they come from: start, hours
// and weekdays.
func (c *compiler) model() {
	m := c.p.m
	if !(m.Horizon > 0) || math.IsInf(float64(m.Horizon), 0) {
		c.errs.add(Path{"horizon"}, "%v: must be positive", m.Horizon)
	}
	if !(m.WarmUp >= 0 && m.WarmUp < m.Horizon) {
		c.errs.add(Path{"warmup"}, "%v: must be at least 0 and shorter than the horizon %v", m.WarmUp, m.Horizon)
	}
	if m.CostPerFTE < 0 || math.IsNaN(m.CostPerFTE) || math.IsInf(m.CostPerFTE, 0) {
		c.errs.add(Path{"cost_per_fte"}, "%v: must be a non-negative number of euros", m.CostPerFTE)
	}
	if !(m.Verteilzeit >= 0 && m.Verteilzeit <= 1) {
		c.errs.add(Path{"verteilzeit"}, "%v: must be a fraction in [0, 1], e.g. 0.15 for 15 %%", m.Verteilzeit)
	}
	if len(m.Services) == 0 {
		c.errs.add(Path{"services"}, "no service defined")
	}
	if len(m.Services) > 64 {
		c.errs.add(Path{"services"}, "%d services: at most 64", len(m.Services))
	}
	days := int(m.Horizon/sim.Day) + 31 // work may end after the horizon; later days are computed day by day
	cal, err := calendar.New(calendar.Config{Start: m.Start, Open: m.Hours.Open, Close: m.Hours.Close, Days: days,
		Weekdays: m.Weekdays, NoStateHolidays: m.NoStateHolidays})
	for _, e := range unjoin(err) {
		var ce *calendar.ConfigError
		if errors.As(e, &ce) {
			c.errs.add(Path{calendarField(ce.Field)}, "%s", ce.Msg)
		} else {
			c.errs.add(Path{"start"}, "%v", e)
		}
	}
	c.p.cal = cal
}

// calendarField names the Model's field behind a calendar.Config field.
func calendarField(f string) string {
	switch f {
	case "Open":
		return "hours"
	case "Days":
		return "horizon" // the table's size follows from it
	}
	return strings.ToLower(f)
}

// unjoin returns the errors joined in err (errors.Join), err alone if it
// is not a join, or nil for nil.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err != nil {
		return []error{err}
	}
	return nil
}

// offices numbers the local offices, checking that their keys are set and
// unique and that the ZSA's key differs from all of them.
func (c *compiler) offices() {
	m, org := c.p.m, c.p.org
	for i := range m.Offices {
		o := &m.Offices[i]
		if o.Key == "" {
			c.errs.add(Path{"offices"}.Index(i), "empty key")
		}
		if _, dup := c.officeIdx[o.Key]; dup {
			c.errs.add(Path{"offices"}.Key(o.Key), "office key defined twice")
		}
		c.officeIdx[o.Key] = len(c.p.offices)
		c.p.offices = append(c.p.offices, &coffice{idx: len(c.p.offices), office: o, member: -1})
	}
	if org.ZSA != nil {
		if _, dup := c.officeIdx[org.ZSA.Key]; dup || org.ZSA.Key == "" {
			c.errs.add(Path{"organisation", "zsa", "key"}, "%q: must be set and differ from every local office's key", org.ZSA.Key)
		}
	}
}

// services checks the services' names and compiles each service (see
// compileService).
func (c *compiler) services() {
	m := c.p.m
	for i := range m.Services {
		s := &m.Services[i]
		if s.Name == "" || strings.Contains(s.Name, "/") {
			c.errs.add(Path{"services"}.Index(i).Field("name"), "%q: must be non-empty and contain no '/'", s.Name)
		}
		if _, dup := c.svcIdx[s.Name]; dup {
			c.errs.add(Path{"services"}.Key(s.Name), "service defined twice")
		}
		c.svcIdx[s.Name] = i
		c.p.services = append(c.p.services, compileService(&c.errs, Path{"services"}.Key(s.Name), i, s))
	}
}

// delegations resolves each delegation's service, which must exist and
// be delegated once, to a ZSA, and compiles it (see compileDelegation).
func (c *compiler) delegations() {
	org := c.p.org
	for i := range org.Delegations {
		d := &org.Delegations[i]
		path := Path{"organisation", "delegations"}.Index(i)
		si, ok := c.svcIdx[d.Service]
		if !ok {
			c.errs.add(path.Field("service"), "unknown service %q", d.Service)
			continue
		}
		if org.ZSA == nil {
			c.errs.add(path, "delegation without a ZSA office")
			continue
		}
		cs := c.p.services[si]
		if cs.deleg != nil {
			c.errs.add(path.Field("service"), "service %q delegated twice", d.Service)
			continue
		}
		compileDelegation(&c.errs, path, cs, d, c.officeIdx)
	}
}

// zsa adds the ZSA's offices after the local ones: one pool that does
// every member's delegated work, or one unit per member office
// (Organisation.Partitioned, see partition), and maps each local office
// to the ZSA office that works for it. A partitioned ZSA is split only if
// nothing is wrong so far: the split needs valid workloads and staff.
func (c *compiler) zsa() {
	p := c.p
	p.zsaOf = make([]int, len(p.m.Offices))
	for oi := range p.zsaOf {
		p.zsaOf[oi] = -1
	}
	switch {
	case p.org.ZSA == nil:
	case p.org.Partitioned:
		for i, cl := range p.org.ZSA.Clerks {
			if cl.From > 0 {
				c.errs.add(Path{"organisation", "zsa", "clerks"}.Index(i).Field("from"), "a ZSA split into units (pooling off) hires no one later")
			}
		}
		if len(c.errs) == 0 {
			partition(p, c.officeIdx)
		}
	default:
		p.zsa = len(p.offices)
		p.offices = append(p.offices, &coffice{idx: p.zsa, office: p.org.ZSA, zsa: true, member: -1})
		for oi := range p.zsaOf {
			p.zsaOf[oi] = p.zsa
		}
	}
}

// communes checks the communes (listed once, population a non-negative
// number, catchment offices and services that exist) and makes an
// arrival source for each commune and service it files cases of, ordered
// by service, then commune.
func (c *compiler) communes() {
	p := c.p
	seen := map[string]bool{}
	for i := range p.m.Communes {
		cm := &p.m.Communes[i]
		path := Path{"communes"}.Key(cm.AGS)
		if seen[cm.AGS] {
			c.errs.add(path, "commune listed twice")
		}
		seen[cm.AGS] = true
		if !(cm.Population >= 0) || math.IsInf(cm.Population, 0) {
			c.errs.add(path.Field("population"), "%v: must be a non-negative number", cm.Population)
		}
		for si, cs := range p.services {
			key, ok := cm.Office[cs.svc.Name]
			if !ok {
				continue
			}
			oi, ok := c.officeIdx[key]
			if !ok {
				c.errs.add(path.Field("office"), "%s: unknown office %q", cs.svc.Name, key)
				continue
			}
			p.sources = append(p.sources, source{svc: si, commune: i, office: oi, typ: -1, until: sim.Time(math.Inf(1)), population: p.m.Communes[i].Population})
		}
		for _, name := range slices.Sorted(maps.Keys(cm.Office)) {
			if _, ok := c.svcIdx[name]; !ok {
				c.errs.add(path.Field("office"), "unknown service %q", name)
			}
		}
	}
	slices.SortStableFunc(p.sources, func(a, b source) int { return a.svc - b.svc })
	c.inherited()
}

// inherited appends, after the sources of new cases (whose order, and so
// their cases' random numbers, it leaves alone), a source for every
// commune and re-application marked Inherited: the follow-ups of cases
// approved before the start, at their steady-state rate, until After.
func (c *compiler) inherited() {
	p := c.p
	n := len(p.sources)
	for si, cs := range p.services {
		s := cs.svc
		var rates, approved []float64
		for ti, t := range s.Types {
			r := t.Reapply
			if r == nil || !r.Inherited || cs.types[ti].reapply == nil {
				continue
			}
			if rates == nil {
				rates, approved = steadyState(s, expectedCases)
			}
			rate := rates[ti] * approved[ti] * r.Prob
			if math.IsInf(rates[ti], 0) || math.IsInf(rates[cs.types[ti].reapply.typ], 0) {
				c.errs.add(Path{"services"}.Key(s.Name).Field("types").Key(t.Name).Field("reapply").Field("inherited"),
					"the follow-ups of %q renew themselves with certainty: there is no steady state to start from", t.Name)
				continue
			}
			// One source per office: the cases' home is the office, and
			// fewer sources generate arrivals faster.
			pop := make([]float64, len(p.offices))
			for _, src := range p.sources[:n] {
				if src.svc == si {
					pop[src.office] += src.population
				}
			}
			for oi, people := range pop {
				if people > 0 {
					p.sources = append(p.sources, source{svc: si, commune: -1, office: oi,
						typ: cs.types[ti].reapply.typ, until: r.After, perThousand: rate, population: people})
				}
			}
		}
	}
}

// expectedCases is the number of synthetic cases behind the expected
// rates and shares of compile (SteadyStateRates, ApprovalShare).
const expectedCases = 4000

// joins tabulates, for each delegated service, when each office joins
// the ZSA: its member's time, +Inf for the others.
func (c *compiler) joins() {
	for _, cs := range c.p.services {
		if d := cs.deleg; d != nil {
			d.joins = make([]sim.Time, len(c.p.offices))
			for oi := range d.joins {
				d.joins[oi] = sim.Time(math.Inf(1))
			}
			for oi, from := range d.members {
				d.joins[oi] = from
			}
		}
	}
}
