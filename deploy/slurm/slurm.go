// Package slurm holds the Slurm batch scripts of a sharded sweep or run: a
// job array that runs one shard per task (shard.sbatch) and the merge that
// runs after it (merge.sbatch). zsa sweep --slurm and zsa run --slurm write
// and submit them; they can also be submitted by hand (see each script's
// comment).
package slurm

import _ "embed"

// ShardScript is shard.sbatch.
//
//go:embed shard.sbatch
var ShardScript string

// MergeScript is merge.sbatch.
//
//go:embed merge.sbatch
var MergeScript string
