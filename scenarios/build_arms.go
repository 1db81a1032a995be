package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"zsa/models"
	"zsa/results"
	"zsa/sim"
)

// arms builds the organisations compared: the status quo, without a ZSA,
// then each arm in key order (see arm), each with its own origins.
func (b *builder) arms() {
	b.sc.Arms = []*models.Organisation{{Name: "status quo"}}
	b.armOrigins = []origins{{}}
	names := map[string]string{armSlug(b.sc.Arms[0].Name): "the status quo"}
	for _, key := range sortedKeys(b.f.Arms) {
		o := origins{}
		org := b.arm(key, b.f.Arms[key], o)
		switch slug := armSlug(org.Name); {
		case strings.TrimSpace(org.Name) == "":
			b.err(p("arms", key, "name"), "%q: a name to print", org.Name)
		case printableName(org.Name) != "":
			b.err(p("arms", key, "name"), "%q: %s", org.Name, printableName(org.Name))
		case names[slug] != "":
			b.err(p("arms", key, "name"), "%q: too like the name of %s: arms' outputs would mix", org.Name, names[slug])
		default:
			names[slug] = fmt.Sprintf("arm %q", key)
		}
		b.sc.Arms = append(b.sc.Arms, org)
		b.armOrigins = append(b.armOrigins, o)
	}
}

// armSlug is an arm's name as its output files use it (results.Slug), in
// lower case: two arms with the same would mix their outputs.
func armSlug(name string) string { return strings.ToLower(results.Slug(name)) }

// arm builds an organisation: its name (the key if none), the ZSA
// (required, see zsa) and the delegated services (see delegation),
// recording in o where their values came from.
func (b *builder) arm(key string, af *ArmFile, o origins) *models.Organisation {
	org := &models.Organisation{Name: af.Name}
	if org.Name == "" {
		org.Name = key
	}
	if af.ZSA == nil {
		b.err(p("arms", key, "zsa"), "missing: the ZSA's staff, e.g. zsa = { clerks = { Wohngeld = 4 } }")
		return org
	}
	org.ZSA = b.zsa(key, af, o)
	org.Partitioned = af.ZSA.Pooled != nil && !*af.ZSA.Pooled
	for _, svc := range sortedKeys(af.Services) {
		if d, ok := b.delegation(key, svc, af.Services[svc], models.Path{"organisation", "delegations"}.Index(len(org.Delegations)), o); ok {
			org.Delegations = append(org.Delegations, d)
		}
	}
	return org
}

// zsa builds an arm's ZSA office: per service its number of specialists
// (not negative, for a service the arm delegates) and the generalists,
// skilled for every delegated service, all with the ZSA's share, prior,
// absences and policy. Their values are the model's checks, reported at
// the ZSA's keys.
func (b *builder) zsa(key string, af *ArmFile, o origins) *models.Office {
	zk, zf := p("arms", key, "zsa"), af.ZSA
	z := &models.Office{Key: "ZSA", Name: "ZSA"}
	cl := models.Clerk{FTE: 1, Share: 1, Prior: defaultPrior}
	setIf(&cl.Share, zf.Share)
	var owned bool
	z.Policy, owned = b.personnel(zk, &cl, zf.Prior, zf.LeaveDays, zf.SickRate, zf.Policy, zf.Assignment)
	if owned {
		z.Owned = sortedKeys(af.Services)
	}
	o.add(models.Path{"organisation", "zsa"}, origin{key: zk})
	for _, office := range b.m.Offices {
		o.add(models.Path{"organisation", "zsa", "units"}.Key(z.Key+"/"+office.Key), origin{key: zk})
	}
	add := func(c models.Clerk, skills []string) {
		o.add(models.Path{"organisation", "zsa", "clerks"}.Index(len(z.Clerks)), origin{key: zk, fields: map[string][]string{"skills": skills}})
		z.Clerks = append(z.Clerks, c)
	}
	for _, svc := range sortedKeys(zf.Clerks) {
		n := zf.Clerks[svc]
		if _, ok := af.Services[svc]; !ok {
			b.err(at(zk, "clerks", svc), "service %q is not delegated in this arm", svc)
		}
		if n < 0 || n > maxOfficeClerks {
			b.err(at(zk, "clerks", svc), "%d: must be from 0 to %d", n, maxOfficeClerks)
			continue
		}
		for j := range n {
			c := cl
			c.Name, c.Skills = fmt.Sprintf("%s %d", svc, j+1), []string{svc}
			add(c, at(zk, "clerks", svc))
		}
	}
	b.hires(key, af, cl, z, add)
	if g := zf.Generalists; g != nil && (*g < 0 || *g > maxOfficeClerks) {
		b.err(at(zk, "generalists"), "%d: must be from 0 to %d", *g, maxOfficeClerks)
	} else if g != nil {
		for j := range *g {
			c := cl
			c.Name, c.Skills = fmt.Sprintf("generalist %d", j+1), sortedKeys(af.Services)
			add(c, at(zk, "generalists"))
		}
	}
	return z
}

