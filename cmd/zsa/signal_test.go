package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSIGTERMKeepsFinishedWork builds zsa, starts a run of many
// replications and sends SIGTERM (what Slurm and service managers send)
// once the first runs are done: like Ctrl-C, it keeps the replications
// that finished in every arm, complete, and leaves no temporary files.
func TestSIGTERMKeepsFinishedWork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := buildCommand(t, dir)
	out := filepath.Join(dir, "out")
	cmd, stderr := startCommand(t, bin, "run", "teaching", "--reps", "400", "--workers", "2", "--out", out)
	// Once 10 runs are done (progress lines "zsa: 10/800 runs, …"), some
	// replication has finished in both arms, whatever the workers did.
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		var done, total int
		if n, _ := fmt.Sscanf(lines.Text(), "zsa: %d/%d runs", &done, &total); n == 2 && done >= 10 {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var rest strings.Builder
	for lines.Scan() {
		rest.WriteString(lines.Text() + "\n")
	}
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitFailure || !strings.Contains(rest.String(), "interrupted: kept") {
		t.Fatalf("exit %d (%v), stderr:\n%s", code, err, rest.String())
	}
	runs, _ := filepath.Glob(filepath.Join(out, "*"))
	if len(runs) != 1 {
		t.Fatalf("run folders %v", runs)
	}
	if _, err := os.Stat(filepath.Join(runs[0], "summary.json")); err != nil {
		t.Errorf("no summary.json: %v", err)
	}
	if tmp, _ := filepath.Glob(filepath.Join(runs[0], ".*.tmp")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// buildCommand builds zsa into dir and returns its path.
func buildCommand(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "zsa")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startCommand starts bin with args and returns it with its standard
// error.
func startCommand(t *testing.T, bin string, args ...string) (*exec.Cmd, io.Reader) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, stderr
}
