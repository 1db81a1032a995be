package experiment

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
)

// A calibration (zsa calibrate) can run on many machines at once that
// share a folder, each a shard. Its search is sequential — each setting
// tried depends on the objective of the ones before — but each setting's
// replications are independent, so the shards divide them: every shard
// runs the same search, and for each setting it runs the replications r
// with r mod N = K (K its number, N the shards), writes their runs into
// its folder, then reads the other shards' runs of that setting, waiting
// for them, and computes the objective from all of them. All shards
// compute the same objectives from the same runs, so they take the same
// path through the search, and the fit is the one a calibration on one
// machine finds.
//
// A shard is a folder, CalibrateShardDirName(K, N), holding the header
// (ShardHeaderFile: the ShardHeader of the work, Points 0), a file per
// setting and replication, set-<s>-rep-<r>.zsr — the setting's parameter
// values (their bits), every arm's models.Result (MarshalBinary, exact),
// and the SHA-256 of what precedes it, written under a temporary name and
// renamed — and, once its search has ended, the fit (CalibrateDoneFile).
// A shard killed and started again goes down the same path, reading its
// own finished runs instead of running them again. MergeCalibrateShards
// checks the shards, and replaying the search from their files (no run
// is made) gives the fit, which zsa merge writes as zsa calibrate does.
//
// The shards must run at the same time (a Slurm job of N tasks, not an
// array whose tasks may wait for each other's end), and every setting's
// files stay on disk: about the size of the runs' results per setting
// (some 3 MB per arm and replication for the state year).

// CalibrateShardFormat names the calibration-shard format and its
// version.
const CalibrateShardFormat = "zsa-calibrate-shard/1"

// CalibrateDoneFile is the file a calibration shard writes when its
// search has ended: the fitted values, one per line, as Go formats them
// shortest, then the objective.
const CalibrateDoneFile = "done.txt"

// CalibrateShardDirName is the name of shard k of n's folder.
func CalibrateShardDirName(k, n int) string { return fmt.Sprintf("shard-%d-of-%d.zsacal", k, n) }

// DefaultShardWait is how long a calibration shard waits, by default,
// for another shard's runs of a setting before it gives up.
const DefaultShardWait = time.Hour

// CalibrationShard makes Calibrate a shard of a calibration run by
// several machines sharing a folder, or the replay of one from its
// shards' files.
type CalibrationShard struct {
	// Header is the work and this shard (Shard of Of); dirs are the
	// shards' folders, by number.
	Header ShardHeader
	dirs   []string
	// Wait is how long to wait for another shard's runs of a setting (at
	// most; DefaultShardWait if 0).
	Wait time.Duration
	// replay: run nothing, read every setting's runs (zsa merge).
	replay bool
}

