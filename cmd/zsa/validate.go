package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

var validateCmd = &command{
	scenarioArg: true,
	name:        "validate", args: "SCENARIO",
	summary: "check a scenario and its data without running it",
	example: "zsa validate my-scenario.toml",
	setup: noFlags(func(_ context.Context, _ *pflag.FlagSet, args []string, sio stdio) error {
		stdout := sio.out
		if len(args) != 1 {
			return usageError{fmt.Errorf("validate takes one scenario")}
		}
		sc, err := loadScenario(args[0], sio.in)
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
