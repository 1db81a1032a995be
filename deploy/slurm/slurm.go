// Package slurm holds the Slurm batch scripts of a sharded sweep: a job
// array that runs one shard per task (sweep-shard.sbatch) and the merge
// that runs after it (merge.sbatch). zsa sweep --slurm writes and submits
// them; they can also be submitted by hand (see each script's comment).
package slurm

import _ "embed"

// ShardScript is sweep-shard.sbatch.
//
//go:embed sweep-shard.sbatch
var ShardScript string

// MergeScript is merge.sbatch.
//
//go:embed merge.sbatch
var MergeScript string
