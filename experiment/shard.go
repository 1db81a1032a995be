package experiment

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// A sweep can run in parts, shards, on many machines (Slurm array tasks)
// and be put together afterwards. The unit of work is a sweep point with
// all its replications and arms: a point's rows are reduced from its own
// runs only (SweepPoints), so where it ran does not change them. Shard K
// of N (0 ≤ K < N) runs the points i with i mod N = K: fixed by the point's
// place in the sweep, not by the timing of workers.
//
// A shard writes one file, ShardFileName(K, N): a header line, then a line
// per finished point, each line "<SHA-256 of the JSON, hex> <JSON>". A
// point's line is written whole and synced to disk before the next
// starts, so a shard killed at any moment leaves its finished points; run
// again, it checks the header (the same scenario, seed, replications,
// program version and shard), keeps every line whose checksum holds, cuts
// a torn last line and runs the points still missing. Numbers are written
// as Go formats them shortest (strconv 'g', -1: "NaN", "+Inf" included),
// which reads back to the same bits: the merged outputs are byte-identical
// to a run on one machine.

// ShardFormat names the shard file format and its version.
const ShardFormat = "zsa-sweep-shard/1"

// ShardFileName is the name of shard k of n's file.
func ShardFileName(k, n int) string { return fmt.Sprintf("shard-%d-of-%d.zsa", k, n) }

// ShardHeader identifies the work of a shard: the sweep (scenario, its
// hash, seed, replications, number of points), the program version, and
// which shard it is.
type ShardHeader struct {
	Format       string `json:"format"`
	Scenario     string `json:"scenario"`
	Source       string `json:"source"` // where the scenario was loaded from: a path or bundled:NAME.toml
	Hash         string `json:"hash"`
	Seed         uint64 `json:"seed"`
	Replications int    `json:"replications"`
	Points       int    `json:"points"`
	Version      string `json:"version"`
	Shard        int    `json:"shard"`
	Of           int    `json:"of"`
}

// sameWork reports how h and g differ in what they computed (everything
// but the shard), or "" if they do not.
func (h ShardHeader) sameWork(g ShardHeader) string {
	switch {
	case h.Format != g.Format:
		return fmt.Sprintf("format %q, not %q", g.Format, h.Format)
	case h.Scenario != g.Scenario || h.Hash != g.Hash:
		return fmt.Sprintf("scenario %q (SHA-256 %.12s), not %q (%.12s)", g.Scenario, g.Hash, h.Scenario, h.Hash)
	case h.Seed != g.Seed:
		return fmt.Sprintf("seed %d, not %d", g.Seed, h.Seed)
	case h.Replications != g.Replications:
		return fmt.Sprintf("%d replications, not %d", g.Replications, h.Replications)
	case h.Points != g.Points:
		return fmt.Sprintf("%d points, not %d", g.Points, h.Points)
	case h.Version != g.Version:
		return fmt.Sprintf("program version %q, not %q", g.Version, h.Version)
	case h.Of != g.Of:
		return fmt.Sprintf("one of %d shards, not of %d", g.Of, h.Of)
	}
	return ""
}

// ParseShard reads "K/N" (0 ≤ K < N, N ≤ 100,000).
func ParseShard(s string) (k, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || n > 100000 || k < 0 || k >= n {
		return 0, 0, fmt.Errorf("%q: want K/N with 0 ≤ K < N ≤ 100000, e.g. 0/4 (K is the Slurm array task id)", s)
	}
	return k, n, nil
}

// ShardPoints returns the indices of the points of shard k of n in a
// sweep of points points, in increasing order.
func ShardPoints(points, k, n int) []int {
	var out []int
	for i := k; i < points; i += n {
		out = append(out, i)
	}
	return out
}

// shardPoint is a point's line: its index and rows, numbers as strings.
type shardPoint struct {
	Index int        `json:"index"`
	Rows  [][]string `json:"rows"` // arm, service, metric, mean, half-width, rel, rel_lo, rel_hi, overloaded
}

func encodePoint(p SweepPoint) shardPoint {
	sp := shardPoint{Index: p.Index, Rows: make([][]string, len(p.Rows))}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for i, r := range p.Rows {
		sp.Rows[i] = []string{r.Arm, r.Service, r.Metric, g(r.Mean), g(r.HalfWidth), g(r.Rel), g(r.RelLo), g(r.RelHi), strconv.FormatBool(r.Overloaded)}
	}
	return sp
}

