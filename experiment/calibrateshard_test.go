package experiment

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"zsa/scenarios"
)

// calibrateShards runs the n shards of sc's calibration at the same time
// into dir and returns their fits. If kill is 1 to n, shard kill−1 is
// cancelled after its fourth setting and started again at once (while
// the others wait for its runs); interrupted is its error then.
func calibrateShards(t *testing.T, sc *scenarios.Scenario, dir string, n, kill int) (fits []*Fit, errs []error, interrupted error) {
	t.Helper()
	fits, errs = make([]*Fit, n), make([]error, n)
	var wg sync.WaitGroup
	for k := range n {
		h := ShardHeader{Scenario: sc.Name, Source: sc.Source, Hash: sc.Hash, Seed: sc.Seed, Replications: sc.Replications, Version: "test", Shard: k, Of: n}
		wg.Go(func() {
			for attempt := 0; ; attempt++ {
				sh, err := NewCalibrationShard(dir, h)
				if err != nil {
					errs[k] = err
					return
				}
				ctx, stop := context.WithCancel(context.Background())
				opt := CalibrateOptions{Options: Options{Workers: 1}, Shard: sh}
				if k == kill-1 && attempt == 0 {
					opt.OnEvaluation = func(e Evaluation) {
						if e.N == 4 {
							stop()
						}
					}
				}
				fits[k], errs[k] = Calibrate(ctx, sc, opt)
				stop()
				if k != kill-1 || attempt > 0 {
					return
				}
				interrupted = errs[k]
				if _, err := os.Stat(filepath.Join(dir, CalibrateShardDirName(k, n), CalibrateDoneFile)); err == nil {
					interrupted = errors.New("an interrupted shard says it has finished")
				}
			}
		})
	}
	wg.Wait()
	return fits, errs, interrupted
}

// sameFit reports how fits a and b differ in what zsa calibrate writes,
// or "" if they do not.
func sameFit(a, b *Fit) string {
	switch {
	case !reflect.DeepEqual(a.Values, b.Values):
		return "values"
	case a.Objective != b.Objective || a.Evaluations != b.Evaluations:
		return "objective or settings tried"
	case !reflect.DeepEqual(a.Checks, b.Checks):
		return "checks"
	case !reflect.DeepEqual(a.FitSeeds, b.FitSeeds) || !reflect.DeepEqual(a.CheckSeeds, b.CheckSeeds):
		return "seeds"
	}
	return ""
}

// TestCalibrationShardsFindTheLocalFit runs a calibration as 3 shards at
// the same time, one of them killed after its fourth setting and started
// again, and replays it from the shards' files: every shard and the
// replay find exactly the fit of the calibration on one machine.
func TestCalibrationShardsFindTheLocalFit(t *testing.T) {
	t.Parallel()
	sc, err := scenarios.Load("../scenarios/testdata/calibrate-mm1.toml")
	if err != nil {
		t.Fatal(err)
	}
	local, err := Calibrate(context.Background(), sc, CalibrateOptions{Options: Options{Workers: 2}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	fits, errs, interrupted := calibrateShards(t, sc, dir, 3, 2)
	if interrupted == nil || !strings.Contains(interrupted.Error(), "interrupted") {
		t.Errorf("shard 1 cancelled after its fourth setting: %v", interrupted)
	}
	for k, err := range errs {
		if err != nil {
			t.Fatalf("shard %d: %v", k, err)
		}
	}
	for k, fit := range fits {
		if d := sameFit(fit, local); d != "" {
			t.Errorf("shard %d of 3 found another fit (%s): %v, not %v", k, d, fit.Values, local.Values)
		}
	}
	replay, err := MergeCalibrateShards([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	merged, err := Calibrate(context.Background(), sc, CalibrateOptions{Options: Options{Workers: 2}, Shard: replay})
	if err != nil {
		t.Fatal(err)
	}
	if d := sameFit(merged, local); d != "" {
		t.Errorf("the replay of the shards found another fit (%s): %v, not %v", d, merged.Values, local.Values)
	}
}

// TestCalibrationShardWaitsForTheOthers checks that a shard alone gives
// up after its wait, saying that the shards must run at the same time.
func TestCalibrationShardWaitsForTheOthers(t *testing.T) {
	t.Parallel()
	sc, err := scenarios.Load("../scenarios/testdata/calibrate-mm1.toml")
	if err != nil {
		t.Fatal(err)
	}
	h := ShardHeader{Scenario: sc.Name, Source: sc.Source, Hash: sc.Hash, Seed: sc.Seed, Replications: sc.Replications, Version: "test", Shard: 0, Of: 2}
	dir := t.TempDir()
	sh, err := NewCalibrationShard(dir, h)
	if err != nil {
		t.Fatal(err)
	}
	sh.Wait = 300 * time.Millisecond
	_, err = Calibrate(context.Background(), sc, CalibrateOptions{Options: Options{Workers: 1}, Shard: sh})
	if err == nil || !strings.Contains(err.Error(), "must run at the same time") {
		t.Fatalf("a shard without the other: %v", err)
	}
	// Neither a missing shard nor one whose search has not ended merges.
	if _, err := MergeCalibrateShards([]string{dir}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("merge without shard 1: %v", err)
	}
	h.Shard = 1
	if _, err := NewCalibrationShard(dir, h); err != nil {
		t.Fatal(err)
	}
	if _, err := MergeCalibrateShards([]string{dir}); err == nil || !strings.Contains(err.Error(), "not finished") {
		t.Errorf("merge of shards that have not finished: %v", err)
	}
}
