package models

import (
	"context"
	"maps"
	"slices"
	"sync"
)

// Job is one run of a batch.
type Job struct {
	Model *Model
	Org   *Organisation
	Seed  uint64
	// Options of the run; a Log is called from the job's goroutine only.
	Options Options
}

// RunBatch runs jobs on workers goroutines and returns their results in
// job order, so the outcome does not depend on the number of workers or on
// which finishes first. Jobs are started in order; if ctx is cancelled, no
// further job starts, and the results of jobs that did not run are nil.
// progress, if not nil, is called after each finished job with the number
// done so far, from one goroutine at a time. The first error of a job is
// returned; the other jobs still run.
func RunBatch(ctx context.Context, jobs []Job, workers int, progress func(done int)) ([]*Result, error) {
	out := make([]*Result, len(jobs))
	n := 0
	err := RunEach(ctx, jobs, workers, func(i int, r *Result) {
		out[i] = r
		n++
		if progress != nil {
			progress(n)
		}
	})
	return out, err
}

// RunEach runs jobs like RunBatch but keeps nothing: it hands each result
// to done as soon as its job has finished, from one goroutine at a time,
// in the order jobs finish (which depends on the workers; done must not
// let that order show in its output). Callers that reduce results as they
// come, such as sweeps, keep memory bounded by the jobs in flight. Jobs
// that fail are not handed over; the first error is returned.
func RunEach(ctx context.Context, jobs []Job, workers int, done func(i int, r *Result)) error {
	return runJobs(ctx, jobs, workers, nil, func(i int, r *Result, err error) {
		if err == nil {
			done(i, r)
		}
	})
}

// RunInOrder runs jobs like RunEach but hands each result to done in job
// order, from one goroutine at a time, so a caller can reduce the results
// as they come, in an order that does not depend on the workers. A job is
// started only while fewer than 2·workers started jobs wait to be handed
// over: the results held back for an earlier job that is still running
// are bounded by the workers, not by the jobs. If ctx is cancelled, no
// further job starts, and the results of the jobs that finished are handed
// over in order after the last one has, with gaps where jobs did not run.
// Jobs that fail are not handed over; the first error is returned.
func RunInOrder(ctx context.Context, jobs []Job, workers int, done func(i int, r *Result)) error {
	workers = max(1, min(workers, len(jobs)))
	window := make(chan struct{}, 2*workers)
	// waiting[i] is the outcome of job i while an earlier job is out: its
	// result, or nil if it failed.
	waiting := map[int]*Result{}
	next := 0
	err := runJobs(ctx, jobs, workers, window, func(i int, r *Result, err error) {
		if err != nil {
			r = nil
		}
		waiting[i] = r
		for {
			r, ok := waiting[next]
			if !ok {
				return
			}
			delete(waiting, next)
			if r != nil {
				done(next, r)
			}
			next++
			<-window
		}
	})
	for _, i := range slices.Sorted(maps.Keys(waiting)) {
		if r := waiting[i]; r != nil {
			done(i, r)
		}
	}
	return err
}

// runJobs runs jobs on workers goroutines and calls finished with each
// job's outcome as it finishes, from one goroutine at a time; jobs that
// were not run (ctx cancelled) are not reported. If window is not nil, a
// job is started only after a token has been sent into it (finished takes
// tokens out). The first error is returned.
func runJobs(ctx context.Context, jobs []Job, workers int, window chan struct{}, finished func(i int, r *Result, err error)) error {
	workers = max(1, min(workers, len(jobs)))
	next := make(chan int)
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				// The feeder's select may hand over a job after ctx was
				// cancelled (it picks at random among ready cases): drop it.
				if ctx.Err() != nil {
					continue
				}
				r, err := RunWith(jobs[i].Model, jobs[i].Org, jobs[i].Seed, jobs[i].Options)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				finished(i, r, err)
				mu.Unlock()
			}
		})
	}
feed:
	for i := range jobs {
		if ctx.Err() != nil {
			break
		}
		if window != nil {
			select {
			case <-ctx.Done():
				break feed
			case window <- struct{}{}:
			}
		}
		select {
		case <-ctx.Done():
			break feed
		case next <- i:
		}
	}
	close(next)
	wg.Wait()
	return firstErr
}
