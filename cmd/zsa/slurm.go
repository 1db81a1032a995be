package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"zsa/deploy/slurm"
	"zsa/scenarios"
)

// submitShards submits command (sweep, run or calibrate) of sc to Slurm:
// the batch scripts of deploy/slurm written into --out, a job array of n
// shards (for a calibration, one job of n tasks that run at the same
// time) and a merge job that waits for it (afterok); it prints the job
// ids. name is
// the scenario as the user named it; units are what the shards divide
// ("points" of a sweep, "replications" of a run), of which there are
// size; the flags that change the results (--seed, --reps) are passed on
// to the shards.
func submitShards(ctx context.Context, fs *pflag.FlagSet, command, name string, sc *scenarios.Scenario, n int, units string, size int, o *runOptions, stdout io.Writer) error {
	if n < 1 || n > 10000 {
		return usageError{fmt.Errorf("--slurm: %d shards; need 1 to 10000", n)}
	}
	if n > size {
		return usageError{fmt.Errorf("--slurm: %d shards for %d %s: at most one shard per %s", n, size, units, strings.TrimSuffix(units, "s"))}
	}
	sbatch, err := exec.LookPath("sbatch")
	if err != nil {
		return fmt.Errorf("--slurm: sbatch not found: run on a Slurm login node, or run the shards yourself with --shard K/N and zsa merge")
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	out, err := filepath.Abs(o.out)
	if err != nil {
		return err
	}
	if _, err := os.Stat(name); err == nil {
		// A file: the shards run elsewhere, so its absolute path.
		if name, err = filepath.Abs(name); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	var flags []string
	if fs.Changed("seed") {
		flags = append(flags, "--seed", strconv.FormatUint(sc.Seed, 10))
	}
	if fs.Changed("reps") {
		flags = append(flags, "--reps", strconv.Itoa(sc.Replications))
	}
	if o.force {
		flags = append(flags, "--force")
	}
	// A sweep's or run's shards are a job array, whose tasks may run one
	// after the other; a calibration's run at the same time, as the tasks
	// of one job.
	shardScript, shardText, shardArgs := filepath.Join(out, "shard.sbatch"), slurm.ShardScript,
		[]string{fmt.Sprintf("--array=0-%d", n-1), "--output=" + filepath.Join(out, "slurm-%A_%a.out")}
	if command == "calibrate" {
		shardScript, shardText = filepath.Join(out, "calibrate.sbatch"), slurm.CalibrateScript
		shardArgs = []string{fmt.Sprintf("--ntasks=%d", n), "--output=" + filepath.Join(out, "slurm-%j.out")}
	}
	mergeScript := filepath.Join(out, "merge.sbatch")
	for file, text := range map[string]string{shardScript: shardText, mergeScript: slurm.MergeScript} {
		if err := os.WriteFile(file, []byte(text), 0o755); err != nil {
			return err
		}
	}
	export := fmt.Sprintf("--export=ALL,ZSA=%s,ZSA_COMMAND=%s,ZSA_SCENARIO=%s,ZSA_SHARDS=%d,ZSA_OUT=%s,ZSA_FLAGS=%s",
		self, command, name, n, out, strings.Join(flags, " "))
	submit := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, sbatch, append([]string{"--parsable", export}, args...)...)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		b, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("sbatch %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
		}
		id, _, _ := strings.Cut(strings.TrimSpace(string(b)), ";") // "id;cluster" on federated clusters
		return id, nil
	}
	shards, err := submit(append(shardArgs, shardScript)...)
	if err != nil {
		return err
	}
	merge, err := submit("--dependency=afterok:"+shards, "--output="+filepath.Join(out, "slurm-merge-%j.out"), mergeScript)
	if err != nil {
		return fmt.Errorf("%w (the shards are submitted as job %s; merge them with zsa merge %s)", err, shards, filepath.Join(out, "shards"))
	}
	if command == "calibrate" {
		fmt.Fprintf(stdout, "shards: job %s (%d tasks), merge: job %s\n", shards, n, merge)
	} else {
		fmt.Fprintf(stdout, "shards: job %s (array 0-%d), merge: job %s\n", shards, n-1, merge)
	}
	fmt.Fprintf(stdout, "the merged %s will be a folder %s-seed%d-N in %s; follow with: squeue -j %s,%s\n", command, sc.Name, sc.Seed, out, shards, merge)
	return nil
}
