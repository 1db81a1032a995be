package experiment

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"zsa/models"
	"zsa/models/calendar"
	"zsa/results"
)

// Each job logs into a temporary file of its own; close renames the logs
// of the jobs that ran into place and removes the others, leaving no
// temporary file behind.
func TestEventLogsRenamedOrRemoved(t *testing.T) {
	t.Parallel()
	start := calendar.Date{Year: 2026, Month: 1, Day: 1}
	for _, c := range []struct {
		format, head string
	}{
		{"csv", "case_id,activity,start_time,end_time,resource,office"},
		{"xes", "<?xml"},
	} {
		dir := filepath.Join(t.TempDir(), "events")
		arms := []*models.Organisation{{Name: "status quo"}, {Name: "ZSA (partner communes)"}}
		var jobs []models.Job
		for range 2 {
			for _, arm := range arms {
				jobs = append(jobs, models.Job{Org: arm})
			}
		}
		logs, err := openEventLogs(EventLogRequest{Dir: dir, Format: c.format}, start, jobs, len(arms))
		if err != nil {
			t.Fatal(err)
		}
		for i, j := range jobs {
			if j.Options.Log == nil {
				t.Errorf("%s: job %d has no log", c.format, i)
			}
		}
		// Replication 1 ran in both arms, replication 2 in the first only.
		ran := &models.Result{}
		if err := logs.close([]*models.Result{ran, ran, ran, nil}); err != nil {
			t.Fatal(err)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		want := []string{"status-quo-r01." + c.format, "status-quo-r02." + c.format, "zsa-partner-communes-r01." + c.format}
		if !slices.Equal(names, want) {
			t.Errorf("%s: files %v, want %v", c.format, names, want)
		}
		for _, n := range names {
			b, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil || !strings.HasPrefix(string(b), c.head) {
				t.Errorf("%s: %s does not start with %q (%v)", c.format, n, c.head, err)
			}
			if st, err := os.Stat(filepath.Join(dir, n)); err != nil || st.Mode().Perm() != 0o644 {
				t.Errorf("%s: %s has mode %v (%v), want 0644", c.format, n, st.Mode().Perm(), err)
			}
		}
	}
}

func TestEventLogsRejectUnknownFormat(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, err := openEventLogs(EventLogRequest{Dir: dir, Format: "json"}, calendar.Date{Year: 2026, Month: 1, Day: 1}, nil, 1)
	if err == nil || !strings.Contains(err.Error(), "csv|xes") {
		t.Errorf("format json: %v", err)
	}
}

// Replicate writes a log per arm and replication.
func TestReplicateWritesEventLogs(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "events")
	if _, err := Replicate(t.Context(), load(t, "teaching", 2), Options{EventLog: &EventLogRequest{Dir: dir, Format: "csv"}}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 4 { // 2 arms × 2 replications
		t.Errorf("event logs %v, want 4 files", files)
	}
}

func TestEventLogNames(t *testing.T) {
	t.Parallel()
	// Arm names become lower-case file names, umlauts transliterated.
	for _, c := range []struct{ in, want string }{
		{"status quo", "status-quo"},
		{"ZSA (partner communes)", "zsa-partner-communes"},
		{"  Über 2 ", "ueber-2"},
	} {
		if got := strings.ToLower(results.Slug(c.in)); got != c.want {
			t.Errorf("file name of %q = %q, want %q", c.in, got, c.want)
		}
	}
}
