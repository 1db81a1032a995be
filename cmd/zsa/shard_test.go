package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"zsa/experiment"
	"zsa/scenarios"
)

// sameTree reports the first difference between the files of folders a
// and b (names and bytes), or "".
func sameTree(t *testing.T, a, b string) string {
	t.Helper()
	list := func(dir string) map[string][]byte {
		files := map[string][]byte{}
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				files[rel], _ = os.ReadFile(p)
			}
			return nil
		})
		return files
	}
	fa, fb := list(a), list(b)
	if len(fa) != len(fb) || len(fa) == 0 {
		return fmt.Sprintf("%d files against %d", len(fa), len(fb))
	}
	for name, x := range fa {
		if y, ok := fb[name]; !ok {
			return name + " is missing"
		} else if !bytes.Equal(x, y) {
			return name + " differs"
		}
	}
	return ""
}

// onlyFolder returns the one folder inside dir.
func onlyFolder(t *testing.T, dir string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(m) != 1 {
		t.Fatalf("%s holds %v, want one folder", dir, m)
	}
	return m[0]
}

// TestShardsMergeIntoTheLocalRun: for every bundled sweep, the shards of
// 1, 3 and 7 machines, merged, give exactly the files (CSV, HTML, SVG,
// PNG) of the sweep run on one machine.
func TestShardsMergeIntoTheLocalRun(t *testing.T) {
	t.Parallel()
	for _, name := range scenarios.List() {
		sc, err := scenarios.Load(name)
		if err != nil || len(sc.Sweep) == 0 {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			local := filepath.Join(dir, "local")
			if _, errOut, code := runArgs(t, "sweep", name, "--reps", "2", "--quiet", "--out", local); code != exitOK {
				t.Fatalf("local: exit %d: %s", code, errOut)
			}
			for _, n := range []int{1, 3, 7} {
				shards := filepath.Join(dir, fmt.Sprintf("shards-%d", n))
				for k := range n {
					if _, errOut, code := runArgs(t, "sweep", name, "--reps", "2", "--quiet", "--workers", fmt.Sprint(1+k%2),
						"--shard", fmt.Sprintf("%d/%d", k, n), "--out", shards); code != exitOK {
						t.Fatalf("shard %d/%d: exit %d: %s", k, n, code, errOut)
					}
				}
				merged := filepath.Join(dir, fmt.Sprintf("merged-%d", n))
				if _, errOut, code := runArgs(t, "merge", shards, "--out", merged); code != exitOK {
					t.Fatalf("merge of %d: exit %d: %s", n, code, errOut)
				}
				if d := sameTree(t, onlyFolder(t, local), onlyFolder(t, merged)); d != "" {
					t.Errorf("%d shards merged differ from the local run: %s", n, d)
				}
			}
		})
	}
}

// TestShardResumesAfterATornLine: a shard file cut in the middle of a
// point's line (a kill while writing) is completed by running the shard
// again, to the same bytes as a shard that ran through.
func TestShardResumesAfterATornLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	// One worker: the points finish, and are written, in their order.
	args := []string{"sweep", "pilot-2025-sensitivity", "--reps", "2", "--quiet", "--workers", "1", "--shard", "1/2"}
	if _, errOut, code := runArgs(t, append(args, "--out", whole)...); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	file := experiment.ShardFileName(1, 2)
	b, err := os.ReadFile(filepath.Join(whole, file))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	if len(lines) < 5 {
		t.Fatalf("%d lines", len(lines))
	}
	// Three points kept, the fourth torn.
	cut := strings.Join(lines[:4], "") + lines[4][:len(lines[4])/2]
	torn := filepath.Join(dir, "torn")
	os.MkdirAll(torn, 0o755)
	if err := os.WriteFile(filepath.Join(torn, file), []byte(cut), 0o644); err != nil {
		t.Fatal(err)
	}
	// Merging it now is refused: it is not finished.
	if _, errOut, code := runArgs(t, "merge", filepath.Join(torn, file), filepath.Join(whole, experiment.ShardFileName(1, 2))); code != exitUsage || !strings.Contains(errOut, "interrupted") {
		t.Errorf("merge of a torn shard: exit %d: %s", code, errOut)
	}
	_, errOut, code := runArgs(t, append(args, "--out", torn)...)
	if code != exitOK {
		t.Fatalf("resume: exit %d: %s", code, errOut)
	}
	got, _ := os.ReadFile(filepath.Join(torn, file))
	if !bytes.Equal(got, b) {
		t.Error("the resumed shard differs from the one that ran through")
	}
}

