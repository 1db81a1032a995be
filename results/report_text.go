package results

import (
	"strconv"
	"strings"
)

// comparedText says in a paragraph what was compared.
func comparedText(f *fold, s *Summary) string {
	t := s.tr
	arms := make([]string, len(s.Arms))
	for i, a := range s.Arms {
		arms[i] = t.f("“%s”", a)
	}
	arms[0] += t.s(" (the baseline)")
	services := make([]string, len(s.Services))
	for i, svc := range s.Services {
		services[i] = svc.Service
	}
	var b strings.Builder
	b.WriteString(t.f("This report compares %s: %s, for %s: %s. ",
		t.plural(len(s.Arms), "way of organising the work", "ways of organising the work"), t.join(arms),
		t.plural(len(s.Services), "service", "services"), t.join(services)))
	c, r0 := f.c, f.head
	if days := r0.YearShare * 365; days > 0 {
		b.WriteString(t.f("Each was simulated %s (replications), each over a measured period of %s days after a warm-up. ",
			t.plural(s.Replications, "time", "times"), formatSig(days)))
	} else {
		b.WriteString(t.f("Each was simulated %s (replications). ", t.plural(s.Replications, "time", "times")))
	}
	if len(s.Arms) > 1 {
		b.WriteString(t.s("A replication uses the same random numbers in every arm — the same citizens file the same " +
			"applications at the same times — so the arms are compared replication by replication (paired). "))
	}
	b.WriteString(t.f("The scenario seed is %d; the seed of every replication is listed under “Scenario and run”.", c.Seed))
	return b.String()
}

// caveatText says how to read the figures.
func caveatText(s *Summary) string {
	if s.Replications < 2 {
		return s.tr.s("How to read the figures: with a single replication, every figure is the result of that one " +
			"run; there are no confidence intervals, and changes are not tested against chance.")
	}
	return s.tr.f("How to read the figures: every figure is the mean over the %d replications ± the "+
		"half-width of its 95 %% confidence interval. A change “vs %s” is the paired relative change of the "+
		"means with its 95 %% confidence interval [low, high]; where that interval includes 0, the simulation "+
		"shows no clear change.", s.Replications, s.Arms[0])
}

// parameters lists the run's parameters.
func parameters(f *fold, s *Summary) []param {
	c, t := f.c, s.tr
	na := func(v string) string {
		if v == "" {
			return t.s("(not recorded)")
		}
		return v
	}
	seeds := make([]string, len(s.Seeds))
	for i, x := range s.Seeds {
		seeds[i] = strconv.FormatUint(x, 10)
	}
	arms := append([]string{s.Arms[0] + t.s(" (baseline)")}, s.Arms[1:]...)
	services := make([]string, len(s.Services))
	for i, svc := range s.Services {
		services[i] = svc.Service
	}
	ps := []param{
		{t.s("scenario"), c.Scenario},
		{t.s("description"), na(strings.TrimSpace(c.Description))},
		{t.s("scenario SHA-256"), na(c.Hash)},
		{t.s("seed"), strconv.FormatUint(c.Seed, 10)},
		{t.s("replications"), strconv.Itoa(s.Replications)},
		{t.s("replication seeds"), strings.Join(seeds, ", ")},
		{t.s("arms"), strings.Join(arms, ", ")},
		{t.s("services"), strings.Join(services, ", ")},
	}
	u := utilisations(f)
	var local, other []string
	for i, o := range u.names {
		if u.extra[i] {
			other = append(other, o)
		} else {
			local = append(local, o)
		}
	}
	offices := strconv.Itoa(len(local))
	if len(local) <= 12 {
		offices += " (" + strings.Join(local, ", ") + ")"
	}
	ps = append(ps, param{t.s("local offices"), offices})
	if len(other) > 0 {
		ps = append(ps, param{t.s("offices only some arms have (ZSA)"), strings.Join(other, ", ")})
	}
	var clerks []string
	for a, arm := range c.Arms {
		clerks = append(clerks, arm.Name+": "+strconv.Itoa(f.clerks[a]))
	}
	ps = append(ps, param{t.s("clerks"), strings.Join(clerks, "; ")})
	r0 := f.head
	if r0.YearShare > 0 {
		ps = append(ps, param{t.s("measured period"), t.f("%s days (after the warm-up)", formatSig(r0.YearShare*365))})
	}
	if r0.FTEMinutes > 0 {
		ps = append(ps, param{t.s("working time of one FTE in that period"), formatSig(r0.FTEMinutes.Hours()) + " h"})
	}
	if r0.CostPerFTE > 0 {
		ps = append(ps, param{t.s("cost per FTE and year"), strconv.FormatFloat(r0.CostPerFTE, 'f', -1, 64) + " EUR"})
	}
	ps = append(ps, param{t.s("program version"), na(c.Version)})
	return ps
}

// withUnit appends unit to the number x: "12 min", "92 %".
func withUnit(x, unit string) string {
	if unit == "" {
		return x
	}
	return x + " " + unit
}

// plural returns "1 thing" or "n things".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// join joins words as "a", "a and b", "a, b and c".
func join(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

// short returns the first n bytes of s (all of it if shorter).
func short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
