package experiment

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The shards of a run and of a plan are folders (shard-K-of-N.<ext>)
// holding a header (ShardHeaderFile) and a file per finished unit of
// work (a replication, a candidate set), named with the unit's number.

// isShardFolder reports whether path is a shard folder of format, or a
// folder holding shard folders named *.ext.
func isShardFolder(path, ext, format string) bool {
	if b, err := os.ReadFile(filepath.Join(path, ShardHeaderFile)); err == nil {
		var h ShardHeader
		return json.Unmarshal(b, &h) == nil && h.Format == format
	}
	m, _ := filepath.Glob(filepath.Join(path, "shard-*-of-*."+ext))
	return len(m) > 0
}

// shardFolder is a shard's folder and its header.
type shardFolder struct {
	dir string
	h   ShardHeader
}

// readShardFolders reads the shard folders named (the folders, or folders
// holding them, *.ext) and checks their headers: of format, of the same
// work, each shard once and none missing. It refuses anything else with
// an error naming the folders.
func readShardFolders(names []string, ext, format string) ([]shardFolder, error) {
	var dirs []string
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(n, ShardHeaderFile)); err == nil {
			dirs = append(dirs, n)
			continue
		}
		m, err := filepath.Glob(filepath.Join(n, "shard-*-of-*."+ext))
		if err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("%s: no shards (shard-K-of-N.%s)", n, ext)
		}
		dirs = append(dirs, m...)
	}
	var folders []shardFolder
	byShard := map[int]string{}
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, ShardHeaderFile))
		if err != nil {
			return nil, err
		}
		var h ShardHeader
		if err := json.Unmarshal(b, &h); err != nil || h.Format != format {
			return nil, fmt.Errorf("%s: not the header of a shard %s (%v)", dir, format, err)
		}
		if len(folders) > 0 {
			if d := folders[0].h.sameWork(h); d != "" {
				return nil, fmt.Errorf("%s is of other work than %s: %s", dir, folders[0].dir, d)
			}
		}
		if other, dup := byShard[h.Shard]; dup {
			return nil, fmt.Errorf("shard %d of %d is given twice: %s and %s", h.Shard, h.Of, other, dir)
		}
		byShard[h.Shard] = dir
		folders = append(folders, shardFolder{dir, h})
	}
	of := folders[0].h.Of
	var missing []string
	for k := range of {
		if _, ok := byShard[k]; !ok {
			missing = append(missing, strconv.Itoa(k))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("shards %s of %d are missing (given: %d)", strings.Join(missing, ", "), of, len(byShard))
	}
	return folders, nil
}

// units returns the files of f's finished units, by number: the files
// whose names match file (its first group the unit's number), each of
// which must be one of the shard's total units. An unfinished shard is an
// error that counts its units (unit names one, e.g. "replication").
func (f shardFolder) units(file *regexp.Regexp, total int, unit string) (map[int]string, error) {
	entries, err := os.ReadDir(f.dir)
	if err != nil {
		return nil, err
	}
	want := ShardPoints(total, f.h.Shard, f.h.Of)
	got := map[int]string{}
	for _, e := range entries {
		m := file.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		i, _ := strconv.Atoi(m[1])
		if !slices.Contains(want, i) {
			return nil, fmt.Errorf("%s: %s %d is not one of shard %d of %d", f.dir, unit, i+1, f.h.Shard, f.h.Of)
		}
		got[i] = filepath.Join(f.dir, e.Name())
	}
	if len(got) != len(want) {
		return nil, fmt.Errorf("%s: shard %d of %d has %d of its %d %ss: not finished (run it again to complete it)",
			f.dir, f.h.Shard, f.h.Of, len(got), len(want), unit)
	}
	return got, nil
}
