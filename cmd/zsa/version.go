package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/pflag"
)

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
