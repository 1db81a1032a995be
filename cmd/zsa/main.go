// Command zsa simulates how public-administration cases are processed when
// every office works alone (status quo) and when a central service unit
// (ZSA, Zentrales Service-Angebot) takes over standardised work.
//
// Usage:
//
//	zsa                       run the default scenario (Sachsen-Anhalt)
//	zsa run [SCENARIO]        run a scenario file or a bundled scenario
//	zsa plan SCENARIO         the least ZSA staff that meets the scenario's [plan] targets
//	zsa sweep SCENARIO        run every point of a scenario's [sweep]
//	zsa decompose SCENARIO    attribute an arm's effect to the mechanisms of its [decomposition]
//	zsa calibrate SCENARIO    fit a scenario's [calibration] parameters to its targets
//	zsa fit LOG.csv           estimate a scenario from an event log
//	zsa validate SCENARIO     check a scenario without running it
//	zsa list                  list the bundled scenarios
//	zsa show NAME             print a bundled scenario, to copy and edit
//	zsa mmc                   the M/M/c calibration example
//	zsa version               print the version
//	zsa completion SHELL      a completion script for bash, zsh, fish or powershell
//
// Run zsa help COMMAND, or zsa COMMAND --help, for its flags. SCENARIO "-"
// reads the scenario from standard input.
//
// The command is thin: one file per command parses flags, calls package
// experiment (or scenarios) and prints; the experiments themselves are in
// package experiment. The command tree is spf13/cobra's, on the pflag flag
// sets the commands register: it gives the help, the "unknown command"
// errors and the shell completions that users know from gh, hugo and
// kubectl.
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
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"zsa/experiment"
	"zsa/results"
	"zsa/scenarios"
)

// Exit codes, listed in zsa help.
const (
	exitOK      = 0
	exitFailure = 1 // the run failed, or a target was not reached
	exitUsage   = 2 // bad usage or bad input
)

// exitCodesHelp documents the exit codes in zsa help.
const exitCodesHelp = `Exit codes:
  0  done
  1  the run failed, was interrupted (finished work is kept), or a plan's or
     calibration's target cannot be reached
  2  bad usage or bad input: an unknown command or flag, a scenario with
     errors (reported as file:line: key: message); nothing was run`

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
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode prints err (if any), one problem a line, and maps it to the
// process exit status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
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

// io is what a command reads and writes: standard input (for the scenario
// "-") and output, and standard error for progress.
type stdio struct {
	in          io.Reader
	out, errOut io.Writer
}

// runFunc runs a command with its parsed flags and arguments.
type runFunc func(ctx context.Context, fs *pflag.FlagSet, args []string, io stdio) error

// command is a subcommand. setup registers its flags on a fresh flag set,
// bound to fresh option values, and returns the function that runs it:
// nothing is shared between invocations.
type command struct {
	name, args, summary, example string
	setup                        func(fs *pflag.FlagSet) runFunc
	// scenarioArg: the first argument is a scenario (completed with the
	// bundled names and files); fileArg: a file.
	scenarioArg, fileArg bool
}

// noFlags is the setup of a command without flags.
func noFlags(run runFunc) func(*pflag.FlagSet) runFunc {
	return func(*pflag.FlagSet) runFunc { return run }
}

var commands []*command

func init() {
	commands = []*command{runCmd, planCmd, sweepCmd, mergeCmd, decomposeCmd, calibrateCmd, fitCmd, validateCmd, listCmd, showCmd, generateCmd, mmcCmd, versionCmd}
}

// run is the whole program; main only maps its error to an exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	sio := stdio{in: stdin, out: stdout, errOut: stderr}
	ran := false // a command's own function ran: its errors are typed
	root := newRoot(ctx, sio, &ran)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil && !ran && !errors.As(err, new(usageError)) {
		// cobra's own errors: unknown commands and flags, bad arguments.
		name := "zsa"
		if c, _, ferr := root.Find(args); ferr == nil && c != root {
			name = c.CommandPath()
		}
		return usageError{fmt.Errorf("%w (see %s --help)", err, name)}
	}
	return err
}

