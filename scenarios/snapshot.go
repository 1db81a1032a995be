package scenarios

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"time"
)

// snapshotData reads the data tables that d names into memory, once, when
// a scenario is loaded: its sweep points and mechanisms are rebuilt from
// them without reading any file again. A table that is missing where it
// is named but bundled stays missing (build reads the bundled copy); one
// that cannot be read keeps its file system, for build to report.
func snapshotData(d *Data) *Data {
	if d == nil {
		return nil
	}
	c := *d
	for _, p := range []**DataPath{&c.Communes, &c.Administrations} {
		dp := *p
		if dp == nil || dp.fsys == nil || dp.fsys == Bundled {
			continue
		}
		var mem memFS
		b, err := readLimited(dp.fsys, dp.Path, maxDataBytes)
		switch {
		case err == nil:
			mem = memFS{dp.Path: b}
		case errors.Is(err, fs.ErrNotExist) && fileExists(Bundled, dp.Path):
			mem = memFS{}
		default:
			continue
		}
		*p = &DataPath{Path: dp.Path, fsys: mem, from: dp.from}
	}
	return &c
}

// memFS is a read-only file system of files held in memory, by name.
type memFS map[string][]byte

// Open opens the named file for reading.
func (m memFS) Open(name string) (fs.File, error) {
	b, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{Reader: bytes.NewReader(b), info: memInfo{name: path.Base(name), size: int64(len(b))}}, nil
}

// memFile is an open file of a memFS.
type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (*memFile) Close() error                 { return nil }

// memInfo describes a file of a memFS.
type memInfo struct {
	name string
	size int64
}

func (fi memInfo) Name() string    { return fi.name }
func (fi memInfo) Size() int64     { return fi.size }
func (memInfo) Mode() fs.FileMode  { return 0o444 }
func (memInfo) ModTime() time.Time { return time.Time{} }
func (memInfo) IsDir() bool        { return false }
func (memInfo) Sys() any           { return nil }
