package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"zsa/scenarios"
)

// The command-line conventions of the Go CLIs people know (gh, hugo,
// restic): help on stdout with exit 0, unknown commands exit 2, a version
// line, shell completions, progress that does not flood a log, --json,
// --out-exact and a scenario from standard input.

func runStdin(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := exitCode(run(context.Background(), args, strings.NewReader(stdin), &out, &errOut), &errOut)
	return out.String(), errOut.String(), code
}

func TestHelpGoesToStdoutAndExitsZero(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"run", "--help"}, {"help", "mmc"}, {"validate", "-h"}, {"help", "sweep"}} {
		out, errOut, code := runArgs(t, args...)
		if code != exitOK || !strings.Contains(out, "Example") || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		out, errOut, code := runArgs(t, args...)
		if code != exitOK || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
		for _, want := range []string{"Available Commands:", "completion", "Exit codes:", "bad usage or bad input"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: the help lacks %q:\n%s", args, want, out)
			}
		}
	}
}

func TestUnknownCommandsExitTwo(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"help", "nosuch"}, {"nosuch"}, {"help", "run", "nosuch"}} {
		out, errOut, code := runArgs(t, args...)
		if code != exitUsage || !strings.Contains(errOut, "unknown command") || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	a, _, codeA := runArgs(t, "version")
	b, _, codeB := runArgs(t, "--version")
	if codeA != exitOK || codeB != exitOK || a != b {
		t.Fatalf("version: exit %d %q; --version: exit %d %q", codeA, a, codeB, b)
	}
	for _, want := range []string{"zsa ", runtime.Version(), runtime.GOOS + "/" + runtime.GOARCH} {
		if !strings.Contains(a, want) {
			t.Errorf("version %q lacks %q", a, want)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	t.Parallel()
	for _, shell := range []string{"bash", "zsh", "fish"} {
		out, errOut, code := runArgs(t, "completion", shell)
		if code != exitOK || !strings.Contains(out, "zsa") || errOut != "" {
			t.Errorf("completion %s: exit %d, %d bytes, stderr %q", shell, code, len(out), errOut)
		}
	}
	// What the scripts ask the program: the bundled scenarios after run.
	out, _, code := runArgs(t, "__complete", "run", "")
	if code != exitOK || !strings.Contains(out, scenarios.Default) {
		t.Errorf("__complete run: exit %d:\n%s", code, out)
	}
}

func TestProgressOffATerminalIsALinePerTenthAtMost(t *testing.T) {
	t.Parallel()
	_, errOut, code := runArgs(t, "run", "teaching", "--reps", "30", "--out", t.TempDir())
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// 30 replications × 2 arms = 60 runs: a line at each tenth, 10 lines.
	if n := strings.Count(errOut, " runs, "); n < 1 || n > 10 {
		t.Errorf("%d progress lines, want 1 to 10:\n%s", n, errOut)
	}
}

func TestJSONPrintsTheSummary(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	stdout, errOut, code := runArgs(t, "run", "teaching", "--json", "--quiet", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*", "summary.json"))
	if len(files) != 1 {
		t.Fatalf("summary.json files: %v", files)
	}
	want, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) {
		t.Error("stdout is not summary.json")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Errorf("stdout is not JSON: %v", err)
	}
}

func TestOutExactWritesIntoTheFolderAndOverwritesNothing(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "results")
	if _, errOut, code := runArgs(t, "run", "teaching", "--reps", "2", "--quiet", "--out", dir, "--out-exact"); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "summary.json")); err != nil {
		t.Fatalf("not written into --out: %v", err)
	}
	// Again: the folder is not empty now.
	_, errOut, code := runArgs(t, "run", "teaching", "--reps", "2", "--quiet", "--out", dir, "--out-exact")
	if code != exitUsage || !strings.Contains(errOut, "is not empty") {
		t.Errorf("second run into a full folder: exit %d, %s", code, errOut)
	}
	// An empty folder is taken.
	empty := t.TempDir()
	if _, errOut, code := runArgs(t, "run", "teaching", "--reps", "2", "--quiet", "--out", empty, "--out-exact"); code != exitOK {
		t.Fatalf("into an empty folder: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(empty, "report.html")); err != nil {
		t.Error(err)
	}
}

func TestScenarioFromStandardInput(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"teaching", "pilot-2025", "pilot-2025-sensitivity"} {
		text, err := scenarios.Text(name)
		if err != nil {
			t.Fatal(err)
		}
		out, errOut, code := runStdin(t, text, "validate", "-")
		if code != exitOK || !strings.HasPrefix(out, "stdin: ok") {
			t.Errorf("%s: exit %d: %s%s", name, code, out, errOut)
		}
	}
	// A sweep read from standard input runs like the file.
	text, _ := scenarios.Text("teaching")
	_, errOut, code := runStdin(t, text, "sweep", "-", "--reps", "2", "--quiet", "--out", t.TempDir())
	if code != exitOK {
		t.Errorf("sweep -: exit %d: %s", code, errOut)
	}
	// Errors name standard input.
	_, errOut, code = runStdin(t, "name = 3\n", "validate", "-")
	if code != exitUsage || !strings.Contains(errOut, "stdin:1:") {
		t.Errorf("bad scenario on stdin: exit %d: %s", code, errOut)
	}
}

func TestWorkersFollowTheSlurmAllocation(t *testing.T) {
	t.Setenv("SLURM_CPUS_PER_TASK", "3")
	if got := defaultWorkers(); got != 3 {
		t.Errorf("SLURM_CPUS_PER_TASK=3: %d workers", got)
	}
	t.Setenv("SLURM_CPUS_PER_TASK", "")
	if got := defaultWorkers(); got != runtime.NumCPU() {
		t.Errorf("no Slurm: %d workers, want %d", got, runtime.NumCPU())
	}
}

// TestRunOfADecomposedScenarioExplainsTheChange: zsa run of a scenario
// with a [decomposition] runs it too, and the report has the section on
// what makes up the change.
func TestRunOfADecomposedScenarioExplainsTheChange(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	if _, errOut, code := runArgs(t, "run", "pilot-2025", "--reps", "2", "--quiet", "--lang", "en", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(filepath.Join(onlyFolder(t, out), "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<section id="mechanisms">`, "Shapley value", "the largest parts:"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
