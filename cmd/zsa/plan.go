package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"zsa/experiment"
	"zsa/results"
	"zsa/scenarios"
)

var planCmd = &command{
	scenarioArg: true,
	name:        "plan", args: "SCENARIO [flags]",
	summary: "find the least ZSA staff per service that meets the scenario's [plan] targets with confidence",
	example: "zsa plan sachsen-anhalt-all --reps 20",
	setup: func(fs *pflag.FlagSet) runFunc {
		opt := &runOptions{}
		opt.addFlags(fs, "replications at the chosen staff, and the most any staff level gets")
		var shard string
		fs.StringVar(&shard, "shard", "", "plan only shard `K/N` of the [[plan.join]] candidate sets (0 ≤ K < N), into --out/shard-K-of-N.zsaplan; run again to resume; zsa merge puts the shards together")
		return func(ctx context.Context, fs *pflag.FlagSet, args []string, sio stdio) error {
			stdout, stderr := sio.out, sio.errOut
			if len(args) != 1 {
				return usageError{fmt.Errorf("plan takes one scenario")}
			}
			sc, err := loadScenario(args[0], sio.in)
			if err != nil {
				return usageError{err}
			}
			if sc.Plan == nil {
				return usageError{fmt.Errorf("%s declares no [plan]: the services to staff ([plan.staff.<service>] with min and max) and their targets ([[plan.targets]])", sc.Source)}
			}
			progress, err := opt.apply(fs, sc, stderr)
			if err != nil {
				return err
			}
			if fs.Changed("reps") {
				sc.Plan.Replications = opt.reps
			}
			popt := experiment.PlanOptions{Options: experiment.Options{Workers: opt.workers}}
			prefix := "zsa: plan: "
			popt.OnCandidate = func(service string, c results.PlanCandidate) {
				var parts []string
				for _, e := range c.Targets {
					parts = append(parts, fmt.Sprintf("%.4g [%.4g, %.4g]", e.Mean, e.Lo, e.Hi))
				}
				fmt.Fprintf(progress, "%s%s: %d ZSA clerks, %d replications: %s (%s)\n",
					prefix, service, c.Staff, c.Replications, c.Verdict, strings.Join(parts, "; "))
			}
			if fs.Changed("shard") {
				if args[0] == "-" {
					return usageError{fmt.Errorf("--shard needs the scenario as a file or a bundled name: zsa merge loads it again")}
				}
				return planShard(ctx, sc, shard, opt, popt, &prefix, sio.out)
			}
			// One plan, or one per candidate set of member offices.
			type job struct {
				sc   *scenarios.Scenario
				join string
			}
			jobs := []job{{sc: sc}}
			if len(sc.Plan.Join) > 0 {
				jobs = nil
				for j, set := range sc.Plan.Join {
					s, err := sc.JoinScenario(j)
					if err != nil {
						return usageError{err}
					}
					jobs = append(jobs, job{s, set.Name})
				}
			}
			var plans []*results.StaffPlan
			var cmps []*results.Comparison
			var runErr error
			for _, j := range jobs {
				if j.join != "" {
					prefix = "zsa: plan: " + j.join + ": "
				}
				plan, cmp, err := experiment.Plan(ctx, j.sc, popt)
				if plan == nil {
					runErr = err
					break
				}
				plan.Join = j.join
				plans, cmps = append(plans, plan), append(cmps, cmp)
				if err != nil {
					runErr = err
					break
				}
			}
			if len(plans) == 0 {
				if runErr != nil && !errors.Is(runErr, context.Canceled) {
					return usageError{runErr}
				}
				return runErr
			}
			dir, err := opt.newRunDir(sc)
			if err != nil {
				return err
			}
			// The files first: a closed stdout must not cost the results.
			if err := writePlans(dir.path, sc, plans, cmps); err != nil {
				dir.discard()
				return err
			}
			final, err := dir.done()
			if err != nil {
				return err
			}
			if err := printPlans(stdout, plans); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\nresults in %s\n", final)
			if runErr != nil {
				return runErr
			}
			return unreachable(plans)
		}
	},
}

// printPlans prints each plan and, for candidate sets of joining
// offices, their comparison.
func printPlans(w io.Writer, plans []*results.StaffPlan) error {
	for i, plan := range plans {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := results.WritePlanText(w, plan); err != nil {
			return err
		}
	}
	if len(plans) > 1 {
		fmt.Fprintln(w)
		results.JoinTable(plans).WriteTo(w)
	}
	return nil
}

// unreachable returns an error naming the services whose targets even
// their maximum staff does not meet, nil if there is none.
func unreachable(plans []*results.StaffPlan) error {
	var out []string
	for _, plan := range plans {
		for _, sp := range plan.Services {
			if sp.Verdict == results.Unreachable {
				where := ""
				if plan.Join != "" {
					where = " (offices joining: " + plan.Join + ")"
				}
				out = append(out, fmt.Sprintf("%s%s: not reachable: even %d ZSA clerks do not meet its targets", sp.Service, where, sp.Max))
			}
		}
	}
	if len(out) > 0 {
		return errors.New(strings.Join(out, "\n"))
	}
	return nil
}

// writePlans writes the plans into dir: one plan's files into dir itself;
// with candidate sets of member offices, each set's into a folder
// <n>-<slug of its name> and join.csv, the sets compared, into dir. A
// plan without a comparison (interrupted) gets its plan.csv and
// plan.json only.
func writePlans(dir string, sc *scenarios.Scenario, plans []*results.StaffPlan, cmps []*results.Comparison) error {
	for i, plan := range plans {
		d := dir
		if plan.Join != "" {
			d = filepath.Join(dir, experiment.PlanSetFolder(i, plan.Join))
			if err := os.Mkdir(d, 0o755); err != nil {
				return err
			}
		}
		if err := writePlan(d, sc, plan, cmps[i]); err != nil {
			return err
		}
	}
	if len(plans) > 1 || plans[0].Join != "" {
		return writeJoinCSV(dir, plans)
	}
	return nil
}

// writePlan writes one plan's files into dir: with its comparison (nil
// if the plan was interrupted) every file of the run at the chosen staff,
// else plan.csv and plan.json only.
func writePlan(dir string, sc *scenarios.Scenario, plan *results.StaffPlan, cmp *results.Comparison) error {
	if cmp == nil {
		cmp = &results.Comparison{Scenario: sc.Name, Hash: sc.Hash, Seed: sc.Seed, Version: version(), Plan: plan, Lang: results.Lang(sc.Lang)}
		return writePlanFiles(dir, cmp)
	}
	cmp.Version = version()
	return results.WriteAll(dir, cmp)
}

// writeJoinCSV writes join.csv, the candidate sets compared, into dir.
func writeJoinCSV(dir string, plans []*results.StaffPlan) error {
	return results.WriteFileAtomic(filepath.Join(dir, results.JoinCSVFile), func(w io.Writer) error {
		return results.WriteJoinCSV(w, plans)
	})
}

// writePlanFiles writes plan.csv and plan.json of an interrupted plan.
func writePlanFiles(dir string, c *results.Comparison) error {
	if err := results.WriteFileAtomic(filepath.Join(dir, results.PlanCSVFile), func(w io.Writer) error {
		return results.WritePlanCSV(w, c.Plan)
	}); err != nil {
		return err
	}
	return results.WriteFileAtomic(filepath.Join(dir, results.PlanJSONFile), func(w io.Writer) error {
		return results.WritePlanJSON(w, c)
	})
}
