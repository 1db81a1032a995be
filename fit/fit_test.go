package fit

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"zsa/models/learning"
)

// clerkLog returns the CSV log of one clerk who does n items of one step,
// 20 a day from 8:00 every 22 minutes, from 6 January 2025: item k (from
// 0) takes 10 min × m(1 + k)/m(1) of the curve c, times 1.02 or 0.98 in
// turn (a little noise, so that the regression is not degenerate).
func clerkLog(n int, c learning.Curve) string {
	var b strings.Builder
	b.WriteString("case_id,activity,enabled_time,start_time,end_time,resource,office,service,case_type\n")
	t0 := 20094 * 1440.0 // 2025-01-06 in civil minutes
	at := func(m float64) string {
		d, tod := dayOf(m)
		s := int(math.Round(tod * 60))
		return fmt.Sprintf("%sT%02d:%02d:%02d+01:00", dateOfDay(d), s/3600, s/60%60, s%60)
	}
	for k := range n {
		start := t0 + float64(k/20)*1440 + 480 + float64(k%20)*22
		y := 10 * c.Multiplier(1+float64(k)) * (1 + 0.02*float64(1-2*(k%2)))
		id := fmt.Sprintf("c%d", k)
		fmt.Fprintf(&b, "%s,filed,%s,%s,%s,,O,S,T\n", id, at(start-60), at(start-60), at(start-60))
		fmt.Fprintf(&b, "%s,work,%s,%s,%s,O/1,O,S,T\n", id, at(start-60), at(start), at(start+y))
		fmt.Fprintf(&b, "%s,done,%s,%s,%s,,O,S,T\n", id, at(start+y), at(start+y), at(start+y))
	}
	return b.String()
}

// TestExperienceCount checks that the experience of an item is the
// clerk's prior plus the items it started before, exactly as the
// simulator counts it: on a nearly noiseless curve the estimates must be
// within 0.002 (rate) and 0.005 (floor) of the truth. Counting from one
// item later (k+1 in clerksAndLearning) gave LR 0.8369 and failed.
func TestExperienceCount(t *testing.T) {
	t.Parallel()
	c := learning.Curve{Rate: 0.85, Floor: 0.25}
	l, err := Read(strings.NewReader(clerkLog(3000, c)), "clerk.csv", DefaultColumns(), 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Fit(l, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := r.Learning
	if math.Abs(got.Rate-c.Rate) > 0.002 || math.Abs(got.Floor-c.Floor) > 0.005 {
		t.Errorf("LR %.4f, floor %.4f; want %v and %v", got.Rate, got.Floor, c.Rate, c.Floor)
	}
	// The noise is ±2 % around 10 min at m(1): the reference clerk's
	// median is 10 min × m(e_ref).
	if got, want := r.Steps[0].Fit.Median, 10*c.Multiplier(r.Learning.Reference); math.Abs(got/want-1) > 0.02 {
		t.Errorf("median effort %.4f min at experience %g, want %.4f", got, r.Learning.Reference, want)
	}
}

// TestDeterministic: the same log gives the same bytes of every file.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	log := clerkLog(400, learning.Curve{Rate: 0.9, Floor: 0.3})
	var outs [2][]byte
	for i := range outs {
		l, err := Read(strings.NewReader(log), "clerk.csv", DefaultColumns(), 0)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Fit(l, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		for _, w := range []func(*bytes.Buffer) error{
			func(b *bytes.Buffer) error { return r.WriteScenario(b) },
			func(b *bytes.Buffer) error { return r.WriteReport(b) },
			func(b *bytes.Buffer) error { return r.WriteCommunes(b) },
		} {
			if err := w(&b); err != nil {
				t.Fatal(err)
			}
		}
		outs[i] = b.Bytes()
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two fits of the same log differ")
	}
}

// TestBadInput: problems with the log are reported as file:line: column:
// message, never as a panic.
func TestBadInput(t *testing.T) {
	t.Parallel()
	const header = "case_id,activity,start_time,end_time,resource\n"
	const good = "c1,work,2025-01-06T08:00:00+01:00,2025-01-06T08:10:00+01:00,r1\n"
	for i, c := range []struct {
		log  string
		want []string
	}{
		{"", []string{"log.csv:1: empty file"}},
		{header, []string{"log.csv:2: no events after the header"}},
		{"case_id,activity,start_time,end_time\n" + "c1,work,2025-01-06T08:00:00+01:00,2025-01-06T08:10:00+01:00\n",
			[]string{"log.csv:1: resource: missing column (columns found: case_id, activity, start_time, end_time); name the column with --resource"}},
		{"id,activity,start,end_time\n", []string{"log.csv:1: case_id: missing column", "log.csv:1: start_time: missing column", "log.csv:1: resource: missing column"}},
		{header + good + "c2,work,yesterday,2025-01-06T08:10:00+01:00,r1\n",
			[]string{`log.csv:3: start_time: "yesterday": not a time: want RFC 3339`}},
		{header + good + "c2,work,2025-01-06T08:00:00+01:00,2025-01-06T07:10:00+01:00,r1\n",
			[]string{`log.csv:3: end_time: "2025-01-06T07:10:00+01:00" is before the start`}},
		{header + good + ",work,2025-01-06T08:00:00+01:00,2025-01-06T08:10:00+01:00,r1\n", []string{"log.csv:3: case_id: empty case id"}},
		{header + good + "c2,\"work,2025-01-06T08:00:00+01:00\n", []string{"log.csv:3: extraneous or missing \" in quoted-field"}},
		{header + good + "c2,work,2025-01-06T08:00:00+01:00\n", []string{`log.csv:3: end_time: "": empty time`}},
	} {
		_, err := Read(strings.NewReader(c.log), "log.csv", DefaultColumns(), 0)
		if err == nil {
			t.Errorf("case %d: no error, want %q", i, c.want)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("case %d: error %q, want it to contain %q", i, err, w)
			}
		}
	}
}

// TestMaxEvents: a log longer than the bound is refused, not read.
func TestMaxEvents(t *testing.T) {
	t.Parallel()
	_, err := Read(strings.NewReader(clerkLog(10, learning.Curve{Rate: 1})), "big.csv", DefaultColumns(), 25)
	if err == nil || !strings.Contains(err.Error(), "big.csv:27: more than 25 events") {
		t.Errorf("error %v, want big.csv:27: more than 25 events", err)
	}
}

// TestOnlyRegularFiles: a FIFO as the log is refused at once; reading it
// would block until a writer came (the test would hang without the check).
func TestOnlyRegularFiles(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "log.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	_, err := ReadFile(fifo, DefaultColumns(), 0)
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("error %v, want: not a regular file", err)
	}
}

