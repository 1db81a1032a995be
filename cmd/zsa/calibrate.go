package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"zsa/experiment"
	"zsa/results"
	"zsa/scenarios"
)

// CalibratedFile is the name of the scenario file zsa calibrate writes.
const calibratedFile = "calibrated.toml"

var calibrateCmd = &command{
	scenarioArg: true,
	name:        "calibrate", args: "SCENARIO [flags]",
	summary: "fit a scenario's [calibration] parameters to its [[targets]], and write calibrated.toml",
	example: "zsa calibrate my-scenario.toml --reps 8",
	setup: func(fs *pflag.FlagSet) runFunc {
		opt := &runOptions{}
		opt.addFlags(fs, "replications per setting tried")
		var shard string
		var slurm int
		fs.StringVar(&shard, "shard", "", "be shard `K/N` of a calibration run by N machines at the same time that share --out: each runs the same search and, for every setting, the replications r with r mod N = K, into --out/shard-K-of-N.zsacal; run again to resume; zsa merge writes the calibration")
		fs.IntVar(&slurm, "slurm", 0, "submit the calibration to Slurm as one job of `N` tasks that run at the same time (srun), each a shard, and a merge job (sbatch); print the job ids")
		return func(ctx context.Context, fs *pflag.FlagSet, args []string, sio stdio) error {
			stdout, stderr := sio.out, sio.errOut
			if len(args) != 1 {
				return usageError{fmt.Errorf("calibrate takes one scenario")}
			}
			sc, err := loadScenario(args[0], sio.in)
			if err != nil {
				return usageError{err}
			}
			switch {
			case len(sc.Targets) == 0:
				return usageError{fmt.Errorf("%s declares no [[targets]]: the observed figures to fit to", sc.Source)}
			case len(sc.Calibration) == 0:
				return usageError{fmt.Errorf("%s declares no [calibration] parameters to fit", sc.Source)}
			}
			sharded := fs.Changed("shard") || fs.Changed("slurm")
			switch {
			case sharded && args[0] == "-":
				return usageError{fmt.Errorf("--shard and --slurm need the scenario as a file or a bundled name: zsa merge loads it again")}
			case fs.Changed("shard") && fs.Changed("slurm"):
				return usageError{fmt.Errorf("--slurm submits the shards; it does not take --shard")}
			case sharded && fs.Changed("out-exact"):
				return usageError{fmt.Errorf("--shard, --slurm: the shards go into --out; --out-exact is for zsa merge")}
			}
			progress, err := opt.apply(fs, sc, stderr)
			if err != nil {
				return err
			}
			if fs.Changed("slurm") {
				return submitShards(ctx, fs, "calibrate", args[0], sc, slurm, "replications", sc.Replications, opt, stdout)
			}
			copt := experiment.CalibrateOptions{Options: experiment.Options{Workers: opt.workers}}
			copt.OnEvaluation = calibrationProgress(sc, progress)
			if fs.Changed("shard") {
				k, n, err := experiment.ParseShard(shard)
				if err != nil {
					return usageError{fmt.Errorf("--shard: %w", err)}
				}
				h := experiment.ShardHeader{Scenario: sc.Name, Source: shardSource(sc), Hash: sc.Hash, Seed: sc.Seed,
					Replications: sc.Replications, Version: version(), Shard: k, Of: n}
				if copt.Shard, err = experiment.NewCalibrationShard(opt.out, h); err != nil {
					return usageError{fmt.Errorf("--shard: %w", err)}
				}
			}
			fit, runErr := experiment.Calibrate(ctx, sc, copt)
			if copt.Shard != nil {
				dir := filepath.Join(opt.out, experiment.CalibrateShardDirName(copt.Shard.Header.Shard, copt.Shard.Header.Of))
				if runErr != nil {
					return fmt.Errorf("%w; the shard's runs so far are in %s: run the same command again to go on", runErr, dir)
				}
				writeFit(stdout, sc, fit)
				fmt.Fprintf(stdout, "\nshard %d of %d in %s; zsa merge %s writes the calibration\n",
					copt.Shard.Header.Shard, copt.Shard.Header.Of, dir, opt.out)
				return nil
			}
			return writeCalibration(sc, fit, runErr, opt, stdout)
		}
	},
}

