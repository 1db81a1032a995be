// Package models is the domain model of the simulator: offices that
// process citizens' cases, clerks who learn, forget and switch between
// services, working calendars, arrivals, and the two ways to organise the
// work — every office alone (status quo) or with a central service unit
// (ZSA, Zentrales Service-Angebot) doing standardised steps for them.
//
// A Model holds the shared world (calendar, services with case types and
// processes, communes, local offices); an Organisation says which steps of
// which service the ZSA does for which member offices, from when, with
// which optimised process variant and IT savings. Run simulates one
// replication and returns a Result: per service and office the cases
// arrived, completed and open, effort per case, lead and waiting times,
// service level, rework, work done (FTE, cost), learning-curve traces and
// weekly backlog; per clerk the utilisation.
//
// Mechanisms, each documented where it is implemented:
//   - arrivals: a non-homogeneous Poisson process per commune and service
//     (package arrivals), an initial backlog, Wohngeld re-applications
//     after an approval;
//   - processes: work steps with effort distributions (package dist),
//     probabilistic branches and loops, external waits with deadlines,
//     errors found by the next work step and redone (rework);
//   - clerks: a personal calendar (part-time window, annual leave,
//     sickness; package calendar), De Jong learning, linear forgetting and
//     error rates falling with experience (package learning), set-up time
//     when the service changes;
//   - dispatching: one queue per office and step; an idle clerk takes the
//     best item it is skilled for by the office's policy;
//   - organisation: hand-over delays and questions back between the ZSA
//     and local offices, onboarding in waves.
//
// A replication simulates its groups of offices that exchange cases — a
// ZSA with its member offices, or an office that works alone — one after
// the other, each with its own event queue (see group): every office sees
// the same events as in one simulation of all offices, and a group's
// state stays in the processor's caches.
//
// Time is sim.Time, minutes since midnight of Model.Start. Reproducibility:
// a run depends only on the model, the organisation and the seed. Every
// random draw that belongs to a citizen is keyed by the seed and the case
// (common random numbers), so two organisations run with the same seed see
// the same citizens; clerks' absences are keyed by office and clerk name.
package models
