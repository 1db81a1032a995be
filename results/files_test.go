package results

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// dirNames returns the names in dir, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileAtomic(t *testing.T) {
	t.Parallel()
	errHalfway := errors.New("interrupted")
	// fails writes more than the write buffer holds, so part of it
	// reaches the temporary file, then fails.
	fails := func(w io.Writer) error {
		if _, err := w.Write(make([]byte, 64<<10)); err != nil {
			return err
		}
		return errHalfway
	}
	panics := func(w io.Writer) error {
		io.WriteString(w, "partial")
		panic("boom")
	}
	for _, old := range []string{"", "old content\n"} {
		dir := t.TempDir()
		path := filepath.Join(dir, "out.csv")
		if old != "" {
			if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		check := func(what string) {
			t.Helper()
			got, err := os.ReadFile(path)
			switch {
			case old == "" && !errors.Is(err, os.ErrNotExist):
				t.Errorf("%s: target exists (%d bytes, %v), want none", what, len(got), err)
			case old != "" && string(got) != old:
				t.Errorf("%s: target is %d bytes, want the old content", what, len(got))
			}
			var want []string
			if old != "" {
				want = []string{"out.csv"}
			}
			if names := dirNames(t, dir); !slices.Equal(names, want) {
				t.Errorf("%s: directory holds %q, want %q (no temporary file)", what, names, want)
			}
		}

		if err := WriteFileAtomic(path, fails); !errors.Is(err, errHalfway) {
			t.Errorf("error %v, want %v", err, errHalfway)
		}
		check("failing write")

		func() {
			defer func() {
				if recover() == nil {
					t.Error("panic not propagated")
				}
			}()
			WriteFileAtomic(path, panics)
		}()
		check("panicking write")

		if err := WriteFileAtomic(filepath.Join(dir, "missing", "x.csv"), fails); err == nil {
			t.Error("no error for a missing directory")
		}

		if err := WriteFileAtomic(path, func(w io.Writer) error {
			_, err := io.WriteString(w, "new\n")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != "new\n" {
			t.Errorf("after success: %q, %v; want %q", got, err, "new\n")
		}
		if names := dirNames(t, dir); !slices.Equal(names, []string{"out.csv"}) {
			t.Errorf("after success the directory holds %q", names)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, %v; want 0644", fi.Mode(), err)
		}
	}
}

func TestWriteAll(t *testing.T) {
	t.Parallel()
	c := testComparison(t)
	dir := t.TempDir()
	if err := WriteAll(dir, c); err != nil {
		t.Fatal(err)
	}
	plots, err := WritePlots(t.TempDir(), c)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Sorted(slices.Values(append([]string{ClerksFile, ClerkLearningFile, LearningFile, ReplicationsFile,
		ReportFile, SummaryFile, WeeklyFile, MonthlyFile}, plots...)))
	if names := dirNames(t, dir); !slices.Equal(names, want) {
		t.Errorf("files %q, want %q", names, want)
	}
	b, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil || doc["seed"] != 1.0 {
		t.Errorf("summary.json: seed %v, %v", doc["seed"], err)
	}

	// A malformed comparison writes nothing; a missing directory fails.
	empty := t.TempDir()
	if err := WriteAll(empty, &Comparison{}); !errors.Is(err, ErrNoArms) {
		t.Errorf("WriteAll(no arms) = %v, want %v", err, ErrNoArms)
	}
	if names := dirNames(t, empty); len(names) != 0 {
		t.Errorf("malformed comparison wrote %q", names)
	}
	if err := WriteAll(filepath.Join(empty, "missing"), c); err == nil {
		t.Error("WriteAll into a missing directory succeeded")
	}
}
