package experiment

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zsa/scenarios"
)

// TestRunShardInterrupted: a shard whose context is cancelled returns an
// error that says so (not success with replications missing) and leaves
// only whole replication files; run again, it completes the shard, and
// MergeRunShards then accepts it.
func TestRunShardInterrupted(t *testing.T) {
	t.Parallel()
	sc, err := scenarios.Load("teaching")
	if err != nil {
		t.Fatal(err)
	}
	sc.Replications = 3
	out := t.TempDir()
	h := ShardHeader{Scenario: sc.Name, Source: sc.Source, Hash: sc.Hash, Seed: sc.Seed, Replications: 3, Version: "test", Shard: 0, Of: 1}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done, all, err := RunShard(ctx, sc, out, h, Options{Workers: 1})
	if err == nil || !strings.Contains(err.Error(), "interrupted") || done != 0 || all != 3 {
		t.Errorf("cancelled: done %d of %d, error %v; want 0 of 3 and interrupted", done, all, err)
	}
	dir := filepath.Join(out, RunShardDirName(0, 1))
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != ShardHeaderFile {
			t.Errorf("a cancelled shard left %s", e.Name())
		}
	}
	if _, err := MergeRunShards([]string{out}); err == nil || !strings.Contains(err.Error(), "has 0 of its 3 replications") {
		t.Errorf("merge of an unfinished shard: %v", err)
	}
	if done, _, err := RunShard(context.Background(), sc, out, h, Options{Workers: 2}); err != nil || done != 3 {
		t.Fatalf("again: done %d, %v", done, err)
	}
	shards, err := MergeRunShards([]string{out})
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := shards.Merge(sc)
	if err != nil {
		t.Fatal(err)
	}
	defer cmp.Close()
	if n := cmp.Replications(); n != 3 {
		t.Errorf("merged %d replications, want 3", n)
	}
}
