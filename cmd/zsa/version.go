package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"
)

// version returns the program version: the module version, with the VCS
// revision the binary was built from (once: a pseudo-version names it
// already), as written into every output.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	rev, modified := "", false
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision" && len(s.Value) >= 12:
			rev = s.Value[:12]
		case s.Key == "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev != "" && !strings.Contains(v, rev) {
		v += "+" + rev
		if modified {
			v += "-dirty"
		}
	}
	return v
}

// versionLine is what zsa version and zsa --version print: the version,
// the Go release that built it and the platform.
func versionLine() string {
	return fmt.Sprintf("zsa %s %s %s/%s", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

var versionCmd = &command{
	name: "version", summary: "print the program version, the Go version and the platform", example: "zsa version",
	setup: noFlags(func(_ context.Context, _ *pflag.FlagSet, args []string, sio stdio) error {
		if len(args) > 0 {
			return usageError{fmt.Errorf("version takes no arguments")}
		}
		_, err := fmt.Fprintln(sio.out, versionLine())
		return err
	}),
}
