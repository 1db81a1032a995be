package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"zsa/scenarios"
)

var showCmd = &command{
	name: "show", args: "NAME",
	summary: "print a bundled scenario, to copy and edit",
	example: "zsa show sachsen-anhalt > my.toml",
	setup: noFlags(func(_ context.Context, _ *pflag.FlagSet, args []string, sio stdio) error {
		stdout := sio.out
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
