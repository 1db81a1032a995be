package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"zsa/models"
	"zsa/models/calendar"
	"zsa/results"
	"zsa/scenarios"
	"zsa/sim"
)

func defaultScenario() string { return scenarios.Default }

// runOptions are the flags shared by run, sweep and decompose. Flags
// override the scenario file only when given.
type runOptions struct {
	seed     uint64
	reps     int
	workers  int
	out      string
	quiet    bool
	eventLog string // "", "csv" or "xes" (run only)
}

// addFlags registers the shared flags; repsHelp says what a replication
// count means for the command.
func (o *runOptions) addFlags(fs *pflag.FlagSet, repsHelp string) {
	fs.Uint64Var(&o.seed, "seed", 0, "scenario `seed` (default: the scenario's)")
	fs.IntVar(&o.reps, "reps", 0, repsHelp+" (default: the scenario's)")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(), "parallel `workers`; results do not depend on it")
	fs.StringVar(&o.out, "out", "out", "output `directory`: each run writes a new folder inside it")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress on stderr")
}

// apply checks the shared flags and applies those given to sc; it returns
// where progress goes.
func (o *runOptions) apply(fs *pflag.FlagSet, sc *scenarios.Scenario, stderr io.Writer) (io.Writer, error) {
	if fs.Changed("seed") {
		sc.Seed = o.seed
	}
	if fs.Changed("reps") {
		if o.reps < 2 {
			return nil, usageError{fmt.Errorf("--reps: %d is too few; confidence intervals need at least 2", o.reps)}
		}
		sc.Replications = o.reps
	}
	if o.workers < 1 {
		return nil, usageError{fmt.Errorf("--workers: %d; need at least 1", o.workers)}
	}
	if o.quiet {
		return io.Discard, nil
	}
	return stderr, nil
}

var runCmd = &command{
	name: "run", args: "[SCENARIO] [flags]",
	summary: "run a scenario: status quo against each ZSA arm, with confidence intervals",
	example: "zsa run sachsen-anhalt --reps 20 --seed 7 --out results/",
	setup: func(fs *pflag.FlagSet) runFunc {
		runOpt := &runOptions{}
		runOpt.addFlags(fs, "`number` of replications")
		fs.StringVar(&runOpt.eventLog, "event-log", "", "also write a process-mining event log per arm and replication, `format` csv or xes (large: about 100 bytes per work item; default: the scenario's outputs.event_log)")
		return func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			switch runOpt.eventLog {
			case "", "csv", "xes":
			default:
				return usageError{fmt.Errorf("--event-log: %q: must be one of (csv|xes)", runOpt.eventLog)}
			}
			if len(args) > 1 {
				return usageError{fmt.Errorf("run takes one scenario, got %d arguments", len(args))}
			}
			name := scenarios.Default
			if len(args) == 1 {
				name = args[0]
			}
			sc, err := scenarios.Load(name)
			if err != nil {
				return usageError{err}
			}
			progress, err := runOpt.apply(fs, sc, stderr)
			if err != nil {
				return err
			}
			dir, err := newRunDir(runOpt.out, sc)
			if err != nil {
				return err
			}
			if !fs.Changed("event-log") {
				runOpt.eventLog = sc.EventLog
			}
			var logs *eventLogs
			if runOpt.eventLog != "" {
				logs = &eventLogs{dir: filepath.Join(dir, "events"), format: runOpt.eventLog, start: sc.Model.Start}
			}
			cmp, runErr := replicate(ctx, sc, runOpt.workers, progress, logs)
			if cmp == nil {
				os.Remove(dir) // nothing was written into it
				return runErr
			}
			if err := results.WriteTable(stdout, cmp); err != nil {
				return err
			}
			if err := results.WriteAll(dir, cmp); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\nresults in %s\n", dir)
			return runErr
		}
	},
}

// repSeed is the seed of replication r: derived from the scenario seed and
// r only, so that it does not depend on the number of workers.
func repSeed(seed uint64, r int) uint64 {
	return sim.Hash(seed, sim.NameKey("replication"), uint64(r))
}

// replicate runs every arm for every replication on workers goroutines and
// returns the comparison. If ctx is cancelled, it stops starting runs and
// returns the replications that finished in every arm, with an error.
func replicate(ctx context.Context, sc *scenarios.Scenario, workers int, progress io.Writer, logs *eventLogs) (*results.Comparison, error) {
	nArms, nReps := len(sc.Arms), sc.Replications
	var jobs []models.Job
	for rep := range nReps {
		for _, arm := range sc.Arms {
			jobs = append(jobs, models.Job{Model: sc.Model, Org: arm, Seed: repSeed(sc.Seed, rep)})
		}
	}
	if logs != nil {
		if err := logs.open(jobs, nArms); err != nil {
			return nil, err
		}
	}
	start, tty := time.Now(), isTerminal(progress)
	out, err := models.RunBatch(ctx, jobs, workers, func(done int) {
		reportProgress(progress, tty, done, len(jobs), start)
	})
	if tty {
		fmt.Fprintln(progress)
	}
	if logs != nil {
		if lerr := logs.close(out); lerr != nil && err == nil {
			err = lerr
		}
	}
	if err != nil {
		return nil, err
	}
	// Keep the replications that finished in every arm.
	cmp := &results.Comparison{Scenario: sc.Name, Hash: sc.Hash, Seed: sc.Seed, Version: version(),
		Description: sc.Description, ScenarioText: sc.Text()}
	complete := 0
	for rep := range nReps {
		if slices.ContainsFunc(out[rep*nArms:(rep+1)*nArms], func(r *models.Result) bool { return r == nil }) {
			break
		}
		complete++
	}
	for a, org := range sc.Arms {
		arm := results.Arm{Name: org.Name}
		for rep := range complete {
			arm.Results = append(arm.Results, out[rep*nArms+a])
		}
		cmp.Arms = append(cmp.Arms, arm)
	}
	if complete < nReps {
		if complete == 0 {
			return nil, errors.New("interrupted before any replication finished")
		}
		return cmp, fmt.Errorf("interrupted: kept %d of %d replications", complete, nReps)
	}
	return cmp, nil
}

