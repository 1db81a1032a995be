package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
