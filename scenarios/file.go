package scenarios

// The structure of a scenario file. Field comments are the reference for
// scenario authors (README points here); every key is optional in a file
// that extends another, and required as noted in a complete scenario.

// File is one scenario file as written.
type File struct {
	// Name identifies the scenario in outputs. Required.
	Name        string `toml:"name"`
	Description string `toml:"description"`
	// Extends names a scenario this one builds on: a path relative to this
	// file, or the name of a bundled scenario. Keys given here override
	// the base's; tables merge key by key, arrays are replaced whole.
	Extends string `toml:"extends"`

	// Start is the first simulated day. Required.
	Start *Date `toml:"start"`
	// Horizon is the simulated time (e.g. "365d"). Required.
	Horizon *Duration `toml:"horizon"`
	// WarmUp is skipped by the statistics (e.g. "28d").
	WarmUp *Duration `toml:"warmup"`
	// Replications is the number of independent replications (≥ 2).
	Replications *int `toml:"replications"`
	// Seed is the scenario seed; replication r uses a seed derived from it.
	Seed *uint64 `toml:"seed"`
	// Hours is the offices' daily working window.
	Hours *Hours `toml:"hours"`
	// Weekdays are the working days; default mon..fri.
	Weekdays []Weekday `toml:"weekdays"`
	// Holidays = false leaves out the public holidays of Sachsen-Anhalt
	// (models.Model.NoStateHolidays), e.g. for validation runs around the
	// clock. Default true.
	Holidays *bool `toml:"holidays"`
	// CostPerFTE is the yearly cost of a full-time clerk in euros.
	CostPerFTE *float64 `toml:"cost_per_fte"`
	// Verteilzeit is the surcharge on processing time that the static
	// Personalbemessung adds for time at work that is not case work, as a
	// fraction in [0, 1] (default 0.15, "usually 15 % in the public
	// service": U. Naumann, K. Umlauf, "Methoden der
	// Personalbedarfs-Ermittlung: Analytische Berechnungsmethoden", Verlag
	// Dashöfer, 2004; the Organisationshandbuch of the Bundesministerium
	// des Innern, section 2.4.3.5.4.3, allows 5 % personal plus 5 %
	// factual as a flat rate). It enters only the results' pb_fte, never
	// the simulation.
	Verteilzeit *float64 `toml:"verteilzeit"`

	// Data names the CSV tables, relative to the file that names them.
	Data *Data `toml:"data"`
	// Services by name.
	Services map[string]*ServiceFile `toml:"services"`
	// Staffing of the local offices, by service name.
	Staffing map[string]*Staffing `toml:"staffing"`
	// Arms are the organisations compared with the status quo, by key;
	// they run in the order of their keys, after the status quo.
	Arms map[string]*ArmFile `toml:"arms"`
	// Outputs asks for optional outputs of zsa run.
	Outputs *Outputs `toml:"outputs"`
	// Sweep varies parameters over a grid (run with zsa sweep).
	Sweep *SweepFile `toml:"sweep"`
	// Decomposition attributes an arm's effect to mechanisms (run with
	// zsa decompose).
	Decomposition *DecompositionFile `toml:"decomposition"`
	// Targets are figures the real system is known to show, each with its
	// source: every run checks the model against them ("Does the model look
	// like reality?"), and zsa calibrate fits the [calibration] parameters
	// to them. An array: a file that extends another replaces its targets.
	Targets []TargetFile `toml:"targets"`
	// Calibration names the parameters zsa calibrate may change.
	Calibration *CalibrationFile `toml:"calibration"`
	// Plan asks zsa plan for the least ZSA staff that meets service
	// targets with a stated confidence.
	Plan *PlanFile `toml:"plan"`
}

