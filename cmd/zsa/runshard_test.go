package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zsa/experiment"
)

// TestRunShardsMergeIntoTheLocalRun: the replications of a run split over
// 1, 2 and 3 shards (with 1 or 2 workers each), merged, give exactly the
// files of the run on one machine: teaching, and pilot-2025, whose merge
// also runs its [decomposition] for the report.
func TestRunShardsMergeIntoTheLocalRun(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		reps   string
		shards []int
	}{{"teaching", "5", []int{1, 2, 3}}, {"pilot-2025", "3", []int{2}}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			local := filepath.Join(dir, "local")
			if _, errOut, code := runArgs(t, "run", c.name, "--reps", c.reps, "--quiet", "--out", local); code != exitOK {
				t.Fatalf("local: exit %d: %s", code, errOut)
			}
			for _, n := range c.shards {
				shards := filepath.Join(dir, fmt.Sprintf("shards-%d", n))
				for k := range n {
					if _, errOut, code := runArgs(t, "run", c.name, "--reps", c.reps, "--quiet", "--workers", fmt.Sprint(1+k%2),
						"--shard", fmt.Sprintf("%d/%d", k, n), "--out", shards); code != exitOK {
						t.Fatalf("shard %d/%d: exit %d: %s", k, n, code, errOut)
					}
				}
				merged := filepath.Join(dir, fmt.Sprintf("merged-%d", n))
				if _, errOut, code := runArgs(t, "merge", shards, "--quiet", "--out", merged); code != exitOK {
					t.Fatalf("merge of %d: exit %d: %s", n, code, errOut)
				}
				if d := sameTree(t, onlyFolder(t, local), onlyFolder(t, merged)); d != "" {
					t.Errorf("%d shards merged differ from the local run: %s", n, d)
				}
			}
		})
	}
}

// TestRunShardResumesAndMergeRefuses: a replication's file that is torn
// or damaged (a kill while writing, a bad disk) is run again when the
// shard is started again, to the same bytes; a shard folder of other
// work is not written into; merge refuses unfinished, missing, doubled
// and mismatched shards, naming them.
func TestRunShardResumesAndMergeRefuses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	shard := func(out string, flags ...string) string {
		args := append([]string{"run", "teaching", "--reps", "4", "--quiet", "--out", filepath.Join(dir, out)}, flags...)
		if _, errOut, code := runArgs(t, args...); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		return filepath.Join(dir, out)
	}
	a0 := shard("a", "--shard", "0/2")
	a1 := shard("a", "--shard", "1/2")
	rep := filepath.Join(a0, experiment.RunShardDirName(0, 2), "rep-000002.zsr")
	whole, err := os.ReadFile(rep)
	if err != nil {
		t.Fatal(err)
	}
	// Damaged: one byte flipped; then torn: cut in half.
	for _, broken := range [][]byte{append(append([]byte{}, whole[:100]...), append([]byte{whole[100] ^ 1}, whole[101:]...)...), whole[:len(whole)/2]} {
		if err := os.WriteFile(rep, broken, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, errOut, code := runArgs(t, "merge", a0, "--out", filepath.Join(dir, "m")); code != exitUsage || !strings.Contains(errOut, "rep-000002.zsr") {
			t.Errorf("merge with a broken replication: exit %d: %s", code, errOut)
		}
		shard("a", "--shard", "0/2")
		if got, _ := os.ReadFile(rep); string(got) != string(whole) {
			t.Error("the replication run again differs from the first")
		}
	}
	seed := shard("seed", "--shard", "1/2", "--seed", "7")
	three := shard("three", "--shard", "1/3")
	os.Remove(filepath.Join(shard("unfinished", "--shard", "1/2"), experiment.RunShardDirName(1, 2), "rep-000003.zsr"))
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"a missing shard", []string{filepath.Join(a0, experiment.RunShardDirName(0, 2))}, "shards 1 of 2 are missing"},
		{"a shard twice", []string{a1, filepath.Join(a1, experiment.RunShardDirName(1, 2))}, "given twice"},
		{"another seed", []string{filepath.Join(a0, experiment.RunShardDirName(0, 2)), seed}, "seed 7, not 42"},
		{"another number of shards", []string{filepath.Join(a0, experiment.RunShardDirName(0, 2)), three}, "one of 3 shards, not of 2"},
		{"an unfinished shard", []string{filepath.Join(a0, experiment.RunShardDirName(0, 2)), filepath.Join(dir, "unfinished")}, "has 1 of its 2 replications"},
		{"a run and a sweep", []string{a0, "testdata"}, ""},
	} {
		_, errOut, code := runArgs(t, append([]string{"merge", "--out", filepath.Join(dir, "m")}, c.args...)...)
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%s: exit %d, want 2 and %q: %s", c.name, code, c.want, errOut)
		}
	}
	// A shard folder of one run is not written into by another.
	_, errOut, code := runArgs(t, "run", "teaching", "--reps", "3", "--quiet", "--shard", "0/2", "--out", a0)
	if code != exitUsage || !strings.Contains(errOut, "holds other work: 4 replications, not 3") {
		t.Errorf("a shard into another run's folder: exit %d: %s", code, errOut)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "m", "*")); len(m) > 0 {
		t.Errorf("a refused merge wrote %v", m)
	}
}

// TestPlanShardsMergeIntoTheLocalPlan: a plan over three candidate sets
// of joining offices, in two shards, merged, gives exactly the folder of
// the plan on one machine (each set's files and join.csv). The scenario
// is named by a relative path, which the merge loads again by its
// absolute one: the scenario's hash must not depend on the path.
func TestPlanShardsMergeIntoTheLocalPlan(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	abs, _ := filepath.Abs(filepath.Join("..", "..", "scenarios", "testdata", "plan-mmc.toml"))
	path := filepath.Join(dir, "join.toml")
	os.WriteFile(path, []byte("extends = \""+filepath.ToSlash(abs)+"\"\nname = \"join\"\nreplications = 4\n"+
		"[plan]\nreplications = 4\n"+
		"[[plan.join]]\nname = \"North and East\"\nmembers = { S = [\"N\", \"E\"] }\n"+
		"[[plan.join]]\nname = \"all four\"\nmembers = { S = [\"all\"] }\n"+
		"[[plan.join]]\nname = \"North\"\nmembers = { S = [\"N\"] }\n"), 0o644)
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, path)
	if err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(dir, "local")
	if _, errOut, code := runArgs(t, "plan", rel, "--quiet", "--out", local); code != exitOK {
		t.Fatalf("local: exit %d: %s", code, errOut)
	}
	shards := filepath.Join(dir, "shards")
	for k := range 2 {
		if _, errOut, code := runArgs(t, "plan", rel, "--quiet", "--shard", fmt.Sprintf("%d/2", k), "--out", shards); code != exitOK {
			t.Fatalf("shard %d/2: exit %d: %s", k, code, errOut)
		}
	}
	merged := filepath.Join(dir, "merged")
	if _, errOut, code := runArgs(t, "merge", shards, "--out", merged); code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, errOut)
	}
	if d := sameTree(t, onlyFolder(t, local), onlyFolder(t, merged)); d != "" {
		t.Errorf("the merged plan differs from the local one: %s", d)
	}
	// Without one shard the merge is refused.
	if _, errOut, code := runArgs(t, "merge", filepath.Join(shards, experiment.PlanShardDirName(0, 2)), "--out", filepath.Join(dir, "m")); code != exitUsage || !strings.Contains(errOut, "shards 1 of 2 are missing") {
		t.Errorf("merge of one shard of two: exit %d: %s", code, errOut)
	}
}