// newRoot builds the command tree of one invocation. The root command
// runs the default scenario with the flags of zsa run.
func newRoot(ctx context.Context, sio stdio, ran *bool) *cobra.Command {
	root := &cobra.Command{
		Use:   "zsa",
		Short: "simulate case processing: every office alone against a central service unit (ZSA)",
		Long: `zsa simulates case processing in public offices: every office alone (status
quo) against a central service unit (ZSA, Zentrales Service-Angebot).

Without a command, zsa runs the default scenario (` + scenarios.Default + `) with the
flags of zsa run. A SCENARIO is a file, the name of a bundled scenario (zsa
list) or "-" for standard input.

` + exitCodesHelp,
		Version:       versionLine(),
		SilenceErrors: true,
		SilenceUsage:  true,
		// No completion of the default run's flags before a command name
		// is typed: the commands first.
	}
	root.SetIn(sio.in)
	root.SetOut(sio.out)
	root.SetErr(sio.errOut)
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().SortFlags = false
	defaultRun := runCmd.setup(root.Flags())
	root.RunE = func(cmd *cobra.Command, args []string) error {
		*ran = true
		return defaultRun(ctx, cmd.Flags(), args, sio)
	}
	for _, c := range commands {
		root.AddCommand(c.cobra(ctx, sio, ran))
	}
	root.SetHelpCommand(helpCommand(root))
	// cobra's completion command prints its help and exits 0 for an
	// unknown shell; here that is a usage error like any unknown command.
	root.InitDefaultCompletionCmd()
	if c, _, err := root.Find([]string{"completion"}); err == nil && c != root {
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("completion: unknown shell %q: one of bash, zsh, fish, powershell", args[0])}
			}
			return cmd.Help()
		}
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return err })
	return root
}

// cobra returns the cobra command of c.
func (c *command) cobra(ctx context.Context, sio stdio, ran *bool) *cobra.Command {
	cc := &cobra.Command{
		Use:     strings.TrimSpace(c.name + " " + c.args),
		Short:   c.summary,
		Example: "  " + c.example,
		// Each command checks its own arguments, with its own words.
		Args: cobra.ArbitraryArgs,
	}
	cc.Flags().SortFlags = false
	run := c.setup(cc.Flags())
	cc.RunE = func(cmd *cobra.Command, args []string) error {
		*ran = true
		return run(ctx, cmd.Flags(), args, sio)
	}
	switch {
	case c.scenarioArg:
		cc.ValidArgsFunction = completeScenario
	case c.fileArg:
		cc.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveDefault
		}
	default:
		cc.ValidArgsFunction = cobra.NoFileCompletions
	}
	return cc
}

// completeScenario completes a scenario argument: the bundled scenarios'
// names, then files.
func completeScenario(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for _, n := range scenarios.List() {
		if strings.HasPrefix(n, prefix) {
			names = append(names, n+"\t"+scenarios.Describe(n))
		}
	}
	return names, cobra.ShellCompDirectiveDefault
}

// helpCommand is zsa help [COMMAND]: help on standard output, and an
// unknown command is an error (cobra's own help command prints the usage
// and exits 0).
func helpCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "help about a command",
		Args:  cobra.ArbitraryArgs,
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, c := range root.Commands() {
				if c.IsAvailableCommand() {
					names = append(names, c.Name()+"\t"+c.Short)
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			c, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 || len(args) > 0 && c == root {
				return usageError{fmt.Errorf("unknown command %q (see zsa help)", strings.Join(args, " "))}
			}
			return c.Help()
		},
	}
}

// loadScenario loads the scenario named by a command's argument: a file,
// a bundled scenario, or "-" for standard input.
func loadScenario(name string, stdin io.Reader) (*scenarios.Scenario, error) {
	if name == "-" {
		return scenarios.Read(stdin, "stdin")
	}
	return scenarios.Load(name)
}

// defaultWorkers is the default of --workers: the CPUs a Slurm job step
// was given (SLURM_CPUS_PER_TASK), else the CPUs this process may run on.
func defaultWorkers() int {
	if n, err := strconv.Atoi(os.Getenv("SLURM_CPUS_PER_TASK")); err == nil && n > 0 {
		return n
	}
	return runtime.NumCPU()
}