// NewCalibrationShard returns shard h.Shard of h.Of of a calibration whose
// shards' folders are in dir, and makes its folder there (or checks that
// the folder there is of the same work).
func NewCalibrationShard(dir string, h ShardHeader) (*CalibrationShard, error) {
	h.Format, h.Points = CalibrateShardFormat, 0
	s := &CalibrationShard{Header: h}
	for k := range h.Of {
		s.dirs = append(s.dirs, filepath.Join(dir, CalibrateShardDirName(k, h.Of)))
	}
	own := s.dirs[h.Shard]
	if err := os.MkdirAll(own, 0o755); err != nil {
		return nil, err
	}
	if err := checkShardHeader(own, h); err != nil {
		return nil, err
	}
	// The fit of an earlier search is written again when this one ends.
	if err := os.Remove(filepath.Join(own, CalibrateDoneFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return s, nil
}

// IsCalibrateShard reports whether path is a calibration shard's folder
// or a folder holding calibration shards.
func IsCalibrateShard(path string) bool { return isShardFolder(path, "zsacal", CalibrateShardFormat) }

// MergeCalibrateShards reads the calibration shards named (their folders,
// or folders holding them) and checks them: the same work, each shard
// once, every shard's search ended. It returns the replay of their
// calibration for CalibrateOptions.Shard, and refuses anything else with
// an error naming the folders.
func MergeCalibrateShards(names []string) (*CalibrationShard, error) {
	folders, err := readShardFolders(names, "zsacal", CalibrateShardFormat)
	if err != nil {
		return nil, err
	}
	h := folders[0].h
	s := &CalibrationShard{Header: h, dirs: make([]string, h.Of), replay: true}
	for _, f := range folders {
		if _, err := os.Stat(filepath.Join(f.dir, CalibrateDoneFile)); err != nil {
			return nil, fmt.Errorf("%s: shard %d of %d has not finished its search (run it again to complete it)", f.dir, f.h.Shard, f.h.Of)
		}
		s.dirs[f.h.Shard] = f.dir
	}
	return s, nil
}

// settingFileName is the name of the file of replication r of setting n
// (from 0, in the order the search tries them).
func settingFileName(n, r int) string { return fmt.Sprintf("set-%06d-rep-%06d.zsr", n, r) }

// runs returns the runs of setting n (parameter values vals, scenario s)
// on seeds, every arm of arms for each seed in turn: this shard's
// replications run (or read, if an earlier run of the shard finished
// them), the others' read from their folders as they appear.
func (sh *CalibrationShard) runs(ctx context.Context, n int, vals []float64, s *scenarios.Scenario, arms []int, seeds []uint64, workers int) ([]*models.Result, error) {
	h := sh.Header
	out := make([]*models.Result, len(seeds)*len(arms))
	read := func(r int) (bool, error) {
		name := filepath.Join(sh.dirs[r%h.Of], settingFileName(n, r))
		runs, err := readSettingFile(name, vals, seeds[r], len(arms))
		if errors.Is(err, os.ErrNotExist) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		copy(out[r*len(arms):], runs)
		return true, nil
	}
	if !sh.replay {
		var todo []int
		for _, r := range ShardPoints(len(seeds), h.Shard, h.Of) {
			// A file of this shard that does not read back whole (torn,
			// damaged) is run again.
			if ok, err := read(r); !ok || err != nil {
				todo = append(todo, r)
			}
		}
		var jobs []models.Job
		for _, r := range todo {
			for _, a := range arms {
				jobs = append(jobs, models.Job{Model: s.Model, Org: s.Arms[a], Seed: seeds[r]})
			}
		}
		err := runReplications(ctx, jobs, len(arms), workers, nil, func(i int, runs []*models.Result) error {
			r := todo[i]
			copy(out[r*len(arms):], runs)
			return writeSettingFile(filepath.Join(sh.dirs[h.Shard], settingFileName(n, r)), vals, runs)
		})
		if err = cmp.Or(err, ctx.Err()); err != nil {
			return nil, err
		}
	}
	wait := cmp.Or(sh.Wait, DefaultShardWait)
	for r := range seeds {
		if out[r*len(arms)] != nil {
			continue
		}
		deadline := time.Now().Add(wait)
		for pause := 50 * time.Millisecond; ; pause = min(2*pause, 2*time.Second) {
			ok, err := read(r)
			if err != nil {
				return nil, err
			}
			if ok {
				break
			}
			if sh.replay {
				return nil, fmt.Errorf("%s: shard %d has no runs of setting %d, replication %d: its search went another way (shards of different programs?)",
					sh.dirs[r%h.Of], r%h.Of, n+1, r+1)
			}
			if time.Now().After(deadline) {
				return nil, fmt.Errorf("waited %v for shard %d of %d to run replication %d of setting %d: the shards of a calibration must run at the same time (%s)",
					wait, r%h.Of, h.Of, r+1, n+1, sh.dirs[r%h.Of])
			}
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(pause):
			}
		}
	}
	return out, nil
}

// writeSettingFile writes the runs of a replication of the setting with
// parameter values vals, and their checksum, whole.
func writeSettingFile(name string, vals []float64, runs []*models.Result) error {
	payload := []byte("setting")
	for _, v := range vals {
		payload = append(payload, ' ')
		payload = strconv.AppendUint(payload, math.Float64bits(v), 16)
	}
	payload, err := appendRuns(append(payload, '\n'), runs)
	if err != nil {
		return err
	}
	return writeChecksummed(name, payload)
}

// readSettingFile reads what writeSettingFile wrote, and checks that it
// holds the setting vals and nArms runs of seed.
func readSettingFile(name string, vals []float64, seed uint64, nArms int) ([]*models.Result, error) {
	payload, err := readChecksummed(name)
	if err != nil {
		return nil, err
	}
	line, rest, _ := bytes.Cut(payload, []byte("\n"))
	fields := strings.Fields(string(line))
	if len(fields) != len(vals)+1 || fields[0] != "setting" {
		return nil, fmt.Errorf("%s: not the runs of a calibration setting", name)
	}
	for i, v := range vals {
		if bits, err := strconv.ParseUint(fields[i+1], 16, 64); err != nil || bits != math.Float64bits(v) {
			return nil, fmt.Errorf("%s: the runs of another setting: the shards' searches went different ways", name)
		}
	}
	runs, err := decodeRuns(name, rest, nArms)
	if err != nil {
		return nil, err
	}
	for _, r := range runs {
		if r.Seed != seed {
			return nil, fmt.Errorf("%s: a run of seed %d, not %d", name, r.Seed, seed)
		}
	}
	return runs, nil
}

// finish writes the fit's values and objective into the shard's folder
// (CalibrateDoneFile): the shard's search has ended.
func (sh *CalibrationShard) finish(fit *Fit) error {
	return results.WriteFileAtomic(filepath.Join(sh.dirs[sh.Header.Shard], CalibrateDoneFile), func(w io.Writer) error {
		var b []byte
		for _, v := range fit.Values {
			b = append(strconv.AppendFloat(b, v, 'g', -1, 64), '\n')
		}
		b = append(strconv.AppendFloat(b, fit.Objective, 'g', -1, 64), '\n')
		_, err := w.Write(b)
		return err
	})
}
