package experiment

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"zsa/results"
)

// A plan over candidate sets of joining offices ([[plan.join]], e.g. one
// set per district) can be split into shards by set: shard K of N plans
// the sets j with j mod N = K, each from the scenario's own seeds, so
// where a set is planned does not change it. A shard is a folder,
// PlanShardDirName(K, N), holding the header (RunShardHeaderFile: the
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
	if err := checkRunShardHeader(dir, h); err != nil {
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
func IsPlanShard(path string) bool {
	if b, err := os.ReadFile(filepath.Join(path, RunShardHeaderFile)); err == nil {
		var h ShardHeader
		return json.Unmarshal(b, &h) == nil && h.Format == PlanShardFormat
	}
	m, _ := filepath.Glob(filepath.Join(path, "shard-*-of-*.zsaplan"))
	return len(m) > 0
}

// MergePlanShards reads the plan shards named (their folders, or folders
// holding them) and checks them as MergeRunShards does runs. It returns
// their header, and for every set in order its plan and its folder.
func MergePlanShards(names []string) (ShardHeader, []*results.StaffPlan, []string, error) {
	var dirs []string
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(n, RunShardHeaderFile)); err == nil {
			dirs = append(dirs, n)
			continue
		}
		m, err := filepath.Glob(filepath.Join(n, "shard-*-of-*.zsaplan"))
		if err != nil {
			return ShardHeader{}, nil, nil, err
		}
		if len(m) == 0 {
			return ShardHeader{}, nil, nil, fmt.Errorf("%s: no plan shards (shard-K-of-N.zsaplan)", n)
		}
		dirs = append(dirs, m...)
	}
	var first ShardHeader
	firstDir := ""
	byShard := map[int]string{}
	var plans []*results.StaffPlan
	var folders []string
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, RunShardHeaderFile))
		if err != nil {
			return ShardHeader{}, nil, nil, err
		}
		var h ShardHeader
		if err := json.Unmarshal(b, &h); err != nil || h.Format != PlanShardFormat {
			return ShardHeader{}, nil, nil, fmt.Errorf("%s: not a plan shard's header (%v)", dir, err)
		}
		if firstDir == "" {
			first, firstDir = h, dir
			plans, folders = make([]*results.StaffPlan, h.Points), make([]string, h.Points)
		} else if d := first.sameWork(h); d != "" {
			return ShardHeader{}, nil, nil, fmt.Errorf("%s is of other work than %s: %s", dir, firstDir, d)
		}
		if other, dup := byShard[h.Shard]; dup {
			return ShardHeader{}, nil, nil, fmt.Errorf("shard %d of %d is given twice: %s and %s", h.Shard, h.Of, other, dir)
		}
		byShard[h.Shard] = dir
		want := ShardPoints(h.Points, h.Shard, h.Of)
		entries, err := os.ReadDir(dir)
		if err != nil {
			return ShardHeader{}, nil, nil, err
		}
		var got []int
		for _, e := range entries {
			m := planFile.FindStringSubmatch(e.Name())
			if m == nil {
				continue
			}
			j, _ := strconv.Atoi(m[1])
			if !slices.Contains(want, j) {
				return ShardHeader{}, nil, nil, fmt.Errorf("%s: set %d is not one of shard %d of %d", dir, j+1, h.Shard, h.Of)
			}
			p, err := readPlanFile(filepath.Join(dir, e.Name()))
			if err != nil {
				return ShardHeader{}, nil, nil, err
			}
			folder := filepath.Join(dir, PlanSetFolder(j, p.Join))
			if st, err := os.Stat(folder); err != nil || !st.IsDir() {
				return ShardHeader{}, nil, nil, fmt.Errorf("%s: set %d's folder %s is missing", dir, j+1, filepath.Base(folder))
			}
			plans[j], folders[j] = p, folder
			got = append(got, j)
		}
		if len(got) != len(want) {
			return ShardHeader{}, nil, nil, fmt.Errorf("%s: shard %d of %d has %d of its %d sets: not finished (run it again to complete it)",
				dir, h.Shard, h.Of, len(got), len(want))
		}
	}
	var missing []string
	for k := range first.Of {
		if _, ok := byShard[k]; !ok {
			missing = append(missing, strconv.Itoa(k))
		}
	}
	if len(missing) > 0 {
		return ShardHeader{}, nil, nil, fmt.Errorf("shards %s of %d are missing (given: %d)", strings.Join(missing, ", "), first.Of, len(byShard))
	}
	return first, plans, folders, nil
}
