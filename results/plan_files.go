package results

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Files of a staff plan (zsa plan), beside those of the run at the
// chosen staff.
const (
	PlanCSVFile  = "plan.csv"
	PlanJSONFile = "plan.json"
)

// PlanFormat and PlanFormatVersion identify the layout of plan.json.
const (
	PlanFormat        = "zsa-plan"
	PlanFormatVersion = 1
)

// WritePlanCSV writes plan.csv: every staff level tried and the joint
// check, one row per level and target:
//
//	stage,service,staff,replications,verdict,target,metric,offices,op,bound,mean,ci_low,ci_high,decision_bound,target_verdict,chosen
//
// stage is "search" for the levels tried (in order of staff per
// service) and "final" for the chosen staff of all services run together
// on the plan's replications; verdict is the level's (meets, fails,
// undecided), target_verdict the target's; target numbers the plan's
// targets from 1; op is ">=" or "<="; mean, ci_low and ci_high are the
// metric's mean over the replications with its 95 % confidence interval,
// decision_bound the one-sided confidence bound the verdict used; chosen
// is true on the rows of each service's chosen staff. Floats have 10
// significant digits; NaN is an empty field.
func WritePlanCSV(w io.Writer, p *StaffPlan) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"stage", "service", "staff", "replications", "verdict", "target", "metric", "offices", "op",
		"bound", "mean", "ci_low", "ci_high", "decision_bound", "target_verdict", "chosen"})
	for _, sp := range p.Services {
		idx := planTargetIndices(p, sp.Service)
		row := func(stage string, staff, reps int, verdict string, es []TargetEstimate) {
			for k, e := range es {
				t := p.Targets[idx[k]]
				op := "<="
				if t.AtLeast {
					op = ">="
				}
				cw.Write([]string{stage, sp.Service, strconv.Itoa(staff), strconv.Itoa(reps), verdict,
					strconv.Itoa(idx[k] + 1), t.Metric, t.Offices(), op, csvFloat(t.Bound), csvFloat(e.Mean),
					csvFloat(e.Lo), csvFloat(e.Hi), csvFloat(e.Bound), e.Verdict, strconv.FormatBool(staff == sp.Staff)})
			}
		}
		for _, c := range sp.Candidates {
			row("search", c.Staff, c.Replications, c.Verdict, c.Targets)
		}
		if f := sp.Final; f != nil {
			staff := sp.Staff
			if staff == 0 {
				staff = sp.Max
			}
			row("final", staff, p.Replications, f.Verdict, f.Targets)
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvFloat formats x with 10 significant digits, NaN as "".
func csvFloat(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', 10, 64)
}

// planTargetIndices returns the indices in p.Targets of the targets of
// service, in order.
func planTargetIndices(p *StaffPlan, service string) []int {
	var idx []int
	for i, t := range p.Targets {
		if t.Service == service {
			idx = append(idx, i)
		}
	}
	return idx
}

// WritePlanJSON writes plan.json: the plan of c (c.Plan) as one JSON
// object, indented by two spaces, fields in a fixed order (see SCHEMA.md).
func WritePlanJSON(w io.Writer, c *Comparison) error {
	p := c.Plan
	type estimate struct {
		Target        int       `json:"target"`
		Mean          jsonFloat `json:"mean"`
		CILow         jsonFloat `json:"ci_low"`
		CIHigh        jsonFloat `json:"ci_high"`
		DecisionBound jsonFloat `json:"decision_bound"`
		Verdict       string    `json:"verdict"`
	}
	estimates := func(idx []int, es []TargetEstimate) []estimate {
		out := []estimate{}
		for k, e := range es {
			out = append(out, estimate{idx[k] + 1, jsonFloat(e.Mean), jsonFloat(e.Lo), jsonFloat(e.Hi), jsonFloat(e.Bound), e.Verdict})
		}
		return out
	}
	type candidate struct {
		Staff         int        `json:"staff"`
		Replications  int        `json:"replications"`
		Verdict       string     `json:"verdict"`
		BacklogGrowth jsonFloat  `json:"backlog_growth"`
		Targets       []estimate `json:"targets"`
	}
	type final struct {
		Verdict         string     `json:"verdict"`
		Targets         []estimate `json:"targets"`
		ZSAStaffFTE     jsonFloat  `json:"zsa_staff_fte"`
		CostEURPerYear  jsonFloat  `json:"cost_eur_per_year"`
		StaticFTE       jsonFloat  `json:"personalbemessung_fte"`
		BusyShare       jsonFloat  `json:"busy_share"`
		LocalWorkBefore jsonFloat  `json:"member_work_fte_status_quo"`
		LocalWorkAfter  jsonFloat  `json:"member_work_fte_plan"`
		LocalPBBefore   jsonFloat  `json:"member_personalbemessung_fte_status_quo"`
		LocalPBAfter    jsonFloat  `json:"member_personalbemessung_fte_plan"`
	}
	type service struct {
		Service      string      `json:"service"`
		Min          int         `json:"min"`
		Max          int         `json:"max"`
		Staff        int         `json:"staff"`
		Verdict      string      `json:"verdict"`
		Text         string      `json:"text"`
		Monotonicity []string    `json:"monotonicity_violations"`
		Candidates   []candidate `json:"candidates"`
		Final        *final      `json:"final"`
	}
	type target struct {
		Service string    `json:"service"`
		Metric  string    `json:"metric"`
		Offices string    `json:"offices"`
		Op      string    `json:"op"`
		Bound   jsonFloat `json:"bound"`
	}
	out := struct {
		Format        string    `json:"format"`
		FormatVersion int       `json:"format_version"`
		Scenario      string    `json:"scenario"`
		Hash          string    `json:"hash"`
		Seed          uint64    `json:"seed"`
		Version       string    `json:"version"`
		Arm           string    `json:"arm"`
		Join          string    `json:"join"`
		Confidence    float64   `json:"confidence"`
		Replications  int       `json:"replications"`
		Simulated     int       `json:"replications_simulated"`
		WorkRatio     jsonFloat `json:"work_ratio"`
		Interrupted   bool      `json:"interrupted"`
		Targets       []target  `json:"targets"`
		Services      []service `json:"services"`
	}{Format: PlanFormat, FormatVersion: PlanFormatVersion, Scenario: c.Scenario, Hash: p.Hash, Seed: c.Seed,
		Version: c.Version, Arm: p.Arm, Join: p.Join, Confidence: p.Confidence, Replications: p.Replications,
		Simulated: p.Simulated, WorkRatio: jsonFloat(float64(p.Simulated) / float64(p.Replications)),
		Interrupted: p.Interrupted, Targets: []target{}, Services: []service{}}
	for _, t := range p.Targets {
		op := "<="
		if t.AtLeast {
			op = ">="
		}
		out.Targets = append(out.Targets, target{t.Service, t.Metric, t.Offices(), op, jsonFloat(t.Bound)})
	}
	for _, sp := range p.Services {
		idx := planTargetIndices(p, sp.Service)
		s := service{Service: sp.Service, Min: sp.Min, Max: sp.Max, Staff: sp.Staff, Verdict: sp.Verdict,
			Text: planSentence(p, sp, nil), Monotonicity: append([]string{}, sp.Monotonicity...), Candidates: []candidate{}}
		for _, cd := range sp.Candidates {
			s.Candidates = append(s.Candidates, candidate{cd.Staff, cd.Replications, cd.Verdict, jsonFloat(cd.BacklogGrowth), estimates(idx, cd.Targets)})
		}
		if f := sp.Final; f != nil {
			s.Final = &final{f.Verdict, estimates(idx, f.Targets), jsonFloat(f.ZSAStaffFTE), jsonFloat(f.CostEUR),
				jsonFloat(f.StaticFTE), jsonFloat(f.BusyShare), jsonFloat(f.LocalWorkBefore), jsonFloat(f.LocalWorkAfter),
				jsonFloat(f.LocalPBBefore), jsonFloat(f.LocalPBAfter)}
		}
		out.Services = append(out.Services, s)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WritePlanText writes the plan as zsa plan prints it: a sentence per
// service (planSentence) and the table of the staff levels tried.
func WritePlanText(w io.Writer, p *StaffPlan) error {
	joining := ""
	if p.Join != "" {
		joining = ", offices joining: " + p.Join
	}
	fmt.Fprintf(w, "Staff plan for %s%s: the least ZSA clerks per service that meet every target with %s confidence.\n\n",
		p.Arm, joining, confidenceText(p.Confidence))
	for _, sp := range p.Services {
		fmt.Fprintf(w, "- %s\n", planSentence(p, sp, nil))
	}
	fmt.Fprintln(w)
	if _, err := planTable(p, nil).WriteTo(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nmean [95 %% confidence interval] over the replications; verdict at the plan's confidence "+
		"(the error is spent over the looks and targets); final: the chosen staff of every service together, "+
		"%d replications. Replications simulated: %d, %.2f× those at the plan.\n",
		p.Replications, p.Simulated, float64(p.Simulated)/float64(p.Replications))
	return err
}

// planTable is the table of the staff levels tried and the final check.
func planTable(p *StaffPlan, tr *translator) *Table {
	t := &Table{Header: []string{tr.s("service"), tr.s("ZSA clerks"), tr.s("replications"), tr.s("target"), tr.s("mean [95 % CI]"), tr.s("verdict")}}
	for _, sp := range p.Services {
		idx := planTargetIndices(p, sp.Service)
		add := func(staff string, reps int, es []TargetEstimate, verdict string) {
			for k, e := range es {
				t.AddRow(sp.Service, staff, reps, p.Targets[idx[k]].String(), estimateText(tr, e), verdict)
			}
		}
		for _, c := range sp.Candidates {
			v := tr.s(c.Verdict)
			if c.BacklogGrowth > OverloadGrowth {
				v += tr.s(" (backlog grows)")
			}
			add(strconv.Itoa(c.Staff), c.Replications, c.Targets, v)
		}
		if f := sp.Final; f != nil && sp.Staff > 0 {
			add(strconv.Itoa(sp.Staff)+tr.s(" (final)"), p.Replications, f.Targets, tr.s(f.Verdict))
		}
	}
	return t
}

// estimateText formats an estimate as "0.934 [0.921, 0.947]", shares and
// all in the metric's unit.
func estimateText(t *translator, e TargetEstimate) string {
	if math.IsNaN(e.Mean) {
		return t.s("no figure")
	}
	s := minus(sig4(e.Mean))
	if !math.IsNaN(e.Lo) && !math.IsNaN(e.Hi) && e.Hi > e.Lo {
		s += " [" + minus(sig4(e.Lo)) + ", " + minus(sig4(e.Hi)) + "]"
	}
	return s
}

// planSentence says what the plan found for one service, in the words a
// planner needs: the staff that meets the targets, what one fewer does,
// what the static Personalbemessung says, the cost and the posts freed in
// the member offices.
func planSentence(p *StaffPlan, sp ServicePlan, t *translator) string {
	var targets []string
	for _, i := range planTargetIndices(p, sp.Service) {
		targets = append(targets, p.Targets[i].String())
	}
	conf := confidenceText(p.Confidence)
	what := strings.Join(targets, " "+t.s("and")+" ")
	var b strings.Builder
	switch sp.Verdict {
	case Unfinished:
		return t.f("%s: interrupted before the search finished.", sp.Service)
	case Unreachable:
		b.WriteString(t.f("%s: even %d ZSA clerks (the most allowed) do not meet %s with %s confidence.", sp.Service, sp.Max, what, conf))
	default:
		b.WriteString(t.f("%s: %s meet %s with %s confidence", sp.Service, t.plural(sp.Staff, "ZSA clerk", "ZSA clerks"), what, conf))
		switch {
		case sp.Staff == sp.Min:
			b.WriteString(t.s(" (the least allowed)."))
		case sp.Verdict == Undecided:
			b.WriteString(t.f("; with %d the replications cannot tell (undecided between %d and %d).", sp.Staff-1, sp.Staff-1, sp.Staff))
		default:
			b.WriteString(t.f("; %d do not.", sp.Staff-1))
		}
	}
	f := sp.Final
	if f == nil {
		return b.String()
	}
	if f.Verdict != Meets && sp.Verdict != Unreachable {
		b.WriteString(t.f(" Run with the other services at their planned staff, the final check says %s.", t.s(f.Verdict)))
	}
	if sp.Verdict != Unreachable {
		if f.CostEUR > 0 {
			b.WriteString(t.f(" They cost %s EUR a year.", thousands(f.CostEUR)))
		}
		b.WriteString(t.f(" The static Personalbemessung of their work is %s FTE (touch time × (1 + Verteilzeit) ÷ net working time of a post)",
			formatSig(f.StaticFTE)))
		switch d := float64(sp.Staff) - f.StaticFTE; {
		case d > 0.5:
			b.WriteString(t.f("; the plan needs %s more, because the rule ignores waiting and peaks.", formatSig(d)))
		case d < -0.5:
			b.WriteString(t.f("; the plan needs %s fewer: the target leaves room for queues the rule does not count.", formatSig(-d)))
		default:
			b.WriteString(".")
		}
		b.WriteString(t.f(" The ZSA clerks are busy %s of their available time.", formatPercent(f.BusyShare)))
	}
	if !math.IsNaN(f.LocalPBBefore) && !math.IsNaN(f.LocalPBAfter) {
		b.WriteString(t.f(" In the member offices the work left needs %s FTE by the same rule, against %s FTE in the status quo: %s posts freed.",
			formatSig(f.LocalPBAfter), formatSig(f.LocalPBBefore), formatSig(f.LocalPBBefore-f.LocalPBAfter)))
	}
	return b.String()
}

// confidenceText formats a confidence as "95 %".
func confidenceText(c float64) string {
	return strconv.FormatFloat(100*c, 'g', 4, 64) + " %"
}

// thousands formats x rounded to a whole number with thin spaces between
// groups of three digits: "1 234 567".
func thousands(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	s := strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var parts []string
	for len(s) > 3 {
		parts = append([]string{s[len(s)-3:]}, parts...)
		s = s[:len(s)-3]
	}
	parts = append([]string{s}, parts...)
	out := strings.Join(parts, "\u202f")
	if neg {
		out = "−" + out
	}
	return out
}

// JoinCSVFile compares the plans of a scenario's candidate sets of member
// offices ([[plan.join]]).
const JoinCSVFile = "join.csv"

// WriteJoinCSV writes join.csv: per candidate set and service, the plan's
// answer and what it costs and frees:
//
//	join,service,staff,verdict,cost_eur_per_year,personalbemessung_fte,busy_share,member_personalbemessung_fte_status_quo,member_personalbemessung_fte_plan,posts_freed
//
// staff is 0 where no staff up to the maximum meets the targets; the
// figures are from the final check at the chosen staff (see plan.json).
func WriteJoinCSV(w io.Writer, plans []*StaffPlan) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"join", "service", "staff", "verdict", "cost_eur_per_year", "personalbemessung_fte", "busy_share",
		"member_personalbemessung_fte_status_quo", "member_personalbemessung_fte_plan", "posts_freed"})
	for _, p := range plans {
		for _, sp := range p.Services {
			f := sp.Final
			if f == nil {
				f = &PlanFinal{CostEUR: math.NaN(), StaticFTE: math.NaN(), BusyShare: math.NaN(), LocalPBBefore: math.NaN(), LocalPBAfter: math.NaN()}
			}
			cw.Write([]string{p.Join, sp.Service, strconv.Itoa(sp.Staff), sp.Verdict, csvFloat(f.CostEUR), csvFloat(f.StaticFTE),
				csvFloat(f.BusyShare), csvFloat(f.LocalPBBefore), csvFloat(f.LocalPBAfter), csvFloat(f.LocalPBBefore - f.LocalPBAfter)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// JoinTable compares the plans of candidate sets of member offices.
func JoinTable(plans []*StaffPlan) *Table {
	t := &Table{Header: []string{"offices joining", "service", "ZSA clerks", "verdict", "cost (EUR a year)", "Personalbemessung (FTE)", "posts freed"}}
	for _, p := range plans {
		for _, sp := range p.Services {
			cost, pb, freed := "", "", ""
			if f := sp.Final; f != nil && sp.Staff > 0 {
				cost, pb, freed = thousands(f.CostEUR), formatSig(f.StaticFTE), formatSig(f.LocalPBBefore-f.LocalPBAfter)
			}
			t.AddRow(p.Join, sp.Service, sp.Staff, sp.Verdict, cost, pb, freed)
		}
	}
	return t
}
