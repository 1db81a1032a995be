package models

import (
	"context"
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
				if err == nil {
					done(i, r)
				}
				mu.Unlock()
			}
		})
	}
feed:
	for i := range jobs {
		if ctx.Err() != nil {
			break
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
