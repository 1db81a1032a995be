package bench

import (
	"fmt"
	"runtime"
	"testing"

	"zsa/experiment"
	"zsa/scenarios"
)

// replicateMemory runs reps replications of the scenario name with
// experiment.Replicate on workers workers and returns the heap the
// comparison retains (live bytes after a collection, the comparison
// alive, less those before the run) and the most heap in use seen after
// any run (runtime.MemStats.HeapInuse, garbage not yet collected
// included: an upper bound of what the run needed, in bytes).
func replicateMemory(tb testing.TB, name string, reps, workers int) (retained, peak uint64) {
	tb.Helper()
	sc, err := scenarios.Load(name)
	if err != nil {
		tb.Fatal(err)
	}
	sc.Replications = reps
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	cmp, err := experiment.Replicate(tb.Context(), sc, experiment.Options{Workers: workers, Progress: func(int, int) {
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}})
	if err != nil {
		tb.Fatal(err)
	}
	defer cmp.Close()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	runtime.KeepAlive(cmp)
	if ms.HeapAlloc > before {
		retained = ms.HeapAlloc - before
	}
	return retained, peak
}

// BenchmarkReplicateMemory runs n and 2n replications of the
// Sachsen-Anhalt year per op and reports the heap the comparison retains
// after each (retained-n-B, retained-2n-B), what the n more replications
// added per replication (B/extra-rep: the comparison's per-replication
// figures, a few kB, against about 3.4 MB of results per replication kept
// whole) and the ratio of the two (retained-ratio: 2 if the comparison
// grew with the replications' results, about 1 when it does not), and
// the most heap in use after a run of the 2n (peak-2n-B). A ratio, not a
// time: it does not depend on the machine's load.
//
//	go test ./bench -run '^$' -bench ReplicateMemory -benchtime 1x
func BenchmarkReplicateMemory(b *testing.B) {
	for _, n := range []int{4} {
		b.Run(fmt.Sprintf("reps=%d", n), func(b *testing.B) {
			var one, two, peak uint64
			for b.Loop() {
				one, _ = replicateMemory(b, scenarios.Default, n, 2)
				two, peak = replicateMemory(b, scenarios.Default, 2*n, 2)
			}
			b.ReportMetric(float64(one), "retained-n-B")
			b.ReportMetric(float64(two), "retained-2n-B")
			b.ReportMetric((float64(two)-float64(one))/float64(n), "B/extra-rep")
			b.ReportMetric(float64(two)/float64(one), "retained-ratio")
			b.ReportMetric(float64(peak), "peak-2n-B")
		})
	}
}

// TestRetainedHeapDoesNotGrowWithReplications: the comparison of 12
// replications of the teaching scenario retains less than 1.5 times the
// heap of one of 4 (results kept whole would retain 3 times as much). The
// factor is generous: the per-replication figures add a little, and the
// collector's accounting a little noise.
func TestRetainedHeapDoesNotGrowWithReplications(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 16 replications")
	}
	few, _ := replicateMemory(t, "teaching", 4, 2)
	many, _ := replicateMemory(t, "teaching", 12, 2)
	t.Logf("retained: %d bytes with 4 replications, %d with 12", few, many)
	if float64(many) > 1.5*float64(few) {
		t.Errorf("12 replications retain %d bytes, 4 retain %d: the comparison grows with the replications", many, few)
	}
}