// PlanFile is what zsa plan searches: per service, the ZSA's clerks
// between bounds; the targets they must meet; how sure the answer must be.
type PlanFile struct {
	// Arm is the key of the arm whose ZSA is staffed. Required if the
	// scenario has more than one arm.
	Arm string `toml:"arm"`
	// Confidence is the one-sided confidence with which a staff level must
	// meet every target of its service (default 0.95).
	Confidence *float64 `toml:"confidence"`
	// Replications is the number of replications at the chosen staff, and
	// the most any staff level tried gets (default: the scenario's).
	Replications *int `toml:"replications"`
	// Staff bounds the ZSA's clerks per service (whole clerks of the arm's
	// FTE): the decision variables, by service name.
	Staff map[string]*PlanStaffFile `toml:"staff"`
	// Targets are the service levels the staff must meet.
	Targets []PlanTargetFile `toml:"targets"`
	// Join, if given, lists candidate sets of offices that join the ZSA:
	// the plan is made for each.
	Join []PlanJoinFile `toml:"join"`
}

// PlanJoinFile is a candidate set of member offices for the planned arm.
type PlanJoinFile struct {
	// Name names the set in the outputs. Required, unique.
	Name string `toml:"name"`
	// Members are, by service, the offices that join, as the arm's
	// services.<service>.members ("all" for every office); a service not
	// named keeps the arm's members.
	Members map[string][]string `toml:"members"`
}

// PlanStaffFile bounds the ZSA clerks of one service.
type PlanStaffFile struct {
	Min *int `toml:"min"` // at least 1
	Max *int `toml:"max"` // at least min, at most 10,000
}

// PlanTargetFile is a service level: a metric of a service over some
// offices, with a bound.
type PlanTargetFile struct {
	// Service is the service's name; it must have [plan.staff]. Required.
	Service string `toml:"service"`
	// Metric is a metric's name (results/SCHEMA.md), e.g. "within_level"
	// or "lead_p90_days". Required.
	Metric string `toml:"metric"`
	// AtLeast or AtMost is the bound, in the metric's unit (shares from 0
	// to 1); exactly one of them.
	AtLeast *float64 `toml:"at_least"`
	AtMost  *float64 `toml:"at_most"`
	// Offices is "members" (the default: the offices that join the ZSA
	// for the service, their cases) or "all" (the service total).
	Offices string `toml:"offices"`
}

// TargetFile is an observed figure: a metric of a service (a name of
// results/SCHEMA.md, e.g. "lead_days"), in an arm and at an office, with
// the observed value or range and how precisely it is known.
type TargetFile struct {
	// Metric is the metric's name, in its unit (days, a share from 0 to
	// 1, …). Required.
	Metric string `toml:"metric"`
	// Service is the service's name. Required.
	Service string `toml:"service"`
	// Arm is the key of an arm, or "status quo" (the default).
	Arm string `toml:"arm"`
	// Office is an office key, or "all" (the default): the service total.
	Office string `toml:"office"`
	// Types restricts the figure to these case types, over all offices
	// (for effort_min, lead_days, lead_workdays, wait_days, within_level,
	// arrived, completed).
	Types []string `toml:"types"`
	// Change makes the figure the arm's relative change against the status
	// quo (value = -0.39: 39 % less) rather than its level; it needs an
	// arm other than the status quo.
	Change *bool `toml:"change"`
	// Value is the observed value, or Range = [low, high] the observed
	// range; exactly one of them.
	Value *float64  `toml:"value"`
	Range []float64 `toml:"range"`
	// Tolerance widens the observed range by this share of each end (0.1:
	// ±10 %): how well the observation is known. Default 0.
	Tolerance *float64 `toml:"tolerance"`
	// Source is the key of the observation's source in
	// scenarios/data/sources.md (e.g. "S38"). Required: a target without
	// a source is a wish, not an observation.
	Source string `toml:"source"`
	// Note says in words what was observed.
	Note string `toml:"note"`
}

// CalibrationFile names the parameters zsa calibrate fits to the targets.
type CalibrationFile struct {
	// Params are the parameters, each a numeric key of this file format
	// with bounds and the reason it may be fitted.
	Params []CalibrationParamFile `toml:"params"`
}

// CalibrationParamFile is a parameter zsa calibrate may change.
type CalibrationParamFile struct {
	// Key is a key path of this file format holding a number, e.g.
	// "staffing.Wohngeld.utilisation".
	Key string `toml:"key"`
	// Min and Max bound the values tried.
	Min *float64 `toml:"min"`
	Max *float64 `toml:"max"`
	// Reason says why the value is fitted rather than taken from a
	// source. Required.
	Reason string `toml:"reason"`
}