// runOptions are the flags shared by the commands that run a scenario.
// Flags override the scenario file only when given.
type runOptions struct {
	seed     uint64
	reps     int
	workers  int
	out      string
	outExact bool // write into out itself, not a new folder inside it
	quiet    bool
	force    bool   // run even if the estimate says hours or too much memory
	eventLog string // "", "csv", "xes", "csv.gz" or "xes.gz" (run only)
	// decomposes: the command runs the scenario's decomposition too
	// (run), which the estimate counts.
	decomposes bool
	lang       string // the report's language, "" for the scenario's
	// jsonFile is the results file --json prints ("" if the command has
	// none); json is the flag.
	jsonFile string
	json     bool
}

// addFlags registers the shared flags; repsHelp says what a replication
// count means for the command.
func (o *runOptions) addFlags(fs *pflag.FlagSet, repsHelp string) {
	fs.Uint64Var(&o.seed, "seed", 0, "scenario `seed` (default: the scenario's)")
	fs.IntVar(&o.reps, "reps", 0, repsHelp+" (default: the scenario's)")
	fs.IntVar(&o.workers, "workers", defaultWorkers(), "parallel `workers` (default: $SLURM_CPUS_PER_TASK, else the CPUs available); results do not depend on it")
	fs.StringVar(&o.out, "out", "out", "output `directory`: each run writes a new folder inside it, named after the scenario, seed and a number")
	fs.BoolVar(&o.outExact, "out-exact", false, "write the results into --out itself, which must not exist or be empty")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress on stderr")
	fs.BoolVar(&o.force, "force", false, "run even if the estimate says it takes hours or more memory than the machine likely has")
	fs.StringVar(&o.lang, "lang", "", "`language` of report.html, de or en (default: the scenario's outputs.lang, else en); CSV, JSON, the printed tables and the sweep and decomposition pages are English")
}

// addJSONFlag registers --json: print the results file name (e.g.
// summary.json) to standard output instead of the table.
func (o *runOptions) addJSONFlag(fs *pflag.FlagSet, name string) {
	o.jsonFile = name
	fs.BoolVar(&o.json, "json", false, "print "+name+" to stdout instead of the table, for scripts")
}

