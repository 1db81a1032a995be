package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zsa/experiment"
)

func runArgs(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := exitCode(run(context.Background(), args, strings.NewReader(""), &out, &errOut), &errOut)
	return out.String(), errOut.String(), code
}

func TestExampleIsDeterministic(t *testing.T) {
	t.Parallel()
	a, _, code := runArgs(t, "mmc", "--cases", "2000", "--reps", "3", "--seed", "5")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	b, _, _ := runArgs(t, "mmc", "--cases", "2000", "--reps", "3", "--seed", "5")
	c, _, _ := runArgs(t, "mmc", "--cases", "2000", "--reps", "3", "--seed", "6")
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
		{[]string{"mmc", "--bogus"}, "unknown flag: --bogus"},
		{[]string{"mmc", "--reps", "1"}, "--reps: 1 is too few"},
		{[]string{"mmc", "--clerks", "0", "--cases", "3"}, "--clerks: 0"},
		{[]string{"mmc", "--arrivals", "NaN"}, "--arrivals: NaN"},
		{[]string{"mmc", "--arrivals", "10", "--clerks", "10"}, "overloaded office"},
		{[]string{"mmc", "extra"}, `unexpected argument "extra"`},
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"run", "no-such-scenario"}, `scenario "no-such-scenario": no such file`},
		{[]string{"run", "--reps", "1"}, "--reps: 1 is too few"},
		{[]string{"validate"}, "validate takes one scenario"},
		{[]string{"sweep", "teaching", "--out", "main_test.go"}, "--out: main_test.go is a file, not a folder"},
		{[]string{"sweep", "teaching", "--out", "main_test.go/results"}, "--out: mkdir main_test.go: not a directory"},
		{[]string{"mmc", "--cases", "2000000000"}, "--cases: 2000000000; need from 10 to 100000000"},
	}
	for i, c := range cases {
		out, errOut, code := runArgs(t, c.args...)
		if code != exitUsage || !strings.Contains(errOut, c.want) || out != "" {
			t.Errorf("case %d (%v): exit %d, stderr %q, stdout %q; want exit 2 and %q", i, c.args, code, errOut, out, c.want)
		}
	}
	// A statewide century: refused before it runs, with the estimate.
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.toml")
	os.WriteFile(huge, []byte("extends = \"sachsen-anhalt\"\nname = \"huge\"\nhorizon = \"36500d\"\n"), 0o644)
	if _, errOut, code := runArgs(t, "run", huge, "--quiet", "--out", dir); code != exitUsage ||
		!strings.Contains(errOut, "GB of results; use --force to run anyway") {
		t.Errorf("a statewide century: exit %d, %q", code, errOut)
	}
	// Every problem is reported, one a line, not just the first.
	_, errOut, _ := runArgs(t, "mmc", "--clerks", "0", "--cases", "3")
	if strings.Count(errOut, "zsa: ") != 2 {
		t.Errorf("want both problems reported, got %q", errOut)
	}
}

func TestRunIsDeterministicWhateverTheWorkers(t *testing.T) {
	// The default scenario, two replications, with one and with two
	// workers: the same table and the same files, byte for byte.
	if testing.Short() {
		t.Skip("runs the full state twice")
	}
	outputs := map[string]string{}
	var dirs []string
	for _, w := range []string{"1", "2"} {
		out := t.TempDir()
		stdout, errOut, code := runArgs(t, "--reps", "2", "--workers", w, "--quiet", "--out", out)
		if code != exitOK {
			t.Fatalf("workers %s: exit %d: %s", w, code, errOut)
		}
		table, _, _ := strings.Cut(stdout, "\nresults in ")
		if prev, ok := outputs["table"]; ok && prev != table {
			t.Errorf("table differs with %s workers", w)
		}
		outputs["table"] = table
		entries, err := os.ReadDir(out)
		if err != nil || len(entries) != 1 {
			t.Fatalf("want one run folder in %s, got %v (%v)", out, entries, err)
		}
		dirs = append(dirs, filepath.Join(out, entries[0].Name()))
	}
	for _, f := range []string{"summary.json", "replications.csv", "weekly.csv", "learning.csv", "clerks.csv"} {
		a, errA := os.ReadFile(filepath.Join(dirs[0], f))
		b, errB := os.ReadFile(filepath.Join(dirs[1], f))
		if errA != nil || errB != nil || !bytes.Equal(a, b) || len(a) == 0 {
			t.Errorf("%s differs between 1 and 2 workers (or is missing: %v %v)", f, errA, errB)
		}
	}
	if !strings.Contains(outputs["table"], "seed 20260101") {
		t.Errorf("the table does not name its seed")
	}
}

