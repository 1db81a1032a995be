package results

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"zsa/models"
	"zsa/models/arrivals"
	"zsa/models/calendar"
	"zsa/models/dist"
	"zsa/models/learning"
	"zsa/sim"
)

// oddClerk is a clerk name with every character XML escapes.
const oddClerk = `a<b & "c"`

// eventLogModel is a tiny model for the event log: Mon–Fri 7:30–16:00 with
// the holidays of Sachsen-Anhalt from Monday 5 January 2026 for 30 days,
// one service with two steps (the second's name needs escaping), a
// backlog of 10 cases filed in the 30 days before the start, one office
// with two clerks, one of them oddClerk.
func eventLogModel() *models.Model {
	m := &models.Model{
		Start:   calendar.Date{Year: 2026, Month: time.January, Day: 5},
		Horizon: 30 * sim.Day,
	}
	m.Hours.Open, m.Hours.Close = 7*sim.Hour+30*sim.Minute, 16*sim.Hour
	var prof arrivals.Profile
	for i := range prof.Monthly {
		prof.Monthly[i] = 1
	}
	prof.Weekday = [7]float64{1, 1, 1, 1, 1, 0, 0}
	prof.OnlineShare = 0.3
	m.Services = []models.Service{{
		Name: "S", PerThousand: 100, Profile: prof,
		Types: []models.CaseType{{Name: "t", Share: 1, Backlog: 1, Process: models.Process{
			{Name: "intake", Effort: must(dist.LogNormalMedianP90(15, 30))},
			{Name: "decide & sign", Effort: must(dist.Triangular(20, 40, 90))},
		}}},
		Learning: learning.Curve{Rate: 0.9, Floor: 0.6}, Reference: 100,
	}}
	m.Communes = []models.Commune{{AGS: "01", Name: "C", Population: 10000,
		Office: map[string]string{"S": "O"}}}
	m.Offices = []models.Office{{Key: "O", Name: "Office", Clerks: []models.Clerk{
		{Name: "clerk 1", FTE: 1, Share: 0.5, Skills: []string{"S"}, Prior: 100},
		{Name: oddClerk, FTE: 1, Share: 0.5, Skills: []string{"S"}, Prior: 100},
	}}}
	return m
}

// eventLogZSA delegates intake to a ZSA, with hand-overs and questions
// sent back, so that logs have two offices (and "question" tasks, once the
// model asks them: it does not yet).
func eventLogZSA() *models.Organisation {
	return &models.Organisation{
		Name: "ZSA",
		ZSA: &models.Office{Key: "Z", Name: "ZSA", Clerks: []models.Clerk{
			{Name: "z1", FTE: 1, Share: 1, Skills: []string{"S"}, Prior: 20},
		}},
		Delegations: []models.Delegation{{
			Service: "S", Steps: []string{"intake"},
			Members:        []models.Member{{Office: "O"}},
			HandOver:       must(dist.Deterministic(60)),
			QuestionBack:   0.3,
			QuestionEffort: must(dist.Deterministic(10)),
		}},
	}
}

