package fit

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"zsa/models/calendar"
)

// Options are the choices of a fit.
type Options struct {
	// Service is the service to fit; empty if the log has only one. A
	// scenario sets each office's volume through its communes' population,
	// which all services share, so one fitted scenario holds one service.
	Service string
	// Prior is n₀, the experience (in items, ≥ 1) assumed for every clerk
	// at its first item in the log; 0 means 1, a novice. The log alone
	// rarely tells prior experience from the learning curve's floor (see
	// Curve.PriorIdentified).
	Prior float64
}

// minBranchObs is the fewest observations of a step's visit for its own
// branch probabilities: later visits are pooled into the last entry.
const minBranchObs = 30

// minStepCurve is the fewest work items of a step for its own learning
// curve in the report.
const minStepCurve = 500

// priorGrid are the prior experiences whose profile log-likelihood the
// identifiability check compares with the assumed one.
var priorGrid = []float64{1, 2, 5, 10, 20, 50, 100, 200, 500}

// Result is what Fit estimates from a log, for one service.
type Result struct {
	// Log is the log's name; Service the service fitted, Services all
	// services of the log.
	Log, Service string
	Services     []string
	// Events is the number of the service's events, Cases its cases, Open
	// those without an end (with markers in the log), Markerless the
	// resource-less instants that are neither a filing nor an end and
	// were left out.
	Events, Cases, Open, Markerless int
	// First and Days are the first day with a filing and the number of
	// days from it to the last filing, inclusive: the observation window
	// of the arrivals.
	First calendar.Date
	Days  int
	Hours Hours
	// Offices are the offices that received cases or whose clerks worked,
	// by key.
	Offices []Office
	// Types are the case types, by name.
	Types []CaseType
	// Monthly are the seasonal factors (January first, mean 1); nil if the
	// log does not cover every month for at least a week.
	Monthly []float64
	// Weekday are the counter arrivals' weights (Monday first) and
	// OnlineShare the share of cases filed online (at any hour), from the
	// filings outside office hours.
	Weekday     [7]float64
	OnlineShare float64
	// Steps are the service's steps by name: work steps with their
	// efforts at the reference experience, external waits with their
	// durations.
	Steps []Step
	// Learning is the service's learning curve; StepCurves the curves of
	// the steps with at least 500 work items, each fitted alone.
	Learning   Curve
	StepCurves []Curve
	// DroppedItems counts work items with no touch time left after the
	// closed hours were removed: not used for the efforts.
	DroppedItems int
	Clerks       []Clerk
	Staffing     Staffing
	// Notes say what the log could not tell and what was assumed.
	Notes []string
}

// Office is an office of the log.
type Office struct {
	Key, Name string
	// Cases filed at the office in the window and Annual their number per
	// 365 days.
	Cases  int
	Annual float64
	// Clerks is the number of resources who worked at the office.
	Clerks int
}

// CaseType is a case type's share and process.
type CaseType struct {
	Name string
	// Cases of the type, Share of the service's cases and its standard
	// error √(p(1−p)/n).
	Cases          int
	Share, ShareSE float64
	// Steps in process order: the most frequent first step, then the
	// others by their mean position of first occurrence.
	Steps []string
	// Routes are the ways out of each step, in the order of Steps.
	Routes []Route
	// OtherStart counts cases whose first step is not Steps[0] (the
	// scenario starts every case at Steps[0]).
	OtherStart int
}

// Route is the ways out of a step of a case type, by visit.
type Route struct {
	Step string
	// N are the observations at each visit entry: visit 1, 2, …, the
	// last entry pooling all later visits.
	N []int
	// Branches are the targets (steps, "done", "reject") with a
	// probability and a standard error per visit entry, most frequent
	// first.
	Branches []Branch
	// Default is true if the step always goes on to the next step of the
	// list (or ends as done after the last): the scenario needs no next.
	Default bool
}

// Branch is one way out of a step.
type Branch struct {
	To    string
	P, SE []float64
}

