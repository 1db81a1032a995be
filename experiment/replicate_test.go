package experiment

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
)

// The replication seeds are part of every result file: pinned for two
// scenario seeds (those of sachsen-anhalt and teaching; the second pair
// is in the replications.csv of zsa run teaching).
func TestReplicationSeedPinned(t *testing.T) {
	t.Parallel()
	cases := []struct {
		seed uint64
		want []uint64
	}{
		{20260101, []uint64{11619486836500655852, 6613869527414457532, 13197712595272541840}},
		{42, []uint64{10353418517091675086, 1400550466770715159, 4170840313745899684}},
	}
	for _, c := range cases {
		for r, want := range c.want {
			if got := ReplicationSeed(c.seed, r); got != want {
				t.Errorf("ReplicationSeed(%d, %d) = %d, want %d", c.seed, r, got, want)
			}
		}
	}
}

// load loads a bundled scenario with reps replications.
func load(t *testing.T, name string, reps int) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	sc.Replications = reps
	return sc
}

// summaryJSON returns the summary.json of c.
func summaryJSON(t *testing.T, c *results.Comparison) string {
	t.Helper()
	var b bytes.Buffer
	if err := results.WriteSummaryJSON(&b, c); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// One worker or two: the same comparison, byte for byte; the progress
// callback counts every run once.
func TestReplicateWhateverTheWorkers(t *testing.T) {
	t.Parallel()
	sc := load(t, "teaching", 2)
	var outs []string
	for _, w := range []int{1, 2} {
		calls, last := 0, 0
		cmp, err := Replicate(t.Context(), sc, Options{Workers: w, Progress: func(done, total int) {
			calls++
			if done != calls || total != 4 {
				t.Errorf("workers %d: progress(%d, %d) at call %d, want (%d, 4)", w, done, total, calls, calls)
			}
			last = done
		}})
		if err != nil {
			t.Fatal(err)
		}
		if last != 4 {
			t.Errorf("workers %d: progress ended at %d runs, want 4", w, last)
		}
		t.Cleanup(func() { cmp.Close() })
		if len(cmp.Arms) != len(sc.Arms) || cmp.Replications() != 2 || cmp.Arms[0].Name != "status quo" {
			t.Fatalf("workers %d: arms %+v, %d replications", w, cmp.Arms, cmp.Replications())
		}
		sum, err := results.Summarize(cmp)
		if err != nil {
			t.Fatal(err)
		}
		for r, seed := range sum.Seeds {
			if seed != ReplicationSeed(sc.Seed, r) {
				t.Errorf("replication %d ran with seed %d, want %d", r, seed, ReplicationSeed(sc.Seed, r))
			}
		}
		outs = append(outs, summaryJSON(t, cmp))
	}
	if outs[0] != outs[1] {
		t.Error("summary.json differs between 1 and 2 workers")
	}
}

// TestReplicateWritesWhatKeptResultsWrite: the comparison Replicate folds
// run by run writes the same files, byte for byte, as one that keeps
// every replication's results (Arm.Results) and is folded when written.
func TestReplicateWritesWhatKeptResultsWrite(t *testing.T) {
	t.Parallel()
	sc := load(t, "pilot-2025", 3)
	cmp, err := Replicate(t.Context(), sc, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer cmp.Close()
	runs, err := models.RunBatch(t.Context(), replicationJobs(sc, ShardPoints(sc.Replications, 0, 1)), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	kept := results.Comparison{Scenario: cmp.Scenario, Hash: cmp.Hash, Seed: cmp.Seed, Description: cmp.Description,
		ScenarioText: cmp.ScenarioText, Targets: cmp.Targets, Lang: cmp.Lang, Arms: slices.Clone(cmp.Arms)}
	for a := range kept.Arms {
		for rep := range sc.Replications {
			kept.Arms[a].Results = append(kept.Arms[a].Results, runs[rep*len(sc.Arms)+a])
		}
	}
	dirs := []string{t.TempDir(), t.TempDir()}
	for i, c := range []*results.Comparison{cmp, &kept} {
		if err := results.WriteAll(dirs[i], c); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(dirs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 20 {
		t.Fatalf("%d files written", len(entries))
	}
	for _, e := range entries {
		a, b := must(os.ReadFile(filepath.Join(dirs[0], e.Name()))), must(os.ReadFile(filepath.Join(dirs[1], e.Name())))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the folded comparison and the one that keeps its results", e.Name())
		}
	}
}

// TestReplicateKeepsTheReplicationsDone: interrupted after the first
// replication's runs, Replicate returns that replication, the same
// figures as a run of one replication.
func TestReplicateKeepsTheReplicationsDone(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	sc := load(t, "teaching", 3)
	cmp, err := Replicate(ctx, sc, Options{Workers: 1, Progress: func(done, _ int) {
		if done == len(sc.Arms) {
			cancel()
		}
	}})
	if cmp == nil || err == nil || err.Error() != "interrupted: kept 1 of 3 replications" {
		t.Fatalf("interrupted after one replication: %v", err)
	}
	defer cmp.Close()
	one, err := Replicate(t.Context(), load(t, "teaching", 1), Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	if summaryJSON(t, cmp) != summaryJSON(t, one) {
		t.Error("the replication kept differs from a run of one replication")
	}
}

func TestReplicateInterrupted(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cmp, err := Replicate(ctx, load(t, "teaching", 2), Options{Workers: 1})
	if cmp != nil || err == nil || err.Error() != "interrupted before any replication finished" {
		t.Errorf("cancelled before the start: %v, %v", cmp, err)
	}
}

// Sweep and Decompose say when they are asked for what they do not do.
func TestExperimentsRejectWhatTheyLack(t *testing.T) {
	t.Parallel()
	sa := load(t, "sachsen-anhalt", 2)
	if _, err := Sweep(t.Context(), sa, Options{}); err == nil || !strings.Contains(err.Error(), "declares no [sweep]") {
		t.Errorf("Sweep without [sweep]: %v", err)
	}
	if _, err := Decompose(t.Context(), sa, Options{}); err == nil || !strings.Contains(err.Error(), "declares no [decomposition]") {
		t.Errorf("Decompose without [decomposition]: %v", err)
	}
	// A point that adds an arm (Load rejects it in a file; here the
	// sweep is changed after loading).
	sc := load(t, "teaching", 2)
	sc.Sweep = append(sc.Sweep, scenarios.Param{Path: "arms.extra", Values: []any{map[string]any{"name": "extra",
		"zsa":      map[string]any{"clerks": map[string]any{"Hundehaltung": int64(1)}},
		"services": map[string]any{"Hundehaltung": map[string]any{"members": []any{"15085040"}, "steps": []any{"deregister"}}}}}})
	if _, err := Sweep(t.Context(), sc, Options{}); err == nil || !strings.Contains(err.Error(), "cannot add or remove arms") {
		t.Errorf("Sweep with a point that adds an arm: %v", err)
	}
	logs := Options{EventLog: &EventLogRequest{Dir: t.TempDir(), Format: "csv"}}
	if _, err := Sweep(t.Context(), load(t, "teaching", 2), logs); err == nil {
		t.Error("Sweep with an event log: no error")
	}
	if _, err := Decompose(t.Context(), load(t, "pilot-2025", 2), logs); err == nil {
		t.Error("Decompose with an event log: no error")
	}
}
