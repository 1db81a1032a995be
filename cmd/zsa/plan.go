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
	name: "plan", args: "SCENARIO [flags]",
	summary: "find the least ZSA staff per service that meets the scenario's [plan] targets with confidence",
	example: "zsa plan sachsen-anhalt-all --reps 20",
	setup: func(fs *pflag.FlagSet) runFunc {
		opt := &runOptions{}
		opt.addFlags(fs, "replications at the chosen staff, and the most any staff level gets")
		return func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("plan takes one scenario")}
			}
			sc, err := scenarios.Load(args[0])
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
			popt.OnCandidate = func(service string, c results.PlanCandidate) {
				var parts []string
				for _, e := range c.Targets {
					parts = append(parts, fmt.Sprintf("%.4g [%.4g, %.4g]", e.Mean, e.Lo, e.Hi))
				}
				fmt.Fprintf(progress, "zsa: plan: %s: %d ZSA clerks, %d replications: %s (%s)\n",
					service, c.Staff, c.Replications, c.Verdict, strings.Join(parts, "; "))
			}
			plan, cmp, runErr := experiment.Plan(ctx, sc, popt)
			if plan == nil {
				if runErr != nil && !errors.Is(runErr, context.Canceled) {
					return usageError{runErr}
				}
				return runErr
			}
			dir, err := newRunDir(opt.out, sc)
			if err != nil {
				return err
			}
			// The files first: a closed stdout must not cost the results.
			if cmp == nil {
				// Interrupted: keep what is decided, without a run.
				cmp = &results.Comparison{Scenario: sc.Name, Hash: sc.Hash, Seed: sc.Seed, Version: version(), Plan: plan}
				err = writePlanFiles(dir, cmp)
			} else {
				cmp.Version = version()
				err = results.WriteAll(dir, cmp)
			}
			if err != nil {
				os.RemoveAll(dir)
				return err
			}
			if err := results.WritePlanText(stdout, plan); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\nresults in %s\n", dir)
			if runErr != nil {
				return runErr
			}
			var out []string
			for _, sp := range plan.Services {
				if sp.Verdict == results.Unreachable {
					out = append(out, fmt.Sprintf("%s: not reachable: even %d ZSA clerks do not meet its targets", sp.Service, sp.Max))
				}
			}
			if len(out) > 0 {
				return errors.New(strings.Join(out, "\n"))
			}
			return nil
		}
	},
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
