package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"zsa/experiment"
	"zsa/scenarios"
)

func TestCalibrateWritesARunnableScenario(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764633600") // 2025-12-02: the same file every day
	out := t.TempDir()
	mm1 := filepath.Join("..", "..", "scenarios", "testdata", "calibrate-mm1.toml")
	stdout, errOut, code := runArgs(t, "calibrate", mm1, "--reps", "3", "--quiet", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*", calibratedFile))
	if len(files) != 1 || !strings.Contains(stdout, "services.S.effort_factor") {
		t.Fatalf("files %v, output:\n%s", files, stdout)
	}
	text, _ := os.ReadFile(files[0])
	if !strings.Contains(string(text), "on 2025-12-02") || !strings.Contains(string(text), "\nservices.S.effort_factor = 0.") {
		t.Errorf("calibrated.toml:\n%s", text)
	}
	sc, err := scenarios.Load(files[0])
	if err != nil {
		t.Fatalf("the calibrated scenario does not load: %v", err)
	}
	if sc.Name != "calibrate-mm1-calibrated" {
		t.Errorf("name %q", sc.Name)
	}
	// Twice the same, whatever the workers.
	out2 := t.TempDir()
	if _, errOut, code := runArgs(t, "calibrate", mm1, "--reps", "3", "--quiet", "--workers", "1", "--out", out2); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	files2, _ := filepath.Glob(filepath.Join(out2, "*", calibratedFile))
	text2, _ := os.ReadFile(files2[0])
	if string(text) != string(text2) {
		t.Error("calibrated.toml differs between 2 workers and 1")
	}
}

func TestCalibrateRefusesWhatItCannotDo(t *testing.T) {
	t.Parallel()
	// No targets: a usage error.
	if _, errOut, code := runArgs(t, "calibrate", "teaching", "--quiet", "--out", t.TempDir()); code != exitUsage || !strings.Contains(errOut, "no [[targets]]") {
		t.Errorf("no targets: exit %d, %q", code, errOut)
	}
	// Bounds that cannot reach the target: exit 1, saying why.
	dir := t.TempDir()
	abs, _ := filepath.Abs(filepath.Join("..", "..", "scenarios", "testdata", "calibrate-mm1.toml"))
	path := filepath.Join(dir, "far.toml")
	os.WriteFile(path, []byte("extends = \""+filepath.ToSlash(abs)+"\"\nname = \"far\"\n[[calibration.params]]\n"+
		"key = \"services.S.effort_factor\"\nmin = 0.2\nmax = 0.4\nreason = \"too small\"\n"), 0o644)
	_, errOut, code := runArgs(t, "calibrate", path, "--reps", "2", "--quiet", "--out", t.TempDir())
	if code != exitFailure || !strings.Contains(errOut, "not reachable: best") || !strings.Contains(errOut, "at its upper bound 0.4") {
		t.Errorf("unreachable: exit %d, %q", code, errOut)
	}
}

// TestCalibrationShardsMergeIntoTheLocalCalibration runs a calibration as
// two shards at the same time, sharing a folder, and merges them: the
// folder and the printed fit are byte-identical to the calibration on one
// machine.
func TestCalibrationShardsMergeIntoTheLocalCalibration(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764633600")
	dir := t.TempDir()
	mm1 := filepath.Join("..", "..", "scenarios", "testdata", "calibrate-mm1.toml")
	local := filepath.Join(dir, "local")
	localOut, errOut, code := runArgs(t, "calibrate", mm1, "--reps", "3", "--quiet", "--out", local)
	if code != exitOK {
		t.Fatalf("local: exit %d: %s", code, errOut)
	}
	shards := filepath.Join(dir, "shards")
	var wg sync.WaitGroup
	codes, errs := make([]int, 2), make([]string, 2)
	for k := range 2 {
		wg.Go(func() {
			_, errs[k], codes[k] = runArgs(t, "calibrate", mm1, "--reps", "3", "--quiet", "--workers", "1",
				"--shard", fmt.Sprintf("%d/2", k), "--out", shards)
		})
	}
	wg.Wait()
	for k := range 2 {
		if codes[k] != exitOK {
			t.Fatalf("shard %d/2: exit %d: %s", k, codes[k], errs[k])
		}
	}
	merged := filepath.Join(dir, "merged")
	mergedOut, errOut, code := runArgs(t, "merge", shards, "--out", merged, "--quiet")
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, errOut)
	}
	if d := sameTree(t, onlyFolder(t, local), onlyFolder(t, merged)); d != "" {
		t.Errorf("the merged calibration differs from the local one: %s", d)
	}
	if strings.ReplaceAll(mergedOut, merged, local) != localOut {
		t.Errorf("zsa merge printed\n%s\nzsa calibrate\n%s", mergedOut, localOut)
	}
	// --slurm and --shard together, and the merge of one shard, are refused.
	if _, errOut, code := runArgs(t, "calibrate", mm1, "--shard", "0/2", "--slurm", "2", "--out", shards); code != exitUsage || !strings.Contains(errOut, "does not take --shard") {
		t.Errorf("--shard with --slurm: exit %d: %s", code, errOut)
	}
	if _, errOut, code := runArgs(t, "merge", filepath.Join(shards, experiment.CalibrateShardDirName(0, 2)), "--out", filepath.Join(dir, "m")); code != exitUsage || !strings.Contains(errOut, "shards 1 of 2 are missing") {
		t.Errorf("merge of one shard of two: exit %d: %s", code, errOut)
	}
}
