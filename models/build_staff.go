package models

import (
	"maps"
	"math"
	"slices"
	"strings"

	"zsa/sim"
)

// clerks checks the clerks of the local offices and the ZSA's staff as
// given (a partitioned ZSA's units are made from it): working time, share
// and block within the day, experience, absences, and skills for known
// services and steps.
func (c *compiler) clerks() {
	m := c.p.m
	for i := range m.Offices {
		o := &m.Offices[i]
		for j := range o.Clerks {
			c.clerk(Path{"offices"}.Key(o.Key).Field("clerks").Index(j), &o.Clerks[j])
		}
		c.owned(Path{"offices"}.Key(o.Key), o)
	}
	if z := c.p.org.ZSA; z != nil {
		for j := range z.Clerks {
			c.clerk(Path{"organisation", "zsa", "clerks"}.Index(j), &z.Clerks[j])
		}
		c.owned(Path{"organisation", "zsa"}, z)
	}
}

// owned checks an office's owned services (Office.Owned): known, named
// once, and only clerks skilled for the whole service among those who
// work on it.
func (c *compiler) owned(path Path, o *Office) {
	for i, name := range o.Owned {
		if _, ok := c.svcIdx[name]; !ok {
			c.errs.add(path.Field("owned"), "unknown service %q", name)
			continue
		}
		if slices.Contains(o.Owned[:i], name) {
			c.errs.add(path.Field("owned"), "service %q named twice", name)
			continue
		}
		for j, cl := range o.Clerks {
			if !slices.Contains(cl.Skills, name) && slices.ContainsFunc(cl.Skills, func(sk string) bool { return strings.HasPrefix(sk, name+"/") }) {
				c.errs.add(path.Field("clerks").Index(j).Field("skills"),
					"%v: the cases of %s each belong to one clerk here, who must do all of its steps: give the whole service", cl.Skills, name)
			}
		}
	}
}

// clerk checks one clerk, at path.
func (c *compiler) clerk(path Path, cl *Clerk) {
	if !(cl.FTE > 0 && cl.FTE <= 1) {
		c.errs.add(path.Field("fte"), "%v: must be in (0, 1]", cl.FTE)
	}
	if !(cl.Share > 0 && cl.Share <= 1) {
		c.errs.add(path.Field("share"), "%v: must be in (0, 1]", cl.Share)
	}
	if end := cl.Start + cl.FTE*cl.Share; !(cl.Start >= 0 && cl.Start < 1) {
		c.errs.add(path.Field("start"), "%v: must be in [0, 1), a fraction of the office's daily window", cl.Start)
	} else if c.p.cal != nil && cl.FTE > 0 && cl.FTE <= 1 && cl.Share > 0 && cl.Share <= 1 {
		if from, to := clerkWindow(c.p.m, cl); end > 1+blockSlack || !(from < to) {
			c.errs.add(path.Field("start"), "%v: the clerk's block [start, start + fte·share) = [%v, %v) must be non-empty and end within the window (at 1 or before)", cl.Start, cl.Start, end)
		}
	}
	if !(cl.Prior >= 1) || math.IsInf(cl.Prior, 0) {
		c.errs.add(path.Field("prior"), "%v: experience is counted in items from 1 (a novice)", cl.Prior)
	}
	if cl.LeaveDays < 0 || cl.LeaveDays > 100 {
		c.errs.add(path.Field("leave_days"), "%d: must be in [0, 100]", cl.LeaveDays)
	}
	if !(cl.SickRate >= 0 && cl.SickRate < 1) {
		c.errs.add(path.Field("sick_rate"), "%v: must be in [0, 1)", cl.SickRate)
	}
	if !(cl.From >= 0 && cl.From < c.p.m.Horizon) || math.Mod(float64(cl.From), float64(sim.Day)) != 0 {
		c.errs.add(path.Field("from"), "%v: must be a midnight within the run", cl.From)
	}
	if len(cl.Skills) == 0 {
		c.errs.add(path.Field("skills"), "no skills")
	}
	for _, sk := range cl.Skills {
		name, step, _ := strings.Cut(sk, "/")
		si, ok := c.svcIdx[name]
		if !ok {
			c.errs.add(path.Field("skills"), "unknown service %q", name)
			continue
		}
		if step != "" && !slices.Contains(c.p.services[si].stepNames, step) {
			c.errs.add(path.Field("skills"), "service %q has no step %q", name, step)
		}
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

// staffing reports offices that receive cases of a step nobody there can
// work on: local offices with arrivals of the service, the pooled ZSA for
// delegated services, a partitioned ZSA's unit for its member's.
func (c *compiler) staffing() {
	p := c.p
	for _, o := range p.offices {
		path := Path{"offices"}.Key(o.office.Key)
		if o.zsa {
			path = zsaPath(o)
		}
		for _, cs := range p.services {
			if !staffed(p, o, cs) {
				continue
			}
			for _, n := range slices.Sorted(maps.Keys(neededSteps(o, cs))) {
				if !anyClerkCan(o.office, cs.svc.Name, n) {
					c.errs.add(path.Field("clerks"), "nobody can do step %q of %s, but cases need it", n, cs.svc.Name)
				}
			}
		}
	}
}

// staffed reports whether office o does work of service cs: a local
// office with arrivals, the ZSA for a delegated service, and a unit of a
// partitioned ZSA only for the services its member delegates.
func staffed(p *plan, o *coffice, cs *cservice) bool {
	switch {
	case !o.zsa:
		return officeHasArrivals(p, o.idx, cs.idx)
	case cs.deleg == nil:
		return false
	case o.member >= 0:
		_, ok := cs.deleg.members[o.member]
		return ok
	}
	return true
}

// neededSteps returns the work steps of service cs that office o does:
// at the ZSA the delegated ones (and the answers to questions back),
// locally the others.
func neededSteps(o *coffice, cs *cservice) map[string]bool {
	needed := map[string]bool{}
	for _, t := range cs.types {
		for _, pr := range []*cproc{t.proc, t.variant} {
			if pr == nil {
				continue
			}
			for _, st := range pr.steps {
				local := pr == t.proc || !st.zsa
				if st.work && (o.zsa && st.zsa || !o.zsa && local) {
					needed[st.name] = true
				}
			}
		}
	}
	if o.zsa && cs.deleg != nil && cs.deleg.qBack > 0 {
		needed["question"] = true
	}
	return needed
}

// zsaPath locates a ZSA office: the pooled ZSA, or a partitioned one's
// unit.
func zsaPath(o *coffice) Path {
	if o.member >= 0 {
		return Path{"organisation", "zsa", "units"}.Key(o.office.Key)
	}
	return Path{"organisation", "zsa"}
}

func officeHasArrivals(p *plan, office, svc int) bool {
	for _, s := range p.sources {
		if s.office == office && s.svc == svc && s.population > 0 && p.services[svc].svc.PerThousand > 0 {
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