// DecompositionFile names the mechanisms behind an arm's effect. Each
// mechanism is switched off by a patch: key paths of this file format and
// the values that switch it off (an empty table {} clears a table, e.g.
// the arm's process variants). zsa decompose runs every combination of
// mechanisms on and off.
type DecompositionFile struct {
	// Arm is the key of the arm whose effect is decomposed.
	Arm string `toml:"arm"`
	// Off maps a mechanism's name to its patch.
	Off map[string]map[string]any `toml:"off"`
	// Order lists the mechanisms for display; default: sorted names.
	Order []string `toml:"order"`
}

// SweepFile varies parameters. In mode "grid" (the default) every
// combination of the parameters' values is a sweep point; in mode
// "one-at-a-time" each parameter takes its values while the others keep the
// scenario's (a sensitivity analysis). Every point runs the scenario's
// replications.
type SweepFile struct {
	Mode string `toml:"mode"`
	// Params maps a key path of this file format (e.g.
	// "services.Wohngeld.learning.rate" or "arms.zsa.zsa.clerks.Wohngeld")
	// to the values it takes, in order. A value is a number, string or
	// boolean, or a table whose keys below the path are set together
	// (e.g. all case-type shares of a service).
	Params map[string][]any `toml:"params"`
}

// Outputs are optional outputs. The report, charts, summary.json and the
// CSV files are always written.
type Outputs struct {
	// EventLog is "csv" or "xes" for a process-mining event log per arm
	// and replication (large: about 330 bytes per work item as CSV, 1,100
	// as XES), "csv.gz" or "xes.gz" for the same compressed (about 30);
	// empty for none. The flag --event-log overrides it.
	EventLog string `toml:"event_log"`
	// Lang is the language of the report pages: "en" (the default) or
	// "de" (German, with decimal commas). The flag --lang overrides it.
	// The CSV and JSON files and the tables zsa prints are English.
	Lang string `toml:"lang"`
}

// Hours is a daily working window.
type Hours struct {
	Open  *Clock `toml:"open"`
	Close *Clock `toml:"close"`
}

// Data names the CSV tables a scenario reads, by paths relative to the
// file that names them. A path that does not exist there but names one of
// the bundled tables (data/…) reads the program's own copy, so a bundled
// scenario copied with zsa show works anywhere; zsa validate says which
// files were read.
type Data struct {
	// Communes: columns ags, name, population (and more, ignored).
	Communes *DataPath `toml:"communes"`
	// Administrations: column ags and one column per service naming the
	// office key (see ServiceFile.OfficeColumn), plus <prefix>_unit names.
	Administrations *DataPath `toml:"administrations"`
	// Only keeps the communes whose columns have one of the listed values,
	// e.g. only = { district = ["Landkreis Harz"] }.
	Only map[string][]string `toml:"only"`
}

// ServiceFile is a service.
type ServiceFile struct {
	// OfficeColumn is the administrations column that names the office of
	// a commune for this service (e.g. "hund_admin_key").
	OfficeColumn *string `toml:"office_column"`
	// OfficeNameColumn names the office's name column (e.g.
	// "hund_admin_unit").
	OfficeNameColumn *string `toml:"office_name_column"`
	// PerThousand is cases per 1,000 inhabitants per year.
	PerThousand *float64 `toml:"per_thousand"`
	// Source says where a figure comes from, or that it is an estimate.
	Source     string    `toml:"source"`
	Profile    *Profile  `toml:"profile"`
	Learning   *Learning `toml:"learning"`
	Reference  *float64  `toml:"reference"`
	Forgetting *Duration `toml:"forgetting"`
	Switch     *Dist     `toml:"switch"`
	Rework     *float64  `toml:"rework_factor"`
	// Scope, if given, names the steps simulated, for a study of part of
	// the process (the 2025 pilot simulated Wohngeld up to the complete,
	// entered application): every process of the service (case types and
	// the arms' variants) keeps only these steps, and a case that would go
	// on to another step ends there as approved (done). The first step of
	// every process must be in the scope.
	Scope []string `toml:"scope"`
	// EffortFactor multiplies the effort of every work step of the
	// service, in its case types and in the arms' process variants
	// (default 1): the lever for "the minutes per case are a factor off",
	// e.g. for zsa calibrate. It must be positive.
	EffortFactor *float64 `toml:"effort_factor"`
	// DelayFactor multiplies the duration of every external wait (delay)
	// of the service, in its case types and the arms' variants (default
	// 1; deadlines stay as they are): the lever for "citizens and other
	// authorities take a factor longer", e.g. for zsa calibrate. It must
	// be positive.
	DelayFactor *float64                 `toml:"delay_factor"`
	Level       *float64                 `toml:"service_level"`
	Types       map[string]*CaseTypeFile `toml:"types"`
}

