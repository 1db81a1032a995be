// Package fit estimates a scenario from the event log of a case-management
// system: the inverse of a run with --event-log. From a CSV log in the
// shape zsa writes (results.EventLogCSV; Simod's columns read too, and
// columns can be renamed) it estimates, for one service, the arrivals per
// office (cases a year, monthly and weekday profiles, the online share),
// each case type's process (steps in order, branch and loop probabilities
// by visit with their standard errors, external waits as delays), each
// step's effort distribution (exp, lognormal or gamma by maximum
// likelihood and AIC, with the log-likelihood and a Kolmogorov–Smirnov
// distance), the learning curve of De Jong (1957) that the simulator
// applies (rate and floor with profile-likelihood intervals), and the
// staff per office with their share of time and absences.
//
// Times are civil minutes, as in the simulator: the wall clock written in
// the log, every day 1,440 minutes long. A work item's touch time is the
// clerk's working time between its start and end, the closed hours in
// between left out, since zsa's log (like most) records when an item was
// begun and finished, not the minutes worked.
//
// What a log cannot tell is said rather than invented: the clerks' prior
// experience is assumed (Options.Prior) and checked for identifiability
// against other values; FTE, forgetting, set-up times and deadlines are
// not estimated. Every note goes into the scenario's comments and the
// report. The fit is deterministic: the same log and options give the same
// bytes; no random numbers are drawn.
package fit
