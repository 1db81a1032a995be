package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFitBothDirections: simulate → event log → zsa fit → zsa run of the
// fitted scenario, each exiting 0; the fit's folder appears complete.
func TestFitBothDirections(t *testing.T) {
	out := t.TempDir()
	if _, errOut, code := runArgs(t, "run", "teaching", "--reps", "2", "--event-log", "csv.gz", "--quiet", "--out", out); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	logs, _ := filepath.Glob(filepath.Join(out, "*", "events", "status-quo-r01.csv.gz"))
	if len(logs) != 1 {
		t.Fatalf("logs %v", logs)
	}
	fitted := filepath.Join(out, "fitted")
	stdout, errOut, code := runArgs(t, "fit", logs[0], "--out", fitted, "--out-exact")
	if code != exitOK {
		t.Fatalf("fit: exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "learning curve") || !strings.Contains(stdout, "scenario in "+filepath.Join(fitted, "scenario.toml")) {
		t.Errorf("fit printed:\n%s", stdout)
	}
	for _, f := range []string{"scenario.toml", "communes.csv", "administrations.csv", "report.html"} {
		if _, err := os.Stat(filepath.Join(fitted, f)); err != nil {
			t.Error(err)
		}
	}
	if _, errOut, code := runArgs(t, "run", filepath.Join(fitted, "scenario.toml"), "--reps", "2", "--quiet", "--out", t.TempDir()); code != exitOK {
		t.Fatalf("run of the fitted scenario: exit %d: %s", code, errOut)
	}
}

// TestFitBadInputExitsTwo: a broken log is a usage error with its place.
func TestFitBadInputExitsTwo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for i, c := range []struct {
		log  string
		args []string
		want string
	}{
		{"case_id,activity,start_time,end_time\nc1,a,2025-01-06T08:00:00+01:00,2025-01-06T08:10:00+01:00\n", nil,
			"log.csv:1: resource: missing column"},
		{"id,activity,start_time,end_time,resource\nc1,a,2025-01-06T08:00:00+01:00,2025-01-06T08:10:00+01:00,r\n", []string{"--case", "id", "--start", "begin"},
			"log.csv:1: begin: missing column"},
		{"case_id,activity,start_time,end_time,resource\nc1,a,6.1.2025 8:00,2025-01-06T08:10:00+01:00,r\n", nil,
			`log.csv:2: start_time: "6.1.2025 8:00": not a time`},
		{"case_id,activity,start_time,end_time,resource\n", nil, "log.csv:2: no events after the header"},
		{"", nil, "log.csv:1: empty file"},
	} {
		name := filepath.Join(dir, "log.csv")
		os.WriteFile(name, []byte(c.log), 0o644)
		args := append([]string{"fit", name, "--out", filepath.Join(dir, "out")}, c.args...)
		_, errOut, code := runArgs(t, args...)
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("case %d: exit %d, %q; want exit 2 and %q", i, code, errOut, c.want)
		}
	}
	if _, errOut, code := runArgs(t, "fit", filepath.Join(dir, "missing.csv"), "--out", filepath.Join(dir, "out")); code != exitUsage || !strings.Contains(errOut, "missing.csv") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}
