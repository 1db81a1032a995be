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
	"regexp"
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

// eventLogModel is a small model for the event log: Mon–Fri 7:30–16:00
// with the holidays of Sachsen-Anhalt from Monday 2 March 2026 to 13
// November, across both daylight-saving changes, a warm-up of 4 weeks; one
// service whose case type t has an intake, a wait for the citizen's
// documents with a deadline that rejects the case, and a decision (whose
// name needs escaping) that rejects some; a backlog of 10 cases filed in
// the 30 days before the start; one office with two clerks, one of them
// oddClerk.
func eventLogModel() *models.Model {
	m := &models.Model{
		Start:   calendar.Date{Year: 2026, Month: time.March, Day: 2},
		Horizon: 256 * sim.Day,
		WarmUp:  28 * sim.Day,
	}
	m.Hours.Open, m.Hours.Close = 7*sim.Hour+30*sim.Minute, 16*sim.Hour
	var prof arrivals.Profile
	for i := range prof.Monthly {
		prof.Monthly[i] = 1
	}
	prof.Weekday = [7]float64{1, 1, 1, 1, 1, 0, 0}
	prof.OnlineShare = 0.3
	m.Services = []models.Service{{
		Name: "S", PerThousand: 60, Profile: prof,
		Types: []models.CaseType{{Name: "t", Share: 1, Backlog: 1, Process: models.Process{
			{Name: "intake", Effort: must(dist.LogNormalMedianP90(15, 30)), Next: []models.Branch{
				{To: "citizen", Prob: []float64{0.3, 0}}, {To: "decide & sign", Prob: []float64{0.7, 1}}}},
			{Name: "citizen", Delay: must(dist.LogNormalMedianP90(5*1440, 20*1440)), Deadline: 14 * sim.Day,
				OnTimeout: models.Reject, Next: []models.Branch{{To: "intake", Prob: []float64{1}}}},
			{Name: "decide & sign", Effort: must(dist.Triangular(20, 40, 90)), Next: []models.Branch{
				{To: models.Done, Prob: []float64{0.85}}, {To: models.Reject, Prob: []float64{0.15}}}},
		}}},
		Learning: learning.Curve{Rate: 0.9, Floor: 0.6}, Reference: 100,
	}}
	m.Communes = []models.Commune{{AGS: "01", Name: "C", Population: 10000,
		Office: map[string]string{"S": "O"}}}
	m.Offices = []models.Office{{Key: "O", Name: "Office O", Clerks: []models.Clerk{
		{Name: "clerk 1", FTE: 1, Share: 0.3, Skills: []string{"S"}, Prior: 100},
		{Name: oddClerk, FTE: 1, Share: 0.3, Skills: []string{"S"}, Prior: 100},
	}}}
	return m
}