// reportProgress prints runs done, rate and the estimated time left: on a
// terminal one updating line, otherwise a line per run.
func reportProgress(w io.Writer, tty bool, done, total int, start time.Time) {
	el := time.Since(start).Seconds()
	rate := float64(done) / el
	eta := time.Duration(float64(total-done)/rate) * time.Second
	line := fmt.Sprintf("zsa: %d/%d runs, %.1f runs/s, %v left", done, total, rate, eta.Round(time.Second))
	if tty {
		fmt.Fprintf(w, "\r%s   ", line)
	} else {
		fmt.Fprintln(w, line)
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// newRunDir creates a fresh folder for a run's files under out, named after
// the scenario and seed, never reusing an existing one.
func newRunDir(out string, sc *scenarios.Scenario) (string, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", err
	}
	for n := 1; ; n++ {
		dir := filepath.Join(out, fmt.Sprintf("%s-seed%d-%d", sc.Name, sc.Seed, n))
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", err
		}
	}
}

var validateCmd = &command{
	name: "validate", args: "SCENARIO",
	summary: "check a scenario and its data without running it",
	example: "zsa validate my-scenario.toml",
	setup: noFlags(func(_ context.Context, _ *pflag.FlagSet, args []string, stdout, _ io.Writer) error {
		if len(args) != 1 {
			return usageError{fmt.Errorf("validate takes one scenario")}
		}
		sc, err := scenarios.Load(args[0])
		if err != nil {
			return usageError{err}
		}
		clerks := 0
		for _, o := range sc.Model.Offices {
			clerks += len(o.Clerks)
		}
		fmt.Fprintf(stdout, "%s: ok: %d services, %d communes, %d offices, %d local clerks, %d arms, %d replications, seed %d\n",
			sc.Source, len(sc.Model.Services), len(sc.Model.Communes), len(sc.Model.Offices), clerks, len(sc.Arms), sc.Replications, sc.Seed)
		fmt.Fprintf(stdout, "data: %s\n", strings.Join(sc.DataFiles, ", "))
		return nil
	}),
}

var listCmd = &command{
	name: "list", summary: "list the bundled scenarios", example: "zsa list",
	setup: noFlags(func(_ context.Context, _ *pflag.FlagSet, args []string, stdout, _ io.Writer) error {
		if len(args) > 0 {
			return usageError{fmt.Errorf("list takes no arguments")}
		}
		for _, n := range scenarios.List() {
			fmt.Fprintf(stdout, "%-20s %s\n", n, scenarios.Describe(n))
		}
		return nil
	}),
}

var showCmd = &command{
	name: "show", args: "NAME",
	summary: "print a bundled scenario, to copy and edit",
	example: "zsa show sachsen-anhalt > my.toml",
	setup: noFlags(func(_ context.Context, _ *pflag.FlagSet, args []string, stdout, _ io.Writer) error {
		if len(args) != 1 {
			return usageError{fmt.Errorf("show takes one scenario name")}
		}
		text, err := scenarios.Text(args[0])
		if err != nil {
			return usageError{err}
		}
		_, err = io.WriteString(stdout, text)
		return err
	}),
}

// eventLogs writes one event-log file per job (arm × replication) under
// dir: each job logs into a temporary file of its own, renamed into place
// when the job has finished, so files are complete and their bytes do not
// depend on the number of workers.
type eventLogs struct {
	dir, format string
	start       calendar.Date
	files       []*os.File
	logs        []results.EventLog
	names       []string
}

func (l *eventLogs) open(jobs []models.Job, nArms int) error {
	if err := os.MkdirAll(l.dir, 0o755); err != nil {
		return err
	}
	for i := range jobs {
		arm, rep := jobs[i].Org.Name, i/nArms+1
		name := filepath.Join(l.dir, fmt.Sprintf("%s-r%02d.%s", slug(arm), rep, l.format))
		f, err := os.CreateTemp(l.dir, ".events-*.tmp")
		if err != nil {
			return err
		}
		var log results.EventLog
		if l.format == "xes" {
			log, err = results.NewEventLogXES(f, l.start, arm)
		} else {
			log, err = results.NewEventLogCSV(f, l.start, arm)
		}
		if err != nil {
			return err
		}
		l.files, l.logs, l.names = append(l.files, f), append(l.logs, log), append(l.names, name)
		jobs[i].Options.Log = results.LogFunc(log, rep)
	}
	return nil
}

// close finishes the logs of the jobs that ran and removes the others.
func (l *eventLogs) close(out []*models.Result) error {
	var errs []error
	for i, f := range l.files {
		err := l.logs[i].Close()
		if err == nil {
			err = f.Chmod(0o644)
		}
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil && out[i] != nil {
			err = os.Rename(f.Name(), l.names[i])
		} else {
			os.Remove(f.Name())
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// slug turns an arm name into a file name part.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
