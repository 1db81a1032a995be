package experiment

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
)

// A run (zsa run) can be split into shards as a sweep can, by replication:
// shard K of N runs the replications r with r mod N = K, every arm of
// each, from the replication's own seed (ReplicationSeed), so where a
// replication runs does not change it. A shard is a folder,
// RunShardDirName(K, N), holding the header (ShardHeaderFile: the
// ShardHeader of the work, Points 0) and a file per finished replication,
// rep-<r>.zsr: every arm's models.Result (MarshalBinary, exact), followed
// by the SHA-256 of what precedes it. A replication's file is written
// under a temporary name, synced and renamed, so a shard killed at any
// moment keeps its finished replications whole; run again, it checks the
// header and the checksums, and runs the replications still missing.
// MergeRunShards checks the shards and MergeRun folds their replications
// in order into the comparison a run on one machine makes, so the outputs
// are byte-identical.

// RunShardFormat names the run-shard format and its version.
const RunShardFormat = "zsa-run-shard/1"

// ShardHeaderFile is the name of the header in a run's or plan's shard
// folder.
const ShardHeaderFile = "shard.json"

// RunShardDirName is the name of shard k of n's folder.
func RunShardDirName(k, n int) string { return fmt.Sprintf("shard-%d-of-%d.zsarun", k, n) }

var repFile = regexp.MustCompile(`^rep-(\d{6})\.zsr$`)

func repFileName(r int) string { return fmt.Sprintf("rep-%06d.zsr", r) }

// RunShard runs the replications of shard h.Shard of h.Of of sc into its
// folder (RunShardDirName) in out, after those an earlier run of the shard finished there,
// and returns the number of replications the shard has now and the
// number it holds in all. A folder of other work is an error that names
// the difference. If ctx is cancelled, it starts no further run and
// returns with the replications finished so far kept.
func RunShard(ctx context.Context, sc *scenarios.Scenario, out string, h ShardHeader, opt Options) (done, all int, err error) {
	h.Format, h.Points = RunShardFormat, 0
	dir := filepath.Join(out, RunShardDirName(h.Shard, h.Of))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, err
	}
	if err := checkShardHeader(dir, h); err != nil {
		return 0, 0, err
	}
	reps := ShardPoints(sc.Replications, h.Shard, h.Of)
	var todo []int
	for _, r := range reps {
		if _, err := readRepFile(filepath.Join(dir, repFileName(r)), len(sc.Arms)); err != nil {
			todo = append(todo, r) // missing, or torn: run it (again)
		}
	}
	nArms := len(sc.Arms)
	jobs := replicationJobs(sc, todo)
	err = runReplications(ctx, jobs, nArms, opt.workers(), opt.progress(len(jobs)), func(i int, runs []*models.Result) error {
		return writeRepFile(filepath.Join(dir, repFileName(todo[i])), runs)
	})
	done = 0
	for _, r := range reps {
		if _, rerr := os.Stat(filepath.Join(dir, repFileName(r))); rerr == nil {
			done++
		}
	}
	if err == nil && done < len(reps) {
		err = fmt.Errorf("interrupted (%v)", context.Cause(ctx))
	}
	return done, len(reps), err
}

// runReplications runs jobs, the nArms runs of each replication in turn
// (replication i's are jobs[i·nArms : (i+1)·nArms]), on workers, and
// calls done with each replication whose runs all finished, in order,
// from one goroutine at a time; progress, if not nil, counts the runs
// finished. The first error of the runs or of done is returned; after an
// error of done it is not called again.
func runReplications(ctx context.Context, jobs []models.Job, nArms, workers int, progress func(int), done func(i int, runs []*models.Result) error) error {
	finished := 0
	var runs []*models.Result // the runs of the replication being collected
	var doneErr error
	err := models.RunInOrder(ctx, jobs, workers, func(i int, r *models.Result) {
		if finished++; progress != nil {
			progress(finished)
		}
		if i%nArms == 0 {
			runs = runs[:0]
		}
		if len(runs) != i%nArms || doneErr != nil {
			return // a run before it did not finish
		}
		runs = append(runs, r)
		if len(runs) == nArms {
			doneErr = done(i/nArms, runs)
		}
	})
	return cmp.Or(err, doneErr)
}

// checkShardHeader writes h into dir, or checks that the header there
// is of the same work and shard.
func checkShardHeader(dir string, h ShardHeader) error {
	name := filepath.Join(dir, ShardHeaderFile)
	b, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		b, err := json.MarshalIndent(h, "", "  ")
		if err != nil {
			return err
		}
		return results.WriteFileAtomic(name, func(w io.Writer) error {
			_, err := w.Write(append(b, '\n'))
			return err
		})
	}
	if err != nil {
		return err
	}
	var old ShardHeader
	if err := json.Unmarshal(b, &old); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if d := h.sameWork(old); d != "" || old.Shard != h.Shard {
		if d == "" {
			d = fmt.Sprintf("shard %d, not %d", old.Shard, h.Shard)
		}
		return fmt.Errorf("%s holds other work: %s; use another --out folder", dir, d)
	}
	return nil
}

