package scenarios

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"zsa/models"
	"zsa/models/calendar"
	"zsa/models/learning"
	"zsa/sim"
)

// Scenario is a loaded, validated scenario: the model, the organisations
// to compare and how to run them.
type Scenario struct {
	Name, Description string
	// Source is where the scenario was read from; Hash is the hex SHA-256
	// of its files and data.
	Source, Hash string
	Model        *models.Model
	// Arms are the organisations compared; Arms[0] is the status quo.
	Arms         []*models.Organisation
	Replications int
	Seed         uint64
	// EventLog is the event-log format the scenario asks for ("", "csv"
	// or "xes").
	EventLog string
	// DataFiles are the data tables read, as paths or "bundled:…" for the
	// program's own copies.
	DataFiles []string
	// Sweep lists the swept parameters, if the scenario declares a sweep
	// (see Points and At); SweepMode is Grid or OneAtATime.
	Sweep     []Param
	SweepMode string
	// Mechanisms are the names of the decomposition's mechanisms, in
	// display order, and DecomposedArm the index in Arms of the arm whose
	// effect they explain; empty without a decomposition (see Without).
	Mechanisms    []string
	DecomposedArm int

	decomposition *DecompositionFile

	loaded *loaded
}

// Text returns the texts of the scenario's files, the file itself first
// and then the files it extends, each headed by its name: what a report
// shows as the scenario's parameters.
func (sc *Scenario) Text() string {
	var b strings.Builder
	for _, s := range sc.loaded.sources {
		fmt.Fprintf(&b, "# ---- %s\n%s\n", s.name, s.text)
	}
	return b.String()
}

// Defaults for optional keys of a complete scenario.
const (
	defaultMaxShare    = 1.0  // a local clerk may spend all their time on one service
	defaultUtilisation = 0.75 // staffing rule's target utilisation
	defaultFTE         = 1.0
	defaultPrior       = 1.0 // a novice
	// defaultVerteilzeit is the Personalbemessung's usual surcharge in
	// the public service (see File.Verteilzeit for the sources).
	defaultVerteilzeit = 0.15
)

// defaultWeekdays are the working weekdays when a file names none.
var defaultWeekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// builder turns a merged File into a Scenario, collecting problems.
type builder struct {
	l    *loaded
	errs []error
	data []string // data files read, as shown to users
}

// err records a problem with the value at path, located in the file that
// defines it.
func (b *builder) err(path []string, format string, args ...any) {
	src := b.l.sources[0]
	for _, s := range b.l.sources {
		if s.md.IsDefined(path...) {
			src = s
			break
		}
	}
	b.errs = append(b.errs, fmt.Errorf("%s:%d: %s: %s", src.name, lineOf(src, path), strings.Join(path, "."), fmt.Sprintf(format, args...)))
}

func p(parts ...string) []string { return parts }

