package bench

import (
	"context"
	"testing"

	"zsa/experiment"
	"zsa/scenarios"
)

// BenchmarkPlanStatewide runs zsa plan's search on the bundled statewide
// plan (sachsen-anhalt-all: every commune joins, two services) per op,
// with 2 workers. Targets (the issue "zsa plan"): under a minute on this
// 2-core machine, and at most 3× the simulation work of the final
// verification runs; it reports that ratio as replications simulated per
// replication at the plan ("work-ratio"). Run with -benchtime 1x.
func BenchmarkPlanStatewide(b *testing.B) {
	sc, err := scenarios.Load("sachsen-anhalt-all")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var ratio float64
	for b.Loop() {
		plan, _, err := experiment.Plan(context.Background(), sc, experiment.PlanOptions{Options: experiment.Options{Workers: 2}})
		if err != nil {
			b.Fatal(err)
		}
		ratio = float64(plan.Simulated) / float64(plan.Replications)
	}
	b.ReportMetric(ratio, "work-ratio")
}
