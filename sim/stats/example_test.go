package stats_test

import (
	"fmt"

	"zsa/sim/stats"
)

// Example shows the statistics of one run feeding a replication summary.
func Example() {
	// Within a run: waits of individual cases and the queue length over time.
	var waits stats.Tally
	var pct stats.Samples
	for _, w := range []float64{4, 0, 7, 12, 3, 5, 9, 0} { // minutes
		waits.Add(w)
		pct.Add(w)
	}
	var queue stats.TimeWeighted
	queue.Set(0, 0)  // empty at the start
	queue.Set(10, 2) // two cases waiting from minute 10
	queue.Set(40, 1)
	queue.Set(60, 0)
	fmt.Printf("mean wait %.2f min (sd %.2f), 90th percentile %.1f min\n",
		waits.Mean(), waits.StdDev(), pct.Quantile(0.9))
	fmt.Printf("mean queue length over 80 min: %.3f, max %.0f\n", queue.Mean(80), queue.Max())

	// Across runs: one mean wait per independent replication.
	s := stats.Summarize([]float64{5.1, 4.7, 5.6, 4.9, 5.3})
	fmt.Printf("mean wait %v min (95%% CI, n=%d)\n", s, s.N)
	// Output:
	// mean wait 5.00 min (sd 4.21), 90th percentile 9.9 min
	// mean queue length over 80 min: 1.000, max 2
	// mean wait 5.12 ± 0.43 min (95% CI, n=5)
}

// ExampleTimeWeighted_Reset discards a warm-up period from a time average.
func ExampleTimeWeighted_Reset() {
	var busy stats.TimeWeighted // busy clerks
	busy.Set(0, 0)
	busy.Set(5, 3) // start-up transient: all three clerks become busy
	busy.Set(30, 2)
	busy.Reset(30, busy.Current()) // end of warm-up: keep the value, forget [0, 30)
	busy.Set(50, 3)
	fmt.Printf("utilisation after warm-up: %.3f\n", busy.Mean(90)/3)
	// Output:
	// utilisation after warm-up: 0.889
}

// ExamplePairedDiff compares two staffing policies run with common random
// numbers: replication i of both arms used the same seed.
func ExamplePairedDiff() {
	twoClerks := []float64{31.2, 25.4, 40.1, 28.8, 35.0, 30.3} // mean lead time, days
	threeClerks := []float64{24.9, 21.0, 30.2, 23.1, 27.7, 24.4}
	p, err := stats.PairedDiff(twoClerks, threeClerks)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("difference %v days\n", p.Diff)
	fmt.Printf("relative change %+.1f%% [%+.1f%%, %+.1f%%]\n", 100*p.Rel, 100*p.RelLo, 100*p.RelHi)
	// Output:
	// difference -6.6 ± 2.0 days
	// relative change -20.7% [-23.4%, -17.9%]
}
