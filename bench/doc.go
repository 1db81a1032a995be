// Package bench holds the end-to-end benchmarks of the simulator and the
// bare baselines they are measured against.
//
// Run them with
//
//	go test ./bench -run '^$' -bench . -count 10 | tee new.txt
//	benchstat new.txt
//
// Each benchmark reports events/s and allocations. The baselines (a bare
// hand-written value heap, a bare M/M/c loop on it) sit in the same files as
// the engine benchmarks, so the engine's overhead is a ratio measured in one
// run on one machine, not a comparison of numbers from different days.
package bench
