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
			cmp.Version = version()
			if runErr == nil && len(sc.Mechanisms) > 0 {
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
			// The files first, then the table: a closed stdout must not
			// cost the results.
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
	},
}
