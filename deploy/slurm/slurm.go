// Package slurm holds the Slurm batch scripts of a sharded sweep, run or
// calibration: a job array that runs one shard of a sweep or run per task
// (shard.sbatch), one job whose tasks run a calibration's shards at the
// same time (calibrate.sbatch), and the merge that runs after either
// (merge.sbatch). zsa sweep|run|calibrate --slurm write and submit them;
// they can also be submitted by hand (see each script's comment).
package slurm

import _ "embed"

// ShardScript is shard.sbatch.
//
//go:embed shard.sbatch
var ShardScript string

// CalibrateScript is calibrate.sbatch.
//
//go:embed calibrate.sbatch
var CalibrateScript string

// MergeScript is merge.sbatch.
//
//go:embed merge.sbatch
var MergeScript string
