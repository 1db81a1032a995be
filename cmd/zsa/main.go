// Command zsa simulates how public-administration cases are processed when
// every office works alone (status quo) and when a central service unit
// (ZSA, Zentrales Service-Angebot) takes over standardised work.
//
// Usage:
//
//	zsa                       run the default scenario (Sachsen-Anhalt)
//	zsa run [SCENARIO]        run a scenario file or a bundled scenario
//	zsa validate SCENARIO     check a scenario without running it
//	zsa list                  list the bundled scenarios
//	zsa show NAME             print a bundled scenario, to copy and edit
//	zsa mmc                   the M/M/c calibration example
//	zsa version               print the version
//
// Run zsa help COMMAND, or zsa COMMAND --help, for its flags.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
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
	commands = []*command{runCmd, sweepCmd, decomposeCmd, validateCmd, listCmd, showCmd, mmcCmd, versionCmd}
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

// version returns the program version: the module version, or the VCS
// revision the binary was built from.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += "+" + s.Value[:12]
		}
		if s.Key == "vcs.modified" && s.Value == "true" {
			v += "-dirty"
		}
	}
	return v
}

var versionCmd = &command{
	name: "version", summary: "print the program version", example: "zsa version",
	setup: noFlags(func(_ context.Context, _ *pflag.FlagSet, args []string, stdout, _ io.Writer) error {
		if len(args) > 0 {
			return usageError{fmt.Errorf("version takes no arguments")}
		}
		fmt.Fprintf(stdout, "zsa %s\n", version())
		return nil
	}),
}
