package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"zsa/scenarios"
)

var listCmd = &command{
	name: "list", summary: "list the bundled scenarios", example: "zsa list",
	setup: noFlags(func(_ context.Context, _ *pflag.FlagSet, args []string, sio stdio) error {
		stdout := sio.out
		if len(args) > 0 {
			return usageError{fmt.Errorf("list takes no arguments")}
		}
		for _, n := range scenarios.List() {
			fmt.Fprintf(stdout, "%-20s %s\n", n, scenarios.Describe(n))
		}
		return nil
	}),
}
