package models

import (
	"time"

	"zsa/models/arrivals"
	"zsa/models/calendar"
	"zsa/models/dist"
	"zsa/models/learning"
	"zsa/sim"
)

// Model is the world both arms of a comparison share: the calendar, the
// services and their processes, the communes whose citizens file cases, and
// the offices with their clerks. An Organisation says who does which work.
type Model struct {
	// Start is the first day of the simulation; sim.Time 0 is its midnight.
	Start calendar.Date
	// Horizon is the length of the run: cases arrive in [0, Horizon) and
	// measurement stops at Horizon. It must be positive.
	Horizon sim.Time
	// WarmUp is skipped by the statistics: only cases that arrive at or
	// after WarmUp are measured, and utilisation counts from WarmUp. It
	// must be in [0, Horizon).
	WarmUp sim.Time
	// Hours is the offices' daily working window [Open, Close), in minutes
	// after midnight.
	Hours struct{ Open, Close sim.Time }
	// Weekdays are the working days of the week; empty means Monday to
	// Friday. NoStateHolidays leaves out the public holidays of
	// Sachsen-Anhalt (for validation runs around the clock).
	Weekdays        []time.Weekday
	NoStateHolidays bool
	// CostPerFTE is the yearly cost of one full-time clerk (euros), for the
	// cost measure. Zero leaves cost out.
	CostPerFTE float64
	// Verteilzeit is the surcharge on processing time that the static
	// Personalbemessung adds for time at work that is not case work
	// (interruptions, meetings, personal needs), as a fraction: 0.15 for
	// 15 %. It enters only the Personalbemessung figure of the results,
	// never the simulation. It must be in [0, 1].
	Verteilzeit float64
	// Services are the services simulated. At most 64.
	Services []Service
	// Communes are the sources of cases.
	Communes []Commune
	// Offices are the local offices (the status quo's organisation).
	Offices []Office
}

// Commune is a municipality whose inhabitants file cases.
type Commune struct {
	// AGS is the official municipality key (Amtlicher Gemeindeschlüssel).
	AGS  string
	Name string
	// Population is the number of inhabitants.
	Population float64
	// Office maps a service name to the key of the office that processes
	// that service's cases for this commune (its catchment). A commune
	// without an entry for a service files no cases of it.
	Office map[string]string
}

// Service is a public service with its case types.
type Service struct {
	Name string
	// PerThousand is the number of cases per 1,000 inhabitants per year.
	PerThousand float64
	// Profile is the seasonal and weekday shape of arrivals.
	Profile arrivals.Profile
	// Types are the case types; their shares must sum to 1.
	Types []CaseType
	// Learning is the effort multiplier's learning curve.
	Learning learning.Curve
	// Reference is the experience (items, ≥ 1) of the reference clerk for
	// whom step efforts are given: a clerk with experience e takes
	// effort·Learning.Relative(e, Reference).
	Reference float64
	// Forgetting erodes a clerk's experience with time away from the
	// service.
	Forgetting learning.Forgetting
	// LearnPerStep counts a clerk's experience per work step instead of
	// per service: the effort and error probability at a step follow the
	// items of that step the clerk has done (from its Prior), and
	// forgetting the time since it last did that step.
	LearnPerStep bool
	// Switch is the set-up time a clerk needs when turning to this service
	// from another one, or from other duties: a clerk with Share < 1 pays
	// it at the first item it begins on each working day, the run's first
	// included (its time for the services is a block, other duties fill
	// the rest of the day). A time slice of a partitioned ZSA's clerk that
	// begins where the clerk's previous slice ends continues that work and
	// pays it only when the service changes (Organisation.Partitioned).
	// Nil means none.
	Switch dist.Dist
	// ReworkFactor is the share of a step's effort needed to redo it after
	// an error was found (in [0, 1]; e.g. 0.5).
	ReworkFactor float64
	// ServiceLevel is the target lead time in working days (e.g. 20): the
	// share of cases done within it is measured. Zero leaves it out.
	ServiceLevel float64
}

