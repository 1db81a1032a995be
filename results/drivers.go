package results

import (
	"math"
)

// leadPart is a part of a completed case's lead time: the time it spends
// in one kind of state.
type leadPart struct {
	what string  // how the sentence names it
	base float64 // days per completed case in the baseline
	arm  float64 // and in the arm
}

// leadParts splits the mean lead time of a service total into its parts in
// the baseline and arm a: waiting in queues, in hand-overs, in external
// waits, and the rest, in work (metrics.go). The rest is clamped at 0
// against rounding.
func leadParts(t *translator, total OfficeSummary, a int) []leadPart {
	mean := func(arm, m int) float64 { return total.Arms[arm].Metrics[m].Value.Mean }
	part := func(what string, m int) leadPart { return leadPart{t.s(what), mean(0, m), mean(a, m)} }
	parts := []leadPart{
		part("in queues", mWaitDays),
		part("in hand-overs between ZSA and local office", mHandOverDays),
		part("in external waits (citizen, other authorities)", mExternalDays),
	}
	work := leadPart{what: t.s("in work"),
		base: mean(0, mLeadDays), arm: mean(a, mLeadDays)}
	for _, p := range parts {
		work.base -= p.base
		work.arm -= p.arm
	}
	work.base, work.arm = math.Max(work.base, 0), math.Max(work.arm, 0)
	return append(parts, work)
}

// leadDrivers explains, from the model's own measurements, how arm a
// changes the mean lead time of the cases of total (a service's total, or
// the cases of its member offices) against the baseline: which part of
// the lead time moves it most, and every part in both arms. "" if the
// lead times are not both known.
func leadDrivers(s *Summary, total OfficeSummary, a int) string {
	lead := total.Arms[a].Metrics[mLeadDays]
	base := total.Arms[0].Metrics[mLeadDays].Value.Mean
	if math.IsNaN(base) || math.IsNaN(lead.Value.Mean) || lead.Paired == nil {
		return ""
	}
	t := s.tr
	parts := leadParts(t, total, a)
	num := func(x float64) string { return minus(formatSig(x)) }
	text := t.f("Lead time %s d → %s d", num(base), num(lead.Value.Mean))
	p := lead.Paired
	sentence := ""
	switch {
	case p.RelLo > 0:
		sentence = "%s lengthens the lead time (%s d → %s d, %s)"
	case p.RelHi < 0:
		sentence = "%s shortens the lead time (%s d → %s d, %s)"
	}
	if sentence != "" {
		// The part that moves most in the direction of the change.
		best, bestD := -1, 0.0
		for i, x := range parts {
			d := x.arm - x.base
			if (p.RelLo > 0) == (d > 0) && math.Abs(d) > math.Abs(bestD) {
				best, bestD = i, d
			}
		}
		text = t.f(sentence, total.Arms[a].Arm, num(base), num(lead.Value.Mean), formatChange(p.Rel, p.RelLo, p.RelHi))
		if best >= 0 {
			sign := "+"
			if bestD < 0 {
				sign = ""
			}
			text += t.f(", most of all %s: %s%s d per case", parts[best].what, sign, num(bestD))
		}
	}
	text += t.f(". Per completed case, %s → %s: ", s.Arms[0], total.Arms[a].Arm)
	sep := ""
	for _, x := range parts {
		if x.base == 0 && x.arm == 0 {
			continue
		}
		text += sep + t.f("%s %s → %s d", x.what, num(x.base), num(x.arm))
		sep = "; "
	}
	return text + "."
}