// writeRepFile writes the runs of a replication, every arm's, and their
// checksum, whole: under a temporary name, synced, then renamed.
func writeRepFile(name string, runs []*models.Result) error {
	payload, err := appendRuns(nil, runs)
	if err != nil {
		return err
	}
	return writeChecksummed(name, payload)
}

// appendRuns appends the runs' exact encoding to b: for each, its size in
// decimal, a newline and its MarshalBinary.
func appendRuns(b []byte, runs []*models.Result) ([]byte, error) {
	for _, r := range runs {
		enc, err := r.MarshalBinary()
		if err != nil {
			return nil, err
		}
		b = strconv.AppendInt(b, int64(len(enc)), 10)
		b = append(append(b, '\n'), enc...)
	}
	return b, nil
}

// writeChecksummed writes payload and its SHA-256 to the file name, whole:
// under a temporary name, synced, then renamed.
func writeChecksummed(name string, payload []byte) error {
	sum := sha256.Sum256(payload)
	return results.WriteFileAtomic(name, func(w io.Writer) error {
		if _, err := w.Write(payload); err != nil {
			return err
		}
		_, err := w.Write(sum[:])
		return err
	})
}

// readChecksummed reads what writeChecksummed wrote, checking the sum.
func readChecksummed(name string) ([]byte, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if len(b) < sha256.Size {
		return nil, fmt.Errorf("%s: torn (%d bytes)", name, len(b))
	}
	payload, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if want := sha256.Sum256(payload); !bytes.Equal(want[:], sum) {
		return nil, fmt.Errorf("%s: checksum does not hold", name)
	}
	return payload, nil
}

// readRepFile reads a replication's runs, nArms of them, checking the
// checksum.
func readRepFile(name string, nArms int) ([]*models.Result, error) {
	payload, err := readChecksummed(name)
	if err != nil {
		return nil, err
	}
	return decodeRuns(name, payload, nArms)
}

// decodeRuns decodes what appendRuns encoded, nArms runs, from the file
// name.
func decodeRuns(name string, payload []byte, nArms int) ([]*models.Result, error) {
	var runs []*models.Result
	for len(payload) > 0 {
		size, rest, ok := bytes.Cut(payload, []byte("\n"))
		n, err := strconv.Atoi(string(size))
		if !ok || err != nil || n < 0 || n > len(rest) {
			return nil, fmt.Errorf("%s: not a replication's runs", name)
		}
		r := new(models.Result)
		if err := r.UnmarshalBinary(rest[:n]); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		runs, payload = append(runs, r), rest[n:]
	}
	if len(runs) != nArms {
		return nil, fmt.Errorf("%s: %d runs, not one per arm (%d)", name, len(runs), nArms)
	}
	return runs, nil
}

// IsRunShard reports whether path is a run shard's folder or a folder
// holding run shards.
func IsRunShard(path string) bool { return isShardFolder(path, "zsarun", RunShardFormat) }

// RunShards is a checked set of run shards: their common header and the
// file of every replication, in order.
type RunShards struct {
	Header ShardHeader
	files  []string
}

// MergeRunShards reads the run shards named (their folders, or folders
// holding them) and checks them: the same work (scenario, seed,
// replications, program version, number of shards), each shard once,
// every shard finished. It refuses anything else with an error naming
// the folders. Each replication's file is checked when Merge reads it.
func MergeRunShards(names []string) (*RunShards, error) {
	folders, err := readShardFolders(names, "zsarun", RunShardFormat)
	if err != nil {
		return nil, err
	}
	h := folders[0].h
	files := make([]string, h.Replications)
	for _, f := range folders {
		got, err := f.units(repFile, h.Replications, "replication")
		if err != nil {
			return nil, err
		}
		for r, name := range got {
			files[r] = name
		}
	}
	return &RunShards{Header: h, files: files}, nil
}

// Merge folds the shards' replications, in order, into the comparison a
// run of sc on one machine returns (Replicate); sc must be the shards'
// scenario with their seed and replications. Call its Close when done.
func (s *RunShards) Merge(sc *scenarios.Scenario) (*results.Comparison, error) {
	cmp := newComparison(sc)
	for _, name := range s.files {
		runs, err := readRepFile(name, len(sc.Arms))
		if err == nil {
			for _, r := range runs {
				if err = cmp.Add(r); err != nil {
					break
				}
			}
		}
		if err != nil {
			cmp.Close()
			return nil, err
		}
	}
	return cmp, nil
}