// Step is a step of the service with its fitted distribution.
type Step struct {
	Name string
	// Work is true for a clerk's work (effort at the reference
	// experience), false for an external wait (delay).
	Work bool
	Fit  Fitted
}

// Clerk is a resource of the log.
type Clerk struct {
	ID, Office string
	Items      int
	// First and Last are the first and last days with an item; Present
	// the days with an item starting or ending, WorkingDays the office's
	// working days from First to Last.
	First, Last          calendar.Date
	Present, WorkingDays int
	// Close is the end of the clerk's daily window (minutes after
	// midnight): its latest start or end of an item. Share is its window
	// as a share of the office window.
	Close, Share float64
	// Busy is the touch time in minutes; Utilisation is Busy over the
	// window on the days present, BusyShare Busy over the office window
	// on all working days from First to Last.
	Busy, Utilisation, BusyShare float64
	// LeaveDays are working days absent in runs of at least 3, SickDays
	// the shorter absences.
	LeaveDays, SickDays int
}

// Staffing is the staffing rule fitted to the clerks.
type Staffing struct {
	// Fixed is true if every office has Clerks clerks with about the same
	// share: the rule then fixes Share. Otherwise Clerks is the fewest
	// clerks of an office, and the rule sizes each office's share by its
	// workload at Utilisation, up to MaxShare.
	Fixed                        bool
	Clerks                       int
	Share, Utilisation, MaxShare float64
	// LeaveDays per year and SickRate per working day (see Clerk).
	LeaveDays int
	SickRate  float64
}

// trace is a case of the service.
type trace struct {
	id, office, typ string
	filed           float64
	outcome         string // "done", "reject" or "" (open)
	steps           []*Event
}

// Fit estimates a scenario's parameters for one service from the log.
// It returns an error if the service is not in the log (or several
// services and none chosen), or if the log has no work items.
func Fit(l *Log, opt Options) (*Result, error) {
	n0 := opt.Prior
	if n0 == 0 {
		n0 = 1
	}
	if !(n0 >= 1) || math.IsInf(n0, 0) {
		return nil, fmt.Errorf("prior experience %v: must be at least 1 (a novice)", opt.Prior)
	}
	services := map[string]bool{}
	for i := range l.Events {
		services[l.Events[i].Service] = true
	}
	r := &Result{Log: l.Name, Services: slices.Sorted(maps.Keys(services))}
	switch {
	case opt.Service != "" && !services[opt.Service]:
		return nil, fmt.Errorf("%s: no service %q in the log (services: %s)", l.Name, opt.Service, strings.Join(r.Services, ", "))
	case opt.Service != "":
		r.Service = opt.Service
	case len(r.Services) > 1:
		return nil, fmt.Errorf("%s: the log has %d services (%s): choose one with --service (a scenario sets the offices' volumes of all services by one population)",
			l.Name, len(r.Services), strings.Join(r.Services, ", "))
	default:
		r.Service = r.Services[0]
	}
	traces := r.traces(l)
	var work []*Event
	for _, t := range traces {
		for _, e := range t.steps {
			if e.Resource != "" {
				work = append(work, e)
			}
		}
	}
	if len(work) == 0 {
		return nil, fmt.Errorf("%s: service %q has no work items (rows with a resource)", l.Name, r.Service)
	}
	starts, ends := make([]float64, len(work)), make([]float64, len(work))
	for i, e := range work {
		starts[i], ends[i] = e.Start, e.End
	}
	r.Hours = estimateHours(starts, ends)
	if err := r.clerksAndLearning(work, n0); err != nil {
		return nil, err
	}
	if err := r.delays(traces); err != nil {
		return nil, err
	}
	r.process(traces)
	r.arrivals(traces, l)
	r.staffing()
	r.notes(l, n0)
	return r, nil
}

