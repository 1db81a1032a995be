package scenarios

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// readData reads the data tables: the communes that data.only keeps and
// the administrations. It reports whether the scenario can be built on:
// not if a table could not be read, is malformed, or leaves no commune,
// for then every office reference would fail too. Missing data keys are
// reported, and the phases go on without data.
func (b *builder) readData() bool {
	d := b.f.Data
	if d == nil || d.Communes == nil || d.Administrations == nil {
		b.err(p("data"), "missing: data = { communes = \"data/….csv\", administrations = \"data/….csv\" }")
		return true
	}
	n := len(b.errs)
	b.communes = b.readCommunes(d.Communes, d.Only)
	b.admins = b.readAdmins(d.Administrations)
	if len(b.errs) > n {
		return false
	}
	if len(b.communes) == 0 {
		b.err(p("data"), "no commune left (check data.only)")
		return false
	}
	return true
}

// communeRow is a row of the communes table.
type communeRow struct {
	ags, name string
	pop       float64
	at        string // the row's file and line, "file:line"
}

// readCSV reads a data table with a header row and the required columns.
// It returns the rows as maps from column name to value, with their line
// numbers, and records the file and its bytes.
func (b *builder) readCSV(dp *DataPath, key string, required ...string) ([]map[string]string, []int) {
	fsys, name := dp.fsys, dp.Path
	if fsys != Bundled && !fs.ValidPath(name) {
		// A path that leaves the folder of the file naming it
		// ("../data/x.csv"), or an absolute one.
		full := name
		if !filepath.IsAbs(full) {
			full = filepath.Join(filepath.Dir(dp.from), full)
		}
		fsys, name = os.DirFS(filepath.Dir(full)), filepath.Base(full)
	}
	raw, err := readLimited(fsys, name, maxDataBytes)
	shown := dataShown(dp)
	if errors.Is(err, fs.ErrNotExist) && dp.fsys != Bundled && fileExists(Bundled, dp.Path) {
		// A bundled table named by a copied scenario (zsa show NAME >
		// my.toml): the program's own copy of the data.
		raw, err = readLimited(Bundled, dp.Path, maxDataBytes)
		shown = "bundled:" + dp.Path
	}
	if err != nil {
		b.err(p("data", key), "cannot read %s: %v", shown, err)
		return nil, nil
	}
	b.data = append(b.data, shown)
	b.raw = append(b.raw, raw)
	r := csv.NewReader(strings.NewReader(string(raw)))
	header, err := r.Read()
	if err != nil {
		b.err(p("data", key), "%s: %v", shown, err)
		return nil, nil
	}
	for _, c := range required {
		switch {
		case slices.Contains(header, c):
		case len(header) < 2:
			// Not a table with a header (a text file, a link to one):
			// its first line is not echoed.
			b.errs = append(b.errs, fmt.Errorf("%s:1: missing column %q: the first line is not a header of comma-separated column names", shown, c))
		default:
			b.errs = append(b.errs, fmt.Errorf("%s:1: missing column %q (columns: %s)", shown, c, columnList(header)))
		}
	}
	var rows []map[string]string
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// A *csv.ParseError knows its line (and FieldPos cannot be
			// asked after a failed Read).
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				b.errs = append(b.errs, fmt.Errorf("%s:%d: %v", shown, pe.Line, pe.Err))
			} else {
				b.errs = append(b.errs, fmt.Errorf("%s: %v", shown, err))
			}
			break
		}
		line, _ := r.FieldPos(0)
		row := map[string]string{}
		for i, c := range header {
			row[c] = rec[i]
		}
		rows = append(rows, row)
		lines = append(lines, line)
	}
	return rows, lines
}

func dataShown(dp *DataPath) string {
	dir := dirOf(dp.from)
	if strings.HasPrefix(dp.from, "bundled:") {
		return "bundled:" + strings.TrimPrefix(pathJoin(dir, dp.Path), "./")
	}
	return pathJoin(dir, dp.Path)
}

func pathJoin(dir, name string) string {
	if dir == "." || dir == "" {
		return name
	}
	return dir + "/" + name
}

// readCommunes reads the communes table (columns ags, name, population)
// and keeps the rows whose columns have one of the values only lists. It
// checks that the AGS, the key the administrations table is joined on,
// is set and unique, and that the population is a number; whether it is
// a possible one is the model's check.
func (b *builder) readCommunes(dp *DataPath, only map[string][]string) []communeRow {
	rows, lines := b.readCSV(dp, "communes", "ags", "name", "population")
	if len(rows) > 0 {
		for _, col := range sortedKeys(only) {
			if _, ok := rows[0][col]; !ok {
				b.err(p("data", "only"), "the communes table has no column %q", col)
				return nil
			}
		}
	}
	// Every value a filter names must match some row: a typo would
	// silently drop communes.
	for _, col := range sortedKeys(only) {
		for _, v := range only[col] {
			if !slices.ContainsFunc(rows, func(r map[string]string) bool { return r[col] == v }) {
				b.err(p("data", "only"), "no commune has %s = %q", col, v)
			}
		}
	}
	var out []communeRow
	seen := map[string]bool{}
	for i, r := range rows {
		if !selected(r, only) {
			continue
		}
		at := fmt.Sprintf("%s:%d", dataShown(dp), lines[i])
		pop, err := strconv.ParseFloat(r["population"], 64)
		if err != nil {
			b.errs = append(b.errs, fmt.Errorf("%s: population: %q is not a non-negative number", at, r["population"]))
			continue
		}
		if seen[r["ags"]] || r["ags"] == "" {
			b.errs = append(b.errs, fmt.Errorf("%s: ags: %q empty or listed twice", at, r["ags"]))
			continue
		}
		seen[r["ags"]] = true
		if msg := printableName(r["name"]); msg != "" {
			b.errs = append(b.errs, fmt.Errorf("%s: name: %q %s", at, r["name"], msg))
			continue
		}
		out = append(out, communeRow{ags: r["ags"], name: r["name"], pop: pop, at: at})
	}
	return out
}

// selected reports whether row r has, in each column of only, one of the
// values listed there.
func selected(r map[string]string, only map[string][]string) bool {
	for col, want := range only {
		if !slices.Contains(want, r[col]) {
			return false
		}
	}
	return true
}

// readAdmins reads the administrations table, by AGS.
func (b *builder) readAdmins(dp *DataPath) map[string]map[string]string {
	rows, lines := b.readCSV(dp, "administrations", "ags")
	out := map[string]map[string]string{}
	b.adminAt = map[string]string{}
	first := map[string]int{}
	for i, r := range rows {
		if l, ok := first[r["ags"]]; ok {
			b.errs = append(b.errs, fmt.Errorf("%s:%d: ags: %q is listed again (first at line %d)", dataShown(dp), lines[i], r["ags"], l))
			continue
		}
		first[r["ags"]] = lines[i]
		out[r["ags"]] = r
		b.adminAt[r["ags"]] = fmt.Sprintf("%s:%d", dataShown(dp), lines[i])
	}
	return out
}

// columnList names a header's columns for a message: quoted, at most 30,
// each cut at 40 bytes.
func columnList(header []string) string {
	var out []string
	for i, h := range header {
		if i == 30 {
			out = append(out, fmt.Sprintf("… %d more", len(header)-30))
			break
		}
		if len(h) > 40 {
			h = strings.ToValidUTF8(h[:40], "") + "…"
		}
		out = append(out, strconv.Quote(h))
	}
	return strings.Join(out, ", ")
}