// Profile is the seasonal shape of arrivals.
type Profile struct {
	// Monthly factors, January first, mean 1.
	Monthly []float64 `toml:"monthly"`
	// Weekday weights for counter arrivals, Monday first.
	Weekday []float64 `toml:"weekday"`
	// OnlineShare of arrivals, at any time of day.
	OnlineShare *float64 `toml:"online_share"`
}

// Learning is a learning curve.
type Learning struct {
	// Rate is the learning rate LR in (0, 1]: effort falls to LR at every
	// doubling of experience.
	Rate *float64 `toml:"rate"`
	// Floor is the incompressible share of effort, in [0, 1).
	Floor *float64 `toml:"floor"`
	// PerStep counts experience per work step instead of per service
	// (default false).
	PerStep *bool `toml:"per_step"`
}

// CaseTypeFile is a case type.
type CaseTypeFile struct {
	Share   *float64     `toml:"share"`
	Source  string       `toml:"source"`
	Steps   []StepFile   `toml:"steps"`
	Reapply *ReapplyFile `toml:"reapply"`
	// Backlog is open cases at the start per 1,000 inhabitants.
	Backlog *float64 `toml:"backlog"`
}

// ReapplyFile is the re-application cycle.
type ReapplyFile struct {
	Prob  *float64  `toml:"prob"`
	After *Duration `toml:"after"`
	Type  string    `toml:"type"`
	// Inherited = true starts the run with the follow-ups of cases
	// approved before it, at their steady-state rate, during the first
	// After (models.Reapply.Inherited): cases per 1,000 then count only
	// new cases, and the follow-ups come on top. Default false: the
	// service starts as if it had just opened.
	Inherited *bool `toml:"inherited"`
}

// StepFile is a process step.
type StepFile struct {
	Name      string       `toml:"name"`
	Effort    *Dist        `toml:"effort"`
	Delay     *Dist        `toml:"delay"`
	Deadline  *Duration    `toml:"deadline"`
	OnTimeout string       `toml:"on_timeout"`
	Quality   *QualityFile `toml:"quality"`
	Next      []BranchFile `toml:"next"`
	Source    string       `toml:"source"`
}

// QualityFile is an error rate falling with experience.
type QualityFile struct {
	Initial *float64 `toml:"initial"`
	Floor   *float64 `toml:"floor"`
	Rate    *float64 `toml:"rate"`
}

// BranchFile is a way out of a step.
type BranchFile struct {
	To string `toml:"to"`
	// P is the probability at the first, second, … visit.
	P []float64 `toml:"p"`
}

// Staffing is the rule that staffs every local office of a service.
type Staffing struct {
	// Clerks is the smallest number of clerks per office (default 1), or,
	// with Share, the number.
	Clerks *int `toml:"clerks"`
	// Utilisation is the target utilisation the rule sizes for (in (0, 1],
	// default 0.75): each office's share of time for the service is its
	// expected workload divided by (clerks × FTE × working time ×
	// utilisation), at least 0.01, and clerks are added while that share
	// would exceed MaxShare (in (0, 1], default 1).
	Utilisation *float64 `toml:"utilisation"`
	MaxShare    *float64 `toml:"max_share"`
	// Share fixes the fraction of each local clerk's time for the service,
	// in (0, 1], instead of deriving it from Utilisation: every office gets
	// exactly Clerks clerks with this share, whatever its workload (e.g.
	// share = 1 for validation against queueing formulas). Giving Share
	// and Utilisation or MaxShare is an error.
	Share     *float64 `toml:"share"`
	FTE       *float64 `toml:"fte"`
	Prior     *float64 `toml:"prior"`
	LeaveDays *int     `toml:"leave_days"`
	SickRate  *float64 `toml:"sick_rate"`
	Policy    string   `toml:"policy"`
	// Assignment is how an office's cases reach its clerks: "shared" (the
	// default), any skilled clerk takes the next case; "owner", each case
	// belongs to one clerk, drawn in proportion to their time, as when
	// cases are assigned by the first letter of the surname: it waits for
	// that clerk, also through leave and sickness (models.Office.Owned).
	Assignment string `toml:"assignment"`
	Source     string `toml:"source"`
}

