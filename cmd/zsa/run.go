package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"zsa/experiment"
	"zsa/results"
	"zsa/scenarios"
)

var runCmd = &command{
	scenarioArg: true,
	name:        "run", args: "[SCENARIO] [flags]",
	summary: "run a scenario: status quo against each ZSA arm, with confidence intervals",
	example: "zsa run sachsen-anhalt --reps 20 --seed 7 --out results/",
	setup: func(fs *pflag.FlagSet) runFunc {
		runOpt := &runOptions{}
		runOpt.addFlags(fs, "`number` of replications")
		runOpt.addJSONFlag(fs, results.SummaryFile)
		var shard string
		var slurm int
		fs.IntVar(&slurm, "slurm", 0, "submit the run to Slurm as a job array of `N` shards of its replications and a merge job (sbatch), and print the job ids")
		fs.StringVar(&shard, "shard", "", "run only shard `K/N` of the replications (0 ≤ K < N), into --out/shard-K-of-N.zsarun; run again to resume; zsa merge puts the shards together into the folder one machine writes")
		fs.StringVar(&runOpt.eventLog, "event-log", "", "also write a process-mining event log per arm and replication, `format` csv, xes, csv.gz or xes.gz (gzip; large: about 330 bytes per work item in csv, 1,100 in xes, 26 and 31 gzipped; default: the scenario's outputs.event_log)")
		return func(ctx context.Context, fs *pflag.FlagSet, args []string, sio stdio) error {
			stdout, stderr := sio.out, sio.errOut
			if runOpt.eventLog != "" && !slices.Contains(experiment.EventLogFormats, runOpt.eventLog) {
				return usageError{fmt.Errorf("--event-log: %q: must be one of (%s)", runOpt.eventLog, strings.Join(experiment.EventLogFormats, "|"))}
			}
			if len(args) > 1 {
				return usageError{fmt.Errorf("run takes one scenario, got %d arguments", len(args))}
			}
			name := scenarios.Default
			if len(args) == 1 {
				name = args[0]
			}
			sc, err := loadScenario(name, sio.in)
			if err != nil {
				return usageError{err}
			}
			if fs.Changed("shard") || fs.Changed("slurm") {
				if name == "-" {
					return usageError{fmt.Errorf("--shard and --slurm need the scenario as a file or a bundled name: zsa merge loads it again")}
				}
				if fs.Changed("slurm") {
					if fs.Changed("shard") {
						return usageError{fmt.Errorf("--slurm submits the shards; it does not take --shard")}
					}
					if err := shardFlagsOK(fs, sc); err != nil {
						return err
					}
					if _, err := runOpt.apply(fs, sc, stderr); err != nil {
						return err
					}
					return submitShards(ctx, fs, "run", name, sc, slurm, "replications", sc.Replications, runOpt, stdout)
				}
				return runShardOfRun(ctx, fs, sc, shard, runOpt, sio)
			}
			// A [decomposition] is run too, for the report's section on
			// what makes up the change.
			runOpt.decomposes = len(sc.Mechanisms) > 0
			progress, err := runOpt.apply(fs, sc, stderr)
			if err != nil {
				return err
			}
			dir, err := runOpt.newRunDir(sc)
			if err != nil {
				return err
			}
			if !fs.Changed("event-log") {
				runOpt.eventLog = sc.EventLog
			}
			opt, end := runOpt.experimentOptions(progress)
			if runOpt.eventLog != "" {
				warnEventLogSize(progress, sc, sc.Replications*len(sc.Arms), runOpt.eventLog)
				opt.EventLog = &experiment.EventLogRequest{Dir: filepath.Join(dir.path, "events"), Format: runOpt.eventLog}
			}
			cmp, runErr := experiment.Replicate(ctx, sc, opt)
			end()
			if cmp == nil {
				dir.discard() // nothing finished
				return runErr
			}
			defer cmp.Close()
			if err := writeRun(ctx, sc, cmp, dir, runOpt, progress, stdout, stderr); err != nil {
				return err
			}
			return runErr
		}
	},
}

