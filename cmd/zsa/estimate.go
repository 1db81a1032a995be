package main

import (
	"fmt"
	"math"

	"zsa/models"
	"zsa/scenarios"
	"zsa/sim"
)

// Thresholds above which a command refuses to start without --force: a
// run that would take hours, or whose results would not fit in memory.
const (
	maxEstimatedHours = 2.0
	maxEstimatedBytes = 8 << 30
)

// Rough costs behind the estimate, measured on the bundled statewide
// scenario (README "Performance"): work items simulated per second and
// worker, and bytes of results kept per case of a replication (lead times
// for exact quantiles, by month too, and the tallies around them).
const (
	workItemsPerSecond = 2.5e6
	bytesPerCase       = 48
)

// runEstimate is the expected size of runs of a scenario.
type runEstimate struct {
	cases, workItems float64 // per run
}

// estimate returns the expected cases and work items of one run of sc:
// per service, its communes' population × cases per 1,000 a year once
// re-applications have settled × the run's years, plus the initial
// backlog; work items are cases × the steps of their type.
func estimate(sc *scenarios.Scenario) runEstimate {
	m := sc.Model
	years := float64(m.Horizon / (365 * sim.Day))
	var e runEstimate
	for si := range m.Services {
		s := &m.Services[si]
		var pop float64
		for _, c := range m.Communes {
			if _, ok := c.Office[s.Name]; ok {
				pop += c.Population
			}
		}
		rates := models.SteadyStateRates(s, 100)
		for ti, t := range s.Types {
			n := pop / 1000 * (rates[ti]*years + t.Backlog)
			if math.IsInf(n, 0) || math.IsNaN(n) {
				continue // no steady state: the model's check says so
			}
			e.cases += n
			e.workItems += n * float64(max(len(t.Process), 1))
		}
	}
	return e
}

// tooBig returns an error if runs runs of sc with the given workers would
// take more than maxEstimatedHours or keep more than maxEstimatedBytes of
// results; nil with force.
func tooBig(sc *scenarios.Scenario, runs, workers int, force bool) error {
	if force {
		return nil
	}
	e := estimate(sc)
	items := e.workItems * float64(runs)
	hours := items / (workItemsPerSecond * float64(max(workers, 1))) / 3600
	bytes := e.cases * float64(runs) * bytesPerCase
	if hours <= maxEstimatedHours && bytes <= maxEstimatedBytes {
		return nil
	}
	return usageError{fmt.Errorf("%s: about %.2g work items in %d runs, ≈ %.3g h on %d workers and ≈ %.3g GB of results; "+
		"use --force to run anyway", sc.Source, items, runs, hours, workers, bytes/(1<<30))}
}
