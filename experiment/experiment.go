package experiment

import (
	"runtime"
	"slices"

	"zsa/models"
	"zsa/sim"
)

// Options control how an experiment runs; none of them changes its
// outcome.
type Options struct {
	// Workers is the number of runs at a time; less than 1 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Progress, if not nil, is called after each finished run with the
	// number of runs done and their total, from one goroutine at a time.
	Progress func(done, total int)
	// EventLog, if not nil, asks Replicate for a process-mining event log
	// per arm and replication. Sweep and Decompose write none: they
	// return an error if it is set.
	EventLog *EventLogRequest
}

func (o Options) workers() int {
	if o.Workers < 1 {
		return runtime.GOMAXPROCS(0)
	}
	return o.Workers
}

// progress returns the callback for models.RunBatch of total runs.
func (o Options) progress(total int) func(done int) {
	if o.Progress == nil {
		return nil
	}
	return func(done int) { o.Progress(done, total) }
}

// ReplicationSeed returns the seed of replication r of a scenario with
// the given seed: derived from both only, so that it does not depend on
// the number of workers, and the same in every arm, sweep point and
// combination of mechanisms (common random numbers).
func ReplicationSeed(seed uint64, r int) uint64 {
	return sim.Hash(seed, sim.NameKey("replication"), uint64(r))
}

// Members returns, per service org's ZSA takes part in, the keys of its
// member offices (results.Arm.Members); nil for the status quo.
func Members(org *models.Organisation) map[string][]string {
	var m map[string][]string
	for _, d := range org.Delegations {
		if m == nil {
			m = map[string][]string{}
		}
		for _, mb := range d.Members {
			m[d.Service] = append(m[d.Service], mb.Office)
		}
	}
	return m
}

// Waves returns the times, after the start and in increasing order, at
// which member offices of org join its ZSA (results.Arm.Waves).
func Waves(org *models.Organisation) []sim.Time {
	var ts []sim.Time
	for _, d := range org.Delegations {
		for _, mb := range d.Members {
			if mb.From > 0 && !slices.Contains(ts, mb.From) {
				ts = append(ts, mb.From)
			}
		}
	}
	slices.Sort(ts)
	return ts
}