// runLogged runs replication rep (seed rep) of org on m, adds its tasks to
// every log in ls and returns them.
func runLogged(t *testing.T, m *models.Model, org *models.Organisation, rep int, ls ...EventLog) []models.Task {
	t.Helper()
	var tasks []models.Task
	_, err := models.RunWith(m, org, uint64(rep), models.Options{Log: func(task models.Task) {
		tasks = append(tasks, task)
		for _, l := range ls {
			if err := l.Add(rep, task); err != nil {
				t.Errorf("rep %d: Add: %v", rep, err)
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) == 0 {
		t.Fatalf("rep %d: no tasks logged", rep)
	}
	return tasks
}

// caseKey identifies a case in a log.
type caseKey struct {
	rep int
	c   uint64
}

func TestCivilSecond(t *testing.T) {
	t.Parallel()
	start := calendar.Date{Year: 2026, Month: time.January, Day: 5}
	for i, c := range []struct {
		t    sim.Time
		want string // CSVTimeLayout, or "error"
	}{
		{0, "2026-01-05T00:00:00"},
		{7*sim.Hour + 30*sim.Minute, "2026-01-05T07:30:00"},
		{0.5 / 60, "2026-01-05T00:00:01"},         // half a second rounds away from zero
		{0.49 / 60, "2026-01-05T00:00:00"},        // less than half rounds down
		{-0.5 / 60, "2026-01-04T23:59:59"},        // away from zero before Start
		{-0.49 / 60, "2026-01-05T00:00:00"},       // towards zero
		{sim.Day - 0.1/60, "2026-01-06T00:00:00"}, // rounds into the next day
		{-30*sim.Day + 90, "2025-12-06T01:30:00"},
		{365 * sim.Day, "2027-01-05T00:00:00"},
		{sim.Time(math.NaN()), "error"},
		{sim.Time(math.Inf(1)), "error"},
		{sim.Time(math.Inf(-1)), "error"},
		{-2027 * 365.25 * sim.Day, "error"}, // year 0
		{8000 * 365.25 * sim.Day, "error"},  // year 10026
		{1e300, "error"},
	} {
		got, err := civilSecond(start, c.t)
		if c.want == "error" {
			if err == nil {
				t.Errorf("case %d: civilSecond(%v) = %v, want an error", i, c.t, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("case %d: civilSecond(%v): %v", i, c.t, err)
			continue
		}
		if s := got.Format(CSVTimeLayout); s != c.want {
			t.Errorf("case %d: civilSecond(%v) = %s, want %s", i, c.t, s, c.want)
		}
		if got.Location() != time.UTC || got.Nanosecond() != 0 {
			t.Errorf("case %d: civilSecond(%v) = %v, want whole seconds in UTC", i, c.t, got)
		}
	}
}

// TestEventLogCSV checks the CSV log of two replications of the status quo
// and one of a ZSA arm row by row against the tasks that were logged.
func TestEventLogCSV(t *testing.T) {
	t.Parallel()
	m := eventLogModel()
	for _, arm := range []struct {
		name string
		org  *models.Organisation
		reps int
	}{{"status quo", nil, 2}, {"ZSA", eventLogZSA(), 1}} {
		var buf bytes.Buffer
		l, err := NewEventLogCSV(&buf, m.Start, arm.name)
		if err != nil {
			t.Fatal(err)
		}
		type logged struct {
			rep  int
			task models.Task
		}
		var tasks []logged
		for rep := 1; rep <= arm.reps; rep++ {
			for _, task := range runLogged(t, m, arm.org, rep, l) {
				tasks = append(tasks, logged{rep, task})
			}
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll() // every row has the header's field count
		if err != nil {
			t.Fatalf("%s: %v", arm.name, err)
		}
		if got, want := strings.Join(rows[0], ","), "case_id,activity,start_time,end_time,resource,office,service,arm,rep"; got != want {
			t.Errorf("%s: header %q, want %q", arm.name, got, want)
		}
		rows = rows[1:]
		if len(rows) != len(tasks) {
			t.Fatalf("%s: %d rows for %d tasks", arm.name, len(rows), len(tasks))
		}
		lo := m.Start.AddDays(-31).In(time.UTC)
		hi := m.Start.AddDays(int(m.Horizon/sim.Day) + 14).In(time.UTC)
		ids := map[string]caseKey{}
		keys := map[caseKey]bool{}
		last := map[string]time.Time{} // end of a case's latest row
		activities := map[string]int{}
		for i, row := range rows {
			lt := tasks[i]
			if len(row) != 9 {
				t.Fatalf("%s: row %d has %d fields, want 9", arm.name, i+2, len(row))
			}
			where := fmt.Sprintf("%s: row %d %q", arm.name, i+2, row)
			start, err1 := time.Parse(CSVTimeLayout, row[2])
			end, err2 := time.Parse(CSVTimeLayout, row[3])
			if err := errors.Join(err1, err2); err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			if start.Before(lo) || end.After(hi) || end.Before(start) {
				t.Errorf("%s: want %v <= start <= end <= %v", where, lo, hi)
			}
			id, act := row[0], row[1]
			activities[act]++
			if act == ActivityFiled {
				if _, dup := last[id]; dup {
					t.Errorf("%s: case filed twice", where)
				}
				if start != end || row[4] != "" {
					t.Errorf("%s: a filing is an instant without a resource", where)
				}
			} else {
				prev, ok := last[id]
				if !ok {
					t.Errorf("%s: the case's first row is not %q", where, ActivityFiled)
				} else if start.Before(prev) {
					t.Errorf("%s: starts before the case's previous row ends (%v)", where, prev)
				}
			}
			last[id] = end
			// The row is the task's.
			k := caseKey{lt.rep, lt.task.Case}
			wantStart, wantEnd, _ := taskTimes(m.Start, lt.task)
			want := []string{fmt.Sprintf("r%d-c%d", k.rep, k.c), lt.task.Activity,
				wantStart.Format(CSVTimeLayout), wantEnd.Format(CSVTimeLayout),
				lt.task.Resource, lt.task.Office, lt.task.Service, arm.name, strconv.Itoa(lt.rep)}
			if got := strings.Join(row, "|"); got != strings.Join(want, "|") {
				t.Errorf("%s: want %q", where, want)
			}
			// One case id per (rep, case) and vice versa.
			if prev, ok := ids[id]; ok && prev != k {
				t.Errorf("%s: case id of %v and %v", where, prev, k)
			}
			ids[id] = k
			keys[k] = true
		}
		if len(ids) != len(keys) {
			t.Errorf("%s: %d case ids for %d cases", arm.name, len(ids), len(keys))
		}
		if activities["intake"] == 0 || activities["decide & sign"] == 0 {
			t.Errorf("%s: activities %v, want intake and decide & sign", arm.name, activities)
		}
		t.Logf("%s: %d rows, %d cases, activities %v", arm.name, len(rows), len(keys), activities)
	}
}

// TestEventLogCSVGolden pins the first rows of the status quo's log for
// seed 1: the backlog's filings before the start, then the first work.
func TestEventLogCSVGolden(t *testing.T) {
	t.Parallel()
	m := eventLogModel()
	var buf bytes.Buffer
	l := must(NewEventLogCSV(&buf, m.Start, "status quo"))
	runLogged(t, m, nil, 1, l)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "eventlog.csv.golden", firstLines(buf.Bytes(), 25))
}

// firstLines returns the first n lines of b.
func firstLines(b []byte, n int) []byte {
	i := 0
	for range n {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return b
		}
		i += j + 1
	}
	return b[:i]
}

// The parsed XES log.
type (
	xesAttr struct {
		Key   string `xml:"key,attr"`
		Value string `xml:"value,attr"`
	}
	xesEvent struct {
		Strings []xesAttr `xml:"string"`
		Dates   []xesAttr `xml:"date"`
	}
	xesTrace struct {
		Strings []xesAttr  `xml:"string"`
		Ints    []xesAttr  `xml:"int"`
		Events  []xesEvent `xml:"event"`
	}
	xesLog struct {
		XMLName    xml.Name
		Version    string `xml:"xes.version,attr"`
		Extensions []struct {
			Name   string `xml:"name,attr"`
			Prefix string `xml:"prefix,attr"`
			URI    string `xml:"uri,attr"`
		} `xml:"extension"`
		Strings []xesAttr  `xml:"string"`
		Traces  []xesTrace `xml:"trace"`
	}
)

// attr returns the value of key among attrs, and whether it is there once.
func attr(attrs []xesAttr, key string) (string, bool) {
	v, n := "", 0
	for _, a := range attrs {
		if a.Key == key {
			v, n = a.Value, n+1
		}
	}
	return v, n == 1
}

// xesLogOf runs two replications of the status quo, writes them to an XES
// log with the given chunk size (0: default) and spill directory, adding
// the replications' tasks in the order given by order, and returns the
// log and the tasks of every case in the order logged.
func xesLogOf(t *testing.T, chunk int, dir string, order func(a, b []models.Task) [][2]int) ([]byte, map[caseKey][]models.Task) {
	t.Helper()
	m := eventLogModel()
	reps := [][]models.Task{runLogged(t, m, nil, 1), runLogged(t, m, nil, 2)}
	var buf bytes.Buffer
	l := must(NewEventLogXES(&buf, m.Start, `status quo <&>`))
	l.ChunkBytes, l.TempDir = chunk, dir
	cases := map[caseKey][]models.Task{}
	for _, ri := range order(reps[0], reps[1]) {
		rep, task := ri[0]+1, reps[ri[0]][ri[1]]
		if err := l.Add(rep, task); err != nil {
			t.Fatal(err)
		}
		k := caseKey{rep, task.Case}
		cases[k] = append(cases[k], task)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), cases
}

// inOrder adds replication 1, then replication 2.
func inOrder(a, b []models.Task) [][2]int {
	var o [][2]int
	for i := range a {
		o = append(o, [2]int{0, i})
	}
	for i := range b {
		o = append(o, [2]int{1, i})
	}
	return o
}

// interleaved alternates between the replications, replication 2 first.
func interleaved(a, b []models.Task) [][2]int {
	var o [][2]int
	for i := range max(len(a), len(b)) {
		if i < len(b) {
			o = append(o, [2]int{1, i})
		}
		if i < len(a) {
			o = append(o, [2]int{0, i})
		}
	}
	return o
}

func TestEventLogXES(t *testing.T) {
	t.Parallel()
	out, cases := xesLogOf(t, 0, t.TempDir(), inOrder)
	var lg xesLog
	if err := xml.Unmarshal(out, &lg); err != nil {
		t.Fatal(err)
	}
	if lg.XMLName.Local != "log" || lg.XMLName.Space != "http://www.xes-standard.org/" || lg.Version != "1849-2016" {
		t.Errorf("root %v version %q, want log in the XES namespace, version 1849-2016", lg.XMLName, lg.Version)
	}
	wantExt := map[string]string{
		"concept":   "http://www.xes-standard.org/concept.xesext",
		"lifecycle": "http://www.xes-standard.org/lifecycle.xesext",
		"org":       "http://www.xes-standard.org/org.xesext",
		"time":      "http://www.xes-standard.org/time.xesext",
	}
	for _, e := range lg.Extensions {
		if wantExt[e.Prefix] != e.URI {
			t.Errorf("extension %q: uri %q, want %q", e.Prefix, e.URI, wantExt[e.Prefix])
		}
		delete(wantExt, e.Prefix)
	}
	if len(wantExt) > 0 {
		t.Errorf("extensions missing: %v", wantExt)
	}
	if name, _ := attr(lg.Strings, "concept:name"); name != `status quo <&>` {
		t.Errorf("log concept:name %q", name)
	}
	// Escaping: the raw text escapes, the parsed text is the name.
	if !bytes.Contains(out, []byte(`value="a&lt;b &amp; &#34;c&#34;"`)) || !bytes.Contains(out, []byte(`value="decide &amp; sign"`)) {
		t.Error("names with special characters are not escaped as expected")
	}

	if len(lg.Traces) != len(cases) {
		t.Errorf("%d traces for %d cases", len(lg.Traces), len(cases))
	}
	m := eventLogModel()
	seen := map[caseKey]bool{}
	var prev caseKey
	resources := map[string]bool{}
	for i, tr := range lg.Traces {
		name, ok1 := attr(tr.Strings, "concept:name")
		rep, ok2 := attr(tr.Ints, "rep")
		svc, ok3 := attr(tr.Strings, "service")
		var k caseKey
		_, err := fmt.Sscanf(name, "r%d-c%d", &k.rep, &k.c)
		if !ok1 || !ok2 || !ok3 || err != nil || rep != strconv.Itoa(k.rep) || svc != "S" {
			t.Fatalf("trace %d: concept:name %q rep %q service %q", i, name, rep, svc)
		}
		if seen[k] {
			t.Errorf("trace %s: case written twice", name)
		}
		seen[k] = true
		if i > 0 && (k.rep < prev.rep || k.rep == prev.rep && k.c <= prev.c) {
			t.Errorf("trace %s after %v: traces not sorted by replication and case", name, prev)
		}
		prev = k
		// The trace is its case's tasks in the order logged: a filing as
		// one complete event, a work task as start and complete.
		type ev struct{ act, tr, ts, res, group string }
		var want []ev
		for _, task := range cases[k] {
			s, e, err := taskTimes(m.Start, task)
			if err != nil {
				t.Fatal(err)
			}
			if task.Activity == ActivityFiled {
				want = append(want, ev{task.Activity, "complete", s.Format(XESTimeLayout), "", task.Office})
				continue
			}
			want = append(want, ev{task.Activity, "start", s.Format(XESTimeLayout), task.Resource, task.Office},
				ev{task.Activity, "complete", e.Format(XESTimeLayout), task.Resource, task.Office})
		}
		if len(tr.Events) != len(want) {
			t.Errorf("trace %s: %d events, want %d", name, len(tr.Events), len(want))
			continue
		}
		if want[0].act != ActivityFiled {
			t.Errorf("trace %s: first event %q, want %q", name, want[0].act, ActivityFiled)
		}
		var last time.Time
		for j, e := range tr.Events {
			var got ev
			got.act, _ = attr(e.Strings, "concept:name")
			got.tr, _ = attr(e.Strings, "lifecycle:transition")
			got.ts, _ = attr(e.Dates, "time:timestamp")
			got.res, _ = attr(e.Strings, "org:resource")
			got.group, _ = attr(e.Strings, "org:group")
			if got != want[j] {
				t.Errorf("trace %s event %d: %+v, want %+v", name, j, got, want[j])
			}
			resources[got.res] = true
			ts, err := time.Parse(time.RFC3339, got.ts)
			if err != nil {
				t.Errorf("trace %s event %d: %v", name, j, err)
			}
			if ts.Before(last) {
				t.Errorf("trace %s event %d at %v before the previous event at %v", name, j, ts, last)
			}
			last = ts
		}
	}
	if !resources[oddClerk] {
		t.Errorf("resources %v, want %q among them", resources, oddClerk)
	}
	checkGolden(t, "eventlog.xes.golden", firstLines(out, 60))
}

// TestEventLogXESSpill checks that spilling to disk in many small runs and
// adding replications interleaved give the bytes of the in-memory log, and
// that the spill file is gone after Close.
func TestEventLogXESSpill(t *testing.T) {
	t.Parallel()
	want, _ := xesLogOf(t, 0, "", inOrder)
	for _, c := range []struct {
		name  string
		chunk int
		order func(a, b []models.Task) [][2]int
	}{
		{"in memory, interleaved", 0, interleaved},
		{"spilled", 4096, inOrder},
		{"spilled, interleaved", 4096, interleaved},
		{"spilled every task", 1, interleaved},
	} {
		dir := t.TempDir()
		got, _ := xesLogOf(t, c.chunk, dir, c.order)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: log differs from the in-memory one:\n%s", c.name, firstDiff(got, want))
		}
		if ents, err := os.ReadDir(dir); err != nil || len(ents) > 0 {
			t.Errorf("%s: spill directory after Close: %v %v", c.name, ents, err)
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

var errDisk = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDisk }

func TestEventLogErrors(t *testing.T) {
	t.Parallel()
	start := calendar.Date{Year: 2026, Month: time.January, Day: 5}
	task := models.Task{Case: 1, Service: "S", Activity: "intake", Start: 450, End: 480, Work: 30, Office: "O", Resource: "r"}
	bad := task
	bad.End = sim.Time(math.NaN())
	newLogs := func(w io.Writer) []EventLog {
		return []EventLog{must(NewEventLogCSV(w, start, "a")), must(NewEventLogXES(w, start, "a"))}
	}
	for _, l := range newLogs(io.Discard) {
		name := fmt.Sprintf("%T", l)
		if err := l.Add(1, task); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		err := l.Add(1, bad)
		if err == nil || !strings.Contains(err.Error(), "not finite") {
			t.Errorf("%s: Add of a NaN time: %v, want an error", name, err)
		}
		if err2 := l.Add(1, task); err2 != err {
			t.Errorf("%s: Add after an error: %v, want the first error %v", name, err2, err)
		}
		if err2 := l.Close(); err2 != err {
			t.Errorf("%s: Close after an error: %v, want the first error %v", name, err2, err)
		}
		if err := l.Add(1, task); err != ErrEventLogClosed {
			t.Errorf("%s: Add after Close: %v, want ErrEventLogClosed", name, err)
		}
		if err := l.Close(); err != ErrEventLogClosed {
			t.Errorf("%s: Close after Close: %v, want ErrEventLogClosed", name, err)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Add with replication 0 did not panic", name)
				}
			}()
			l.Add(0, task)
		}()
	}
	// Write errors reach Add (CSV, once its buffer is full) and Close.
	for _, l := range newLogs(failWriter{}) {
		name := fmt.Sprintf("%T", l)
		for range 1000 {
			if l.Add(1, task) != nil {
				break
			}
		}
		if err := l.Close(); !errors.Is(err, errDisk) {
			t.Errorf("%s: Close with a failing writer: %v, want %v", name, err, errDisk)
		}
	}
	if _, err := NewEventLogCSV(io.Discard, calendar.Date{Year: 2026, Month: time.February, Day: 30}, "a"); err == nil {
		t.Error("NewEventLogCSV accepted 30 February")
	}
	if _, err := NewEventLogXES(io.Discard, calendar.Date{}, "a"); err == nil {
		t.Error("NewEventLogXES accepted the zero Date")
	}
}

func ExampleNewEventLogCSV() {
	start := calendar.Date{Year: 2026, Month: time.January, Day: 5} // a Monday
	l, err := NewEventLogCSV(os.Stdout, start, "status quo")
	if err != nil {
		fmt.Println(err)
		return
	}
	// In a run: models.RunWith(m, org, seed, models.Options{Log: LogFunc(l, rep)}).
	log := LogFunc(l, 1)
	log(models.Task{Case: 7, Service: "Hundehaltung", Activity: "filed",
		Start: -3*sim.Day + 20*sim.Hour + 0.25, End: 0, Office: "SDL"})
	log(models.Task{Case: 7, Service: "Hundehaltung", Activity: "register",
		Start: 7*sim.Hour + 30*sim.Minute, End: 7*sim.Hour + 52.5*sim.Minute, Work: 22.5,
		Office: "SDL", Resource: "clerk 1"})
	if err := l.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// case_id,activity,start_time,end_time,resource,office,service,arm,rep
	// r1-c7,filed,2026-01-02T20:00:15,2026-01-02T20:00:15,,SDL,Hundehaltung,status quo,1
	// r1-c7,register,2026-01-05T07:30:00,2026-01-05T07:52:30,clerk 1,SDL,Hundehaltung,status quo,1
}