// eventLogZSA delegates intake to a ZSA, with hand-overs and questions
// sent back, so that logs have two offices, hand-overs and "question"
// tasks.
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
// every log in ls and returns the result and the tasks.
func runLogged(t *testing.T, m *models.Model, org *models.Organisation, rep int, ls ...EventLog) (*models.Result, []models.Task) {
	t.Helper()
	var tasks []models.Task
	r, err := models.RunWith(m, org, uint64(rep), models.Options{Log: func(task models.Task) {
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
	return r, tasks
}

func TestCivilSecond(t *testing.T) {
	t.Parallel()
	start := calendar.Date{Year: 2026, Month: time.January, Day: 5}
	const layout = "2006-01-02T15:04:05"
	for i, c := range []struct {
		t    sim.Time
		want string // layout, or "error"
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
		if s := got.Format(layout); s != c.want {
			t.Errorf("case %d: civilSecond(%v) = %s, want %s", i, c.t, s, c.want)
		}
		if got.Location() != time.UTC || got.Nanosecond() != 0 {
			t.Errorf("case %d: civilSecond(%v) = %v, want whole seconds in UTC", i, c.t, got)
		}
	}
}

// TestLogTimeAcrossDaylightSaving checks the civil clock's instants in
// Europe/Berlin on both days of 2026 whose clocks change, 29 March and 25
// October, and on ordinary days: the offset, the gap (02:00–02:59:59 in
// March go to 03:00 summer time), the repeated hour (its first
// occurrence, summer time), and that the mapping never goes back, minute
// by minute and at every second around the changes.
func TestLogTimeAcrossDaylightSaving(t *testing.T) {
	t.Parallel()
	start := calendar.Date{Year: 2026, Month: time.January, Day: 1}
	at := func(month time.Month, day, h, m, s int) sim.Time {
		d := calendar.Date{Year: 2026, Month: month, Day: day}
		return sim.Time(d.DaysSince(start))*sim.Day + sim.Time(h)*sim.Hour + sim.Time(m)*sim.Minute + sim.Time(s)/60
	}
	for _, c := range []struct {
		t    sim.Time
		want string // CSVTimeLayout
	}{
		{at(time.January, 5, 7, 30, 0), "2026-01-05T07:30:00+01:00"},
		{at(time.July, 1, 12, 0, 0), "2026-07-01T12:00:00+02:00"},
		{at(time.March, 29, 1, 59, 59), "2026-03-29T01:59:59+01:00"},
		{at(time.March, 29, 2, 0, 0), "2026-03-29T03:00:00+02:00"}, // the gap: its end
		{at(time.March, 29, 2, 6, 0), "2026-03-29T03:00:00+02:00"},
		{at(time.March, 29, 2, 59, 59), "2026-03-29T03:00:00+02:00"},
		{at(time.March, 29, 3, 0, 0), "2026-03-29T03:00:00+02:00"},
		{at(time.March, 29, 3, 0, 1), "2026-03-29T03:00:01+02:00"},
		{at(time.October, 25, 1, 59, 59), "2026-10-25T01:59:59+02:00"},
		{at(time.October, 25, 2, 0, 0), "2026-10-25T02:00:00+02:00"}, // twice: the first
		{at(time.October, 25, 2, 30, 0), "2026-10-25T02:30:00+02:00"},
		{at(time.October, 25, 2, 59, 59), "2026-10-25T02:59:59+02:00"},
		{at(time.October, 25, 3, 0, 0), "2026-10-25T03:00:00+01:00"},
	} {
		got, err := logTime(start, c.t)
		if err != nil {
			t.Errorf("%s: %v", c.want, err)
			continue
		}
		if s := got.Format(CSVTimeLayout); s != c.want {
			t.Errorf("logTime(%v) = %s, want %s", c.t, s, c.want)
		}
		// RFC 3339 and xs:dateTime readers see the same instant.
		back, err := time.Parse(time.RFC3339, got.Format(CSVTimeLayout))
		if err != nil || !back.Equal(got) {
			t.Errorf("%s parses as %v (%v)", c.want, back, err)
		}
	}
	// The 1,440 civil minutes of each day of change in 1,380 or 1,500
	// real ones, never going back; every second around the changes.
	for _, day := range []struct {
		month      time.Month
		day        int
		realLength time.Duration
	}{{time.March, 29, 23 * time.Hour}, {time.October, 25, 25 * time.Hour}} {
		first, _ := logTime(start, at(day.month, day.day, 0, 0, 0))
		next, _ := logTime(start, at(day.month, day.day+1, 0, 0, 0))
		if next.Sub(first) != day.realLength {
			t.Errorf("%v %d lasts %v, want %v", day.month, day.day, next.Sub(first), day.realLength)
		}
		prev := first
		for s := 0; s < 86400; s++ {
			if s%60 != 0 && (s < 3600 || s > 4*3600) {
				continue
			}
			got, err := logTime(start, at(day.month, day.day, 0, 0, s))
			if err != nil || got.Before(prev) {
				t.Fatalf("%v %d, second %d: %v before %v (%v)", day.month, day.day, s, got, prev, err)
			}
			prev = got
		}
	}
	// Before 1893, Berlin kept local mean time (+00:53:28): no whole
	// minutes for RFC 3339.
	if got, err := logTime(calendar.Date{Year: 1890, Month: time.January, Day: 1}, 0); err == nil {
		t.Errorf("1890: %v, want an error", got)
	}
}

// csvLog reads a CSV event log: its rows after the header, which it
// checks.
func csvLog(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll() // every row has the header's field count
	if err != nil {
		t.Fatal(err)
	}
	// Simod's default columns first.
	const want = "case_id,activity,enabled_time,start_time,end_time,resource," +
		"resource_name,office,office_name,service,case_type,arm,rep,warm_up,outcome,reason"
	if got := strings.Join(rows[0], ","); got != want {
		t.Fatalf("header %q, want %q", got, want)
	}
	return rows[1:]
}

// Columns of the CSV event log.
const (
	colCase = iota
	colActivity
	colEnabled
	colStart
	colEnd
	colResource
	colResourceName
	colOffice
	colOfficeName
	colService
	colType
	colArm
	colRep
	colWarmUp
	colOutcome
	colReason
)

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
		tasks := map[caseKey][]models.Task{}
		for rep := 1; rep <= arm.reps; rep++ {
			_, ts := runLogged(t, m, arm.org, rep, l)
			for _, task := range ts {
				k := caseKey{rep, task.Case}
				tasks[k] = append(tasks[k], task)
			}
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		rows := csvLog(t, buf.Bytes())
		// The rows of a case are together, in the order logged.
		done := map[caseKey]bool{}
		activities := map[string]int{}
		outcomes := map[string]int{}
		var k caseKey
		n, lastOpen := 0, caseKey{}
		for i := 0; i < len(rows); {
			if _, err := fmt.Sscanf(rows[i][colCase], "r%d-c%d", &k.rep, &k.c); err != nil || done[k] {
				t.Fatalf("%s: row %d: case id %q (%v), or a case's rows apart", arm.name, i+2, rows[i][colCase], err)
			}
			done[k] = true
			want := tasks[k]
			outcome := rows[i][colOutcome]
			outcomes[outcome]++
			if outcome == OutcomeOpen {
				if k.rep < lastOpen.rep || k.rep == lastOpen.rep && k.c < lastOpen.c {
					t.Errorf("%s: open case %v after %v", arm.name, k, lastOpen)
				}
				lastOpen = k
			} else if lastOpen != (caseKey{}) {
				t.Errorf("%s: case %v ended, after the open ones", arm.name, k)
			}
			var prev time.Time
			for j, task := range want {
				row := rows[i+j]
				where := fmt.Sprintf("%s: row %d %q", arm.name, i+j+2, row)
				activities[row[colActivity]]++
				ts, err := taskTimes(m.Start, &task)
				if err != nil {
					t.Fatal(err)
				}
				reason, warm := "", strconv.FormatBool(task.WarmUp)
				last := want[len(want)-1]
				switch {
				case last.Kind == models.TaskEnd && last.Late:
					reason = ReasonDeadline
				case last.Kind == models.TaskEnd:
					reason = ReasonProcess
				}
				wantRow := []string{fmt.Sprintf("r%d-c%d", k.rep, k.c), task.Activity,
					ts[0].Format(CSVTimeLayout), ts[1].Format(CSVTimeLayout), ts[2].Format(CSVTimeLayout),
					task.ResourceID, task.Resource, task.Office, task.OfficeName, task.Service, task.Type,
					arm.name, strconv.Itoa(k.rep), warm, outcome, reason}
				if got := strings.Join(row, "|"); got != strings.Join(wantRow, "|") {
					t.Errorf("%s: want %q", where, wantRow)
				}
				// Order and kinds.
				start, _ := time.Parse(time.RFC3339, row[colStart])
				end, _ := time.Parse(time.RFC3339, row[colEnd])
				enabled, _ := time.Parse(time.RFC3339, row[colEnabled])
				if start.Before(prev) || end.Before(start) || start.Before(enabled) {
					t.Errorf("%s: not in time order after %v", where, prev)
				}
				prev = start
				switch {
				case j == 0 && row[colActivity] != ActivityFiled:
					t.Errorf("%s: a case's first row is not %q", where, ActivityFiled)
				case (task.Kind == models.TaskEnd) != (j == len(want)-1 && outcome != OutcomeOpen):
					t.Errorf("%s: an end row not last, or a case ended without one (%s)", where, outcome)
				case task.Kind == models.TaskEnd && row[colActivity] != outcome:
					t.Errorf("%s: outcome %q", where, outcome)
				case (row[colResource] == "") != (task.Kind != models.TaskWork):
					t.Errorf("%s: resource %q for kind %d", where, row[colResource], task.Kind)
				}
			}
			i += len(want)
			n++
		}
		if n != len(tasks) {
			t.Errorf("%s: %d cases written, %d logged", arm.name, n, len(tasks))
		}
		for _, a := range []string{ActivityFiled, "intake", "citizen", "decide & sign", OutcomeDone, OutcomeReject} {
			if activities[a] == 0 {
				t.Errorf("%s: no %q in activities %v", arm.name, a, activities)
			}
		}
		if arm.org != nil && (activities[models.ActivityHandOver] == 0 || activities["question"] == 0) {
			t.Errorf("%s: activities %v, want hand-overs and questions", arm.name, activities)
		}
		if outcomes[OutcomeOpen] == 0 || outcomes[OutcomeDone] == 0 || outcomes[OutcomeReject] == 0 {
			t.Errorf("%s: outcomes %v", arm.name, outcomes)
		}
		t.Logf("%s: %d rows, %d cases, activities %v, outcomes %v", arm.name, len(rows), n, activities, outcomes)
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

// TestEventLogFiguresMatchTheRun checks that a log tells the run's figures:
// its cases with warm_up false and outcome done or reject are the run's
// completed cases (Result, as replications.csv has them: completed and
// lead_days of the service total), their lead times — from the filing to
// the end, on the civil clock the CSV's times show — average to the run's
// mean lead time up to the log's resolution (a second per time, and up
// to an hour for a time in the gap of the spring change, which the
// log writes at its end), in the CSV and the XES log, in both arms.
func TestEventLogFiguresMatchTheRun(t *testing.T) {
	t.Parallel()
	m := eventLogModel()
	for _, org := range []*models.Organisation{nil, eventLogZSA()} {
		var cbuf, xbuf bytes.Buffer
		cl := must(NewEventLogCSV(&cbuf, m.Start, "arm"))
		xl := must(NewEventLogXES(&xbuf, m.Start, "arm"))
		r, _ := runLogged(t, m, org, 1, cl, xl)
		if err := errors.Join(cl.Close(), xl.Close()); err != nil {
			t.Fatal(err)
		}
		want := map[string]float64{}
		for _, v := range Measure(r, 0, -1) {
			want[v.Name] = v.X
		}
		// CSV: the civil clock of each case's filing and end.
		civil := func(s string) time.Time {
			x, err := time.Parse(time.RFC3339, s)
			if err != nil {
				t.Fatal(err)
			}
			return time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), 0, time.UTC)
		}
		inGap := regexp.MustCompile(`^2026-03-29T03:00:00\+02:00$`)
		filed := map[string]time.Time{}
		var n, rejected, late, gaps int
		var sum float64
		for _, row := range csvLog(t, cbuf.Bytes()) {
			switch row[colActivity] {
			case ActivityFiled:
				filed[row[colCase]] = civil(row[colStart])
				gaps += btoi(inGap.MatchString(row[colStart]))
			case row[colOutcome]:
				if row[colWarmUp] != "false" {
					continue
				}
				n++
				rejected += btoi(row[colOutcome] == OutcomeReject)
				late += btoi(row[colReason] == ReasonDeadline)
				gaps += btoi(inGap.MatchString(row[colStart]))
				sum += civil(row[colStart]).Sub(filed[row[colCase]]).Hours() / 24
			}
		}
		tol := (float64(n) + 3600*float64(gaps)) / 86400 / float64(n)
		if float64(n) != want[MetricCompleted] || float64(rejected) != float64(r.Services[0].Total().Rejected) || late == 0 {
			t.Errorf("org %v: %d cases completed in the CSV log (%d rejected, %d at a deadline), the run %v (%d rejected)",
				org != nil, n, rejected, late, want[MetricCompleted], r.Services[0].Total().Rejected)
		}
		if got := sum / float64(n); math.Abs(got-want[MetricLeadDays]) > tol {
			t.Errorf("org %v: mean lead time %.8f d in the CSV log, %.8f d in the run (tolerance %.2g d)", org != nil, got, want[MetricLeadDays], tol)
		}
		// XES: the same cases.
		var lg xesLog
		if err := xml.Unmarshal(xbuf.Bytes(), &lg); err != nil {
			t.Fatal(err)
		}
		nx := 0
		for _, tr := range lg.Traces {
			warm, _ := attr(tr.Booleans, "warm_up")
			outcome, _ := attr(tr.Strings, "outcome")
			nx += btoi(warm == "false" && outcome != OutcomeOpen)
		}
		if nx != n {
			t.Errorf("org %v: %d cases completed in the XES log, %d in the CSV log", org != nil, nx, n)
		}
		t.Logf("org %v: %d cases completed, lead time %.4f d, %d times in the spring gap", org != nil, n, want[MetricLeadDays], gaps)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
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
		Strings  []xesAttr  `xml:"string"`
		Ints     []xesAttr  `xml:"int"`
		Booleans []xesAttr  `xml:"boolean"`
		Events   []xesEvent `xml:"event"`
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

// xesLogOf runs two replications of org, writes them to an XES log with
// the given chunk size (0: default) and spill directory, adding the
// replications' tasks in the order given by order, and returns the log
// and the tasks of every case in the order logged.
func xesLogOf(t *testing.T, org *models.Organisation, chunk int, dir string, order func(a, b []models.Task) [][2]int) ([]byte, map[caseKey][]models.Task) {
	t.Helper()
	m := eventLogModel()
	_, rep1 := runLogged(t, m, org, 1)
	_, rep2 := runLogged(t, m, org, 2)
	reps := [][]models.Task{rep1, rep2}
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
	for _, org := range []*models.Organisation{nil, eventLogZSA()} {
		out, cases := xesLogOf(t, org, 0, t.TempDir(), inOrder)
		if err := checkXES(out); err != nil {
			t.Errorf("org %v: %v", org != nil, err)
		}
		var lg xesLog
		if err := xml.Unmarshal(out, &lg); err != nil {
			t.Fatal(err)
		}
		if name, _ := attr(lg.Strings, "concept:name"); name != `status quo <&>` {
			t.Errorf("log concept:name %q", name)
		}
		// Escaping: the raw text escapes, the parsed text is the name.
		if !bytes.Contains(out, []byte(`value="O/a&lt;b &amp; &#34;c&#34;"`)) || !bytes.Contains(out, []byte(`value="decide &amp; sign"`)) {
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
			var k caseKey
			_, err := fmt.Sscanf(name, "r%d-c%d", &k.rep, &k.c)
			if !ok1 || !ok2 || err != nil || rep != strconv.Itoa(k.rep) {
				t.Fatalf("trace %d: concept:name %q rep %q", i, name, rep)
			}
			if seen[k] {
				t.Errorf("trace %s: case written twice", name)
			}
			seen[k] = true
			if i > 0 && (k.rep < prev.rep || k.rep == prev.rep && k.c <= prev.c) {
				t.Errorf("trace %s after %v: traces not sorted by replication and case", name, prev)
			}
			prev = k
			// The case's attributes.
			tasks := cases[k]
			last := tasks[len(tasks)-1]
			outcome, reason := OutcomeOpen, ""
			if last.Kind == models.TaskEnd {
				outcome, reason = last.Activity, ReasonProcess
				if last.Late {
					reason = ReasonDeadline
				}
			}
			got := map[string]string{}
			for _, key := range []string{"arm", "service", "case_type", "outcome", "reason"} {
				got[key], _ = attr(tr.Strings, key)
			}
			got["warm_up"], _ = attr(tr.Booleans, "warm_up")
			wantAttrs := map[string]string{"arm": `status quo <&>`, "service": "S", "case_type": "t",
				"outcome": outcome, "reason": reason, "warm_up": strconv.FormatBool(last.WarmUp)}
			if fmt.Sprint(got) != fmt.Sprint(wantAttrs) {
				t.Errorf("trace %s: attributes %v, want %v", name, got, wantAttrs)
			}
			// The trace is its case's tasks in the order logged: a filing
			// and an end as one complete event, the others as start and
			// complete.
			type ev struct{ act, tr, ts, res, resName, group, groupName string }
			var want []ev
			for _, task := range tasks {
				ts, err := taskTimes(m.Start, &task)
				if err != nil {
					t.Fatal(err)
				}
				e := ev{task.Activity, "complete", ts[1].Format(XESTimeLayout), task.ResourceID, task.Resource, task.Office, task.OfficeName}
				if task.Kind == models.TaskFiled || task.Kind == models.TaskEnd {
					want = append(want, e)
					continue
				}
				e.tr = "start"
				want = append(want, e)
				e.tr, e.ts = "complete", ts[2].Format(XESTimeLayout)
				want = append(want, e)
			}
			if len(tr.Events) != len(want) {
				t.Errorf("trace %s: %d events, want %d", name, len(tr.Events), len(want))
				continue
			}
			if want[0].act != ActivityFiled {
				t.Errorf("trace %s: first event %q, want %q", name, want[0].act, ActivityFiled)
			}
			var lastTime time.Time
			for j, e := range tr.Events {
				var got ev
				got.act, _ = attr(e.Strings, "concept:name")
				got.tr, _ = attr(e.Strings, "lifecycle:transition")
				got.ts, _ = attr(e.Dates, "time:timestamp")
				got.res, _ = attr(e.Strings, "org:resource")
				got.resName, _ = attr(e.Strings, "resource_name")
				got.group, _ = attr(e.Strings, "org:group")
				got.groupName, _ = attr(e.Strings, "office_name")
				if got != want[j] {
					t.Errorf("trace %s event %d: %+v, want %+v", name, j, got, want[j])
				}
				resources[got.res] = true
				ts, err := time.Parse(time.RFC3339, got.ts)
				if err != nil {
					t.Errorf("trace %s event %d: %v", name, j, err)
				}
				if ts.Before(lastTime) {
					t.Errorf("trace %s event %d at %v before the previous event at %v", name, j, ts, lastTime)
				}
				lastTime = ts
			}
		}
		if !resources["O/"+oddClerk] || org != nil && !resources["Z/z1"] {
			t.Errorf("resources %v, want %q among them", resources, "O/"+oddClerk)
		}
		if org == nil {
			checkGolden(t, "eventlog.xes.golden", firstLines(out, 80))
		}
	}
}

// checkXES checks an XES log against the schema of IEEE 1849-2016 as far
// as this package writes it: the root log in the XES namespace with
// xes.version an xs:decimal and xes.features an xs:token; its children in
// the schema's order — extensions, globals, classifiers, attributes,
// traces; extension and classifier names and prefixes xs:NCName, global
// scopes trace or event, classifier keys declared as globals of their
// scope; in traces attributes, then events; in events attributes only;
// every attribute with a key that is an xs:Name and a value of its type
// (date an xs:dateTime with an offset, int an xs:long, float an
// xs:double, boolean an xs:boolean), and a key with an extension's prefix
// only if that extension is declared. It returns the first problem.
func checkXES(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	const ns = "http://www.xes-standard.org/"
	var path []string
	order := map[string]int{"extension": 0, "global": 1, "classifier": 2, "string": 3, "date": 3, "int": 3,
		"float": 3, "boolean": 3, "id": 3, "list": 3, "container": 3, "trace": 4, "event": 4}
	attrOrder := map[string]bool{"string": true, "date": true, "int": true, "float": true, "boolean": true, "id": true}
	stage := 0   // of the log's children
	inTrace := 0 // 0 attributes, 1 events
	prefixes := map[string]bool{}
	globals := map[string]map[string]bool{"trace": {}, "event": {}}
	scope := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			name := el.Name.Local
			at := map[string]string{}
			for _, a := range el.Attr {
				at[a.Name.Local] = a.Value
			}
			where := strings.Join(append(path, name), "/")
			if el.Name.Space != ns {
				return fmt.Errorf("%s: namespace %q, want %q", where, el.Name.Space, ns)
			}
			parent := ""
			if len(path) > 0 {
				parent = path[len(path)-1]
			}
			switch {
			case len(path) == 0:
				if name != "log" {
					return fmt.Errorf("root %q, want log", name)
				}
				if v := at["xes.version"]; !xsDecimal.MatchString(v) {
					return fmt.Errorf("log: xes.version %q is not an xs:decimal", v)
				}
				if f, ok := at["xes.features"]; ok && f != strings.Join(strings.Fields(f), " ") {
					return fmt.Errorf("log: xes.features %q is not an xs:token", f)
				}
			case parent == "log":
				s, ok := order[name]
				if !ok || s < stage {
					return fmt.Errorf("%s: not allowed here (after stage %d)", where, stage)
				}
				stage = s
				switch name {
				case "extension":
					if !ncName(at["name"]) || !ncName(at["prefix"]) || at["uri"] == "" {
						return fmt.Errorf("%s: name %q, prefix %q, uri %q", where, at["name"], at["prefix"], at["uri"])
					}
					prefixes[at["prefix"]] = true
				case "global":
					scope = at["scope"]
					if scope == "" {
						scope = "event"
					}
					if globals[scope] == nil {
						return fmt.Errorf("%s: scope %q", where, scope)
					}
				case "classifier":
					cs := at["scope"]
					if cs == "" {
						cs = "event"
					}
					if !ncName(at["name"]) || globals[cs] == nil {
						return fmt.Errorf("%s: name %q is not an xs:NCName, or scope %q", where, at["name"], cs)
					}
					for _, k := range strings.Fields(at["keys"]) {
						if !globals[cs][k] {
							return fmt.Errorf("%s %q: key %q is not a global %s attribute", where, at["name"], k, cs)
						}
					}
				case "trace":
					inTrace = 0
				case "event":
					return fmt.Errorf("%s: this package writes events in traces only", where)
				}
			case parent == "trace":
				if name == "event" {
					inTrace = 1
				} else if !attrOrder[name] || inTrace == 1 {
					return fmt.Errorf("%s: not an attribute, or after the events", where)
				}
			case parent == "global" || parent == "event":
				if !attrOrder[name] {
					return fmt.Errorf("%s: not an attribute", where)
				}
			default:
				return fmt.Errorf("%s: unexpected", where)
			}
			if attrOrder[name] {
				key, v := at["key"], at["value"]
				if !xsName.MatchString(key) {
					return fmt.Errorf("%s: key %q is not an xs:Name", where, key)
				}
				if p, _, ok := strings.Cut(key, ":"); ok && !prefixes[p] {
					return fmt.Errorf("%s: key %q of an undeclared extension", where, key)
				}
				if _, ok := at["value"]; !ok {
					return fmt.Errorf("%s %q: no value", where, key)
				}
				var err error
				switch name {
				case "date":
					if !xsDateTime.MatchString(v) {
						err = errors.New("not an xs:dateTime with an offset")
					} else {
						_, err = time.Parse(time.RFC3339, v)
					}
				case "int":
					_, err = strconv.ParseInt(v, 10, 64)
				case "float":
					_, err = strconv.ParseFloat(v, 64)
				case "boolean":
					if v != "true" && v != "false" && v != "1" && v != "0" {
						err = errors.New("not an xs:boolean")
					}
				}
				if err != nil {
					return fmt.Errorf("%s %q: value %q: %v", where, key, v, err)
				}
				if parent == "global" {
					globals[scope][key] = true
				}
			}
			path = append(path, name)
		case xml.EndElement:
			path = path[:len(path)-1]
		case xml.CharData:
			if len(bytes.TrimSpace(el)) > 0 {
				return fmt.Errorf("%s: text %q", strings.Join(path, "/"), el)
			}
		}
	}
	if stage < 3 {
		return errors.New("log: no attributes or traces")
	}
	return nil
}

// Lexical forms of XML Schema types: xs:decimal, xs:dateTime with an
// offset (or Z), and xs:Name for the ASCII characters (letters, digits and
// ".-_:", not beginning with a digit, '.' or '-'; others are not used
// here).
var (
	xsDecimal  = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)$`)
	xsDateTime = regexp.MustCompile(`^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$`)
	xsName     = regexp.MustCompile(`^[A-Za-z_:][A-Za-z0-9._:-]*$`)
)

// ncName reports whether s is an xs:NCName: an xs:Name without colons.
func ncName(s string) bool { return xsName.MatchString(s) && !strings.Contains(s, ":") }

// checkXES finds the schema violations of the earlier format and of
// broken documents.
func TestCheckXESFindsViolations(t *testing.T) {
	t.Parallel()
	out, _ := xesLogOf(t, nil, 0, "", inOrder)
	if err := checkXES(out); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ from, to, want string }{
		{`xes.version="1.0"`, `xes.version="1849-2016"`, "xs:decimal"},
		{`name="Activity_and_transition"`, `name="Activity and transition"`, "xs:NCName"},
		{`+01:00"/>`, `"/>`, "xs:dateTime"},
		{`<int key="rep" value="1"/>`, `<int key="rep" value="one"/>`, "value"},
		{`<boolean key="warm_up" value="true"/>`, `<boolean key="warm_up" value="yes"/>`, "xs:boolean"},
		{`	<classifier name="Activity" keys="concept:name"/>` + "\n", "", ""}, // still valid
		{`<string key="concept:name" value="status quo &lt;&amp;&gt;"/>`, `<trace></trace><string key="x" value="y"/>`, "not allowed"},
		{`key="org:group"`, `key="group:x"`, "undeclared"},
		{`keys="concept:name lifecycle:transition"`, `keys="concept:name org:resource"`, "global"},
	} {
		bad := bytes.Replace(out, []byte(c.from), []byte(c.to), 1)
		if bytes.Equal(bad, out) {
			t.Fatalf("%q not in the log", c.from)
		}
		err := checkXES(bad)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%q → %q: %v, want an error with %q", c.from, c.to, err, c.want)
		}
	}
}

// TestEventLogXESSpill checks that spilling to disk in many small runs and
// adding replications interleaved give the bytes of the in-memory log, and
// that the spill file is gone after Close.
func TestEventLogXESSpill(t *testing.T) {
	t.Parallel()
	want, _ := xesLogOf(t, nil, 0, "", inOrder)
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
		got, _ := xesLogOf(t, nil, c.chunk, dir, c.order)
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
	end := models.Task{Kind: models.TaskEnd, Case: 1, Service: "S", Activity: OutcomeDone, Start: 480, End: 480, Office: "O"}
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
		for c := range uint64(1000) {
			task.Case, end.Case = c, c
			if l.Add(1, task) != nil || l.Add(1, end) != nil {
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
	c := models.Task{Case: 7, Service: "Hundehaltung", Type: "Anmeldung", WarmUp: true, Office: "SDL", OfficeName: "Stendal"}
	filed, work, end := c, c, c
	filed.Kind, filed.Activity, filed.Start, filed.End = models.TaskFiled, ActivityFiled, -3*sim.Day+20*sim.Hour+0.25, 0
	work.Kind, work.Activity, work.Resource, work.ResourceID = models.TaskWork, "register", "clerk 1", "SDL/clerk 1"
	work.Enabled, work.Start, work.End, work.Work = 0, 7*sim.Hour+30*sim.Minute, 7*sim.Hour+52.5*sim.Minute, 22.5
	end.Kind, end.Activity, end.Start, end.End = models.TaskEnd, OutcomeDone, work.End, work.End
	log(filed)
	log(work)
	log(end)
	if err := l.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// case_id,activity,enabled_time,start_time,end_time,resource,resource_name,office,office_name,service,case_type,arm,rep,warm_up,outcome,reason
	// r1-c7,filed,2026-01-02T20:00:15+01:00,2026-01-02T20:00:15+01:00,2026-01-02T20:00:15+01:00,,,SDL,Stendal,Hundehaltung,Anmeldung,status quo,1,true,done,process
	// r1-c7,register,2026-01-05T00:00:00+01:00,2026-01-05T07:30:00+01:00,2026-01-05T07:52:30+01:00,SDL/clerk 1,clerk 1,SDL,Stendal,Hundehaltung,Anmeldung,status quo,1,true,done,process
	// r1-c7,done,2026-01-05T07:52:30+01:00,2026-01-05T07:52:30+01:00,2026-01-05T07:52:30+01:00,,,SDL,Stendal,Hundehaltung,Anmeldung,status quo,1,true,done,process
}