// writeRun completes the comparison of a run (or of merged run shards):
// the scenario's [decomposition], if it has one, for the report's section
// on what makes up the change; then it writes the folder and prints the
// table. An error while writing discards the folder; an interrupted
// decomposition leaves the report without that section and is returned
// after the folder is written.
func writeRun(ctx context.Context, sc *scenarios.Scenario, cmp *results.Comparison, dir *runDir, runOpt *runOptions, progress, stdout, stderr io.Writer) error {
	cmp.Version = version()
	var runErr error
	if len(sc.Mechanisms) > 0 && cmp.Replications() == sc.Replications {
		fmt.Fprintf(progress, "zsa: what makes up the change: %d combinations of %d mechanisms\n", 1<<len(sc.Mechanisms), len(sc.Mechanisms))
		opt, end := runOpt.experimentOptions(progress)
		attrs, err := experiment.Decompose(ctx, sc, opt)
		end()
		switch {
		case err == nil:
			cmp.Decomposition = experiment.DecompositionOutput(sc, attrs)
		case ctx.Err() != nil:
			runErr = fmt.Errorf("interrupted before the decomposition finished: the report has no section on the mechanisms")
		default:
			dir.discard()
			return err
		}
	}
	// The files first, then the table: a closed stdout must not cost the
	// results.
	if err := results.WriteAll(dir.path, cmp); err != nil {
		dir.discard()
		return err
	}
	final, err := dir.done()
	if err != nil {
		return err
	}
	if err := runOpt.finish(final, stdout, stderr, func(w io.Writer) error { return results.WriteTable(w, cmp) }); err != nil {
		return err
	}
	return runErr
}

// runShardOfRun runs shard K/N of sc's replications into
// --out/shard-K-of-N.zsarun, after those an earlier run of the shard
// finished there.
func runShardOfRun(ctx context.Context, fs *pflag.FlagSet, sc *scenarios.Scenario, shard string, o *runOptions, sio stdio) error {
	k, n, err := experiment.ParseShard(shard)
	if err != nil {
		return usageError{fmt.Errorf("--shard: %w", err)}
	}
	if err := shardFlagsOK(fs, sc); err != nil {
		return err
	}
	o.decomposes = false // the merge runs the decomposition
	progress, err := o.apply(fs, sc, sio.errOut)
	if err != nil {
		return err
	}
	h := experiment.ShardHeader{Scenario: sc.Name, Source: shardSource(sc), Hash: sc.Hash, Seed: sc.Seed,
		Replications: sc.Replications, Version: version(), Shard: k, Of: n}
	opt, end := o.experimentOptions(progress)
	done, all, err := experiment.RunShard(ctx, sc, o.out, h, opt)
	end()
	dir := filepath.Join(o.out, experiment.RunShardDirName(k, n))
	if err != nil {
		if all == 0 { // the folder holds other work: nothing ran
			return usageError{fmt.Errorf("--shard: %w", err)}
		}
		if done > 0 {
			return fmt.Errorf("%w; %d of the shard's %d replications are in %s: run the same command again to go on", err, done, all, dir)
		}
		return err
	}
	fmt.Fprintf(sio.out, "shard %d of %d: %d replications of %d in %s\n", k, n, all, sc.Replications, dir)
	return nil
}

// shardFlagsOK refuses what a sharded run cannot do: event logs, and
// flags that are for the merge.
func shardFlagsOK(fs *pflag.FlagSet, sc *scenarios.Scenario) error {
	switch {
	case fs.Changed("event-log") || sc.EventLog != "":
		return usageError{fmt.Errorf("--shard, --slurm: event logs are written by a run on one machine only; leave out --event-log (and the scenario's outputs.event_log)")}
	case fs.Changed("out-exact") || fs.Changed("json"):
		return usageError{fmt.Errorf("--shard, --slurm: the shards go into --out; --out-exact and --json are for zsa merge")}
	}
	return nil
}
