// Command zsa simulates how public-administration cases are processed when
// every office works alone (status quo) and when a central service unit
// (ZSA, Zentrales Service-Angebot) takes over standardised work.
//
// Usage:
//
//	zsa                       run the default scenario (Sachsen-Anhalt)
//	zsa run [SCENARIO]        run a scenario file or a bundled scenario
//	zsa sweep SCENARIO        run every point of a scenario's [sweep]
//	zsa decompose SCENARIO    attribute an arm's effect to the mechanisms of its [decomposition]
//	zsa validate SCENARIO     check a scenario without running it
//	zsa list                  list the bundled scenarios
//	zsa show NAME             print a bundled scenario, to copy and edit
//	zsa mmc                   the M/M/c calibration example
//	zsa version               print the version
//
// Run zsa help COMMAND, or zsa COMMAND --help, for its flags.
//
// The command is thin: one file per command parses flags, calls package
// experiment (or scenarios) and prints; the experiments themselves are in
// package experiment.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"zsa/experiment"
	"zsa/scenarios"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the run failed
	exitUsage   = 2 // bad usage or bad input
)

// usageError marks errors caused by the user's input.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func main() {
	// SIGTERM (what Slurm and service managers send) like Ctrl-C: stop
	// starting runs and keep the finished ones.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal asks the command to stop and keep what is done; a
	// second one ends the process at once, as without this handler.
	go func() {
		<-ctx.Done()
		stop()
	}()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode prints err (if any), one problem a line, and maps it to the
// process exit status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, pflag.ErrHelp) {
		return exitOK
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(stderr, "zsa: %s\n", line)
	}
	if errors.As(err, new(usageError)) {
		return exitUsage
	}
	return exitFailure
}

// runFunc runs a command with its parsed flags and arguments.
type runFunc func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error

// command is a subcommand. setup registers its flags on a fresh flag set,
// bound to fresh option values, and returns the function that runs it:
// nothing is shared between invocations.
type command struct {
	name, args, summary, example string
	setup                        func(fs *pflag.FlagSet) runFunc
}

// noFlags is the setup of a command without flags.
func noFlags(run runFunc) func(*pflag.FlagSet) runFunc {
	return func(*pflag.FlagSet) runFunc { return run }
}

var commands []*command

func init() {
	commands = []*command{runCmd, planCmd, sweepCmd, decomposeCmd, calibrateCmd, validateCmd, listCmd, showCmd, mmcCmd, versionCmd}
}

// run is the whole program; main only maps its error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" {
		// No command: run the default scenario (flags go to run).
		return runCommand(ctx, runCmd, args, stdout, stderr)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		if len(args) > 1 {
			for _, c := range commands {
				if c.name == args[1] {
					return runCommand(ctx, c, []string{"--help"}, stdout, stderr)
				}
			}
		}
		usage(stderr)
		return pflag.ErrHelp
	}
	for _, c := range commands {
		if c.name == name {
			return runCommand(ctx, c, args[1:], stdout, stderr)
		}
	}
	usage(stderr)
	return usageError{fmt.Errorf("unknown command %q", name)}
}

func runCommand(ctx context.Context, c *command, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("zsa "+c.name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	run := c.setup(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\n\nUsage:\n  zsa %s %s\n\nExample:\n  %s\n", c.summary, c.name, c.args, c.example)
		if fs.HasFlags() {
			fmt.Fprintf(stderr, "\nFlags:\n%s", fs.FlagUsages())
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return err
		}
		return usageError{fmt.Errorf("%s: %w (see zsa %s --help)", c.name, err, c.name)}
	}
	return run(ctx, fs, fs.Args(), stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `zsa simulates case processing in public offices: every office alone (status
quo) against a central service unit (ZSA, Zentrales Service-Angebot).

Usage:
  zsa [run flags]          run the default scenario (`+defaultScenario()+`)
  zsa COMMAND [flags]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun zsa help COMMAND for a command's flags and an example.\n")
}

func defaultScenario() string { return scenarios.Default }

// runOptions are the flags shared by run, sweep and decompose. Flags
// override the scenario file only when given.
type runOptions struct {
	seed     uint64
	reps     int
	workers  int
	out      string
	quiet    bool
	force    bool   // run even if the estimate says hours or too much memory
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
	fs.BoolVar(&o.force, "force", false, "run even if the estimate says it takes hours or more memory than the machine likely has")
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
	// Before any run: a run of every arm for every replication that would
	// take hours or exhaust memory, and a file where the output folder
	// should be.
	if err := tooBig(sc, sc.Replications*len(sc.Arms), o.workers, o.force); err != nil {
		return nil, err
	}
	if st, err := os.Stat(o.out); err == nil && !st.IsDir() {
		return nil, usageError{fmt.Errorf("--out: %s is a file, not a folder for the results", o.out)}
	}
	if o.quiet {
		return io.Discard, nil
	}
	return stderr, nil
}

// experimentOptions returns the options of an experiment: the workers, and
// progress printed to w (see apply); end is to be called when the runs
// are over.
func (o *runOptions) experimentOptions(w io.Writer) (opt experiment.Options, end func()) {
	start, tty := time.Now(), isTerminal(w)
	opt = experiment.Options{Workers: o.workers, Progress: func(done, total int) {
		reportProgress(w, tty, done, total, start)
	}}
	end = func() {
		if tty {
			fmt.Fprintln(w)
		}
	}
	return opt, end
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

// runDir is the folder of one command's files: written in a hidden
// temporary folder under out and renamed into place by done, so that a
// results folder appears complete or not at all.
type runDir struct {
	path     string // where to write
	out, tag string // the results folder's parent and name stem
}

// newRunDir makes the temporary folder for a run's files under out; done
// gives it its name, after the scenario and seed, never reusing an
// existing one.
func newRunDir(out string, sc *scenarios.Scenario) (*runDir, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	tag := fmt.Sprintf("%s-seed%d", sc.Name, sc.Seed)
	tmp, err := os.MkdirTemp(out, "."+tag+"-*.partial")
	if err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &runDir{path: tmp, out: out, tag: tag}, nil
}

// done renames the folder into place as <tag>-<n>, the first n not
// taken, and returns its path.
func (d *runDir) done() (string, error) {
	for n := 1; ; n++ {
		final := filepath.Join(d.out, fmt.Sprintf("%s-%d", d.tag, n))
		if _, err := os.Lstat(final); err == nil {
			continue
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		if err := os.Rename(d.path, final); err != nil {
			return "", err
		}
		return final, nil
	}
}

// discard removes the folder and what was written into it.
func (d *runDir) discard() { os.RemoveAll(d.path) }