// ArmFile is an organisation compared with the status quo.
type ArmFile struct {
	Name string `toml:"name"`
	// ZSA is the central office's staff.
	ZSA *ZSAFile `toml:"zsa"`
	// Services delegated, by service name.
	Services map[string]*DelegationFile `toml:"services"`
	// Hires add ZSA specialists later, each hire on a date (a rollout's
	// hiring plan); they work like the ZSA's other clerks from that date.
	Hires []HireFile `toml:"hires"`
}

// HireFile is a group of ZSA specialists who start on one date.
type HireFile struct {
	// Date is their first day. Required, within the run.
	Date *Date `toml:"date"`
	// Clerks are the specialists hired, by service. Required.
	Clerks map[string]int `toml:"clerks"`
	// Prior is their experience with the service at the start, in items
	// (default 1: new to it; they learn on the job).
	Prior *float64 `toml:"prior"`
}

// ZSAFile is the staff of the central office: Clerks specialists per
// service (each skilled for that service only) or, with Generalists,
// clerks skilled for all delegated services.
type ZSAFile struct {
	Clerks      map[string]int `toml:"clerks"`
	Generalists *int           `toml:"generalists"`
	// Pooled = false splits the ZSA into one unit per member office, each
	// doing only its member's work (models.Organisation.Partitioned):
	// pooling switched off, for decompositions. The units share the same
	// clerks' time by the members' workload, without changing when in the
	// day it is worked: a unit gets as many whole clerks as its share
	// allows and the rest as time slices of the other clerks' days
	// (McNaughton's wrap-around rule), so at any time it has its whole
	// clerks and at most one slice at work. Slices of a clerk are one
	// person: the same absences, and the set-up after other duties only
	// at the start of the clerk's day. Default true.
	Pooled *bool `toml:"pooled"`
	// Share is the fraction of each ZSA clerk's working time for the
	// delegated services (default 1); the rest is other duties, after
	// which a clerk pays the set-up time at its first item of the day.
	Share     *float64 `toml:"share"`
	Prior     *float64 `toml:"prior"`
	LeaveDays *int     `toml:"leave_days"`
	SickRate  *float64 `toml:"sick_rate"`
	Policy    string   `toml:"policy"`
	// Assignment: "shared" (the default) or "owner", as in Staffing, for
	// every delegated service.
	Assignment string `toml:"assignment"`
}

// DelegationFile is the ZSA's part in one service.
type DelegationFile struct {
	Steps []string `toml:"steps"`
	// Members are office keys, or ["all"].
	Members []string `toml:"members"`
	// Waves join members later: office key, or the name of a district
	// (Landkreis or kreisfreie Stadt, the district column of the
	// administrations table) for all its member offices → date. An
	// office's own wave wins over its district's.
	Waves    map[string]Date       `toml:"waves"`
	Variants map[string][]StepFile `toml:"variants"`
	// Optimised = false runs the arm with the status-quo processes: the
	// variants are not used, and steps and IT savings that exist only in
	// them are dropped (for decompositions). Default true.
	Optimised *bool              `toml:"optimised"`
	ITSavings map[string]float64 `toml:"it_savings"`
	// ProcessSavings maps a step the ZSA does to an effort factor of its
	// optimised process (e.g. 0.55: a checklist-guided completeness check
	// takes 55 % of the minutes written for the step), on top of the IT
	// savings; dropped with Optimised = false.
	ProcessSavings map[string]float64 `toml:"process_savings"`
	HandOver       *Dist              `toml:"hand_over"`
	QuestionBack   *float64           `toml:"question_back"`
	QuestionEffort *Dist              `toml:"question_effort"`
	Source         string             `toml:"source"`
}