// traces groups the service's events by case, each case's steps in time
// order, and counts what was left out.
func (r *Result) traces(l *Log) []*trace {
	byCase := map[string]*trace{}
	var order []*trace
	for i := range l.Events {
		e := &l.Events[i]
		if e.Service != r.Service {
			continue
		}
		r.Events++
		t := byCase[e.Case]
		if t == nil {
			t = &trace{id: e.Case, typ: e.Type, office: "", filed: math.Inf(1)}
			byCase[e.Case] = t
			order = append(order, t)
		}
		switch {
		case e.filed:
			t.filed, t.office = e.Start, e.Office
		case e.ended:
			t.outcome = e.Activity
		case e.instantNoR:
			r.Markerless++
		default:
			t.steps = append(t.steps, e)
		}
	}
	for _, t := range order {
		slices.SortStableFunc(t.steps, func(a, b *Event) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Line, b.Line))
		})
		if math.IsInf(t.filed, 1) && len(t.steps) > 0 {
			// No filing row: the case arrived when its first step was
			// enabled.
			t.filed = t.steps[0].Enabled
		}
		if t.office == "" && len(t.steps) > 0 {
			t.office = t.steps[0].Office
		}
		if t.outcome == "" && !l.HasMarkers && len(t.steps) > 0 {
			t.outcome = activityDone
		}
		if t.outcome == "" {
			r.Open++
		}
	}
	r.Cases = len(order)
	return order
}

// clerksAndLearning reads each clerk's items in log order: their touch
// times (the clerk's working time between start and end), experience
// counts, presence and busy time; then fits the learning curve and the
// work steps' efforts at the reference experience.
func (r *Result) clerksAndLearning(work []*Event, n0 float64) error {
	byClerk := map[string][]*Event{}
	for _, e := range work {
		byClerk[e.Resource] = append(byClerk[e.Resource], e)
	}
	stepNames := map[string]bool{}
	for _, e := range work {
		stepNames[e.Activity] = true
	}
	steps := slices.Sorted(maps.Keys(stepNames))
	stepIdx := map[string]int{}
	for i, s := range steps {
		stepIdx[s] = i
	}
	hol := map[int][]calendar.Holiday{}
	office := r.Hours.Close - r.Hours.Open
	var items []workItem
	var touch []float64 // of items, in the same order
	for _, id := range slices.Sorted(maps.Keys(byClerk)) {
		es := byClerk[id]
		slices.SortStableFunc(es, func(a, b *Event) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Line, b.Line))
		})
		c := Clerk{ID: id, Items: len(es)}
		present := map[int]bool{}
		offices := map[string]int{}
		for _, e := range es {
			ds, ts := dayOf(e.Start)
			de, te := dayOf(e.End)
			present[ds], present[de] = true, true
			c.Close = max(c.Close, ts, te)
			offices[e.Office]++
		}
		c.Close = math.Min(math.Ceil(c.Close), r.Hours.Close)
		c.Office = mostFrequent(offices)
		window := c.Close - r.Hours.Open
		for k, e := range es {
			ds, ts := dayOf(e.Start)
			de, te := dayOf(e.End)
			y := e.End - e.Start
			if de > ds {
				// Work stops at the end of the clerk's window and goes on
				// at the office's opening on the next day the clerk is
				// there (the simulator's calendar; a day inside the item
				// without any item starting or ending counts as absent).
				y = math.Max(0, c.Close-ts) + math.Max(0, te-r.Hours.Open)
				for d := ds + 1; d < de; d++ {
					if present[d] {
						y += window
					}
				}
			}
			c.Busy += y
			if y > 0 {
				items = append(items, workItem{step: stepIdx[e.Activity], k: k, z: math.Log(y)})
				touch = append(touch, y)
			} else {
				r.DroppedItems++
			}
		}
		days := slices.Sorted(maps.Keys(present))
		c.First, c.Last, c.Present = dateOfDay(days[0]), dateOfDay(days[len(days)-1]), len(days)
		run := 0
		endRun := func() {
			if run >= 3 {
				c.LeaveDays += run
			} else {
				c.SickDays += run
			}
			run = 0
		}
		for d := days[0]; d <= days[len(days)-1]; d++ {
			if !r.Hours.isWorkingDay(d, hol) {
				continue
			}
			c.WorkingDays++
			if present[d] {
				endRun()
			} else {
				run++
			}
		}
		endRun()
		if office > 0 {
			c.Share = math.Min(1, math.Round(100*window/office)/100)
			c.BusyShare = c.Busy / (office * float64(max(c.WorkingDays, 1)))
		}
		if window > 0 {
			c.Utilisation = c.Busy / (window * float64(c.Present))
		}
		r.Clerks = append(r.Clerks, c)
	}
	if len(items) < 10 {
		return fmt.Errorf("%s: service %q has %d work items with touch time: too few to fit", r.Log, r.Service, len(items))
	}
	// The reference experience: the median experience of the items, where
	// the efforts are known best.
	es := make([]float64, len(items))
	for i, it := range items {
		es[i] = n0 + float64(it.k)
	}
	slices.Sort(es)
	ref := math.Round(quantileSorted(es, 0.5))
	r.Learning = estimateCurve(items, len(steps), len(byClerk), n0, ref, priorGrid)
	for j, s := range steps {
		var sub []workItem
		for _, it := range items {
			if it.step == j {
				sub = append(sub, workItem{k: it.k, z: it.z})
			}
		}
		if len(sub) >= minStepCurve {
			c := estimateCurve(sub, 1, len(byClerk), n0, ref, nil)
			c.Step = s
			r.StepCurves = append(r.StepCurves, c)
		}
	}
	// Efforts at the reference: each touch time divided by the fitted
	// m(e)/m(e_ref).
	xs := make([][]float64, len(steps))
	for i, it := range items {
		xs[it.step] = append(xs[it.step], touch[i]/r.Learning.Relative(n0+float64(it.k)))
	}
	for j, s := range steps {
		f, err := fitFamilies(xs[j])
		if err != nil {
			return fmt.Errorf("%s: work step %q: %w", r.Log, s, err)
		}
		r.Steps = append(r.Steps, Step{Name: s, Work: true, Fit: f})
	}
	return nil
}

