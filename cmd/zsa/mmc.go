package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/spf13/pflag"

	"zsa/experiment"
	"zsa/results"
	"zsa/sim/stats"
)

// exampleOptions are the parameters of the built-in M/M/c example.
type exampleOptions struct {
	Seed        uint64
	Reps        int
	Clerks      int
	Arrivals    float64 // cases per hour
	ServiceRate float64 // cases per hour and clerk
	Cases       int
}

// Defaults of the built-in example: the M/M/c of the core benchmark
// (λ = 9/h, μ = 1/h, c = 10, Erlang C wait 0.6687 h).
const (
	defaultSeed        = 1
	defaultReps        = 10
	defaultClerks      = 10
	defaultArrivals    = 9.0
	defaultServiceRate = 1.0
	defaultCases       = 100_000
)

var mmcCmd = &command{
	name: "mmc", summary: "the M/M/c calibration example: simulation against Erlang C",
	example: "zsa mmc --clerks 10 --arrivals 9 --service-rate 1 --reps 20 --seed 7",
	setup: func(fs *pflag.FlagSet) runFunc {
		opt := &exampleOptions{}
		opt.AddFlags(fs)
		return func(ctx context.Context, _ *pflag.FlagSet, args []string, sio stdio) error {
			stdout := sio.out
			if len(args) > 0 {
				return usageError{fmt.Errorf("unexpected argument %q (mmc takes only flags)", args[0])}
			}
			if err := opt.validate(); err != nil {
				return usageError{err}
			}
			return runExample(ctx, *opt, stdout)
		}
	},
}

// AddFlags registers the example's flags on fs.
func (o *exampleOptions) AddFlags(fs *pflag.FlagSet) {
	fs.Uint64Var(&o.Seed, "seed", defaultSeed, "random `seed` of the run; the same seed gives the same output")
	fs.IntVar(&o.Reps, "reps", defaultReps, "independent `replications` (at least 2, for confidence intervals)")
	fs.IntVar(&o.Clerks, "clerks", defaultClerks, "`number` of clerks sharing the queue (servers c)")
	fs.Float64Var(&o.Arrivals, "arrivals", defaultArrivals, "arrival `rate` in cases per hour (λ)")
	fs.Float64Var(&o.ServiceRate, "service-rate", defaultServiceRate, "service `rate` in cases per hour and clerk (μ)")
	fs.IntVar(&o.Cases, "cases", defaultCases, "`number` of cases per replication (the first 10 % are warm-up)")
}

func (o *exampleOptions) validate() error {
	var errs []error
	if o.Reps < 2 {
		errs = append(errs, fmt.Errorf("--reps: %d is too few; confidence intervals need at least 2", o.Reps))
	}
	if o.Clerks < 1 {
		errs = append(errs, fmt.Errorf("--clerks: %d; there must be at least one clerk", o.Clerks))
	}
	if !(o.Arrivals > 0) || math.IsInf(o.Arrivals, 0) {
		errs = append(errs, fmt.Errorf("--arrivals: %v; the arrival rate must be a positive number", o.Arrivals))
	}
	if !(o.ServiceRate > 0) || math.IsInf(o.ServiceRate, 0) {
		errs = append(errs, fmt.Errorf("--service-rate: %v; the service rate must be a positive number", o.ServiceRate))
	}
	if o.Cases < 10 || o.Cases > maxMMcCases {
		errs = append(errs, fmt.Errorf("--cases: %d; need from 10 to %d cases per replication", o.Cases, maxMMcCases))
	}
	if o.Clerks > maxMMcClerks {
		errs = append(errs, fmt.Errorf("--clerks: %d; at most %d", o.Clerks, maxMMcClerks))
	}
	if len(errs) == 0 && o.Arrivals >= float64(o.Clerks)*o.ServiceRate {
		errs = append(errs, fmt.Errorf("--arrivals: %v/h with %d clerks at %v/h each is an overloaded office (utilisation %.2f ≥ 1); the queue would grow without bound",
			o.Arrivals, o.Clerks, o.ServiceRate, o.Arrivals/(float64(o.Clerks)*o.ServiceRate)))
	}
	return errors.Join(errs...)
}

// Bounds of the M/M/c example: a replication of maxMMcCases cases takes
// seconds (Ctrl-C stops between replications), and more clerks than
// maxMMcClerks is no office.
const (
	maxMMcCases  = 100_000_000
	maxMMcClerks = 10000
)

// runExample runs the M/M/c example and prints simulation against theory.
func runExample(ctx context.Context, o exampleOptions, w io.Writer) error {
	res, err := experiment.MMcCheck{Seed: o.Seed, Replications: o.Reps, Clerks: o.Clerks,
		Arrivals: o.Arrivals, ServiceRate: o.ServiceRate, Cases: o.Cases}.Run(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "M/M/c office: %d clerks, %g cases/h arriving, %g cases/h per clerk\n", o.Clerks, o.Arrivals, o.ServiceRate)
	fmt.Fprintf(w, "%d replications of %d cases (first %d warm-up), seed %d\n\n", o.Reps, o.Cases, o.Cases/10, o.Seed)
	t := results.Table{Header: []string{"measure", "simulated (95% CI)", "theory", "formula"}}
	t.AddRow("mean wait in queue (h)", ci(res.Wait), fmt.Sprintf("%.4f", res.WaitTheory), "Erlang C")
	t.AddRow("mean cases in office", ci(res.InSystem), fmt.Sprintf("%.4f", res.InSystemTheory), "Little: L = λ(Wq + 1/μ)")
	t.AddRow("clerk utilisation", ci(res.Utilisation), fmt.Sprintf("%.4f", res.UtilisationTheory), "ρ = λ/(cμ)")
	_, err = t.WriteTo(w)
	return err
}

// ci formats a replication mean with its 95 % half-width.
func ci(s stats.Summary) string {
	return fmt.Sprintf("%.4f ± %.4f", s.Mean, s.HalfWidth)
}
