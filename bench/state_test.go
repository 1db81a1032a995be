package bench

import (
	"fmt"
	"testing"

	"zsa/models"
	"zsa/scenarios"
)

// BenchmarkStateYear runs one replication of a full Sachsen-Anhalt year
// (the bundled default scenario: 133 offices, 218 communes, both
// services, calendars, learning) per op, for each arm. Targets (issue 3):
// under 0.5 s per replication, at least 3 million task executions per
// second.
func BenchmarkStateYear(b *testing.B) {
	sc, err := scenarios.Load(scenarios.Default)
	if err != nil {
		b.Fatal(err)
	}
	for _, arm := range sc.Arms {
		b.Run("arm="+arm.Name, func(b *testing.B) {
			b.ReportAllocs()
			var events, tasks uint64
			seed := uint64(0)
			for b.Loop() {
				seed++
				r, err := models.Run(sc.Model, arm, seed)
				if err != nil {
					b.Fatal(err)
				}
				events += r.Events
				tasks += r.Tasks
			}
			b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(tasks)/b.Elapsed().Seconds(), "tasks/s")
		})
	}
}

// BenchmarkBatch runs four replications of the full Sachsen-Anhalt status
// quo per op with 1 and with 2 workers: the parallel speed-up of runs and
// sweeps (issue 4's target: 2 workers at least 1.8× faster than 1, on this
// 2-core machine). Compare the two sub-benchmarks' sec/op.
func BenchmarkBatch(b *testing.B) {
	sc, err := scenarios.Load(scenarios.Default)
	if err != nil {
		b.Fatal(err)
	}
	var jobs []models.Job
	for seed := range uint64(4) {
		jobs = append(jobs, models.Job{Model: sc.Model, Org: sc.Arms[0], Seed: seed})
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			var tasks uint64
			for b.Loop() {
				out, err := models.RunBatch(b.Context(), jobs, workers, nil)
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range out {
					tasks += r.Tasks
				}
			}
			b.ReportMetric(float64(tasks)/b.Elapsed().Seconds(), "tasks/s")
		})
	}
}