// delays fits the duration of every external wait (a step without a
// resource).
func (r *Result) delays(traces []*trace) error {
	byStep := map[string][]float64{}
	for _, t := range traces {
		for _, e := range t.steps {
			if e.Resource == "" {
				byStep[e.Activity] = append(byStep[e.Activity], e.End-e.Start)
			}
		}
	}
	for _, s := range slices.Sorted(maps.Keys(byStep)) {
		if slices.ContainsFunc(r.Steps, func(st Step) bool { return st.Name == s }) {
			return fmt.Errorf("%s: activity %q is work (with a resource) in some rows and a wait (without) in others", r.Log, s)
		}
		var xs []float64
		for _, x := range byStep[s] {
			if x > 0 {
				xs = append(xs, x)
			}
		}
		if len(xs) < 2 {
			return fmt.Errorf("%s: external wait %q has %d positive durations: too few to fit", r.Log, s, len(xs))
		}
		f, err := fitFamilies(xs)
		if err != nil {
			return fmt.Errorf("external wait %q: %w", s, err)
		}
		r.Steps = append(r.Steps, Step{Name: s, Work: false, Fit: f})
	}
	slices.SortFunc(r.Steps, func(a, b Step) int { return strings.Compare(a.Name, b.Name) })
	return nil
}

