package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"zsa/experiment"
	"zsa/results"
	"zsa/scenarios"
)

var sweepCmd = &command{
	scenarioArg: true,
	name:        "sweep", args: "SCENARIO [flags]",
	summary: "run a scenario's [sweep]: every grid point, every arm, with confidence intervals",
	example: "zsa sweep pilot-2025-sensitivity --reps 5 --workers 2\n" +
		"  zsa sweep teaching --shard 0/4 --out shards/   # a quarter of the points; zsa merge shards/ puts them together\n" +
		"  zsa sweep teaching --slurm 4                   # the same as a Slurm job array and a merge job",
	setup: func(fs *pflag.FlagSet) runFunc {
		sweepOpt := &runOptions{}
		sweepOpt.addFlags(fs, "replications per point")
		var shard string
		var slurm int
		fs.StringVar(&shard, "shard", "", "run only shard `K/N` of the points (0 ≤ K < N), into --out/shard-K-of-N.zsa; run again to resume; zsa merge puts the shards together")
		fs.IntVar(&slurm, "slurm", 0, "submit the sweep to Slurm as a job array of `N` shards and a merge job (sbatch), and print the job ids")
		return func(ctx context.Context, fs *pflag.FlagSet, args []string, sio stdio) error {
			stdout, stderr := sio.out, sio.errOut
			if len(args) != 1 {
				return usageError{fmt.Errorf("sweep takes one scenario")}
			}
			if (fs.Changed("shard") || fs.Changed("slurm")) && args[0] == "-" {
				return usageError{fmt.Errorf("--shard and --slurm need the scenario as a file or a bundled name: zsa merge loads it again")}
			}
			sc, err := loadScenario(args[0], sio.in)
			if err != nil {
				return usageError{err}
			}
			if len(sc.Sweep) == 0 {
				return usageError{fmt.Errorf("%s declares no [sweep]; add e.g.\n[sweep]\nparams = { \"services.Wohngeld.learning.rate\" = [0.8, 0.9] }", sc.Source)}
			}
			progress, err := sweepOpt.apply(fs, sc, stderr)
			if err != nil {
				return err
			}
			switch {
			case fs.Changed("slurm") && fs.Changed("shard"):
				return usageError{fmt.Errorf("--slurm submits the shards; it does not take --shard")}
			case fs.Changed("slurm"):
				return submitShards(ctx, fs, "sweep", args[0], sc, slurm, "points", len(sc.Points()), sweepOpt, stdout)
			case fs.Changed("shard"):
				k, n, err := experiment.ParseShard(shard)
				if err != nil {
					return usageError{fmt.Errorf("--shard: %w", err)}
				}
				return runShard(ctx, sc, k, n, sweepOpt, progress, stdout)
			}
			opt, end := sweepOpt.experimentOptions(progress)
			points, runErr := experiment.Sweep(ctx, sc, opt)
			end()
			if points == nil {
				return runErr
			}
			final, err := writeSweep(sweepOpt, sc, points)
			if err != nil {
				return err
			}
			writeSweepTable(stdout, sc, points)
			fmt.Fprintf(stdout, "\nresults in %s\n", final)
			return runErr
		}
	},
}

// writeSweep writes a sweep's folder (sweep.csv, the charts, sweep.html)
// and returns its path: what zsa sweep writes, and zsa merge from shards.
func writeSweep(o *runOptions, sc *scenarios.Scenario, points []experiment.SweepPoint) (string, error) {
	dir, err := o.newRunDir(sc)
	if err != nil {
		return "", err
	}
	sw := experiment.SweepOutput(sc, points)
	err = results.WriteFileAtomic(filepath.Join(dir.path, "sweep.csv"), func(w io.Writer) error {
		return writeSweepCSV(w, sc, points)
	})
	if err == nil {
		_, err = results.WriteSweepPlots(dir.path, sw)
	}
	if err == nil {
		err = results.WriteFileAtomic(filepath.Join(dir.path, "sweep.html"), func(w io.Writer) error {
			return results.WriteSweepReport(w, sw)
		})
	}
	if err != nil {
		dir.discard()
		return "", err
	}
	return dir.done()
}

// shardSource is where zsa merge loads the scenario of a shard again,
// perhaps from another folder: the bundled name, or the file's absolute
// path.
func shardSource(sc *scenarios.Scenario) string {
	if strings.HasPrefix(sc.Source, "bundled:") {
		return sc.Source
	}
	if abs, err := filepath.Abs(sc.Source); err == nil {
		return abs
	}
	return sc.Source
}