func build(l *loaded) (*Scenario, error) {
	b := &builder{l: l}
	f := &l.file
	sc := &Scenario{Name: f.Name, Description: f.Description, Source: l.sources[0].name, loaded: l}
	m := &models.Model{}
	sc.Model = m
	if f.Name == "" {
		b.err(p("name"), "missing: every scenario needs a name")
	}
	if f.Start == nil {
		b.err(p("start"), "missing: the first simulated day, e.g. \"2026-01-01\"")
	} else {
		m.Start = f.Start.Date
	}
	if f.Horizon == nil || !(f.Horizon.Time > 0) {
		b.err(p("horizon"), "missing or not positive: the simulated time, e.g. \"365d\"")
	} else {
		m.Horizon = f.Horizon.Time
	}
	if f.WarmUp != nil {
		m.WarmUp = f.WarmUp.Time
		if f.Horizon != nil && m.WarmUp >= m.Horizon {
			b.err(p("warmup"), "%v is not shorter than the horizon %v", m.WarmUp, m.Horizon)
		}
	}
	if f.Replications == nil || *f.Replications < 2 {
		b.err(p("replications"), "missing or below 2: confidence intervals need at least 2 replications")
	} else {
		sc.Replications = *f.Replications
	}
	if f.Seed == nil {
		b.err(p("seed"), "missing: a fixed seed makes runs reproducible")
	} else {
		sc.Seed = *f.Seed
	}
	if f.Hours == nil || f.Hours.Open == nil || f.Hours.Close == nil {
		b.err(p("hours"), "missing: the office window, e.g. hours = { open = \"7:30\", close = \"16:00\" }")
	} else {
		m.Hours.Open, m.Hours.Close = f.Hours.Open.Time, f.Hours.Close.Time
		if m.Hours.Open >= m.Hours.Close {
			b.err(p("hours"), "open %v is not before close %v", m.Hours.Open, m.Hours.Close)
		}
	}
	m.Weekdays = slices.Clone(defaultWeekdays)
	if len(f.Weekdays) > 0 {
		m.Weekdays = nil
		for _, w := range f.Weekdays {
			if slices.Contains(m.Weekdays, w.Weekday) {
				b.err(p("weekdays"), "%v listed twice", w.Weekday)
			}
			m.Weekdays = append(m.Weekdays, w.Weekday)
		}
	}
	if f.Holidays != nil {
		m.NoStateHolidays = !*f.Holidays
	}
	if f.Outputs != nil {
		switch f.Outputs.EventLog {
		case "", "csv", "xes":
			sc.EventLog = f.Outputs.EventLog
		default:
			b.err(p("outputs", "event_log"), "%q: must be one of (csv|xes)", f.Outputs.EventLog)
		}
	}
	if f.CostPerFTE != nil {
		if !finite(*f.CostPerFTE) || *f.CostPerFTE < 0 {
			b.err(p("cost_per_fte"), "%v: must be a non-negative number of euros", *f.CostPerFTE)
		}
		m.CostPerFTE = *f.CostPerFTE
	}
	m.Verteilzeit = defaultVerteilzeit
	if f.Verteilzeit != nil {
		m.Verteilzeit = *f.Verteilzeit
		if !(m.Verteilzeit >= 0 && m.Verteilzeit <= 1) {
			b.err(p("verteilzeit"), "%v: must be a fraction in [0, 1], e.g. 0.15 for 15 %%", m.Verteilzeit)
		}
	}

	// Data.
	var communes []communeRow
	var admins map[string]map[string]string
	var dataBytes [][]byte
	if f.Data == nil || f.Data.Communes == nil || f.Data.Administrations == nil {
		b.err(p("data"), "missing: data = { communes = \"data/….csv\", administrations = \"data/….csv\" }")
	} else {
		var raw []byte
		communes, raw = b.readCommunes(f.Data.Communes, f.Data.Only)
		dataBytes = append(dataBytes, raw)
		admins, raw = b.readAdmins(f.Data.Administrations)
		dataBytes = append(dataBytes, raw)
		if len(b.errs) > 0 {
			// Without the data every office reference would fail too.
			return nil, errors.Join(b.errs...)
		}
	}

	// Services.
	if len(f.Services) == 0 {
		b.err(p("services"), "no service defined")
	}
	svcNames := sortedKeys(f.Services)
	for _, name := range svcNames {
		m.Services = append(m.Services, b.service(name, f.Services[name]))
	}

	// Communes and offices: offices in order of first appearance.
	officeIdx := map[string]int{}
	for _, c := range communes {
		mc := models.Commune{AGS: c.ags, Name: c.name, Population: c.pop, Office: map[string]string{}}
		row := admins[c.ags]
		for _, name := range svcNames {
			sf := f.Services[name]
			if sf.OfficeColumn == nil {
				continue
			}
			key := row[*sf.OfficeColumn]
			if key == "" {
				b.err(p("services", name, "office_column"), "commune %s (%s) has no office in column %q of the administrations table", c.ags, c.name, *sf.OfficeColumn)
				continue
			}
			mc.Office[name] = key
			if _, ok := officeIdx[key]; !ok {
				officeName := key
				if sf.OfficeNameColumn != nil && row[*sf.OfficeNameColumn] != "" {
					officeName = row[*sf.OfficeNameColumn]
				}
				officeIdx[key] = len(m.Offices)
				m.Offices = append(m.Offices, models.Office{Key: key, Name: officeName})
			}
		}
		m.Communes = append(m.Communes, mc)
	}
	for _, name := range svcNames {
		if f.Services[name].OfficeColumn == nil {
			b.err(p("services", name, "office_column"), "missing: the administrations column naming each commune's office")
		}
	}

	// Staffing of the local offices.
	for _, name := range svcNames {
		st, ok := f.Staffing[name]
		if !ok {
			b.err(p("staffing"), "no staffing rule for service %q", name)
			continue
		}
		b.staff(m, name, st)
	}
	for _, name := range sortedKeys(f.Staffing) {
		if _, ok := f.Services[name]; !ok {
			b.err(p("staffing", name), "unknown service %q (services: %s)", name, strings.Join(svcNames, ", "))
		}
	}

	// Arms.
	sc.Arms = []*models.Organisation{{Name: "status quo"}}
	for _, key := range sortedKeys(f.Arms) {
		sc.Arms = append(sc.Arms, b.arm(m, key, f.Arms[key]))
	}

	if f.Sweep != nil {
		switch f.Sweep.Mode {
		case "", Grid:
			sc.SweepMode = Grid
		case OneAtATime:
			sc.SweepMode = OneAtATime
		default:
			b.err(p("sweep", "mode"), "%q: must be one of (%s|%s)", f.Sweep.Mode, Grid, OneAtATime)
		}
		if len(f.Sweep.Params) == 0 {
			b.err(p("sweep", "params"), "no parameter to sweep")
		}
		for _, path := range sortedKeys(f.Sweep.Params) {
			vals := f.Sweep.Params[path]
			if len(vals) == 0 {
				b.err(p("sweep", "params"), "%s: no values", path)
			}
			for _, v := range vals {
				switch v.(type) {
				case int64, float64, string, bool:
				case map[string]any: // several keys below path set together
				default:
					b.err(p("sweep", "params"), "%s: value %v: want numbers, strings, booleans or tables", path, v)
				}
			}
			sc.Sweep = append(sc.Sweep, Param{Path: path, Values: vals})
		}
	}

	if d := f.Decomposition; d != nil {
		sc.decomposition = d
		idx := slices.Index(sortedKeys(f.Arms), d.Arm)
		if idx < 0 {
			b.err(p("decomposition", "arm"), "%q is not an arm (arms: %s)", d.Arm, strings.Join(sortedKeys(f.Arms), ", "))
		}
		sc.DecomposedArm = idx + 1 // after the status quo
		if len(d.Off) == 0 {
			b.err(p("decomposition", "off"), "no mechanism")
		}
		sc.Mechanisms = sortedKeys(d.Off)
		if len(d.Order) > 0 {
			if !slices.Equal(slices.Sorted(slices.Values(d.Order)), sc.Mechanisms) {
				b.err(p("decomposition", "order"), "must list each mechanism of decomposition.off once (%s)", strings.Join(sc.Mechanisms, ", "))
			}
			sc.Mechanisms = d.Order
		}
		if len(d.Off) > 8 {
			b.err(p("decomposition", "off"), "%d mechanisms: at most 8 (2^n combinations are run)", len(d.Off))
		}
	}

	if len(b.errs) == 0 {
		// The model's own checks (references, staffing against arrivals).
		for _, arm := range sc.Arms {
			if err := models.Validate(m, arm); err != nil {
				for _, e := range strings.Split(err.Error(), "\n") {
					b.errs = append(b.errs, fmt.Errorf("%s: %s: %s", l.sources[0].name, arm.Name, e))
				}
			}
		}
	}
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	if len(communes) == 0 {
		return nil, fmt.Errorf("%s: data: no commune left (check data.only)", l.sources[0].name)
	}
	sc.Hash = hashOf(l, dataBytes...)
	sc.DataFiles = b.data
	return sc, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// prob checks a probability.
func (b *builder) prob(path []string, x float64) float64 {
	if !(x >= 0 && x <= 1) {
		b.err(path, "%v: must be a probability in [0, 1]", x)
	}
	return x
}

func (b *builder) service(name string, sf *ServiceFile) models.Service {
	s := models.Service{Name: name, Reference: defaultPrior}
	at := func(k ...string) []string { return append([]string{"services", name}, k...) }
	if strings.Contains(name, "/") {
		b.err(at(), "service names may not contain '/'")
	}
	if sf.PerThousand == nil || !finite(*sf.PerThousand) || *sf.PerThousand < 0 {
		b.err(at("per_thousand"), "missing or not a non-negative number: cases per 1,000 inhabitants per year")
	} else {
		s.PerThousand = *sf.PerThousand
	}
	// Profile: documented defaults are a flat year, counters Monday to
	// Friday, no online share.
	for i := range s.Profile.Monthly {
		s.Profile.Monthly[i] = 1
	}
	s.Profile.Weekday = [7]float64{1, 1, 1, 1, 1, 0, 0}
	if pf := sf.Profile; pf != nil {
		if pf.Monthly != nil {
			if len(pf.Monthly) != 12 {
				b.err(at("profile", "monthly"), "%d factors: want 12, January first", len(pf.Monthly))
			} else {
				copy(s.Profile.Monthly[:], pf.Monthly)
			}
		}
		if pf.Weekday != nil {
			if len(pf.Weekday) != 7 {
				b.err(at("profile", "weekday"), "%d weights: want 7, Monday first", len(pf.Weekday))
			} else {
				copy(s.Profile.Weekday[:], pf.Weekday)
			}
		}
		if pf.OnlineShare != nil {
			s.Profile.OnlineShare = b.prob(at("profile", "online_share"), *pf.OnlineShare)
		}
	}
	if err := s.Profile.Validate(); err != nil {
		for _, e := range strings.Split(err.Error(), "\n") {
			b.err(at("profile"), "%s", strings.TrimPrefix(e, "arrivals: profile: "))
		}
	}
	if sf.Learning == nil || sf.Learning.Rate == nil {
		b.err(at("learning"), "missing: learning = { rate = 0.85, floor = 0.5 } (rate 1 means no learning)")
	} else {
		s.Learning.Rate = *sf.Learning.Rate
		if sf.Learning.Floor != nil {
			s.Learning.Floor = *sf.Learning.Floor
		}
		if sf.Learning.PerStep != nil {
			s.LearnPerStep = *sf.Learning.PerStep
		}
		if err := s.Learning.Validate(); err != nil {
			b.err(at("learning"), "%v", err)
		}
	}
	if sf.Reference != nil {
		s.Reference = *sf.Reference
		if !(s.Reference >= 1) || !finite(s.Reference) {
			b.err(at("reference"), "%v: experience is counted in items from 1 (a novice)", s.Reference)
		}
	}
	if sf.Forgetting != nil {
		s.Forgetting.Horizon = sf.Forgetting.Time
	}
	if sf.Switch != nil {
		s.Switch = sf.Switch.Dist
	}
	if sf.Rework != nil {
		s.ReworkFactor = *sf.Rework
		if !(s.ReworkFactor >= 0 && s.ReworkFactor <= 1) {
			b.err(at("rework_factor"), "%v: must be in [0, 1]", s.ReworkFactor)
		}
	}
	if sf.Level != nil {
		s.ServiceLevel = *sf.Level
		if !(s.ServiceLevel >= 0) || !finite(s.ServiceLevel) {
			b.err(at("service_level"), "%v: must be a non-negative number of working days", s.ServiceLevel)
		}
	}
	if len(sf.Types) == 0 {
		b.err(at("types"), "no case type")
	}
	var shares float64
	for _, tn := range sortedKeys(sf.Types) {
		tf := sf.Types[tn]
		tp := at("types", tn)
		t := models.CaseType{Name: tn}
		if tf.Share == nil {
			b.err(append(tp, "share"), "missing: the type's share of the service's cases")
		} else {
			t.Share = b.prob(append(tp, "share"), *tf.Share)
			shares += t.Share
		}
		t.Process = b.steps(append(tp, "steps"), tf.Steps)
		if tf.Backlog != nil {
			t.Backlog = *tf.Backlog
			if !(t.Backlog >= 0) || !finite(t.Backlog) {
				b.err(append(tp, "backlog"), "%v: must be a non-negative number per 1,000 inhabitants", t.Backlog)
			}
		}
		if r := tf.Reapply; r != nil {
			rp := append(tp, "reapply")
			ra := &models.Reapply{Type: r.Type}
			if r.Prob == nil || r.After == nil || r.Type == "" {
				b.err(rp, "needs prob, after and type")
			} else {
				ra.Prob, ra.After = b.prob(append(rp, "prob"), *r.Prob), r.After.Time
				if _, ok := sf.Types[r.Type]; !ok {
					b.err(append(rp, "type"), "unknown case type %q (types: %s)", r.Type, strings.Join(sortedKeys(sf.Types), ", "))
				}
			}
			t.Reapply = ra
		}
		s.Types = append(s.Types, t)
	}
	if len(sf.Types) > 0 && math.Abs(shares-1) > 1e-9 {
		b.err(at("types"), "shares sum to %v, not 1", shares)
	}
	return s
}

// steps converts a process.
func (b *builder) steps(path []string, sfs []StepFile) models.Process {
	if len(sfs) == 0 {
		b.err(path, "no steps")
	}
	names := map[string]bool{}
	for _, sf := range sfs {
		names[sf.Name] = true
	}
	var proc models.Process
	for i, sf := range sfs {
		sp := append(slices.Clone(path), strconv.Itoa(i))
		if sf.Name == "" {
			b.err(path, "step %d has no name", i+1)
		}
		st := models.Step{Name: sf.Name, OnTimeout: sf.OnTimeout}
		switch {
		case sf.Effort != nil && sf.Delay != nil:
			b.err(path, "step %q has both effort (work) and delay (external wait)", sf.Name)
		case sf.Effort != nil:
			st.Effort = sf.Effort.Dist
		case sf.Delay != nil:
			st.Delay = sf.Delay.Dist
		default:
			b.err(path, "step %q needs effort (clerk work) or delay (external wait)", sf.Name)
		}
		if sf.Deadline != nil {
			st.Deadline = sf.Deadline.Time
			if sf.OnTimeout == "" {
				b.err(path, "step %q has a deadline but no on_timeout target", sf.Name)
			}
		}
		if sf.OnTimeout != "" && !names[sf.OnTimeout] && sf.OnTimeout != models.Done && sf.OnTimeout != models.Reject {
			b.err(path, "step %q: on_timeout: unknown step %q", sf.Name, sf.OnTimeout)
		}
		if q := sf.Quality; q != nil {
			if q.Initial == nil || q.Rate == nil {
				b.err(path, "step %q: quality needs initial and rate (and optionally floor)", sf.Name)
			} else {
				st.Quality = learning.Quality{Initial: *q.Initial, Rate: *q.Rate}
				if q.Floor != nil {
					st.Quality.Floor = *q.Floor
				}
				if err := st.Quality.Validate(); err != nil {
					b.err(path, "step %q: quality: %v", sf.Name, err)
				}
			}
		}
		for _, br := range sf.Next {
			if !names[br.To] && br.To != models.Done && br.To != models.Reject {
				b.err(path, "step %q: next: unknown step %q (steps: %s, or %q, %q)", sf.Name, br.To, strings.Join(sortedKeys(names), ", "), models.Done, models.Reject)
			}
			for _, x := range br.P {
				b.prob(path, x)
			}
			st.Next = append(st.Next, models.Branch{To: br.To, Prob: br.P})
		}
		_ = sp
		proc = append(proc, st)
	}
	return proc
}

// staff adds the clerks of a service's staffing rule to every office that
// receives its cases.
func (b *builder) staff(m *models.Model, svc string, st *Staffing) {
	at := func(k ...string) []string { return append([]string{"staffing", svc}, k...) }
	n, util, maxShare, fte, prior := 1, defaultUtilisation, defaultMaxShare, defaultFTE, defaultPrior
	leave, sick := 0, 0.0
	if st.Clerks != nil {
		n = *st.Clerks
		if n < 1 {
			b.err(at("clerks"), "%d: every office needs at least one clerk", n)
			return
		}
	}
	if st.Utilisation != nil {
		util = *st.Utilisation
		if !(util > 0 && util <= 1) {
			b.err(at("utilisation"), "%v: must be in (0, 1]", util)
			return
		}
	}
	if st.MaxShare != nil {
		maxShare = *st.MaxShare
		if !(maxShare > 0 && maxShare <= 1) {
			b.err(at("max_share"), "%v: must be in (0, 1]", maxShare)
			return
		}
	}
	if st.FTE != nil {
		fte = *st.FTE
		if !(fte > 0 && fte <= 1) {
			b.err(at("fte"), "%v: must be in (0, 1]", fte)
			return
		}
	}
	fixed := 0.0 // a fixed share, or 0 for the share from the utilisation
	if st.Share != nil {
		fixed = *st.Share
		if !(fixed > 0 && fixed <= 1) {
			b.err(at("share"), "%v: must be in (0, 1]", fixed)
			return
		}
		if st.Utilisation != nil || st.MaxShare != nil {
			b.err(at("share"), "%v: a fixed share excludes utilisation and max_share, which size the share: give one or the other", fixed)
			return
		}
	}
	if st.Prior != nil {
		prior = *st.Prior
	}
	if st.LeaveDays != nil {
		leave = *st.LeaveDays
	}
	if st.SickRate != nil {
		sick = *st.SickRate
	}
	policy, ok := parsePolicy(st.Policy)
	if !ok {
		b.err(at("policy"), "%q: must be one of (oldest-first|started-first)", st.Policy)
	}
	var service *models.Service
	for i := range m.Services {
		if m.Services[i].Name == svc {
			service = &m.Services[i]
		}
	}
	if service == nil || len(b.errs) > 0 || m.Horizon <= 0 {
		return
	}
	// Expected reference effort per case, over the case types.
	var perCase float64
	for _, t := range service.Types {
		perCase += t.Share * models.ExpectedEffort(t.Process, 4000)
	}
	perCase *= service.Learning.Relative(max(prior, 1), service.Reference)
	cal, err := calendar.New(calendar.Config{Start: m.Start, Open: m.Hours.Open, Close: m.Hours.Close, Weekdays: m.Weekdays,
		NoStateHolidays: m.NoStateHolidays})
	if err != nil {
		return
	}
	days := float64(cal.WorkingDays(m.Start, m.Start.AddDays(365)))
	capacity := fte * float64(m.Hours.Close-m.Hours.Open) * (days - float64(leave)) * (1 - sick) // minutes a year
	load := map[string]float64{}
	for _, c := range m.Communes {
		if key, ok := c.Office[svc]; ok {
			load[key] += c.Population * service.PerThousand / 1000 * perCase
		}
	}
	for i := range m.Offices {
		o := &m.Offices[i]
		w, ok := load[o.Key]
		if !ok {
			continue
		}
		k, share := n, fixed
		if fixed == 0 {
			share = w / (float64(k) * capacity * util)
			for share > maxShare {
				k++
				share = w / (float64(k) * capacity * util)
			}
			share = max(share, 0.01)
		}
		for j := range k {
			o.Clerks = append(o.Clerks, models.Clerk{
				Name: fmt.Sprintf("%s %d", svc, j+1), FTE: fte, Share: share,
				Skills: []string{svc}, Prior: prior, LeaveDays: leave, SickRate: sick,
			})
		}
		o.Policy = policy
	}
}

func parsePolicy(s string) (models.Policy, bool) {
	switch s {
	case "", "oldest-first":
		return models.OldestFirst, true
	case "started-first":
		return models.StartedFirst, true
	}
	return 0, false
}

// arm builds an organisation.
func (b *builder) arm(m *models.Model, key string, af *ArmFile) *models.Organisation {
	at := func(k ...string) []string { return append([]string{"arms", key}, k...) }
	org := &models.Organisation{Name: af.Name}
	if org.Name == "" {
		org.Name = key
	}
	if af.ZSA == nil {
		b.err(at("zsa"), "missing: the ZSA's staff, e.g. zsa = { clerks = { Wohngeld = 4 } }")
		return org
	}
	z := &models.Office{Key: "ZSA", Name: "ZSA"}
	prior, leave, sick := defaultPrior, 0, 0.0
	if af.ZSA.Prior != nil {
		prior = *af.ZSA.Prior
	}
	if af.ZSA.LeaveDays != nil {
		leave = *af.ZSA.LeaveDays
	}
	if af.ZSA.SickRate != nil {
		sick = *af.ZSA.SickRate
	}
	policy, ok := parsePolicy(af.ZSA.Policy)
	if !ok {
		b.err(at("zsa", "policy"), "%q: must be one of (oldest-first|started-first)", af.ZSA.Policy)
	}
	z.Policy = policy
	org.Partitioned = af.ZSA.Pooled != nil && !*af.ZSA.Pooled
	share := 1.0
	if af.ZSA.Share != nil {
		share = *af.ZSA.Share
		if !(share > 0 && share <= 1) {
			b.err(at("zsa", "share"), "%v: must be in (0, 1]", share)
		}
	}
	for _, svc := range sortedKeys(af.ZSA.Clerks) {
		n := af.ZSA.Clerks[svc]
		if _, ok := af.Services[svc]; !ok {
			b.err(at("zsa", "clerks", svc), "service %q is not delegated in this arm", svc)
		}
		if n < 0 {
			b.err(at("zsa", "clerks", svc), "%d: must not be negative", n)
		}
		for j := range n {
			z.Clerks = append(z.Clerks, models.Clerk{Name: fmt.Sprintf("%s %d", svc, j+1), FTE: 1, Share: share,
				Skills: []string{svc}, Prior: prior, LeaveDays: leave, SickRate: sick})
		}
	}
	if g := af.ZSA.Generalists; g != nil {
		for j := range *g {
			z.Clerks = append(z.Clerks, models.Clerk{Name: fmt.Sprintf("generalist %d", j+1), FTE: 1, Share: share,
				Skills: sortedKeys(af.Services), Prior: prior, LeaveDays: leave, SickRate: sick})
		}
	}
	org.ZSA = z
	for _, svc := range sortedKeys(af.Services) {
		df := af.Services[svc]
		dp := at("services", svc)
		var service *models.Service
		for i := range m.Services {
			if m.Services[i].Name == svc {
				service = &m.Services[i]
			}
		}
		if service == nil {
			b.err(dp, "unknown service %q", svc)
			continue
		}
		d := models.Delegation{Service: svc, Steps: df.Steps, ITSavings: df.ITSavings}
		if df.HandOver != nil {
			d.HandOver = df.HandOver.Dist
		}
		if df.QuestionBack != nil {
			d.QuestionBack = b.prob(append(dp, "question_back"), *df.QuestionBack)
		}
		if df.QuestionEffort != nil {
			d.QuestionEffort = df.QuestionEffort.Dist
		}
		offices := map[string]bool{}
		for _, c := range m.Communes {
			if k, ok := c.Office[svc]; ok {
				offices[k] = true
			}
		}
		members := df.Members
		if slices.Equal(members, []string{"all"}) {
			members = sortedKeys(offices)
		}
		for _, k := range members {
			if !offices[k] {
				b.err(append(dp, "members"), "%q is not an office of %s (see the %s column of the administrations table)", k, svc, "office")
				continue
			}
			mb := models.Member{Office: k}
			if w, ok := df.Waves[k]; ok {
				mb.From = sim.Time(w.Date.DaysSince(m.Start)) * sim.Day
				if mb.From < 0 {
					b.err(append(dp, "waves", k), "%v is before the start %v", w.Date, m.Start)
				}
			}
			d.Members = append(d.Members, mb)
		}
		for _, k := range sortedKeys(df.Waves) {
			if !slices.Contains(members, k) {
				b.err(append(dp, "waves", k), "office %q is not a member", k)
			}
		}
		if len(df.Variants) > 0 {
			d.Variants = map[string]models.Process{}
			for _, tn := range sortedKeys(df.Variants) {
				d.Variants[tn] = b.steps(append(dp, "variants", tn), df.Variants[tn])
			}
		}
		if df.Optimised != nil && !*df.Optimised {
			// The status-quo processes: drop what only the variants have.
			inBase := map[string]bool{}
			for _, t := range service.Types {
				for _, st := range t.Process {
					inBase[st.Name] = true
				}
			}
			d.Variants = nil
			d.Steps = slices.DeleteFunc(slices.Clone(d.Steps), func(n string) bool { return !inBase[n] })
			it := map[string]float64{}
			for k, v := range d.ITSavings {
				if inBase[k] {
					it[k] = v
				}
			}
			d.ITSavings = it
		}
		org.Delegations = append(org.Delegations, d)
	}
	return org
}

// communeRow is a row of the communes table.
type communeRow struct {
	ags, name string
	pop       float64
}

// readCSV reads a data table with a header row. It returns the rows as
// maps from column name to value, with their line numbers.
func (b *builder) readCSV(dp *DataPath, key string, required ...string) ([]map[string]string, []int, []byte) {
	raw, err := fs.ReadFile(dp.fsys, dp.Path)
	shown := dataShown(dp)
	if errors.Is(err, fs.ErrNotExist) && dp.fsys != Bundled && fileExists(Bundled, dp.Path) {
		// A bundled table named by a copied scenario (zsa show NAME >
		// my.toml): the program's own copy of the data.
		raw, err = fs.ReadFile(Bundled, dp.Path)
		shown = "bundled:" + dp.Path
	}
	if err != nil {
		b.err(p("data", key), "cannot read %s: %v", shown, err)
		return nil, nil, nil
	}
	b.data = append(b.data, shown)
	r := csv.NewReader(strings.NewReader(string(raw)))
	header, err := r.Read()
	if err != nil {
		b.err(p("data", key), "%s: %v", shown, err)
		return nil, nil, raw
	}
	for _, c := range required {
		if !slices.Contains(header, c) {
			b.errs = append(b.errs, fmt.Errorf("%s:1: missing column %q (columns: %s)", shown, c, strings.Join(header, ", ")))
		}
	}
	var rows []map[string]string
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			b.errs = append(b.errs, fmt.Errorf("%s:%d: %v", shown, line, err))
			break
		}
		row := map[string]string{}
		for i, c := range header {
			row[c] = rec[i]
		}
		rows = append(rows, row)
		lines = append(lines, line)
	}
	return rows, lines, raw
}

