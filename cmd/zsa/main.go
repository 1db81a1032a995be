// Command zsa simulates how public-administration cases are processed when
// every office works alone (status quo) and when a central service unit
// (ZSA, Zentrales Service-Angebot) takes over standardised work.
//
// Until the domain model lands, zsa runs its built-in calibration example:
// an office of clerks as an M/M/c queue, simulated and compared with the
// Erlang C formula and Little's law.
//
// Usage:
//
//	zsa [flags]
//
// Run zsa --help for the flags.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
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

// run is the whole program; main only maps its error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var opt exampleOptions
	fs := pflag.NewFlagSet("zsa", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	opt.AddFlags(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, `zsa simulates case processing in public offices, status quo against a
central service unit (ZSA). Until the domain model is in place it runs the
built-in calibration example: one office as an M/M/c queue, simulated with
independent replications and compared with queueing theory.

Usage:
  zsa [flags]

Example:
  zsa --clerks 10 --arrivals 9 --service-rate 1 --reps 20 --seed 7

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q (zsa takes only flags for now; see zsa --help)", fs.Arg(0))}
	}
	if err := opt.validate(); err != nil {
		return usageError{err}
	}
	return runExample(ctx, opt, stdout)
}
