package experiment

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"zsa/results"
)

// A plan over candidate sets of joining offices ([[plan.join]], e.g. one
// set per district) can be split into shards by set: shard K of N plans
// the sets j with j mod N = K, each from the scenario's own seeds, so
// where a set is planned does not change it. A shard is a folder,
// PlanShardDirName(K, N), holding the header (ShardHeaderFile: the
// ShardHeader of the work, Points the number of sets) and, per planned
// set, the folder zsa plan writes for it and set-<j>.plan, the set's plan
// (encoding/gob) and its SHA-256, written last: a set counts as done only
// when both are whole. MergePlanShards checks the shards and returns the
// plans and folders from which zsa merge writes the folder a plan on one
// machine writes.

// PlanShardFormat names the plan-shard format and its version.
const PlanShardFormat = "zsa-plan-shard/1"

// PlanShardDirName is the name of shard k of n's folder.
func PlanShardDirName(k, n int) string { return fmt.Sprintf("shard-%d-of-%d.zsaplan", k, n) }

var planFile = regexp.MustCompile(`^set-(\d{6})\.plan$`)

func planFileName(j int) string { return fmt.Sprintf("set-%06d.plan", j) }

// PlanSetFolder is the name of set j's folder, as zsa plan names it.
func PlanSetFolder(j int, name string) string { return fmt.Sprintf("%d-%s", j+1, results.Slug(name)) }

// PlanShard is an open plan shard: its folder and the sets it has done.
type PlanShard struct {
	Dir  string
	Done map[int]bool
}

// OpenPlanShard opens shard h.Shard of h.Of's folder in out: a new one
// with h's header, or the folder of an earlier run of the same shard,
// whose whole sets it lists in Done. A folder of other work is an error
// that names the difference.
func OpenPlanShard(out string, h ShardHeader) (*PlanShard, error) {
	h.Format = PlanShardFormat
	dir := filepath.Join(out, PlanShardDirName(h.Shard, h.Of))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := checkShardHeader(dir, h); err != nil {
		return nil, err
	}
	ps := &PlanShard{Dir: dir, Done: map[int]bool{}}
	for _, j := range ShardPoints(h.Points, h.Shard, h.Of) {
		if p, err := readPlanFile(filepath.Join(dir, planFileName(j))); err == nil {
			if st, err := os.Stat(filepath.Join(dir, PlanSetFolder(j, p.Join))); err == nil && st.IsDir() {
				ps.Done[j] = true
			}
		}
	}
	return ps, nil
}

// Save records set j's plan: write writes the set's folder into the path
// it is given (a temporary folder, renamed into place when complete),
// then the plan file is written.
func (ps *PlanShard) Save(j int, plan *results.StaffPlan, write func(dir string) error) error {
	final := filepath.Join(ps.Dir, PlanSetFolder(j, plan.Join))
	tmp := final + ".partial"
	os.RemoveAll(tmp)
	os.RemoveAll(final) // an earlier, unfinished attempt
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return err
	}
	if err := write(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(plan); err != nil {
		return err
	}
	return writeChecksummed(filepath.Join(ps.Dir, planFileName(j)), buf.Bytes())
}

func readPlanFile(name string) (*results.StaffPlan, error) {
	payload, err := readChecksummed(name)
	if err != nil {
		return nil, err
	}
	p := new(results.StaffPlan)
	if err := gob.NewDecoder(bytes.NewReader(payload)).Decode(p); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

// IsPlanShard reports whether path is a plan shard's folder or a folder
// holding plan shards.
func IsPlanShard(path string) bool { return isShardFolder(path, "zsaplan", PlanShardFormat) }

// MergePlanShards reads the plan shards named (their folders, or folders
// holding them) and checks them as MergeRunShards does runs, and every
// set's plan and folder. It returns their header, and for every set in
// order its plan and its folder.
func MergePlanShards(names []string) (ShardHeader, []*results.StaffPlan, []string, error) {
	folders, err := readShardFolders(names, "zsaplan", PlanShardFormat)
	if err != nil {
		return ShardHeader{}, nil, nil, err
	}
	h := folders[0].h
	plans, dirs := make([]*results.StaffPlan, h.Points), make([]string, h.Points)
	for _, f := range folders {
		got, err := f.units(planFile, h.Points, "set")
		if err != nil {
			return ShardHeader{}, nil, nil, err
		}
		for j, name := range got {
			p, err := readPlanFile(name)
			if err != nil {
				return ShardHeader{}, nil, nil, err
			}
			dir := filepath.Join(f.dir, PlanSetFolder(j, p.Join))
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return ShardHeader{}, nil, nil, fmt.Errorf("%s: set %d's folder %s is missing", f.dir, j+1, filepath.Base(dir))
			}
			plans[j], dirs[j] = p, dir
		}
	}
	return h, plans, dirs, nil
}