// TestMergeRefusesWhatIsNotOneSweep names the problem of shards that do
// not make one sweep.
func TestMergeRefusesWhatIsNotOneSweep(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	shard := func(out string, flags ...string) string {
		args := append([]string{"sweep", "teaching", "--reps", "2", "--quiet", "--out", filepath.Join(dir, out)}, flags...)
		if _, errOut, code := runArgs(t, args...); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		return filepath.Join(dir, out)
	}
	a0 := shard("a0", "--shard", "0/2")
	a1 := shard("a1", "--shard", "1/2")
	seed := shard("seed", "--shard", "1/2", "--seed", "7")
	three := shard("three", "--shard", "1/3")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"a missing shard", []string{a0}, "shards missing of 2: 1"},
		{"a shard twice", []string{a0, a0, a1}, "given twice"},
		{"another seed", []string{a0, seed}, "seed 7, not 42"},
		{"another number of shards", []string{a0, three}, "one of 3 shards, not of 2"},
		{"no shard", []string{dir}, "no shard files"},
		{"not a shard file", []string{"main.go"}, "not a shard file"},
	} {
		_, errOut, code := runArgs(t, append([]string{"merge", "--out", filepath.Join(dir, "m")}, c.args...)...)
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%s: exit %d, want 2 and %q: %s", c.name, code, c.want, errOut)
		}
	}
	// A shard file of one run is not overwritten by another.
	_, errOut, code := runArgs(t, "sweep", "teaching", "--reps", "3", "--quiet", "--shard", "0/2", "--out", a0)
	if code != exitUsage || !strings.Contains(errOut, "holds other work: 2 replications, not 3") {
		t.Errorf("a shard into another run's file: exit %d: %s", code, errOut)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "m", "*")); len(m) > 0 {
		t.Errorf("a refused merge wrote %v", m)
	}
}

// TestSignalsStopAShardAndKeepItsPoints: SIGTERM (Slurm's cancel and
// time-out) and SIGINT (Ctrl-C) stop a shard with its finished points in
// its file and no temporary files; the same command then completes it to
// the bytes of a shard that ran through.
func TestSignalsStopAShardAndKeepItsPoints(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := buildCommand(t, dir)
	args := []string{"sweep", "pilot-2025-sensitivity", "--reps", "6", "--workers", "1", "--shard", "0/1"}
	whole := filepath.Join(dir, "whole")
	if out, err := exec.Command(bin, append(args, "--out", whole, "--quiet")...).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want, _ := os.ReadFile(filepath.Join(whole, experiment.ShardFileName(0, 1)))
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		out := filepath.Join(dir, sig.String())
		cmd, stderr := startCommand(t, bin, append(args, "--out", out)...)
		// The first progress line (a tenth of the runs) means points
		// are done.
		lines := bufio.NewScanner(stderr)
		for lines.Scan() && !strings.Contains(lines.Text(), " runs, ") {
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		var rest strings.Builder
		for lines.Scan() {
			rest.WriteString(lines.Text() + "\n")
		}
		cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != exitFailure || !strings.Contains(rest.String(), "run the same command again") {
			t.Fatalf("%s: exit %d, stderr:\n%s", sig, code, rest.String())
		}
		files, _ := os.ReadDir(out)
		if len(files) != 1 || files[0].Name() != experiment.ShardFileName(0, 1) {
			t.Errorf("%s: left %v, want only the shard file", sig, files)
		}
		part, _ := os.ReadFile(filepath.Join(out, experiment.ShardFileName(0, 1)))
		if !bytes.HasPrefix(want, part) || len(part) == len(want) {
			t.Errorf("%s: the interrupted shard holds %d bytes, not a part of the %d of the whole", sig, len(part), len(want))
		}
		if b, err := exec.Command(bin, append(args, "--out", out, "--quiet")...).CombinedOutput(); err != nil {
			t.Fatalf("%s: resume: %v\n%s", sig, err, b)
		}
		if got, _ := os.ReadFile(filepath.Join(out, experiment.ShardFileName(0, 1))); !bytes.Equal(got, want) {
			t.Errorf("%s: the resumed shard differs from the one that ran through", sig)
		}
	}
}
