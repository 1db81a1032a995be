package results

import (
	"strings"
)

// KeyLabel returns a label a planner reads for a key path of the scenario
// format, e.g. "ZSA clerks, Hundehaltung" for
// "arms.zsa.zsa.clerks.Hundehaltung", or the path itself where it knows
// none. A parameter that sets several keys ("path: keys") is labelled by
// its path.
func KeyLabel(path string) string { return keyLabel(nil, path) }

// keyLabel is KeyLabel in t's language.
func keyLabel(t *translator, path string) string {
	p, _, _ := strings.Cut(path, ": ")
	k := strings.Split(p, ".")
	n := len(k)
	switch {
	case n == 5 && k[0] == "arms" && k[2] == "zsa" && k[3] == "clerks":
		return t.f("ZSA clerks, %s", k[4])
	case n == 4 && k[0] == "arms" && k[2] == "zsa":
		if l, ok := zsaLabels[k[3]]; ok {
			return "ZSA " + t.s(l)
		}
	case n == 6 && k[0] == "arms" && k[2] == "services" && k[4] == "it_savings":
		return t.f("%s: IT factor of %s", k[3], k[5])
	case n == 6 && k[0] == "arms" && k[2] == "services" && k[4] == "process_savings":
		return t.f("%s: process factor of %s", k[3], k[5])
	case n == 5 && k[0] == "arms" && k[2] == "services":
		if l, ok := delegationLabels[k[4]]; ok {
			return k[3] + ": " + t.s(l)
		}
	case n == 4 && k[0] == "services" && k[2] == "learning":
		if l, ok := learningLabels[k[3]]; ok {
			return k[1] + ": " + t.s(l)
		}
	case n == 3 && k[0] == "services":
		if l, ok := serviceLabels[k[2]]; ok {
			return k[1] + ": " + t.s(l)
		}
	case n == 3 && k[0] == "staffing":
		if l, ok := staffingLabels[k[2]]; ok {
			return t.f("%s: local %s", k[1], t.s(l))
		}
	case n == 5 && k[0] == "services" && k[2] == "types" && k[4] == "share":
		return t.f("%s: share of %s", k[1], k[3])
	}
	return p
}

// The labels of the keys KeyLabel knows, by the key's last part.
var (
	zsaLabels = map[string]string{"prior": "prior experience (items)", "share": "share of time for the services",
		"leave_days": "leave days", "sick_rate": "sickness rate", "generalists": "generalists", "pooled": "pooling"}
	delegationLabels = map[string]string{"hand_over": "hand-over time", "question_back": "share of questions back",
		"question_effort": "effort of a question back", "members": "member offices", "optimised": "optimised process",
		"steps": "steps the ZSA does"}
	learningLabels = map[string]string{"rate": "learning rate", "floor": "learning floor"}
	serviceLabels  = map[string]string{"per_thousand": "cases per 1,000 inhabitants", "switch": "set-up time",
		"forgetting": "forgetting horizon", "effort_factor": "effort factor", "delay_factor": "delay factor",
		"types": "case mix", "reference": "reference experience", "service_level": "service level (working days)",
		"rework_factor": "rework factor"}
	staffingLabels = map[string]string{"utilisation": "staffing target utilisation", "clerks": "clerks per office (at least)",
		"prior": "clerks' prior experience", "leave_days": "leave days", "sick_rate": "sickness rate",
		"max_share": "largest share of a clerk's time", "fte": "FTE per clerk"}
)
