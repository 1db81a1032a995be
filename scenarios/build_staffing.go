package scenarios

import (
	"fmt"
	"math"
	"strings"

	"zsa/models"
	"zsa/models/calendar"
)

// staffing staffs the local offices by each service's rule (see rule and
// staff). It checks that every service has a rule and every rule a
// service. The clerks' values (fte, share, prior, leave_days, sick_rate)
// are the model's checks, reported at the rule's keys (see validate).
func (b *builder) staffing() {
	names := sortedKeys(b.f.Services)
	for _, name := range names {
		st, ok := b.f.Staffing[name]
		if !ok {
			b.err(p("staffing"), "no staffing rule for service %q", name)
			continue
		}
		if r, ok := b.rule(name, st); ok {
			b.staff(name, r)
		}
	}
	for _, name := range sortedKeys(b.f.Staffing) {
		if _, ok := b.f.Services[name]; !ok {
			b.err(p("staffing", name), "unknown service %q (services: %s)", name, strings.Join(names, ", "))
		}
	}
}

// rule is a service's staffing rule with the defaults applied.
type rule struct {
	clerks         int     // per office; with a fixed share the number, else the least
	util, maxShare float64 // target utilisation and largest share, sizing the share
	share          float64 // the fixed share, if fixed
	fixed          bool
	clerk          models.Clerk // working time, experience and absences of each clerk
	policy         models.Policy
	owned          bool // each case belongs to one clerk (models.Office.Owned)
}

// rule reads a staffing rule and checks its own parameters: at least one
// clerk, utilisation and max_share in (0, 1], a fixed share only without
// them, a known policy. It reports whether the rule can staff.
func (b *builder) rule(svc string, st *Staffing) (rule, bool) {
	key := p("staffing", svc)
	r := rule{clerks: 1, util: defaultUtilisation, maxShare: defaultMaxShare, clerk: models.Clerk{FTE: defaultFTE, Prior: defaultPrior}}
	n := len(b.errs)
	setIf(&r.clerks, st.Clerks)
	if r.clerks < 1 {
		b.err(at(key, "clerks"), "%d: every office needs at least one clerk", r.clerks)
	}
	setIf(&r.util, st.Utilisation)
	if !(r.util > 0 && r.util <= 1) {
		b.err(at(key, "utilisation"), "%v: must be in (0, 1]", r.util)
	}
	setIf(&r.maxShare, st.MaxShare)
	if !(r.maxShare > 0 && r.maxShare <= 1) {
		b.err(at(key, "max_share"), "%v: must be in (0, 1]", r.maxShare)
	}
	if st.Share != nil {
		r.share, r.fixed = *st.Share, true
		if st.Utilisation != nil || st.MaxShare != nil {
			b.err(at(key, "share"), "%v: a fixed share excludes utilisation and max_share, which size the share: give one or the other", r.share)
		}
	}
	setIf(&r.clerk.FTE, st.FTE)
	r.policy, r.owned = b.personnel(key, &r.clerk, st.Prior, st.LeaveDays, st.SickRate, st.Policy, st.Assignment)
	// Checked here, not only by the model: the rule sizes the offices
	// with these values before the model sees them.
	if c := r.clerk; !(c.Prior >= 1) || math.IsInf(c.Prior, 0) {
		b.err(at(key, "prior"), "%v: experience is counted in items from 1 (a novice)", c.Prior)
	}
	if c := r.clerk; c.LeaveDays < 0 || c.LeaveDays > 100 {
		b.err(at(key, "leave_days"), "%d: must be in [0, 100]", c.LeaveDays)
	}
	if c := r.clerk; !(c.SickRate >= 0 && c.SickRate < 1) {
		b.err(at(key, "sick_rate"), "%v: must be in [0, 1)", c.SickRate)
	}
	return r, len(b.errs) == n
}

// personnel sets what staffing rules and ZSAs say alike about their
// clerks, if given: the prior experience, leave days and sick rate of c.
// It returns the dispatching policy and whether each case belongs to one
// clerk (assignment "owner"), checked at key.
func (b *builder) personnel(key []string, c *models.Clerk, prior *float64, leave *int, sick *float64, policy, assignment string) (models.Policy, bool) {
	setIf(&c.Prior, prior)
	setIf(&c.LeaveDays, leave)
	setIf(&c.SickRate, sick)
	pol, ok := parsePolicy(policy)
	if !ok {
		b.err(at(key, "policy"), "%q: must be one of (oldest-first|started-first)", policy)
	}
	switch assignment {
	case "", "shared":
		return pol, false
	case "owner":
		return pol, true
	}
	b.err(at(key, "assignment"), "%q: must be one of (shared|owner)", assignment)
	return pol, false
}