// process finds each case type's steps and routes.
func (r *Result) process(traces []*trace) {
	byType := map[string][]*trace{}
	for _, t := range traces {
		byType[t.typ] = append(byType[t.typ], t)
	}
	for _, name := range slices.Sorted(maps.Keys(byType)) {
		ts := byType[name]
		ct := CaseType{Name: name, Cases: len(ts)}
		firsts := map[string]int{}
		posSum, posN := map[string]float64{}, map[string]int{}
		for _, t := range ts {
			if len(t.steps) == 0 {
				continue
			}
			firsts[t.steps[0].Activity]++
			seen := map[string]bool{}
			for i, e := range t.steps {
				if !seen[e.Activity] {
					seen[e.Activity] = true
					posSum[e.Activity] += float64(i)
					posN[e.Activity]++
				}
			}
		}
		if len(firsts) == 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("case type %q has no steps: left out", name))
			continue
		}
		first := mostFrequent(firsts)
		ct.OtherStart = len(ts) - firsts[first]
		for _, t := range ts {
			if len(t.steps) == 0 {
				ct.OtherStart--
			}
		}
		ct.Steps = slices.SortedFunc(maps.Keys(posN), func(a, b string) int {
			if (a == first) != (b == first) {
				if a == first {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(posSum[a]/float64(posN[a]), posSum[b]/float64(posN[b])), strings.Compare(a, b))
		})
		// counts[step][visit][successor], visits from 0.
		counts := map[string][]map[string]int{}
		for _, t := range ts {
			visits := map[string]int{}
			for i, e := range t.steps {
				v := visits[e.Activity]
				visits[e.Activity]++
				next := t.outcome
				if i+1 < len(t.steps) {
					next = t.steps[i+1].Activity
				}
				if next == "" {
					continue // open: the way out is not known yet
				}
				cs := counts[e.Activity]
				for len(cs) <= v {
					cs = append(cs, map[string]int{})
				}
				cs[v][next]++
				counts[e.Activity] = cs
			}
		}
		for i, s := range ct.Steps {
			listNext := activityDone
			if i+1 < len(ct.Steps) {
				listNext = ct.Steps[i+1]
			}
			ct.Routes = append(ct.Routes, route(s, counts[s], listNext))
		}
		ct.Share = float64(len(ts)) / float64(r.Cases)
		ct.ShareSE = math.Sqrt(ct.Share * (1 - ct.Share) / float64(r.Cases))
		r.Types = append(r.Types, ct)
	}
}

// route returns the ways out of step s from the counts of successors by
// visit; listNext is the step that follows s in its list.
func route(s string, byVisit []map[string]int, listNext string) Route {
	rt := Route{Step: s}
	// Entries: visit 1, 2, … while a visit has minBranchObs observations
	// of its own; the last entry pools every later visit.
	nv := func(m map[string]int) int {
		n := 0
		for _, c := range m {
			n += c
		}
		return n
	}
	entries := 1
	for entries < len(byVisit) && nv(byVisit[entries]) >= minBranchObs {
		entries++
	}
	pooled := make([]map[string]int, entries)
	total := map[string]int{}
	for v, m := range byVisit {
		e := min(v, entries-1)
		if pooled[e] == nil {
			pooled[e] = map[string]int{}
		}
		for to, c := range m {
			pooled[e][to] += c
			total[to] += c
		}
	}
	if len(total) == 0 || len(total) == 1 && total[listNext] > 0 {
		rt.Default = true
		for _, m := range pooled {
			rt.N = append(rt.N, nv(m))
		}
		return rt
	}
	targets := slices.SortedFunc(maps.Keys(total), func(a, b string) int {
		return cmp.Or(cmp.Compare(total[b], total[a]), strings.Compare(a, b))
	})
	for _, to := range targets {
		rt.Branches = append(rt.Branches, Branch{To: to})
	}
	for _, m := range pooled {
		n := nv(m)
		rt.N = append(rt.N, n)
		ps := make([]float64, len(targets))
		for i, to := range targets {
			if n > 0 {
				ps[i] = float64(m[to]) / float64(n)
			}
		}
		if n == 0 {
			ps[0] = 1
		}
		ps = roundToOne(ps, 1)
		for i := range targets {
			b := &rt.Branches[i]
			b.P = append(b.P, ps[i])
			b.SE = append(b.SE, math.Sqrt(ps[i]*(1-ps[i])/float64(max(n, 1))))
		}
	}
	return rt
}

// roundToOne rounds shares that sum to 1 to four decimals so that the
// rounded ones sum to 1 too (the largest takes the rest), and multiplies
// them by total: each result has at most four decimals of total.
func roundToOne(ps []float64, total float64) []float64 {
	units := make([]int64, len(ps))
	big := 0
	var sum int64
	for i, p := range ps {
		units[i] = int64(math.Round(p * total * 1e4))
		sum += units[i]
		if ps[i] > ps[big] {
			big = i
		}
	}
	units[big] += int64(math.Round(total*1e4)) - sum
	out := make([]float64, len(ps))
	for i, u := range units {
		out[i] = float64(u) / 1e4
	}
	return out
}

