package results

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// Names of the files WriteAll writes.
const (
	SummaryFile      = "summary.json"
	ReplicationsFile = "replications.csv"
	WeeklyFile       = "weekly.csv"
	// ClerkLearningFile holds every clerk's learning curve.
	ClerkLearningFile = "learning-clerks.csv"
	LearningFile      = "learning.csv"
	ClerksFile        = "clerks.csv"
)

// WriteFileAtomic writes the file at path with write, so that path holds
// either its old content (or does not exist) or everything write wrote,
// never a part of it. write writes to a temporary file in the same
// directory (".<name>.*.tmp", buffered); the file is then synced to disk,
// closed, given mode 0644 and renamed to path, replacing any file there.
// If write returns an error (or panics), or any step fails, the temporary
// file is removed and path is left alone; the error is returned.
//
// Renaming is atomic on POSIX file systems (rename(2)); on Windows,
// os.Rename uses MoveFileEx with MOVEFILE_REPLACE_EXISTING, which is atomic
// in practice on NTFS. After the rename the directory is synced where the
// platform allows it (a failure there is ignored: the file is complete,
// only the rename's durability after a power loss is in question).
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done {
			f.Close() // may be closed already; the file is removed anyway
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	done = true
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort, see above
		d.Close()
	}
	return nil
}

// WriteAll writes the CSV files replications.csv, weekly.csv, learning.csv
// monthly.csv and clerks.csv (WriteReplicationsCSV, WriteWeeklyCSV, WriteMonthlyCSV, WriteLearningCSV,
// WriteClerksCSV), the plots as <name>.svg and <name>.png (WritePlots),
// with member offices (Arm.Members) gains.csv (WriteGainsCSV), with a staff plan (c.Plan) plan.csv and plan.json (WritePlanCSV,
// WritePlanJSON), report.html (WriteReport) and then summary.json (WriteSummaryJSON) into
// dir, which must exist, each with WriteFileAtomic. It checks c first, so
// a malformed Comparison writes nothing. An interrupted run leaves every
// file either complete or as it was; the set may then mix files of this
// run and an earlier one. summary.json comes last: once it is there, so is
// the rest.
func WriteAll(dir string, c *Comparison) error {
	fo, err := c.folded(true)
	if err != nil {
		return err
	}
	defer c.release(fo)
	if fi, err := os.Stat(dir); err != nil {
		return err
	} else if !fi.IsDir() {
		return fmt.Errorf("results: %s is not a directory", dir)
	}
	// The summary once, for every file; the figures drawn once, for
	// their files and the report.
	s := fo.summary()
	figs, err := figures(fo, s, newTranslator(c.Lang))
	if err != nil {
		return err
	}
	rendered, err := renderFigures(figs)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer, *Comparison) error
	}{
		{ReplicationsFile, nil},
		{WeeklyFile, nil},
		{MonthlyFile, nil},
		{LearningFile, nil},
		{ClerksFile, nil},
		{ClerkLearningFile, nil},
		{GainsFile, func(w io.Writer, _ *Comparison) error { return writeGainsCSV(w, s) }},
		{"", nil}, // the plots, WritePlots
		{PlanCSVFile, func(w io.Writer, c *Comparison) error { return WritePlanCSV(w, c.Plan) }},
		{PlanJSONFile, WritePlanJSON},
		{ReportFile, func(w io.Writer, c *Comparison) error { _, err := writeReportWith(w, fo, rendered); return err }},
		{SummaryFile, func(w io.Writer, c *Comparison) error { return writeSummaryJSON(w, fo, s) }},
	} {
		if c.Plan == nil && (f.name == PlanCSVFile || f.name == PlanJSONFile) {
			continue
		}
		if f.name == GainsFile && !slices.ContainsFunc(c.Arms, func(a Arm) bool { return len(a.Members) > 0 }) {
			continue
		}
		if f.name == "" {
			if _, err := writeRendered(dir, rendered); err != nil {
				return err
			}
			continue
		}
		if f.write == nil {
			t := fo.table(f.name)
			f.write = func(w io.Writer, _ *Comparison) error { return t.writeTo(w) }
		}
		path := filepath.Join(dir, f.name)
		if err := WriteFileAtomic(path, func(w io.Writer) error { return f.write(w, c) }); err != nil {
			return fmt.Errorf("results: %s: %w", path, err)
		}
	}
	return nil
}
