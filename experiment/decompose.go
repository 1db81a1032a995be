package experiment

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
	"zsa/sim/stats"
)

// DecomposeMetrics returns the metrics whose change Decompose attributes,
// in the order of results.Metrics.
func DecomposeMetrics() []string {
	return []string{results.MetricEffortMin, results.MetricLeadDays, results.MetricWithinLevel}
}

// Attribution splits the change of one metric of one service, the
// decomposed arm against the status quo, among the scenario's mechanisms.
type Attribution struct {
	Service, Metric string
	// Games hold the effects of one replication each: Games[r][S] is the
	// relative change of the metric, arm against status quo, both run
	// with the mechanisms of S switched on (bit i for the scenario's
	// Mechanisms[i]) and the others off, paired by replication seed:
	// v(S) = arm/status quo − 1.
	Games []Game
	// Effects summarise each mechanism's effect over the replications, in
	// the order of the scenario's Mechanisms.
	Effects []Effect
	// None is v(∅), the change with every mechanism off (what the
	// mechanisms do not explain), Total v(N), the change with all on;
	// both summaries over the replications. The Shapley values of the
	// mechanisms and None add up to Total.
	None, Total stats.Summary
}

// Effect is one mechanism's part of an Attribution: each a summary over
// the replications of the Games' Alone, Last and Shapley values.
type Effect struct {
	Mechanism            string
	Alone, Last, Shapley stats.Summary
}

// Decompose runs the status quo and the decomposed arm of sc for every
// combination of its mechanisms switched on and off (2^n scenarios) and
// every replication, and returns an Attribution per service and metric
// (DecomposeMetrics), service-major. Every combination runs
// sc.Replications replications, replication r with the same seed, derived
// from sc.Seed; both as sc has them, which may differ from its file
// (flags).
//
// A decomposition needs every combination: if ctx is cancelled, Decompose
// returns nil and an error.
func Decompose(ctx context.Context, sc *scenarios.Scenario, opt Options) ([]Attribution, error) {
	mech := sc.Mechanisms
	if len(mech) == 0 {
		return nil, fmt.Errorf("%s declares no [decomposition]", sc.Source)
	}
	if opt.EventLog != nil {
		return nil, errors.New("experiment: a decomposition writes no event logs")
	}
	n, reps := len(mech), sc.Replications
	var jobs []models.Job
	for mask := range 1 << n {
		var off []string
		for i, m := range mech {
			if mask&(1<<i) == 0 {
				off = append(off, m)
			}
		}
		s := sc
		if len(off) > 0 {
			var err error
			if s, err = sc.Without(off...); err != nil {
				return nil, fmt.Errorf("mechanisms off %v: %w", off, err)
			}
			if len(s.Arms) != len(sc.Arms) {
				return nil, fmt.Errorf("mechanisms off %v: %d arms instead of %d: a mechanism cannot add or remove arms", off, len(s.Arms), len(sc.Arms))
			}
		}
		for rep := range reps {
			seed := ReplicationSeed(sc.Seed, rep)
			jobs = append(jobs,
				models.Job{Model: s.Model, Org: s.Arms[0], Seed: seed},
				models.Job{Model: s.Model, Org: s.Arms[sc.DecomposedArm], Seed: seed})
		}
	}
	out, err := models.RunBatch(ctx, jobs, opt.workers(), opt.progress(len(jobs)))
	if err != nil {
		return nil, err
	}
	if slices.Contains(out, nil) {
		return nil, fmt.Errorf("interrupted: a decomposition needs every combination")
	}
	var attrs []Attribution
	for si, s := range out[0].Services {
		for _, metric := range DecomposeMetrics() {
			k := metricIndex(metric)
			games := make([]Game, reps)
			for rep := range games {
				games[rep] = make(Game, 1<<n)
				for mask := range 1 << n {
					j := 2 * (mask*reps + rep)
					a := results.Measure(out[j], si, -1)[k].X
					b := results.Measure(out[j+1], si, -1)[k].X
					games[rep][mask] = b/a - 1
				}
			}
			attrs = append(attrs, attribute(s.Name, metric, mech, games))
		}
	}
	return attrs, nil
}

// metricIndex returns the index of the named metric in results.Metrics.
// It panics if there is none.
func metricIndex(name string) int {
	k := slices.IndexFunc(results.Metrics(), func(m results.Metric) bool { return m.Name == name })
	if k < 0 {
		panic("experiment: unknown metric " + name)
	}
	return k
}

// attribute summarises games, one per replication, over mechanisms (the
// games' players, in order).
func attribute(service, metric string, mechanisms []string, games []Game) Attribution {
	per := func(f func(v Game) float64) stats.Summary {
		xs := make([]float64, len(games))
		for r, v := range games {
			xs[r] = f(v)
		}
		return stats.Summarize(xs)
	}
	a := Attribution{Service: service, Metric: metric, Games: games,
		None:  per(func(v Game) float64 { return v[0] }),
		Total: per(func(v Game) float64 { return v[len(v)-1] }),
	}
	for i, m := range mechanisms {
		a.Effects = append(a.Effects, Effect{
			Mechanism: m,
			Alone:     per(func(v Game) float64 { return v.Alone(i) }),
			Last:      per(func(v Game) float64 { return v.Last(i) }),
			Shapley:   per(func(v Game) float64 { return v.Shapley(i) }),
		})
	}
	return a
}

// DecompositionOutput converts the attributions of a decomposition of sc
// for its plots (results.WriteDecompositionPlots): per service and metric
// a row per mechanism, then results.MechanismNone and
// results.MechanismTotal.
func DecompositionOutput(sc *scenarios.Scenario, attrs []Attribution) *results.Decomposition {
	out := &results.Decomposition{Scenario: sc.Name, Arm: sc.Arms[sc.DecomposedArm].Name, Seed: sc.Seed,
		Replications: sc.Replications, Mechanisms: sc.Mechanisms, Lang: results.Lang(sc.Lang)}
	for _, a := range attrs {
		for _, e := range a.Effects {
			out.Rows = append(out.Rows, results.DecompositionRow{Service: a.Service, Metric: a.Metric, Mechanism: e.Mechanism,
				Shapley: e.Shapley.Mean, ShapleyHalfWidth: e.Shapley.HalfWidth, Alone: e.Alone.Mean, Last: e.Last.Mean})
		}
		for _, x := range []struct {
			name string
			s    stats.Summary
		}{{results.MechanismNone, a.None}, {results.MechanismTotal, a.Total}} {
			out.Rows = append(out.Rows, results.DecompositionRow{Service: a.Service, Metric: a.Metric, Mechanism: x.name,
				Shapley: x.s.Mean, ShapleyHalfWidth: x.s.HalfWidth, Alone: math.NaN(), Last: math.NaN()})
		}
	}
	return out
}