// CaseType is one kind of case of a service, with its process.
type CaseType struct {
	Name string
	// Share is the fraction of the service's cases of this type.
	Share float64
	// Process is the status-quo process.
	Process Process
	// Reapply, if not nil, files a follow-up case after an approval (a
	// case that ends in Done): the Wohngeld re-application cycle.
	Reapply *Reapply
	// Backlog is the number of cases of this type open at the start, per
	// 1,000 inhabitants of the office's catchment.
	Backlog float64
}

// Reapply schedules a follow-up case after an approval.
type Reapply struct {
	// Prob is the probability that an approved case is followed up.
	Prob float64
	// After is the delay from the approval to the new case, e.g. 365 days.
	After sim.Time
	// Type is the name of the follow-up's case type.
	Type string
	// Inherited starts the run with the follow-ups of cases approved
	// before it: during the first After of the run, every commune files
	// follow-ups of this kind at the rate they have once re-applications
	// have settled (SteadyStateRates: r_S · ApprovalShare_S · Prob per
	// 1,000 inhabitants a year, with the service's profile). Without it, a
	// run starts as if the service had just opened: no follow-ups before
	// After. It needs a steady state: a chain of follow-ups that renews
	// itself with certainty has none.
	Inherited bool
}

// Process is a case type's steps. A case enters at the first step; each
// step's Next decides where it goes after it.
type Process []Step

// Targets of a branch that end the case.
const (
	Done   = "done"   // the case is decided positively (an approval)
	Reject = "reject" // the case ends negatively (rejection, no answer)
)

// Step is one step of a process: either work by a clerk (Effort set) or a
// wait for someone outside (Delay set) that takes calendar time only.
type Step struct {
	Name string
	// Effort is the touch time of a reference clerk, in minutes.
	Effort dist.Dist
	// Quality is the probability that the clerk makes an error that a later
	// work step finds, sending the case back here (rework). The zero value
	// means no errors.
	Quality learning.Quality
	// Delay is the duration of an external wait (calendar time).
	Delay dist.Dist
	// Deadline, if positive, bounds an external wait: a case whose wait
	// would be longer goes to OnTimeout when the deadline passes.
	Deadline sim.Time
	// OnTimeout is the target after a missed deadline (a step name, Done or
	// Reject).
	OnTimeout string
	// Next routes the case after the step. Empty means the following step
	// in the process, or Done after the last one.
	Next []Branch
}

// Branch is one way out of a step.
type Branch struct {
	// To is a step name, Done or Reject.
	To string
	// Prob is the probability of this branch at the step's first, second,
	// … visit; the last entry holds for all later visits. At every visit
	// the probabilities of a step's branches sum to 1.
	Prob []float64
}

// Office is a unit whose clerks process cases.
type Office struct {
	Key, Name string
	// Clerks are the office's staff for the simulated services.
	Clerks []Clerk
	// Policy is how an idle clerk picks the next work item.
	Policy Policy
	// Owned names the services whose cases each belong to one clerk of the
	// office, as when a German office assigns its cases by the first
	// letter of the citizen's surname: a case waits for its clerk, also
	// while the clerk is on leave or sick. A case's clerk is drawn once per
	// office, in proportion to the clerks' time (FTE × Share), among those
	// skilled for the service; every clerk with a skill in an owned
	// service must have the whole service. For the other services every
	// skilled clerk takes any case (the default).
	Owned []string
}

// Policy is a dispatching rule.
type Policy int

const (
	// OldestFirst takes the work item of the case that arrived first.
	OldestFirst Policy = iota
	// StartedFirst takes the case with the most work steps done first,
	// then the oldest: finish started cases before opening new ones.
	StartedFirst
)