// apply checks the shared flags and applies those given to sc; it returns
// where progress goes.
func (o *runOptions) apply(fs *pflag.FlagSet, sc *scenarios.Scenario, stderr io.Writer) (io.Writer, error) {
	if fs.Changed("seed") {
		sc.Seed = o.seed
	}
	if fs.Changed("lang") {
		if _, err := results.ParseLang(o.lang); err != nil || o.lang == "" {
			return nil, usageError{fmt.Errorf("--lang: %q: must be one of (de|en)", o.lang)}
		}
		sc.Lang = o.lang
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
	runs := sc.Replications * len(sc.Arms)
	if o.decomposes {
		// Every combination of the mechanisms, the arm's runs for each,
		// and the status quo's.
		runs += (1<<len(sc.Mechanisms) + 1) * sc.Replications
	}
	if err := tooBig(sc, runs, o.workers, o.force); err != nil {
		return nil, err
	}
	if err := o.checkOut(); err != nil {
		return nil, err
	}
	if o.quiet {
		return io.Discard, nil
	}
	return stderr, nil
}

// checkOut refuses an --out that cannot take the results: a file, a
// folder that cannot be made, or with --out-exact a folder that is not
// empty.
func (o *runOptions) checkOut() error {
	st, err := os.Stat(o.out)
	switch {
	case err != nil:
		// Made now, before any run: a folder that cannot be made is
		// bad input, found before the work that would be lost.
		dir := o.out
		if o.outExact {
			dir = filepath.Dir(filepath.Clean(o.out))
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return usageError{fmt.Errorf("--out: %w", err)}
		}
		return nil
	case !st.IsDir():
		return usageError{fmt.Errorf("--out: %s is a file, not a folder for the results", o.out)}
	case o.outExact:
		entries, err := os.ReadDir(o.out)
		if err != nil {
			return usageError{fmt.Errorf("--out: %w", err)}
		}
		if len(entries) > 0 {
			return usageError{fmt.Errorf("--out: %s is not empty; with --out-exact the results go into it and nothing is overwritten", o.out)}
		}
	}
	return nil
}

// experimentOptions returns the options of an experiment: the workers, and
// progress printed to w (see apply); end is to be called when the runs
// are over.
func (o *runOptions) experimentOptions(w io.Writer) (opt experiment.Options, end func()) {
	tty := isTerminal(w)
	p := progress{w: w, tty: tty, start: time.Now()}
	opt = experiment.Options{Workers: o.workers, Progress: p.report}
	end = func() {
		if tty {
			fmt.Fprintln(w)
		}
	}
	return opt, end
}

// progress prints runs done, rate and the estimated time left: on a
// terminal one updating line, otherwise (a log file, a Slurm job's
// output) a line per tenth of the runs at most.
type progress struct {
	w      io.Writer
	tty    bool
	start  time.Time
	tenths int // tenths of the runs reported so far, when not on a terminal
}

func (p *progress) report(done, total int) {
	if !p.tty {
		tenths := done * 10 / total
		if tenths == p.tenths {
			return
		}
		p.tenths = tenths
	}
	el := time.Since(p.start).Seconds()
	rate := float64(done) / el
	eta := time.Duration(float64(total-done)/rate) * time.Second
	line := fmt.Sprintf("zsa: %d/%d runs, %.1f runs/s, %v left", done, total, rate, eta.Round(time.Second))
	if p.tty {
		fmt.Fprintf(p.w, "\r%s   ", line)
	} else {
		fmt.Fprintln(p.w, line)
	}
}

// isTerminal reports whether w is a terminal (not a file, a pipe or
// /dev/null).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// finish prints where the results are, after the table (table(stdout)),
// or with --json the results file instead of both.
func (o *runOptions) finish(final string, stdout, stderr io.Writer, table func(io.Writer) error) error {
	if o.json {
		f, err := os.Open(filepath.Join(final, o.jsonFile))
		if err != nil {
			return err
		}
		defer f.Close()
		if _, err := io.Copy(stdout, f); err != nil {
			return err
		}
		if !o.quiet {
			fmt.Fprintf(stderr, "zsa: results in %s\n", final)
		}
		return nil
	}
	if err := table(stdout); err != nil {
		return err
	}
	_, err := fmt.Fprintf(stdout, "\nresults in %s\n", final)
	return err
}

// runDir is the folder of one command's files: written in a hidden
// temporary folder and renamed into place by done, so that a results
// folder appears complete or not at all.
type runDir struct {
	path     string // where to write
	out, tag string // the results folder's parent and name stem
	exact    string // with --out-exact: the folder to rename to
}

// newRunDir makes the temporary folder for a run's files: under --out, or
// beside it with --out-exact. done gives it its name: --out itself, or
// after the scenario and seed, never reusing an existing one.
func (o *runOptions) newRunDir(sc *scenarios.Scenario) (*runDir, error) {
	return o.newDir(fmt.Sprintf("%s-seed%d", sc.Name, sc.Seed))
}

// newDir is newRunDir for a folder named after tag.
func (o *runOptions) newDir(tag string) (*runDir, error) {
	parent, exact := o.out, ""
	if o.outExact {
		parent, exact = filepath.Dir(filepath.Clean(o.out)), o.out
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+tag+"-*.partial")
	if err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &runDir{path: tmp, out: parent, tag: tag, exact: exact}, nil
}

// done renames the folder into place and returns its path: to --out with
// --out-exact (replacing it only if it is an empty folder), else to
// <tag>-<n>, the first n not taken.
func (d *runDir) done() (string, error) {
	if d.exact != "" {
		// An empty folder is replaced; a folder that filled up while
		// the run went on makes Remove fail, and nothing is lost.
		if err := os.Remove(d.exact); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("--out: %w (the results are in %s)", err, d.path)
		}
		if err := os.Rename(d.path, d.exact); err != nil {
			return "", err
		}
		return d.exact, nil
	}
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
