package bench

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"zsa/models"
	"zsa/scenarios"
)

// BenchmarkGermanyYear runs one replication of the synthetic Germany-size
// study (zsa generate germany: 10,786 communes, 84 million inhabitants,
// about 4,200 offices) per op, for each arm, and in the same op one of
// the Sachsen-Anhalt year with the same arm's organisation; it reports
// the cost per work item of both and their ratio (issue 17's target: the
// Germany year within 1.3× of the state year's cost per work item), so
// that the ratio comes from one run on one machine, whatever its load.
//
//	go test ./bench -run '^$' -bench GermanyYear -benchtime 1x -count 3
func BenchmarkGermanyYear(b *testing.B) {
	g, err := scenarios.GenerateGermany(1)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for name, data := range map[string][]byte{"germany.toml": g.Scenario, "communes-germany.csv": g.Communes,
		"administrations-germany.csv": g.Administrations} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	de, err := scenarios.Load(filepath.Join(dir, "germany.toml"))
	if err != nil {
		b.Fatal(err)
	}
	st, err := scenarios.Load(scenarios.Default)
	if err != nil {
		b.Fatal(err)
	}
	for a, arm := range de.Arms {
		b.Run("arm="+arm.Name, func(b *testing.B) {
			b.ReportAllocs()
			var deTasks, stTasks uint64
			var deTime, stTime time.Duration
			seed := uint64(0)
			for b.Loop() {
				seed++
				t0 := time.Now()
				r, err := models.Run(de.Model, arm, seed)
				if err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				s, err := models.Run(st.Model, st.Arms[a], seed)
				if err != nil {
					b.Fatal(err)
				}
				deTime, stTime = deTime+t1.Sub(t0), stTime+time.Since(t1)
				deTasks, stTasks = deTasks+r.Tasks, stTasks+s.Tasks
			}
			deCost := float64(deTime.Nanoseconds()) / float64(deTasks)
			stCost := float64(stTime.Nanoseconds()) / float64(stTasks)
			b.ReportMetric(float64(deTasks)/float64(b.N), "tasks/op")
			b.ReportMetric(deCost, "ns/task")
			b.ReportMetric(stCost, "state-ns/task")
			b.ReportMetric(deCost/stCost, "cost-ratio")
		})
	}
}