// calibrationProgress returns the progress report of each setting a
// calibration of sc tries, to progress.
func calibrationProgress(sc *scenarios.Scenario, progress io.Writer) func(experiment.Evaluation) {
	best, bestReps := 0.0, 0
	return func(e experiment.Evaluation) {
		// The best of the settings tried with as many replications.
		if e.Replications != bestReps || e.Objective < best {
			best, bestReps = e.Objective, e.Replications
		}
		fmt.Fprintf(progress, "zsa: calibrate: setting %d (%d replications): %s, objective %.4g (best %.4g)\n",
			e.N, e.Replications, settingText(sc, e.Values), e.Objective, best)
	}
}

// writeCalibration writes the folder of a calibration of sc (or of its
// merged shards), calibrated.toml in a new folder in --out, and prints the
// fit; runErr is the calibration's error, if it was interrupted.
func writeCalibration(sc *scenarios.Scenario, fit *experiment.Fit, runErr error, opt *runOptions, stdout io.Writer) error {
	if fit == nil {
		if runErr != nil && !errors.Is(runErr, context.Canceled) {
			return usageError{runErr}
		}
		return runErr
	}
	dir, err := opt.newRunDir(sc)
	if err != nil {
		return err
	}
	// The temporary folder lies beside the final one: the path from it to
	// the scenario is the same.
	extends, err := extendsPath(sc, dir.path)
	if err == nil {
		file := experiment.CalibratedFile{Extends: extends, Date: fitDate(), Version: version()}
		err = results.WriteFileAtomic(filepath.Join(dir.path, calibratedFile), func(w io.Writer) error {
			return experiment.WriteCalibrated(w, sc, fit, file)
		})
	}
	if err != nil {
		dir.discard()
		return err
	}
	final, err := dir.done()
	if err != nil {
		return err
	}
	writeFit(stdout, sc, fit)
	fmt.Fprintf(stdout, "\ncalibrated scenario in %s\n", filepath.Join(final, calibratedFile))
	if runErr != nil {
		return runErr
	}
	if len(fit.Unreachable) > 0 {
		return errors.New(strings.Join(fit.Unreachable, "\n"))
	}
	return nil
}

// writeFit prints the fitted values and the targets checked out of sample.
func writeFit(w io.Writer, sc *scenarios.Scenario, fit *experiment.Fit) {
	fmt.Fprintf(w, "calibration of scenario %s, seed %d, %d replications per setting, %d settings tried, version %s\n\n",
		sc.Name, sc.Seed, sc.Replications, fit.Evaluations, version())
	t := results.Table{Header: []string{"parameter", "fitted", "min", "max"}}
	for i, p := range fit.Params {
		t.AddRow(p.Key, strconv.FormatFloat(fit.Values[i], 'g', 6, 64), p.Min, p.Max)
	}
	t.WriteTo(w)
	where := "on fresh seeds (out of sample)"
	if fit.Interrupted {
		where = "on the fitting seeds (interrupted)"
	}
	fmt.Fprintf(w, "\ntargets %s: the model's mean ± half-width of its 95 %% interval (a change: with its interval)\n", where)
	results.TargetTable(fit.Checks, sc.Arms[0].Name).WriteTo(w)
}

// settingText names the parameters' values: "a = 1, b = 2".
func settingText(sc *scenarios.Scenario, values []float64) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = sc.Calibration[i].Key + " = " + strconv.FormatFloat(v, 'g', 5, 64)
	}
	return strings.Join(parts, ", ")
}

// extendsPath returns what calibrated.toml in dir extends: a bundled
// scenario by its name, a file by its path relative to dir.
func extendsPath(sc *scenarios.Scenario, dir string) (string, error) {
	if name, ok := strings.CutPrefix(sc.Source, "bundled:"); ok {
		return strings.TrimSuffix(name, ".toml"), nil
	}
	src, err := filepath.Abs(sc.Source)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(abs, src)
	if err != nil {
		return src, nil
	}
	return filepath.ToSlash(rel), nil
}

// fitDate is the day of the fit: SOURCE_DATE_EPOCH's (for reproducible
// files, https://reproducible-builds.org/specs/source-date-epoch/) if set,
// else today's, in UTC.
func fitDate() string {
	t := time.Now().UTC()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			t = time.Unix(n, 0).UTC()
		}
	}
	return t.Format("2006-01-02")
}
