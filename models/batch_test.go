package models

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"zsa/sim"
)

// TestNoJobStartsAfterCancellation checks RunBatch's promise "if ctx is
// cancelled, no further job starts", deterministically: the first workers
// jobs are held inside their runs (in their event logs' first call) until
// all of them have started; then job 0 cancels the context and releases
// them. Every later job would start after the cancellation, so none may
// run: none may call its log, and their results must be nil, while the
// held jobs, started before, finish and return results.
//
// Before the fix, RunEach's feeder chose at random between ctx.Done() and
// handing the next job to a worker that had become free, and the worker
// ran whatever it received: the test failed in 22 of 50 runs under -race
// (and TestRunBatchIsIndependentOfWorkers in about 2 of 100). It must
// pass go test -race -count=200.
func TestNoJobStartsAfterCancellation(t *testing.T) {
	t.Parallel()
	m := mmcModel(1, 20, 30)
	m.Horizon, m.WarmUp = 5*sim.Day, 0
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var started sync.WaitGroup
			started.Add(workers)
			release := make(chan struct{})
			var late atomic.Int64 // log calls of jobs that must not run
			jobs := make([]Job, 4*workers+3)
			for i := range jobs {
				first := true
				jobs[i] = Job{Model: m, Seed: uint64(i), Options: Options{Log: func(Task) {
					switch {
					case i >= workers:
						late.Add(1)
					case first && i == 0:
						// All held jobs have started: cancel, then let
						// them finish.
						started.Done()
						started.Wait()
						cancel()
						close(release)
					case first:
						started.Done()
						<-release
					}
					first = false
				}}}
			}
			res, err := RunBatch(ctx, jobs, workers, nil)
			if err != nil {
				t.Fatal(err)
			}
			if n := late.Load(); n > 0 {
				t.Errorf("jobs started after the cancellation (%d log calls)", n)
			}
			for i, r := range res {
				if (r != nil) != (i < workers) {
					t.Errorf("job %d: result %v, want one only for the %d jobs started before the cancellation", i, r != nil, workers)
				}
			}
		})
	}
}

// TestRunInOrder checks that RunInOrder hands the results over in job
// order, the same as RunBatch's, whatever the workers, and that no more
// than 2·workers jobs are started and not yet handed over: job 0 is held
// inside its run until 2·workers − 1 others have started (with more
// workers than one), and the jobs started by the time it is handed over
// are counted.
func TestRunInOrder(t *testing.T) {
	t.Parallel()
	m := mmcModel(1, 20, 30)
	m.Horizon, m.WarmUp = 5*sim.Day, 0
	jobs := make([]Job, 13)
	for i := range jobs {
		jobs[i] = Job{Model: m, Seed: uint64(i)}
	}
	want := must(RunBatch(t.Context(), jobs, 1, nil))
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			t.Parallel()
			var started atomic.Int64
			var once sync.Once
			release := make(chan struct{})
			held := slices.Clone(jobs)
			for i := range held {
				first := true
				held[i].Options.Log = func(Task) {
					if !first {
						return
					}
					first = false
					if i == 0 {
						if workers > 1 {
							<-release
						}
						return
					}
					if started.Add(1) == int64(2*workers-1) {
						once.Do(func() { close(release) })
					}
				}
			}
			var order []int
			ahead := int64(-1)
			err := RunInOrder(t.Context(), held, workers, func(i int, r *Result) {
				if i == 0 {
					ahead = started.Load()
				}
				if r.Events != want[i].Events || r.Services[0].Offices[0].Effort != want[i].Services[0].Offices[0].Effort {
					t.Errorf("job %d: result differs from RunBatch's", i)
				}
				order = append(order, i)
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(order) != len(jobs) || !slices.IsSorted(order) {
				t.Errorf("order = %v, want 0…%d", order, len(jobs)-1)
			}
			if ahead+1 > int64(2*workers) {
				t.Errorf("%d jobs started before job 0 was handed over, want at most %d", ahead+1, 2*workers)
			}
		})
	}
}
