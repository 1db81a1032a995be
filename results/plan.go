package results

import (
	"fmt"
	"strconv"
)

// PlanTarget is a service level that zsa plan must meet: a metric of a
// service, over the offices that join the ZSA for it or over all, with a
// bound.
type PlanTarget struct {
	Service, Metric string
	// Members restricts the figure to the cases of the member offices of
	// the planned arm; false: the service total.
	Members bool
	// AtLeast: the metric must be at least Bound (a service level); else
	// at most Bound (a lead time).
	AtLeast bool
	Bound   float64
}

// Offices names the offices the target covers: "members" or "all".
func (t PlanTarget) Offices() string {
	if t.Members {
		return "members"
	}
	return TotalOffice
}

// String writes the target as "within_level ≥ 0.9 (members)".
func (t PlanTarget) String() string {
	op := "≤"
	if t.AtLeast {
		op = "≥"
	}
	return fmt.Sprintf("%s %s %s (%s)", t.Metric, op, minus(strconv.FormatFloat(t.Bound, 'g', 4, 64)), t.Offices())
}

// Met reports whether the value x meets the bound.
func (t PlanTarget) Met(x float64) bool {
	if t.AtLeast {
		return x >= t.Bound
	}
	return x <= t.Bound
}

// StaffPlan is the outcome of zsa plan: per service, the least ZSA clerks
// that meet every target of the service with the stated confidence.
type StaffPlan struct {
	// Arm is the name of the arm whose ZSA was staffed; Hash the hex
	// SHA-256 of the scenario planned (the run at the chosen staff has its
	// own, with the staff set).
	Arm, Hash string
	// Join names the candidate set of member offices planned ([[plan.join]]),
	// "" for the arm's own members.
	Join       string
	Confidence float64
	// Replications is the number of replications at the chosen staff (the
	// most any staff level tried got); Simulated counts the replications
	// of the arm simulated in all, the final ones included.
	Replications, Simulated int
	Targets                 []PlanTarget
	Services                []ServicePlan
	// Interrupted reports that the search was cancelled: what is decided
	// is kept, the rest is marked.
	Interrupted bool
}

// Verdicts of a staff level and of a service's plan.
const (
	Meets       = "meets"       // every target met with the confidence
	Fails       = "fails"       // some target missed with the confidence
	Undecided   = "undecided"   // neither, within the replications
	Decided     = "decided"     // Staff meets, Staff − 1 fails (or Staff is the minimum)
	Unreachable = "unreachable" // the maximum does not meet
	Unfinished  = "interrupted" // the search was cancelled first
)

// ServicePlan is the plan of one service.
type ServicePlan struct {
	Service  string
	Min, Max int
	// Staff is the least number of clerks found to meet every target of
	// the service; 0 if none up to Max does.
	Staff int
	// Verdict is Decided, Undecided (Staff − 1 could not be told from
	// the targets within the replications: the answer is Staff − 1 or
	// Staff), Unreachable or Unfinished.
	Verdict string
	// Candidates are the staff levels tried, by staff.
	Candidates []PlanCandidate
	// Monotonicity lists where a figure got worse with more staff (with
	// common random numbers it should not).
	Monotonicity []string
	// Final holds the figures at the chosen staff from the final
	// replications, all planned services at their chosen staff together
	// (the joint check); nil if there are none.
	Final *PlanFinal
}

// PlanCandidate is one staff level tried for a service.
type PlanCandidate struct {
	Staff, Replications int
	Verdict             string
	Targets             []TargetEstimate
	// BacklogGrowth is the service total's backlog growth (the metric
	// backlog_growth), mean over the replications: a level above
	// OverloadGrowth fails whatever its targets.
	BacklogGrowth float64
}

// TargetEstimate is a target's metric at a staff level over the
// replications: the mean with its two-sided 95 % interval [Lo, Hi], and
// the one-sided confidence bound the decision used (lower for at_least,
// upper for at_most), at the error level spent on that look.
type TargetEstimate struct {
	Mean, Lo, Hi float64
	Bound        float64
	Verdict      string
}

// PlanFinal are a service's figures at the chosen staff, from the final
// replications, against the status quo on the same seeds.
type PlanFinal struct {
	Verdict string           // the joint check: Meets, Fails or Undecided
	Targets []TargetEstimate // the service's targets, in order
	// ZSAStaffFTE is the ZSA's staff assigned to the service, CostEUR its
	// yearly cost; StaticFTE the static Personalbemessung of the ZSA's work
	// for the service (touch time × (1 + Verteilzeit) ÷ net working time
	// of a post), BusyShare the share of the ZSA clerks' available time
	// spent on the work.
	ZSAStaffFTE, CostEUR, StaticFTE, BusyShare float64
	// LocalWorkBefore and LocalWorkAfter are the work done (FTE) in the
	// member offices in the status quo and with the ZSA; LocalPBBefore and
	// LocalPBAfter its Personalbemessung: the posts the work needs by the
	// static rule, so that their difference is the posts freed locally.
	// Means over the replications.
	LocalWorkBefore, LocalWorkAfter, LocalPBBefore, LocalPBAfter float64
}