func decodePoint(sp shardPoint) (SweepPoint, error) {
	p := SweepPoint{Index: sp.Index, Rows: make([]PointRow, len(sp.Rows))}
	for i, r := range sp.Rows {
		if len(r) != 9 {
			return SweepPoint{}, fmt.Errorf("point %d: a row of %d fields, want 9", sp.Index, len(r))
		}
		var xs [5]float64
		for j := range xs {
			x, err := strconv.ParseFloat(r[3+j], 64)
			if err != nil {
				return SweepPoint{}, fmt.Errorf("point %d: %w", sp.Index, err)
			}
			xs[j] = x
		}
		over, err := strconv.ParseBool(r[8])
		if err != nil {
			return SweepPoint{}, fmt.Errorf("point %d: %w", sp.Index, err)
		}
		p.Rows[i] = PointRow{Arm: r[0], Service: r[1], Metric: r[2], Mean: xs[0], HalfWidth: xs[1],
			Rel: xs[2], RelLo: xs[3], RelHi: xs[4], Overloaded: over}
	}
	return p, nil
}

// shardLine is "<sha256 hex> <json>\n".
func shardLine(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	return append(append([]byte(hex.EncodeToString(sum[:])+" "), b...), '\n'), nil
}

// readShardLines reads the checksummed lines of r: the payloads of the
// good lines, and the byte offset after the last good one. A line whose
// checksum does not hold, or that has no newline, ends the reading: torn
// reports that there was such a line.
func readShardLines(r io.Reader) (payloads [][]byte, good int64, torn bool, err error) {
	br := bufio.NewReaderSize(r, 1<<16)
	for {
		line, err := br.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			return payloads, good, len(line) > 0, nil
		}
		if err != nil {
			return nil, 0, false, err
		}
		sum, payload, ok := bytes.Cut(bytes.TrimSuffix(line, []byte("\n")), []byte(" "))
		want := sha256.Sum256(payload)
		if !ok || hex.EncodeToString(want[:]) != string(sum) {
			return payloads, good, true, nil
		}
		payloads = append(payloads, payload)
		good += int64(len(line))
	}
}

// ShardWriter appends a shard's finished points to its file.
type ShardWriter struct {
	f    *os.File
	Done []SweepPoint // the points the file held when it was opened, in its order
}