// staff adds the clerks of service svc's rule to every office that
// receives its cases, sized by the office's expected workload (see
// workload and size), unless problems were found already: they would
// make the sizing meaningless.
func (b *builder) staff(svc string, r rule) {
	m := b.m
	if len(b.errs) > 0 || m.Horizon <= 0 {
		return
	}
	cal, err := calendar.New(calendar.Config{Start: m.Start, Open: m.Hours.Open, Close: m.Hours.Close, Weekdays: m.Weekdays,
		NoStateHolidays: m.NoStateHolidays})
	if err != nil {
		return // the model's check reports it
	}
	days := float64(cal.WorkingDays(m.Start, m.Start.AddDays(365)))
	c := r.clerk
	capacity := c.FTE * float64(m.Hours.Close-m.Hours.Open) * (days - float64(c.LeaveDays)) * (1 - c.SickRate) // minutes a year
	load := b.workload(svc, c.Prior)
	for i := range m.Offices {
		o := &m.Offices[i]
		w, ok := load[o.Key]
		if !ok {
			continue
		}
		k, share, ok := r.size(w, capacity)
		if !ok {
			b.overstaffed(svc, o)
			return
		}
		for j := range k {
			b.origins.add(models.Path{"offices"}.Key(o.Key).Field("clerks").Index(len(o.Clerks)),
				origin{key: p("staffing", svc), fields: map[string][]string{"skills": p("staffing", svc)}})
			c.Name, c.Share, c.Skills = fmt.Sprintf("%s %d", svc, j+1), share, []string{svc}
			o.Clerks = append(o.Clerks, c)
		}
		o.Policy = r.policy
		if r.owned {
			o.Owned = append(o.Owned, svc)
		}
	}
}

// workload returns, by office key, the expected reference minutes a year
// of service svc filed in each office's catchment, for clerks of
// experience prior: population / 1,000 × Σ over the case types of the
// cases a year per 1,000 inhabitants once re-applications have settled
// (models.SteadyStateRates: the type's share of the cases per 1,000 plus
// the follow-ups of approved cases) × the type's mean effort per case
// (models.ExpectedEffort) × the learning curve's factor for prior against
// the reference.
func (b *builder) workload(svc string, prior float64) map[string]float64 {
	var service *models.Service
	for i := range b.m.Services {
		if b.m.Services[i].Name == svc {
			service = &b.m.Services[i]
		}
	}
	var perThousand float64 // reference minutes a year per 1,000 inhabitants
	for i, rate := range models.SteadyStateRates(service, 4000) {
		perThousand += rate * models.ExpectedEffort(service.Types[i].Process, 4000)
	}
	// An invalid curve, reference or prior is reported where it is
	// written (the model's checks); the rule then goes without the factor.
	if service.Learning.Validate() == nil && service.Reference >= 1 && prior >= 0 && !math.IsInf(service.Reference, 0) && !math.IsInf(prior, 0) {
		perThousand *= service.Learning.Relative(max(prior, 1), service.Reference)
	}
	load := map[string]float64{}
	for _, c := range b.m.Communes {
		if key, ok := c.Office[svc]; ok {
			load[key] += c.Population / 1000 * perThousand
		}
	}
	return load
}

// maxOfficeClerks bounds the clerks the staffing rule gives one office
// for one service: a rule that needs more (a tiny FTE or utilisation, a
// huge population or effort) is a mistake in the file, not a plan.
const maxOfficeClerks = 10000

// size returns how many clerks an office with workload w (reference
// minutes a year) gets and their share of time for the service, with
// capacity a clerk's working minutes a year: the rule's clerks with its
// fixed share, or from the rule's clerks on as many as keep the share the
// workload needs at the target utilisation,
//
//	share = w / (clerks · capacity · utilisation),
//
// within max_share, and at least 0.01. It reports false if that takes
// more than maxOfficeClerks clerks.
func (r rule) size(w, capacity float64) (int, float64, bool) {
	k := r.clerks
	if r.fixed {
		return k, r.share, true
	}
	share := w / (float64(k) * capacity * r.util)
	if !(share >= 0) || math.IsInf(share, 0) {
		// Only values the model rejects make the workload or the
		// capacity meaningless (a clerk's working time or absences, the
		// service's rates, shares or learning): validate reports them.
		return k, 1, true
	}
	if share > r.maxShare {
		// Start just below the number of clerks the share needs, and
		// step as the rule says: the same answer as stepping from the
		// rule's clerks, in a bounded number of steps.
		need := math.Ceil(share * float64(k) / r.maxShare)
		if need > maxOfficeClerks {
			return 0, 0, false
		}
		k = max(k, int(need)-2)
		share = w / (float64(k) * capacity * r.util)
	}
	for share > r.maxShare {
		k++
		share = w / (float64(k) * capacity * r.util)
	}
	return k, max(share, 0.01), true
}

// overstaffed reports that office o would need more than maxOfficeClerks
// clerks for service svc under its staffing rule. The workload comes from
// the rule and from the service (cases per 1,000, efforts): when the
// user's own file changes the service but not the rule, as in a file that
// extends a bundled scenario and sets a huge per_thousand, the message is
// at the service's key in that file and names the rule's place.
func (b *builder) overstaffed(svc string, o *models.Office) {
	rule, service := p("staffing", svc), p("services", svc)
	own := b.l.sources[0].md
	msg := fmt.Sprintf("office %s (%s) would need more than %d clerks for its workload at this rule: "+
		"check fte, utilisation, max_share, the service's cases per 1,000 and efforts", o.Key, o.Name, maxOfficeClerks)
	if own.IsDefined(rule...) || !own.IsDefined(service...) {
		b.err(rule, "%s", msg)
		return
	}
	src := b.sourceOf(rule)
	b.err(service, "office %s (%s) would need more than %d clerks for its workload at the staffing rule of %s:%d: "+
		"check the service's cases per 1,000 and efforts, or the rule's fte, utilisation and max_share",
		o.Key, o.Name, maxOfficeClerks, src.name, lineOf(src, rule))
}