// TestColumnsAndGzip reads a Simod-style log (enable_time, no office,
// service or case type) under other column names, compressed.
func TestColumnsAndGzip(t *testing.T) {
	t.Parallel()
	log := clerkLog(200, learning.Curve{Rate: 0.9, Floor: 0.3})
	log = strings.Replace(log, "case_id,activity,enabled_time,start_time,end_time,resource,office,service,case_type",
		"CaseID,Task,enable_time,Begin,Finish,Clerk,x,y,z", 1)
	name := filepath.Join(t.TempDir(), "log.csv.gz")
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	gz.Write([]byte(log))
	gz.Close()
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cols := DefaultColumns()
	cols.Case, cols.Activity, cols.Start, cols.End, cols.Resource = "CaseID", "Task", "Begin", "Finish", "Clerk"
	l, err := ReadFile(name, cols, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Events[1].Enabled; got != l.Events[0].Start {
		t.Errorf("enabled time %v, want the filing's %v (from enable_time)", got, l.Events[0].Start)
	}
	r, err := Fit(l, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Service != "service" || len(r.Types) != 1 || r.Types[0].Name != "case" || r.Offices[0].Key != "office" {
		t.Errorf("service %q, types %v, offices %v: want the defaults service, case, office", r.Service, r.Types, r.Offices)
	}
}

// TestSeveralServices: a log of several services needs a choice.
func TestSeveralServices(t *testing.T) {
	t.Parallel()
	log := clerkLog(30, learning.Curve{Rate: 1}) + "x1,work,2025-01-06T08:00:00+01:00,2025-01-06T08:00:00+01:00,2025-01-06T08:10:00+01:00,O/1,O,S2,T\n"
	l, err := Read(strings.NewReader(log), "two.csv", DefaultColumns(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Fit(l, Options{}); err == nil || !strings.Contains(err.Error(), "the log has 2 services (S, S2): choose one") {
		t.Errorf("error %v, want a choice of service", err)
	}
	if _, err := Fit(l, Options{Service: "S3"}); err == nil || !strings.Contains(err.Error(), `no service "S3"`) {
		t.Errorf("error %v, want no service S3", err)
	}
	if _, err := Fit(l, Options{Service: "S", Prior: 0.5}); err == nil || !strings.Contains(err.Error(), "prior experience 0.5") {
		t.Errorf("error %v, want a bad prior", err)
	}
}