func TestListShowValidate(t *testing.T) {
	t.Parallel()
	out, _, code := runArgs(t, "list")
	if code != exitOK || !strings.Contains(out, "sachsen-anhalt") {
		t.Fatalf("list: exit %d, %q", code, out)
	}
	text, _, code := runArgs(t, "show", "sachsen-anhalt")
	if code != exitOK || !strings.Contains(text, "[services.Wohngeld]") {
		t.Fatalf("show: exit %d", code)
	}
	// A plain copy validates wherever it is: its data paths name the
	// bundled tables.
	copied := filepath.Join(t.TempDir(), "copy.toml")
	os.WriteFile(copied, []byte(text), 0o644)
	if out, errOut, code := runArgs(t, "validate", copied); code != exitOK || !strings.Contains(out, "bundled:data/communes-sachsen-anhalt.csv") {
		t.Fatalf("validate a copy: exit %d, %q %q", code, out, errOut)
	}
	// A copy that extends the bundled scenario and changes a parameter
	// validates; a typo in a key is reported with its line and a
	// suggestion.
	dir := t.TempDir()
	good := filepath.Join(dir, "variant.toml")
	os.WriteFile(good, []byte("extends = \"sachsen-anhalt\"\nname = \"variant\"\nreplications = 3\n\n[services.Wohngeld.learning]\nrate = 0.9\n"), 0o644)
	out, errOut, code := runArgs(t, "validate", good)
	if code != exitOK || !strings.Contains(out, "ok:") || !strings.Contains(out, "3 replications") {
		t.Fatalf("validate variant: exit %d, %q %q", code, out, errOut)
	}
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("extends = \"sachsen-anhalt\"\n\n[services.Wohngeld]\nper_thousnd = 50\n"), 0o644)
	_, errOut, code = runArgs(t, "validate", bad)
	if code != exitUsage || !strings.Contains(errOut, "bad.toml:4: services.Wohngeld.per_thousnd: unknown key \"per_thousnd\" (did you mean \"per_thousand\"?)") {
		t.Fatalf("validate bad: exit %d, %q", code, errOut)
	}
}

func TestEventLogFiles(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	_, errOut, code := runArgs(t, "run", "teaching", "--reps", "2", "--quiet", "--event-log", "csv", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*", "events", "*.csv"))
	if len(files) != 4 { // 2 arms × 2 replications
		t.Fatalf("event logs %v, want 4 files", files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil || !strings.HasPrefix(string(b), "case_id,activity,enabled_time,start_time,end_time,resource,") {
		t.Errorf("event log %s does not start with the header (%v)", files[0], err)
	}
	if _, errOut, code := runArgs(t, "run", "teaching", "--event-log", "json"); code != exitUsage || !strings.Contains(errOut, "csv|xes") {
		t.Errorf("--event-log json: exit %d, %q", code, errOut)
	}
}

func TestSweepIsDeterministicWhateverTheWorkers(t *testing.T) {
	t.Parallel()
	var csvs []string
	for _, w := range []string{"1", "2"} {
		out := t.TempDir()
		stdout, errOut, code := runArgs(t, "sweep", "teaching", "--reps", "2", "--workers", w, "--quiet", "--out", out)
		if code != exitOK {
			t.Fatalf("workers %s: exit %d: %s", w, code, errOut)
		}
		if !strings.Contains(stdout, "ZSA clerks, Hundehaltung") {
			t.Errorf("sweep table lacks the swept parameter:\n%s", stdout)
		}
		files, _ := filepath.Glob(filepath.Join(out, "*", "sweep.csv"))
		if len(files) != 1 {
			t.Fatalf("sweep.csv: %v", files)
		}
		for _, f := range []string{"sweep.html", "sweep-effort-Hundehaltung-*.svg", "sweep-lead-Hundehaltung-*.png"} {
			if m, _ := filepath.Glob(filepath.Join(filepath.Dir(files[0]), f)); len(m) == 0 {
				t.Errorf("sweep output lacks %s", f)
			}
		}
		b, _ := os.ReadFile(files[0])
		csvs = append(csvs, string(b))
	}
	if csvs[0] != csvs[1] {
		t.Error("sweep.csv differs between 1 and 2 workers")
	}
	// 4 grid points × 2 arms × 1 service × the sweep's metrics, plus the
	// header.
	if n, want := strings.Count(csvs[0], "\n"), 4*2*len(experiment.SweepMetrics())+1; n != want {
		t.Errorf("sweep.csv has %d lines, want %d", n, want)
	}
	if _, errOut, code := runArgs(t, "sweep", "sachsen-anhalt"); code != exitUsage || !strings.Contains(errOut, "declares no [sweep]") {
		t.Errorf("sweep without [sweep]: exit %d, %q", code, errOut)
	}
}

func TestInterruptedRunKeepsNothingHalfWritten(t *testing.T) {
	t.Parallel()
	// Cancelled before anything ran: exit 1, a clear message, and no run
	// folder left behind.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := exitCode(run(ctx, []string{"run", "teaching", "--quiet", "--out", out}, strings.NewReader(""), &stdout, &stderr), &stderr)
	if code != exitFailure || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("an interrupted run left %v", entries)
	}
}