// hires adds the arm's later hires to the ZSA z: per hire and service,
// its clerks, numbered on from the service's clerks before them, with the
// ZSA's share, absences and policy, the hire's prior (default 1) and its
// date as From.
func (b *builder) hires(key string, af *ArmFile, cl models.Clerk, z *models.Office, add func(models.Clerk, []string)) {
	count := map[string]int{}
	for svc, n := range af.ZSA.Clerks {
		count[svc] = max(n, 0)
	}
	for i, h := range af.Hires {
		e := func(k, format string, args ...any) { b.tableErr("arms."+key+".hires", i, k, format, args...) }
		if h.Date == nil {
			e("date", "missing: the hired clerks' first day")
			continue
		}
		from := sim.Time(h.Date.Date.DaysSince(b.m.Start)) * sim.Day
		if from < 0 || (b.m.Horizon > 0 && from >= b.m.Horizon) {
			e("date", "%v: must lie within the run, from %v", h.Date.Date, b.m.Start)
			continue
		}
		if len(h.Clerks) == 0 {
			e("clerks", "missing: the clerks hired, by service, e.g. clerks = { Wohngeld = 5 }")
		}
		prior := 1.0
		if h.Prior != nil {
			prior = *h.Prior
		}
		for _, svc := range sortedKeys(h.Clerks) {
			n := h.Clerks[svc]
			if _, ok := af.Services[svc]; !ok {
				e("clerks", "service %q is not delegated in this arm", svc)
				continue
			}
			if n < 0 || n > maxOfficeClerks {
				e("clerks", "%s: %d: must be from 0 to %d", svc, n, maxOfficeClerks)
				continue
			}
			for range n {
				count[svc]++
				c := cl
				c.Name, c.Skills, c.Prior, c.From = fmt.Sprintf("%s %d", svc, count[svc]), []string{svc}, prior, from
				add(c, p("arms", key, "hires"))
			}
		}
	}
}

// delegation builds the delegation of service svc in arm key, at path in
// the organisation: the steps the ZSA does, their IT savings, hand-over
// and questions back, the members (see members) and the variants, or with
// optimised = false the status-quo processes (see unoptimised). It checks
// that the service exists and reports whether it does.
func (b *builder) delegation(key, svc string, df *DelegationFile, path models.Path, o origins) (models.Delegation, bool) {
	dk := p("arms", key, "services", svc)
	i := slices.IndexFunc(b.m.Services, func(s models.Service) bool { return s.Name == svc })
	if i < 0 {
		b.err(dk, "unknown service %q", svc)
		return models.Delegation{}, false
	}
	o.add(path, origin{key: dk, fields: map[string][]string{"service": dk}})
	d := models.Delegation{Service: svc, Steps: df.Steps, ITSavings: df.ITSavings, ProcessSavings: df.ProcessSavings}
	if df.HandOver != nil {
		d.HandOver = df.HandOver.Dist
	}
	setIf(&d.QuestionBack, df.QuestionBack)
	if df.QuestionEffort != nil {
		d.QuestionEffort = df.QuestionEffort.Dist
	}
	d.Members = b.members(dk, svc, df, path, o)
	if len(df.Variants) > 0 {
		d.Variants = map[string]models.Process{}
		for _, tn := range sortedKeys(df.Variants) {
			d.Variants[tn] = b.scoped(svc, at(dk, "variants", tn), path.Field("variants").Key(tn),
				b.steps(at(dk, "variants", tn), df.Variants[tn], b.factors(svc)), o)
		}
	}
	if df.Optimised != nil && !*df.Optimised {
		unoptimised(&d, &b.m.Services[i])
	}
	if scope := b.f.Services[svc].Scope; len(scope) > 0 {
		// Steps outside the service's scope are not simulated.
		out := func(n string) bool { return !slices.Contains(scope, n) }
		d.Steps = slices.DeleteFunc(slices.Clone(d.Steps), out)
		d.ITSavings, d.ProcessSavings = withoutKeys(d.ITSavings, out), withoutKeys(d.ProcessSavings, out)
	}
	return d, true
}

