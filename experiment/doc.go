// Package experiment runs the experiments of a loaded scenario: its
// replications, every arm against the status quo (Replicate); a parameter
// sweep, every point of the scenario's [sweep] and every arm (Sweep); and
// the decomposition of an arm's effect into mechanisms, every combination
// of them switched on and off, with Shapley values (Decompose). It also
// holds the M/M/c calibration example (MMcCheck). Runs go to parallel
// workers (models.RunBatch, or models.RunInOrder for Replicate, which
// folds each run into its comparison as it finishes); what comes back are
// typed values that package results renders: a results.Comparison, sweep
// points (SweepOutput) and attributions (DecompositionOutput).
//
// Reproducibility: replication r of a scenario runs with the seed
// ReplicationSeed(seed, r) in every arm, at every sweep point and for every
// combination of mechanisms (common random numbers), so an experiment's
// outcome depends on the scenario and its seed only, never on the number of
// workers or on the order in which runs finish. Times are simulated time
// (sim.Time, minutes); the wall clock only paces the caller's progress
// display.
package experiment
