package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func runArgs(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := exitCode(run(context.Background(), args, &out, &errOut), &errOut)
	return out.String(), errOut.String(), code
}

func TestExampleIsDeterministic(t *testing.T) {
	t.Parallel()
	a, _, code := runArgs(t, "--cases", "2000", "--reps", "3", "--seed", "5")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	b, _, _ := runArgs(t, "--cases", "2000", "--reps", "3", "--seed", "5")
	c, _, _ := runArgs(t, "--cases", "2000", "--reps", "3", "--seed", "6")
	if a != b {
		t.Error("same seed, different output")
	}
	if a == c {
		t.Error("different seed, same output")
	}
	if !strings.Contains(a, "seed 5") {
		t.Errorf("output does not name its seed:\n%s", a)
	}
}

func TestBadInputExitsWithUsageError(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "unknown flag: --bogus"},
		{[]string{"--reps", "1"}, "--reps: 1 is too few"},
		{[]string{"--clerks", "0", "--cases", "3"}, "--clerks: 0"},
		{[]string{"--arrivals", "NaN"}, "--arrivals: NaN"},
		{[]string{"--arrivals", "10", "--clerks", "10"}, "overloaded office"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for i, c := range cases {
		out, errOut, code := runArgs(t, c.args...)
		if code != exitUsage || !strings.Contains(errOut, c.want) || out != "" {
			t.Errorf("case %d (%v): exit %d, stderr %q, stdout %q; want exit 2 and %q", i, c.args, code, errOut, out, c.want)
		}
	}
	// Every problem is reported, one a line, not just the first.
	_, errOut, _ := runArgs(t, "--clerks", "0", "--cases", "3")
	if strings.Count(errOut, "zsa: ") != 2 {
		t.Errorf("want both problems reported, got %q", errOut)
	}
}

func TestHelpExitsZero(t *testing.T) {
	t.Parallel()
	_, errOut, code := runArgs(t, "--help")
	if code != exitOK || !strings.Contains(errOut, "Example:") {
		t.Errorf("--help: exit %d, stderr %q", code, errOut)
	}
}