// arrivals estimates each office's volume and the service's profiles
// from the filings.
func (r *Result) arrivals(traces []*trace, l *Log) {
	names := map[string]string{}
	for i := range l.Events {
		if e := &l.Events[i]; e.OfficeName != "" && names[e.Office] == "" {
			names[e.Office] = e.OfficeName
		}
	}
	first, last := math.MaxInt, math.MinInt
	for _, t := range traces {
		d, _ := dayOf(t.filed)
		first, last = min(first, d), max(last, d)
	}
	r.First, r.Days = dateOfDay(first), last-first+1
	cases := map[string]int{}
	for _, t := range traces {
		cases[t.office]++
	}
	clerks := map[string]int{}
	for _, c := range r.Clerks {
		clerks[c.Office]++
	}
	keys := map[string]bool{}
	for k := range cases {
		keys[k] = true
	}
	for k := range clerks {
		keys[k] = true
	}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		name := names[k]
		if name == "" {
			name = k
		}
		r.Offices = append(r.Offices, Office{Key: k, Name: name, Cases: cases[k],
			Annual: float64(cases[k]) * 365 / float64(r.Days), Clerks: clerks[k]})
	}
	// Monthly factors: each month's daily rate × its days (2025, not a
	// leap year), normalised to mean 1, if every month has a week.
	var cnt, cov [12]float64
	for d := first; d <= last; d++ {
		cov[dateOfDay(d).Month-1]++
	}
	for _, t := range traces {
		d, _ := dayOf(t.filed)
		cnt[dateOfDay(d).Month-1]++
	}
	if slices.Min(cov[:]) >= 7 {
		f := make([]float64, 12)
		sum := 0.0
		for m := range 12 {
			f[m] = cnt[m] / cov[m] * float64(daysIn(m+1))
			sum += f[m]
		}
		for m := range f {
			f[m] /= sum
		}
		r.Monthly = roundToOne(f, 12)
	} else {
		r.Notes = append(r.Notes, fmt.Sprintf("the filings cover %d days, not every month for a week: no monthly profile (flat year)", r.Days))
	}
	// Online share and weekday weights: online filings come at any hour of
	// any day, counter filings in office hours on working days
	// (models/arrivals). The filings outside office hours are online; they
	// stand for the online share of all hours.
	hol := map[int][]calendar.Holiday{}
	win := r.Hours.Close - r.Hours.Open
	var in [7]float64    // filings in office hours, by weekday
	var wdays [7]float64 // working days, by weekday
	workMinutes, out := 0.0, 0.0
	for d := first; d <= last; d++ {
		if r.Hours.isWorkingDay(d, hol) {
			wdays[dateOfDay(d).Weekday()]++
			workMinutes += win
		}
	}
	for _, t := range traces {
		d, tod := dayOf(t.filed)
		if r.Hours.isWorkingDay(d, hol) && tod >= r.Hours.Open && tod < r.Hours.Close {
			in[dateOfDay(d).Weekday()]++
		} else {
			out++
		}
	}
	all := float64(r.Days) * 1440
	phi := workMinutes / all
	online := 0.0
	if phi < 1 {
		online = math.Min(out/(1-phi), float64(len(traces)))
		r.OnlineShare = math.Round(1000*online/float64(len(traces))) / 1000
	} else {
		r.Notes = append(r.Notes, "the offices work around the clock: online and counter filings cannot be told apart (online_share 0)")
	}
	sum, n := 0.0, 0.0
	var w [7]float64
	for wd := range 7 {
		if wdays[wd] == 0 {
			continue
		}
		off := in[wd] - online*wdays[wd]*win/all
		w[wd] = math.Max(0, off) / wdays[wd]
		sum += w[wd]
		n++
	}
	for wd := range 7 {
		// Monday first in the scenario; time.Weekday counts from Sunday.
		if sum > 0 {
			r.Weekday[(wd+6)%7] = math.Round(1000*w[wd]/(sum/n)) / 1000
		}
	}
}