func dataShown(dp *DataPath) string {
	dir := dirOf(dp.from)
	if strings.HasPrefix(dp.from, "bundled:") {
		return "bundled:" + strings.TrimPrefix(pathJoin(dir, dp.Path), "./")
	}
	return pathJoin(dir, dp.Path)
}

func pathJoin(dir, name string) string {
	if dir == "." || dir == "" {
		return name
	}
	return dir + "/" + name
}

func (b *builder) readCommunes(dp *DataPath, only map[string][]string) ([]communeRow, []byte) {
	rows, lines, raw := b.readCSV(dp, "communes", "ags", "name", "population")
	var out []communeRow
	seen := map[string]bool{}
	if len(rows) > 0 {
		for _, col := range sortedKeys(only) {
			if _, ok := rows[0][col]; !ok {
				b.err(p("data", "only"), "the communes table has no column %q", col)
				return nil, raw
			}
		}
	}
rows:
	for i, r := range rows {
		for col, want := range only {
			if !slices.Contains(want, r[col]) {
				continue rows
			}
		}
		pop, err := strconv.ParseFloat(r["population"], 64)
		if err != nil || !(pop >= 0) || !finite(pop) {
			b.errs = append(b.errs, fmt.Errorf("%s:%d: population: %q is not a non-negative number", dataShown(dp), lines[i], r["population"]))
			continue
		}
		if seen[r["ags"]] || r["ags"] == "" {
			b.errs = append(b.errs, fmt.Errorf("%s:%d: ags: %q empty or listed twice", dataShown(dp), lines[i], r["ags"]))
			continue
		}
		seen[r["ags"]] = true
		out = append(out, communeRow{ags: r["ags"], name: r["name"], pop: pop})
	}
	return out, raw
}

func (b *builder) readAdmins(dp *DataPath) (map[string]map[string]string, []byte) {
	rows, _, raw := b.readCSV(dp, "administrations", "ags")
	out := map[string]map[string]string{}
	for _, r := range rows {
		out[r["ags"]] = r
	}
	return out, raw
}