// OpenShard opens shard h's file in dir to add points: a new file with
// h's header, or the file of an earlier run of the same shard, whose
// finished points it returns in Done (a torn last line is cut off). A file
// of another shard or run is an error that names the difference.
func OpenShard(dir string, h ShardHeader) (*ShardWriter, error) {
	h.Format = ShardFormat
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	name := filepath.Join(dir, ShardFileName(h.Shard, h.Of))
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	w := &ShardWriter{f: f}
	payloads, good, _, err := readShardLines(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	if len(payloads) == 0 {
		// A new file, or one torn before its header was whole.
		line, err := shardLine(h)
		if err == nil {
			err = w.write(line)
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		return w, nil
	}
	var old ShardHeader
	if err := json.Unmarshal(payloads[0], &old); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	if d := h.sameWork(old); d != "" || old.Shard != h.Shard {
		f.Close()
		if d == "" {
			d = fmt.Sprintf("shard %d, not %d", old.Shard, h.Shard)
		}
		return nil, fmt.Errorf("%s holds other work: %s; use another --out folder", name, d)
	}
	for _, b := range payloads[1:] {
		var sp shardPoint
		if err := json.Unmarshal(b, &sp); err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		p, err := decodePoint(sp)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		w.Done = append(w.Done, p)
	}
	// Cut what follows the last good line (a point torn by a kill).
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// write writes line at the file's end, whole, and syncs it to disk.
func (w *ShardWriter) write(line []byte) error {
	if _, err := w.f.Write(line); err != nil {
		return err
	}
	return w.f.Sync()
}

// Add appends a finished point.
func (w *ShardWriter) Add(p SweepPoint) error {
	line, err := shardLine(encodePoint(p))
	if err != nil {
		return err
	}
	return w.write(line)
}

// Close closes the file.
func (w *ShardWriter) Close() error { return w.f.Close() }

// MergeShards reads the shard files named (files, or folders holding
// them) and returns their common header and every point of the sweep in
// order. It refuses, naming the files, shards of different work (another
// scenario, seed, number of replications or points, program version or
// number of shards), a shard given twice, a missing shard, a point in two
// files, and a shard that is not finished.
func MergeShards(names []string) (ShardHeader, []SweepPoint, error) {
	var files []string
	for _, n := range names {
		st, err := os.Stat(n)
		if err != nil {
			return ShardHeader{}, nil, err
		}
		if !st.IsDir() {
			files = append(files, n)
			continue
		}
		m, err := filepath.Glob(filepath.Join(n, "shard-*-of-*.zsa"))
		if err != nil {
			return ShardHeader{}, nil, err
		}
		if len(m) == 0 {
			return ShardHeader{}, nil, fmt.Errorf("%s: no shard files (shard-K-of-N.zsa)", n)
		}
		files = append(files, m...)
	}
	var first ShardHeader
	firstFile := ""
	byShard := map[int]string{}
	byPoint := map[int]string{}
	var points []SweepPoint
	for _, name := range files {
		h, pts, err := readShard(name)
		if err != nil {
			return ShardHeader{}, nil, err
		}
		if firstFile == "" {
			first, firstFile = h, name
		} else if d := first.sameWork(h); d != "" {
			return ShardHeader{}, nil, fmt.Errorf("%s is of other work than %s: %s", name, firstFile, d)
		}
		if other, dup := byShard[h.Shard]; dup {
			return ShardHeader{}, nil, fmt.Errorf("shard %d of %d is given twice: %s and %s", h.Shard, h.Of, other, name)
		}
		byShard[h.Shard] = name
		want := ShardPoints(h.Points, h.Shard, h.Of)
		var got []int
		for _, p := range pts {
			if other, dup := byPoint[p.Index]; dup {
				return ShardHeader{}, nil, fmt.Errorf("point %d is in %s and in %s", p.Index+1, other, name)
			}
			byPoint[p.Index] = name
			got = append(got, p.Index)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			return ShardHeader{}, nil, fmt.Errorf("%s: shard %d of %d has %d of its %d points: not finished (run it again to complete it) or not its points",
				name, h.Shard, h.Of, len(got), len(want))
		}
		points = append(points, pts...)
	}
	var missing []string
	for k := range first.Of {
		if _, ok := byShard[k]; !ok {
			missing = append(missing, strconv.Itoa(k))
		}
	}
	if len(missing) > 0 {
		return ShardHeader{}, nil, fmt.Errorf("shards missing of %d: %s", first.Of, strings.Join(missing, ", "))
	}
	slices.SortFunc(points, func(a, b SweepPoint) int { return a.Index - b.Index })
	return first, points, nil
}

// readShard reads a whole shard file; a torn or bad line is an error.
func readShard(name string) (ShardHeader, []SweepPoint, error) {
	f, err := os.Open(name)
	if err != nil {
		return ShardHeader{}, nil, err
	}
	defer f.Close()
	payloads, _, torn, err := readShardLines(io.LimitReader(f, 1<<30))
	if err != nil {
		return ShardHeader{}, nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(payloads) == 0 {
		return ShardHeader{}, nil, fmt.Errorf("%s: not a shard file (no header line with a valid checksum)", name)
	}
	var h ShardHeader
	if err := json.Unmarshal(payloads[0], &h); err != nil || h.Format != ShardFormat {
		return ShardHeader{}, nil, fmt.Errorf("%s: not a %s file", name, ShardFormat)
	}
	if torn {
		return ShardHeader{}, nil, fmt.Errorf("%s: a line whose checksum does not hold after %d points: the shard was interrupted; run it again to complete it", name, len(payloads)-1)
	}
	var pts []SweepPoint
	for _, b := range payloads[1:] {
		var sp shardPoint
		if err := json.Unmarshal(b, &sp); err != nil {
			return ShardHeader{}, nil, fmt.Errorf("%s: %w", name, err)
		}
		p, err := decodePoint(sp)
		if err != nil {
			return ShardHeader{}, nil, fmt.Errorf("%s: %w", name, err)
		}
		pts = append(pts, p)
	}
	return h, pts, nil
}