// daysIn returns the days of month m (1–12) in a year that is not a leap
// year.
func daysIn(m int) int {
	return [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
}

// staffing fits the staffing rule to the clerks.
func (r *Result) staffing() {
	var counts []int
	for _, o := range r.Offices {
		if o.Cases > 0 || o.Clerks > 0 {
			counts = append(counts, o.Clerks)
		}
	}
	shares := make([]float64, len(r.Clerks))
	var busy, avail, leave, sick, wd, years float64
	for i, c := range r.Clerks {
		shares[i] = c.Share
		busy += c.Busy
		if c.Utilisation > 0 {
			avail += c.Busy / c.Utilisation
		}
		span := float64(c.Last.DaysSince(c.First) + 1)
		leave += float64(c.LeaveDays)
		years += span / 365
		sick += float64(c.SickDays)
		wd += float64(c.WorkingDays - c.LeaveDays)
	}
	slices.Sort(shares)
	st := Staffing{Clerks: max(slices.Min(counts), 1), Share: quantileSorted(shares, 0.5)}
	st.Fixed = slices.Min(counts) == slices.Max(counts) && shares[len(shares)-1]-shares[0] <= 0.1
	if !st.Fixed {
		st.Utilisation = math.Min(1, math.Round(100*busy/avail)/100)
		st.MaxShare = shares[len(shares)-1]
	}
	if years > 0 {
		st.LeaveDays = min(int(math.Round(leave/years)), 100)
	}
	if wd > 0 {
		st.SickRate = math.Round(1e4*sick/wd) / 1e4
	}
	r.Staffing = st
}

// notes adds what was assumed and what the log could not tell.
func (r *Result) notes(l *Log, n0 float64) {
	best := PriorPoint{LogLik: math.Inf(-1)}
	for _, p := range r.Learning.PriorProfile {
		if p.LogLik > best.LogLik {
			best = p
		}
	}
	switch {
	case best.LogLik > r.Learning.LogLik+chi2_95/2:
		r.Notes = append(r.Notes, fmt.Sprintf("the log fits clearly better with a prior experience of %g items (log-likelihood %+.1f; LR %.4f, floor %.4f) than with the assumed n0 = %g: consider --prior (see the report)",
			best.Prior, best.LogLik-r.Learning.LogLik, best.Rate, best.Floor, n0))
	case !r.Learning.PriorIdentified:
		r.Notes = append(r.Notes, fmt.Sprintf("prior experience is not identifiable from this log: other priors fit about as well (see the report); n0 = %g is assumed (--prior), and the learning rate and floor hold for it", n0))
	}
	if r.Learning.RateCI[1] >= 1 {
		r.Notes = append(r.Notes, "the log does not exclude LR = 1 (no learning)")
	}
	if !l.HasMarkers {
		r.Notes = append(r.Notes, "the log has no end markers (done, reject): every case ends approved after its last step, and the rejections are not known")
	}
	for _, t := range r.Types {
		if t.OtherStart > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("case type %q: %d cases start at another step than %q, where the scenario starts them all", t.Name, t.OtherStart, t.Steps[0]))
		}
	}
	if r.DroppedItems > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d work items had no touch time within the clerks' working hours and were left out", r.DroppedItems))
	}
	if r.Markerless > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d instants without a resource (neither a filing nor an end) were left out", r.Markerless))
	}
	if !r.Staffing.Fixed {
		r.Notes = append(r.Notes, "the offices differ in clerks or shares: the staffing rule sizes each office's share by its workload (see the clerks' table)")
	}
}

// mostFrequent returns the key with the largest count, the smallest key
// among equals.
func mostFrequent(m map[string]int) string {
	best, n := "", -1
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if m[k] > n {
			best, n = k, m[k]
		}
	}
	return best
}