// Clerk is a member of an office's staff.
type Clerk struct {
	Name string
	// FTE is the clerk's working time as a fraction of full time, (0, 1].
	FTE float64
	// Share is the fraction of that time spent on the simulated services,
	// (0, 1]; the rest goes to other duties. A clerk works on the services
	// for FTE·Share of the office's daily window, in one block (see
	// Start), and pays the service's set-up time (Service.Switch) at its
	// first item of every working day when Share < 1.
	Share float64
	// Start is where the clerk's block of time for the services begins
	// within the office's daily window, as a fraction of the window:
	// 0 (the default) is at opening, and Start + FTE·Share must not exceed
	// 1 (up to 1e-9). With W = Close − Open the clerk works in
	//
	//	[Open + Start·W, Open + (Start + FTE·Share)·W)
	//
	// of every working day.
	Start float64
	// Skills are the services the clerk works on ("Wohngeld"), or single
	// steps of a service ("Wohngeld/check").
	Skills []string
	// Prior is the clerk's experience with each skilled service at the
	// start, in items (≥ 1; 1 is a novice).
	Prior float64
	// LeaveDays is the number of annual-leave working days per year.
	LeaveDays int
	// SickRate is the probability that a clerk is sick on a working day.
	SickRate float64
	// From is when the clerk is hired, at a midnight: before it the clerk
	// does not work, and staff assigned counts only the measured time
	// from it. 0: from the start.
	From sim.Time

	// For a part of a clerk of a partitioned ZSA (set by partition): pool
	// is the pooled ZSA's key and index the clerk's index in its staff,
	// which name the person's absence stream; resumes marks a time slice
	// that begins where the person's previous slice ends, so that its
	// first item of the day follows work on the services, not other
	// duties.
	pool    string
	index   int
	resumes bool
}

// Organisation says, per service, which offices hand which steps to the
// central service unit (ZSA). The status quo is an Organisation without
// delegations.
type Organisation struct {
	Name string
	// ZSA is the central office; nil if no service is delegated.
	ZSA *Office
	// Partitioned splits the ZSA into one unit per member office, keyed
	// "<ZSA key>/<member key>": each unit does only its member's delegated
	// work, so nothing is pooled across members, for switching pooling off
	// in a decomposition. The units share the ZSA's clerks' time in
	// proportion to the members' expected workload for the clerks'
	// services (catchment population × cases per 1,000 × expected
	// reference effort per case), without changing when in the day it is
	// worked: a unit gets as many whole clerks as its share allows, and
	// the rest of its share as time slices of the remaining clerks' daily
	// blocks (Clerk.Start), laid out by McNaughton's wrap-around rule, so
	// that at any moment it has its whole clerks and at most one slice
	// working (per group of identical clerks; see partition). A slice is
	// the same person as the pooled clerk: the same absences, and the
	// set-up after other duties only at the first slice of its day. The
	// staff's total FTE, skills, process and IT stay those of the pooled
	// ZSA. False: one pooled ZSA.
	Partitioned bool
	// Delegations are the services the ZSA takes part in.
	Delegations []Delegation
}

// Delegation is the ZSA's part in one service.
type Delegation struct {
	Service string
	// Steps are the names of the work steps the ZSA does for member
	// offices; the others stay local.
	Steps []string
	// Members are the participating offices and the times they join.
	Members []Member
	// Variants maps a case type name to the optimised process used for the
	// cases of member offices (filed after the office joined). Step names
	// must match Steps where the ZSA is to do them.
	Variants map[string]Process
	// ITSavings maps a step name to an effort factor (e.g. 0.8) applied
	// where the ZSA does the step: better IT and interfaces.
	ITSavings map[string]float64
	// ProcessSavings maps a step name to an effort factor applied where
	// the ZSA does the step in its optimised process (e.g. 0.55 for a
	// checklist-guided completeness check), on top of ITSavings.
	ProcessSavings map[string]float64
	// HandOver is the calendar delay of a hand-over between the ZSA and a
	// local office. Nil means none.
	HandOver dist.Dist
	// QuestionBack is the probability that a local office, on receiving a
	// case from the ZSA, sends a question back (the ZSA answers with
	// QuestionEffort, then hands the case over again).
	QuestionBack   float64
	QuestionEffort dist.Dist
}

// Member is a participating office and the time it joins the ZSA: cases
// filed from then on are delegated.
type Member struct {
	Office string
	From   sim.Time
}
