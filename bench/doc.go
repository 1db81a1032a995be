// Package bench holds the end-to-end benchmarks of the simulator and the
// bare baselines they are measured against.
//
// Run them with
//
//	go test ./bench -pgo=cmd/zsa/default.pgo -run '^$' -bench . -count 10 | tee new.txt
//	benchstat new.txt
//
// from the module's root. The zsa command is built with profile-guided
// optimisation from cmd/zsa/default.pgo (go build uses a main package's
// default.pgo by itself); -pgo builds the benchmarks the same way, so they
// measure the code users run. Without it they measure a build about 3 %
// slower on the state year. The profile is a CPU profile of
// BenchmarkStateYear; after large changes to the engine, regenerate it with
//
//	go test ./bench -pgo=off -run '^$' -bench StateYear -benchtime 30x -cpuprofile cmd/zsa/default.pgo
//
// Each benchmark reports events/s and allocations. The baselines (a bare
// hand-written value heap, a bare M/M/c loop on it) sit in the same files as
// the engine benchmarks, so the engine's overhead is a ratio measured in one
// run on one machine, not a comparison of numbers from different days.
package bench
