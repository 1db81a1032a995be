package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"zsa/experiment"
	"zsa/results"
	"zsa/scenarios"
)

var mergeCmd = &command{
	name: "merge", args: "SHARDS... [flags]",
	summary: "put the shards of a sweep, run, plan or calibration (zsa sweep|run|plan|calibrate --shard) together into the folder one machine writes",
	example: "zsa merge shards/ --out results/",
	setup: func(fs *pflag.FlagSet) runFunc {
		o := &runOptions{}
		fs.StringVar(&o.out, "out", "out", "output `directory`: the merged sweep, run, plan or calibration is a new folder inside it, as the command writes")
		fs.BoolVar(&o.outExact, "out-exact", false, "write the results into --out itself, which must not exist or be empty")
		fs.IntVar(&o.workers, "workers", defaultWorkers(), "parallel `workers` for a run's decomposition, if its scenario has one (default: $SLURM_CPUS_PER_TASK, else the CPUs available)")
		fs.BoolVar(&o.quiet, "quiet", false, "no progress on stderr")
		o.addJSONFlag(fs, results.SummaryFile)
		return func(ctx context.Context, fs *pflag.FlagSet, args []string, sio stdio) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("merge takes the shard files or the folders that hold them")}
			}
			if err := o.checkOut(); err != nil {
				return err
			}
			runs, plans, calibrations := 0, 0, 0
			for _, a := range args {
				switch {
				case experiment.IsRunShard(a):
					runs++
				case experiment.IsPlanShard(a):
					plans++
				case experiment.IsCalibrateShard(a):
					calibrations++
				}
			}
			switch {
			case runs == len(args):
				return mergeRun(ctx, fs, args, o, sio)
			case runs > 0 || plans > 0 && plans < len(args) || calibrations > 0 && calibrations < len(args):
				return usageError{fmt.Errorf("the shards given are of different commands (run, plan, calibrate, sweep): merge one at a time")}
			case o.json:
				return usageError{fmt.Errorf("--json: a sweep, plan or calibration has no %s; it is for the shards of zsa run", results.SummaryFile)}
			case plans == len(args):
				return mergePlan(args, o, sio)
			case calibrations == len(args):
				return mergeCalibration(ctx, fs, args, o, sio)
			}
			h, points, err := experiment.MergeShards(args)
			if err != nil {
				return usageError{err}
			}
			if h.Version != version() {
				return usageError{fmt.Errorf("the shards were computed by zsa %s, this is zsa %s: merge them with the same program, so that the outputs are those of one run", h.Version, version())}
			}
			sc, err := shardScenario(h)
			if err != nil {
				return err
			}
			all := sc.Points()
			if len(all) != h.Points {
				return usageError{fmt.Errorf("%s has %d sweep points, the shards %d", h.Source, len(all), h.Points)}
			}
			for i := range points {
				points[i].Values = all[points[i].Index]
			}
			final, err := writeSweep(o, sc, points)
			if err != nil {
				return err
			}
			writeSweepTable(sio.out, sc, points)
			fmt.Fprintf(sio.out, "\nmerged %d shards, %d points; results in %s\n", h.Of, len(points), final)
			return nil
		}
	},
}

// shardScenario loads the scenario of shards with header h again, with
// their seed and replications, and checks that it has not changed and
// that this program computed them.
func shardScenario(h experiment.ShardHeader) (*scenarios.Scenario, error) {
	if h.Version != version() {
		return nil, usageError{fmt.Errorf("the shards were computed by zsa %s, this is zsa %s: merge them with the same program, so that the outputs are those of one run", h.Version, version())}
	}
	sc, err := scenarios.Load(strings.TrimSuffix(strings.TrimPrefix(h.Source, "bundled:"), ".toml"))
	if !strings.HasPrefix(h.Source, "bundled:") {
		sc, err = scenarios.Load(h.Source)
	}
	if err != nil {
		return nil, usageError{fmt.Errorf("the shards' scenario: %w", err)}
	}
	if sc.Hash != h.Hash {
		return nil, usageError{fmt.Errorf("%s has changed since the shards ran (SHA-256 %.12s, the shards' %.12s)", h.Source, sc.Hash, h.Hash)}
	}
	sc.Seed, sc.Replications = h.Seed, h.Replications
	return sc, nil
}

// mergeRun puts the shards of a run together: their replications folded
// in order, the scenario's decomposition run if it has one, and the
// folder written as zsa run writes it.
func mergeRun(ctx context.Context, fs *pflag.FlagSet, args []string, o *runOptions, sio stdio) error {
	shards, err := experiment.MergeRunShards(args)
	if err != nil {
		return usageError{err}
	}
	sc, err := shardScenario(shards.Header)
	if err != nil {
		return err
	}
	o.decomposes = len(sc.Mechanisms) > 0
	o.force = true // the shards ran: no estimate refuses their merge
	progress, err := o.apply(fs, sc, sio.errOut)
	if err != nil {
		return err
	}
	dir, err := o.newRunDir(sc)
	if err != nil {
		return err
	}
	cmp, err := shards.Merge(sc)
	if err != nil {
		dir.discard()
		return usageError{err}
	}
	defer cmp.Close()
	fmt.Fprintf(progress, "zsa: merged %d shards, %d replications\n", shards.Header.Of, cmp.Replications())
	return writeRun(ctx, sc, cmp, dir, o, progress, sio.out, sio.errOut)
}

// mergeCalibration writes the calibration of its shards: the search
// replayed from the shards' runs (none is run again), and the folder
// written as zsa calibrate writes it.
func mergeCalibration(ctx context.Context, fs *pflag.FlagSet, args []string, o *runOptions, sio stdio) error {
	shards, err := experiment.MergeCalibrateShards(args)
	if err != nil {
		return usageError{err}
	}
	sc, err := shardScenario(shards.Header)
	if err != nil {
		return err
	}
	o.force = true // the shards ran: no estimate refuses their merge
	progress, err := o.apply(fs, sc, sio.errOut)
	if err != nil {
		return err
	}
	copt := experiment.CalibrateOptions{Options: experiment.Options{Workers: o.workers}, Shard: shards}
	copt.OnEvaluation = calibrationProgress(sc, progress)
	fit, err := experiment.Calibrate(ctx, sc, copt)
	if err != nil {
		return usageError{err}
	}
	fmt.Fprintf(progress, "zsa: merged %d shards of the calibration, %d settings\n", shards.Header.Of, fit.Evaluations)
	return writeCalibration(sc, fit, nil, o, sio.out)
}
