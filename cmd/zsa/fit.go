package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"zsa/fit"
	"zsa/results"
)

var fitCmd = &command{
	fileArg: true,
	name:    "fit", args: "LOG.csv [flags]",
	summary: "estimate a scenario from an event log (CSV or CSV.gz): arrivals, process, efforts, learning curve, staff",
	example: "zsa fit events/status-quo-r01.csv --out fitted && zsa run fitted/fit-Hundehaltung-1/" + fit.ScenarioFile,
	setup: func(fs *pflag.FlagSet) runFunc {
		cols := fit.DefaultColumns()
		for _, c := range []struct {
			name string
			p    *string
			help string
		}{
			{"case", &cols.Case, "case id"}, {"activity", &cols.Activity, "activity"},
			{"start", &cols.Start, "start time"}, {"end", &cols.End, "end time"},
			{"enabled", &cols.Enabled, "enabled time (optional; Simod's enable_time is found too)"},
			{"resource", &cols.Resource, "resource (clerk)"}, {"office", &cols.Office, "office key (optional)"},
			{"office-name", &cols.OfficeName, "office name (optional)"}, {"service", &cols.Service, "service (optional)"},
			{"case-type", &cols.CaseType, "case type (optional)"},
		} {
			fs.StringVar(c.p, c.name, *c.p, "`column` of the "+c.help)
		}
		var opt fit.Options
		fs.StringVar(&opt.Service, "only-service", "", "the `service` to fit, if the log has several")
		fs.Float64Var(&opt.Prior, "prior", 1, "clerks' experience in `items` at their first item in the log (1: novices); the log rarely tells it from the learning curve's floor")
		maxEvents := fs.Int("max-events", fit.MaxEvents, "refuse a log of more than `n` events rather than run out of memory")
		ro := &runOptions{}
		fs.StringVar(&ro.out, "out", "out", "output `directory`: the fit writes a new folder inside it, named after the service and a number")
		fs.BoolVar(&ro.outExact, "out-exact", false, "write the files into --out itself, which must not exist or be empty")
		return func(ctx context.Context, fs *pflag.FlagSet, args []string, sio stdio) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("fit takes one event log (CSV, or CSV compressed with gzip: .csv.gz)")}
			}
			if *maxEvents < 1 {
				return usageError{fmt.Errorf("--max-events: %d; need at least 1", *maxEvents)}
			}
			if err := ro.checkOut(); err != nil {
				return err
			}
			log, err := fit.ReadFile(args[0], cols, *maxEvents)
			if err != nil {
				return usageError{err}
			}
			res, err := fit.Fit(log, opt)
			if err != nil {
				return usageError{err}
			}
			dir, err := ro.newDir("fit-" + strings.ToLower(results.Slug(res.Service)))
			if err != nil {
				return err
			}
			if err := res.WriteFiles(dir.path); err != nil {
				dir.discard()
				return err
			}
			final, err := dir.done()
			if err != nil {
				return err
			}
			if err := res.WriteSummary(sio.out); err != nil {
				return err
			}
			_, err = fmt.Fprintf(sio.out, "\nscenario in %s, report in %s\n", filepath.Join(final, fit.ScenarioFile), filepath.Join(final, fit.ReportFile))
			return err
		}
	},
}
