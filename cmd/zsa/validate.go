package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"zsa/scenarios"
)

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
