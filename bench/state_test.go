package bench

import (
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
