package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"zsa/experiment"
	"zsa/results"
	"zsa/scenarios"
	"zsa/sim/stats"
)

var decomposeCmd = &command{
	scenarioArg: true,
	name:        "decompose", args: "SCENARIO [flags]",
	summary: "attribute an arm's effect to mechanisms: one at a time and Shapley values",
	example: "zsa decompose pilot-2025 --reps 20",
	setup: func(fs *pflag.FlagSet) runFunc {
		decOpt := &runOptions{}
		decOpt.addFlags(fs, "replications per combination")
		return func(ctx context.Context, fs *pflag.FlagSet, args []string, sio stdio) error {
			stdout, stderr := sio.out, sio.errOut
			if len(args) != 1 {
				return usageError{fmt.Errorf("decompose takes one scenario")}
			}
			sc, err := loadScenario(args[0], sio.in)
			if err != nil {
				return usageError{err}
			}
			if len(sc.Mechanisms) == 0 {
				return usageError{fmt.Errorf("%s declares no [decomposition]", sc.Source)}
			}
			progress, err := decOpt.apply(fs, sc, stderr)
			if err != nil {
				return err
			}
			opt, end := decOpt.experimentOptions(progress)
			attrs, err := experiment.Decompose(ctx, sc, opt)
			end()
			if err != nil {
				return err
			}
			dir, err := decOpt.newRunDir(sc)
			if err != nil {
				return err
			}
			err = results.WriteFileAtomic(filepath.Join(dir.path, "decomposition.csv"), func(w io.Writer) error {
				return writeDecompositionCSV(w, sc, attrs)
			})
			dec := experiment.DecompositionOutput(sc, attrs)
			if err == nil {
				_, err = results.WriteDecompositionPlots(dir.path, dec)
			}
			if err == nil {
				err = results.WriteFileAtomic(filepath.Join(dir.path, results.DecompositionFile), func(w io.Writer) error {
					return results.WriteDecompositionReport(w, dec)
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
			writeDecompositionTable(stdout, sc, attrs)
			fmt.Fprintf(stdout, "\nresults in %s\n", final)
			return nil
		}
	},
}

// pct formats a change relative to the status quo as "−29.5 % ± 0.5",
// with minus signs as zsa run prints them.
func pct(s stats.Summary) string {
	return strings.ReplaceAll(fmt.Sprintf("%+.1f %% ± %.1f", 100*s.Mean, 100*s.HalfWidth), "-", "−")
}

// share formats x/total in % ("74 %").
func share(x, total float64) string {
	return strings.ReplaceAll(fmt.Sprintf("%.0f %%", 100*x/total), "-", "−")
}

// writeDecompositionTable prints, per service and metric, each
// mechanism's effect alone, added last and its Shapley value.
func writeDecompositionTable(w io.Writer, sc *scenarios.Scenario, attrs []experiment.Attribution) {
	fmt.Fprintf(w, "decomposition of %q against the status quo, scenario %s, seed %d, %d replications per combination, %d combinations, version %s\n",
		sc.Arms[sc.DecomposedArm].Name, sc.Name, sc.Seed, sc.Replications, 1<<len(sc.Mechanisms), version())
	for _, a := range attrs {
		fmt.Fprintf(w, "\n%s, change of the %s (%s) relative to the status quo\n", a.Service, results.MetricLabel(a.Metric), a.Metric)
		t := results.Table{Header: []string{"mechanism", "alone", "added last", "Shapley value", "share of the total"}}
		for _, e := range a.Effects {
			t.AddRow(e.Mechanism, pct(e.Alone), pct(e.Last), pct(e.Shapley), share(e.Shapley.Mean, a.Total.Mean))
		}
		t.AddRow("none of them (the rest: staffing, hand-overs)", "", "", pct(a.None), share(a.None.Mean, a.Total.Mean))
		t.AddRow("total", "", "", pct(a.Total), "100 %")
		t.WriteTo(w)
	}
	fmt.Fprintln(w, "\nalone: v({m}) − v(∅); added last: v(all) − v(all without m); Shapley values and the")
	fmt.Fprintln(w, "\"none of them\" row add up to the total; ± is the 95 % confidence half-width over replications.")
	fmt.Fprintln(w, "v(S) is the arm's change against the status quo with the mechanisms in S on and the others off, as a")
	fmt.Fprintln(w, "share of the status quo's mean; \"none of them\" is v(∅): what the arm changes with every listed mechanism")
	fmt.Fprintln(w, "off (its staff, hand-overs and questions back). Where v(∅) is large, the arm without its mechanisms is")
	fmt.Fprintln(w, "much slower than the status quo (e.g. its staff cannot keep up), and each mechanism alone recovers much of it.")
	fmt.Fprintln(w, "The total is the mean over the replications of each replication's change; zsa run gives the change of the")
	fmt.Fprintln(w, "means over the replications (a ratio of means), so the two differ a little where replications differ in level.")
}

// writeDecompositionCSV writes a row per service, metric and mechanism,
// then "(none)" and "(total)" (schema in results/SCHEMA.md).
func writeDecompositionCSV(w io.Writer, sc *scenarios.Scenario, attrs []experiment.Attribution) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"seed", "replications", "service", "metric", "mechanism", "alone", "alone_half_width", "last", "last_half_width", "shapley", "shapley_half_width"})
	seed, reps := strconv.FormatUint(sc.Seed, 10), strconv.Itoa(sc.Replications)
	for _, a := range attrs {
		for _, e := range a.Effects {
			cw.Write([]string{seed, reps, a.Service, a.Metric, e.Mechanism, ff(e.Alone.Mean), ff(e.Alone.HalfWidth), ff(e.Last.Mean), ff(e.Last.HalfWidth), ff(e.Shapley.Mean), ff(e.Shapley.HalfWidth)})
		}
		cw.Write([]string{seed, reps, a.Service, a.Metric, results.MechanismNone, "", "", "", "", ff(a.None.Mean), ff(a.None.HalfWidth)})
		cw.Write([]string{seed, reps, a.Service, a.Metric, results.MechanismTotal, "", "", "", "", ff(a.Total.Mean), ff(a.Total.HalfWidth)})
	}
	cw.Flush()
	return cw.Error()
}
