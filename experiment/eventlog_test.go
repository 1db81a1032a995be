package experiment

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

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
		{"csv", "case_id,activity,enabled_time,start_time,end_time,resource,"},
		{"xes", "<?xml"},
		{"csv.gz", "case_id,activity,enabled_time,start_time,end_time,resource,"},
		{"xes.gz", "<?xml"},
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
		if err := logs.close([]bool{true, true, true, false}); err != nil {
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
			b := readLog(t, filepath.Join(dir, n))
			if !strings.HasPrefix(string(b), c.head) {
				t.Errorf("%s: %s does not start with %q", c.format, n, c.head)
			}
			if st, err := os.Stat(filepath.Join(dir, n)); err != nil || st.Mode().Perm() != 0o644 {
				t.Errorf("%s: %s has mode %v (%v), want 0644", c.format, n, st.Mode().Perm(), err)
			}
		}
	}
}

// readLog returns the bytes of the event log at path, decompressed if it
// ends in .gz, whose gzip header must then be empty (no name, no time).
func readLog(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if zr.Name != "" || !zr.ModTime.IsZero() || zr.Comment != "" {
			t.Errorf("%s: gzip header name %q, time %v, comment %q", path, zr.Name, zr.ModTime, zr.Comment)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}

func TestEventLogsRejectUnknownFormat(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, err := openEventLogs(EventLogRequest{Dir: dir, Format: "json"}, calendar.Date{Year: 2026, Month: 1, Day: 1}, nil, 1)
	if err == nil || !strings.Contains(err.Error(), "csv|xes|csv.gz|xes.gz") {
		t.Errorf("format json: %v", err)
	}
}

// Replicate writes a log per arm and replication, the same bytes whatever
// the number of workers, and the gzipped logs decompress to the plain
// ones.
func TestReplicateWritesEventLogs(t *testing.T) {
	t.Parallel()
	first := map[string][]byte{} // the first log of each plain file name
	for _, c := range []struct {
		format  string
		workers int
	}{{"csv", 1}, {"csv", 2}, {"csv.gz", 2}, {"xes", 1}, {"xes.gz", 2}} {
		dir := filepath.Join(t.TempDir(), "events")
		opt := Options{Workers: c.workers, EventLog: &EventLogRequest{Dir: dir, Format: c.format}}
		if _, err := Replicate(t.Context(), load(t, "teaching", 2), opt); err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		if len(files) != 4 { // 2 arms × 2 replications
			t.Errorf("%s: event logs %v, want 4 files", c.format, files)
		}
		for _, f := range files {
			name, b := strings.TrimSuffix(filepath.Base(f), ".gz"), readLog(t, f)
			if want, ok := first[name]; !ok {
				first[name] = b
			} else if !bytes.Equal(b, want) {
				t.Errorf("%s with %d workers: %s differs from the first", c.format, c.workers, filepath.Base(f))
			}
		}
	}
	if len(first) != 8 {
		t.Errorf("logs %d, want 4 csv and 4 xes", len(first))
	}
}

// TestEventLogMatchesReplications checks the event log of zsa run teaching
// against its replications.csv: in every arm's log of replication 1, the
// cases with warm_up false and outcome done or reject are the completed
// cases of the service total, and their lead times, from the filing to
// the end on the civil clock the timestamps show, average to lead_days
// up to the log's resolution (a second a time; a time in the gap of the
// spring change can be off by up to an hour, and is counted).
func TestEventLogMatchesReplications(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "events")
	cmp, err := Replicate(t.Context(), load(t, "teaching", 2), Options{EventLog: &EventLogRequest{Dir: dir, Format: "csv"}})
	if err != nil {
		t.Fatal(err)
	}
	var rb bytes.Buffer
	if err := results.WriteReplicationsCSV(&rb, cmp); err != nil {
		t.Fatal(err)
	}
	reps, err := csv.NewReader(&rb).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{} // arm/metric → value of replication 1
	for _, row := range reps[1:] {
		// rep,seed,arm,service,office,office_name,metric,value
		if row[0] == "1" && row[4] == results.TotalOffice && (row[6] == results.MetricCompleted || row[6] == results.MetricLeadDays) {
			want[row[2]+"/"+row[6]] = must(strconv.ParseFloat(row[7], 64))
		}
	}
	civil := func(s string) time.Time {
		x := must(time.Parse(time.RFC3339, s))
		return time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), 0, time.UTC)
	}
	for _, arm := range cmp.Arms {
		name := filepath.Join(dir, strings.ToLower(results.Slug(arm.Name))+"-r01.csv")
		rows, err := csv.NewReader(bytes.NewReader(readLog(t, name))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		filed := map[string]time.Time{}
		var n, gaps int
		var sum float64
		for _, row := range rows[1:] {
			at := row[col["start_time"]]
			if strings.HasPrefix(at, "2026-03-29T03:00:00") {
				gaps++
			}
			switch row[col["activity"]] {
			case results.ActivityFiled:
				filed[row[col["case_id"]]] = civil(at)
			case row[col["outcome"]]:
				if row[col["warm_up"]] == "false" {
					n++
					sum += civil(at).Sub(filed[row[col["case_id"]]]).Hours() / 24
				}
			}
		}
		if w := want[arm.Name+"/"+results.MetricCompleted]; float64(n) != w || n == 0 {
			t.Errorf("%s: %d completed cases in the log, %v in replications.csv", arm.Name, n, w)
		}
		got, w := sum/float64(n), want[arm.Name+"/"+results.MetricLeadDays]
		if tol := (1 + 3600*float64(gaps)/float64(n)) / 86400; math.Abs(got-w) > tol+1e-9*w {
			t.Errorf("%s: mean lead time %.9f d in the log, %.9f d in replications.csv (tolerance %.2g d)", arm.Name, got, w, tol)
		}
		t.Logf("%s: %d completed cases, lead time %.6f d (log) %.6f d (replications.csv), %d times in the spring gap", arm.Name, n, got, w, gaps)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
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