// runShard runs shard k of n of sc's sweep into --out/shard-K-of-N.zsa,
// after the points an earlier run of the shard finished there.
func runShard(ctx context.Context, sc *scenarios.Scenario, k, n int, o *runOptions, progress, stdout io.Writer) error {
	all := len(sc.Points())
	h := experiment.ShardHeader{Scenario: sc.Name, Source: shardSource(sc), Hash: sc.Hash, Seed: sc.Seed,
		Replications: sc.Replications, Points: all, Version: version(), Shard: k, Of: n}
	w, err := experiment.OpenShard(o.out, h)
	if err != nil {
		return usageError{fmt.Errorf("--shard: %w", err)}
	}
	defer w.Close()
	done := map[int]bool{}
	for _, p := range w.Done {
		done[p.Index] = true
	}
	var todo []int
	for _, i := range experiment.ShardPoints(all, k, n) {
		if !done[i] {
			todo = append(todo, i)
		}
	}
	file := filepath.Join(o.out, experiment.ShardFileName(k, n))
	if len(w.Done) > 0 {
		fmt.Fprintf(progress, "zsa: %s: %d points done before, %d to run\n", file, len(w.Done), len(todo))
	}
	var runErr error
	if len(todo) > 0 {
		opt, end := o.experimentOptions(progress)
		_, runErr = experiment.SweepPoints(ctx, sc, opt, todo, w.Add)
		end()
	}
	if err := w.Close(); err != nil {
		return err
	}
	if runErr != nil {
		return fmt.Errorf("%w; the finished points are in %s: run the same command again to go on", runErr, file)
	}
	fmt.Fprintf(stdout, "shard %d of %d: %d points of %d in %s\n", k, n, len(experiment.ShardPoints(all, k, n)), all, file)
	return nil
}

// writeSweepCSV writes a row per point, arm, service and metric (schema
// in results/SCHEMA.md).
func writeSweepCSV(w io.Writer, sc *scenarios.Scenario, points []experiment.SweepPoint) error {
	cw := csv.NewWriter(w)
	header := []string{"point"}
	for _, p := range sc.Sweep {
		header = append(header, p.Path)
	}
	header = append(header, "seed", "replications", "arm", "service", "metric", "mean", "half_width", "rel_change", "rel_lo", "rel_hi", "overloaded")
	cw.Write(header)
	for _, pt := range points {
		for _, r := range pt.Rows {
			rec := []string{strconv.Itoa(pt.Index + 1)}
			for _, v := range pt.Values {
				rec = append(rec, scenarios.ValueLabel(v))
			}
			rec = append(rec, strconv.FormatUint(sc.Seed, 10), strconv.Itoa(sc.Replications), r.Arm, r.Service, r.Metric,
				ff(r.Mean), ff(r.HalfWidth), ff(r.Rel), ff(r.RelLo), ff(r.RelHi), strconv.FormatBool(r.Overloaded))
			cw.Write(rec)
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeSweepTable prints, per service, the effort per case and the lead
// time of every arm at every point.
func writeSweepTable(w io.Writer, sc *scenarios.Scenario, points []experiment.SweepPoint) {
	fmt.Fprintf(w, "sweep of scenario %s, seed %d, %d replications per point, version %s\n", sc.Name, sc.Seed, sc.Replications, version())
	var services []string
	for _, pt := range points {
		for _, r := range pt.Rows {
			if !slices.Contains(services, r.Service) {
				services = append(services, r.Service)
			}
		}
	}
	oat := sc.SweepMode == scenarios.OneAtATime
	for _, svc := range services {
		fmt.Fprintf(w, "\nservice %s\n", svc)
		t := results.Table{}
		if oat {
			t.Header = append(t.Header, "parameter", "value")
		} else {
			for _, p := range sc.Sweep {
				t.Header = append(t.Header, results.KeyLabel(p.Path))
			}
		}
		t.Header = append(t.Header, "arm", "effort per case (min)", "change vs status quo", "lead time mean (d)",
			"within service level (%)", "staff assigned (FTE)", "work done (FTE)")
		for _, pt := range points {
			byArm := map[string]map[string]experiment.PointRow{}
			var arms []string
			for _, r := range pt.Rows {
				if r.Service != svc {
					continue
				}
				if byArm[r.Arm] == nil {
					byArm[r.Arm] = map[string]experiment.PointRow{}
					arms = append(arms, r.Arm)
				}
				byArm[r.Arm][r.Metric] = r
			}
			for _, arm := range arms {
				m := byArm[arm]
				var cells []any
				for i, v := range pt.Values {
					switch {
					case !oat:
						cells = append(cells, scenarios.ValueLabel(v))
					case v != nil:
						cells = append(cells, results.KeyLabel(sc.Sweep[i].Path), scenarios.ValueLabel(v))
					}
				}
				e := m[results.MetricEffortMin]
				change := results.ChangeText(e.Rel, e.RelLo, e.RelHi)
				if e.Overloaded {
					arm += " (overloaded)"
				}
				lead, within := m[results.MetricLeadDays], m[results.MetricWithinLevel]
				staff, work := m[results.MetricStaffFTE], m[results.MetricWorkFTE]
				cells = append(cells, arm, results.MeanText(e.Mean, e.HalfWidth), change, results.MeanText(lead.Mean, lead.HalfWidth),
					results.MeanText(100*within.Mean, 100*within.HalfWidth), results.MeanText(staff.Mean, staff.HalfWidth),
					results.MeanText(work.Mean, work.HalfWidth))
				t.AddRow(cells...)
			}
		}
		t.WriteTo(w)
	}
}

func ff(x float64) string {
	if x != x {
		return ""
	}
	return strconv.FormatFloat(x, 'g', 10, 64)
}
