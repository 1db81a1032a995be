// Package stats collects output statistics for the discrete-event simulator:
// streaming moments of observations ([Tally]), time averages of
// piecewise-constant quantities such as queue lengths or busy clerks
// ([TimeWeighted]), exact sample quantiles ([Samples]), and confidence
// intervals across independent replications ([Summarize], [PairedDiff]).
//
// Times are plain float64 values in the simulator's time unit, minutes
// (sim.Time converted with float64); the package itself is unit-agnostic and
// reports time averages per unit of whatever time is passed in.
//
// Reproducibility: everything here is deterministic arithmetic on the values
// passed in. The package draws no random numbers, keeps no global state and
// does no I/O, so the same observations in the same order give bit-identical
// results. Products are rounded explicitly (float64(x*y) + z) so that the
// compiler cannot fuse them into FMA instructions on some architectures and
// not others. The order of observations matters only in the last bits of
// floating-point results (for example after [Tally.Merge]).
//
// Observation methods ([Tally.Add], [TimeWeighted.Set]) allocate nothing;
// [Samples.Add] appends to a slice and so allocates amortised O(1).
// Statistics of empty windows are NaN, never a silent zero. Misuse that can
// only be a programming error (time running backwards, a quantile outside
// [0, 1]) panics with a message prefixed "stats: ".
package stats