// withoutKeys returns a copy of m without the keys for which drop is true.
func withoutKeys(m map[string]float64, drop func(string) bool) map[string]float64 {
	if m == nil {
		return nil
	}
	c := map[string]float64{}
	for k, v := range m {
		if !drop(k) {
			c[k] = v
		}
	}
	return c
}

// members returns the member offices of a delegation: the listed ones, or
// with ["all"] every office of the service, each joining at the start or
// at the date of its wave. It checks that members are offices of the
// service (in some commune's catchment for it) and that waves name
// members.
func (b *builder) members(dk []string, svc string, df *DelegationFile, path models.Path, o origins) []models.Member {
	offices := map[string]bool{}
	inDistrict := map[string][]string{} // district → its offices of svc
	for _, c := range b.m.Communes {
		if k, ok := c.Office[svc]; ok {
			if d := b.admins[c.AGS]["district"]; d != "" && !offices[k] {
				inDistrict[d] = append(inDistrict[d], k)
			}
			offices[k] = true
		}
	}
	list := df.Members
	if slices.Equal(list, []string{"all"}) {
		list = sortedKeys(offices)
	}
	// The date each member joins: its own wave, else its district's.
	joins := map[string]sim.Time{}
	joinKey := map[string][]string{}
	for _, k := range sortedKeys(df.Waves) {
		joinAt := sim.Time(df.Waves[k].Date.DaysSince(b.m.Start)) * sim.Day
		switch {
		case offices[k]:
			if !slices.Contains(list, k) {
				b.err(at(dk, "waves", k), "office %q is not a member", k)
			}
		case inDistrict[k] != nil:
			n := 0
			for _, office := range inDistrict[k] {
				if !slices.Contains(list, office) {
					continue
				}
				n++
				if _, own := df.Waves[office]; !own {
					joins[office], joinKey[office] = joinAt, at(dk, "waves", k)
				}
			}
			if n == 0 {
				b.err(at(dk, "waves", k), "no member office lies in the district %q", k)
			}
			continue
		default:
			b.err(at(dk, "waves", k), "%q is neither an office of %s nor a district (districts: %s)", k, svc, strings.Join(sortedKeys(inDistrict), ", "))
			continue
		}
		joins[k], joinKey[k] = joinAt, at(dk, "waves", k)
	}
	var members []models.Member
	for _, k := range list {
		if !offices[k] {
			b.err(at(dk, "members"), "%q is not an office of %s (see the %s column of the administrations table)", k, svc, "office")
			continue
		}
		mb := models.Member{Office: k}
		from := at(dk, "members")
		if w, ok := joins[k]; ok {
			mb.From, from = w, joinKey[k]
		}
		o.add(path.Field("members").Index(len(members)), origin{key: at(dk, "members"), fields: map[string][]string{"from": from}})
		members = append(members, mb)
	}
	return members
}

// unoptimised turns d into the delegation of the status-quo processes of
// service s: no variants and no process savings, and no steps or IT
// savings that only the variants have.
func unoptimised(d *models.Delegation, s *models.Service) {
	inBase := map[string]bool{}
	for _, t := range s.Types {
		for _, st := range t.Process {
			inBase[st.Name] = true
		}
	}
	d.Variants, d.ProcessSavings = nil, nil
	d.Steps = slices.DeleteFunc(slices.Clone(d.Steps), func(n string) bool { return !inBase[n] })
	d.ITSavings = withoutKeys(d.ITSavings, func(n string) bool { return !inBase[n] })
}
