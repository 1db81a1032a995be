// Package queue is the textbook G/G/c queueing station on the sim core, and
// the formulas it must match: Erlang C for M/M/c, Pollaczek–Khinchine for
// M/G/1.
//
// It is the simulator's calibration instrument rather than a domain model:
// with exponential effort, no learning and no calendar, one office of clerks
// pulling cases from one queue is an M/M/c queue, so the station proves the
// event core right (tests against queueing theory), measures its speed
// (bench/) and is the built-in example of the zsa command until the domain
// model takes over.
//
// Time is in minutes (sim.Time). A Station draws from the Randers it is
// given; with sources from sim.NewSource a run is reproducible bit for bit.
package queue
