package results

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"time"

	"zsa/models"
	"zsa/models/calendar"
	"zsa/sim"
)

// EventLog is a process-mining event log writer: an EventLogCSV or an
// EventLogXES. It wraps the Add and Close methods.
//
// A log holds one arm (organisation) and any number of its replications:
// process-mining tools analyse one process at a time, and the status quo
// and a ZSA arm are compared side by side, not mixed in one log; write one
// file per arm. Case ids are "r<rep>-c<case>" (e.g. "r2-c317": case 317 of
// replication 2), unique within the file. Task.Case numbers the cases of
// a run from 1 in the order they are created, group of offices by group
// (a ZSA with its member offices, or an office alone, simulated one after
// the other), so r1-c5 in two arms' logs need not be the same citizen.
//
// Everything models.Options.Log logs is written, the warm-up included,
// with these activities (models.TaskKind):
//
//   - ActivityFiled, the filing of a case, an instant at its arrival (the
//     initial backlog was filed up to 30 days before the start; the
//     moment the run takes it in is not written);
//   - a work step's name, or "question" for a question a local office
//     sends back to the ZSA: a clerk's work item, from the first working
//     minute after the clerk took it to its end (nights, weekends and
//     holidays in between are part of its duration; its touch time is
//     not written), enabled when the case joined the clerk's queue;
//   - an external wait's step name (the citizen's answer with the missing
//     documents, another authority): from when the case began waiting to
//     the answer, or to the deadline if that passed first; no clerk;
//   - models.ActivityHandOver: a hand-over between the ZSA and a local
//     office, no clerk;
//   - OutcomeDone or OutcomeReject: the end of a case, an instant.
//
// Work items are the only events with a resource: a clerk's id, unique in
// the run ("<office key>/<clerk name>", models.Task.ResourceID), beside
// the clerk's name (not unique: every office has a "Wohngeld 1"). Office
// is the office's key and office name its name: the office whose clerk
// works; for a filing and the end of a case the office of the filing
// commune, for an external wait the office of the case's last work item,
// for a hand-over the office that receives the case.
//
// Every case carries the attributes service, case type, arm, replication
// (rep, from 1), warm_up (true for a case filed before the end of the
// warm-up, the initial backlog included: the run's figures leave these
// out), outcome and reason. outcome is OutcomeDone or OutcomeReject for a
// case that ended (models.Done, models.Reject: both count as completed in
// the run's figures) and OutcomeOpen for a case still open at the
// horizon, which has no end event; reason says how a case that ended got
// there: ReasonDeadline if a missed deadline of an external wait ended it
// (the citizen did not answer in time), ReasonProcess if its process
// did (a branch to Done or Reject, or its last step); it is empty for open
// cases. The lead time of a case that ended is the time from its filing
// to its end: the cases with warm_up false and outcome done or reject
// are those whose lead times the run's figures (replications.csv,
// lead_days) average.
//
// The outcome is known only when a case ends. So each writer keeps a
// case's events until its end event and writes them then, all with the
// outcome; the cases open when the log is closed are written at Close,
// with outcome open. A work item or wait of an open case may end after
// the horizon (it was begun before).
//
// Timestamps: the simulation's clock is the offices' civil time, every day
// 1,440 minutes long from midnight of Model.Start (as
// calendar.Calendar.CivilTime). Times are rounded to whole seconds since
// that midnight, halves away from zero (math.Round), and written as
// instants of EventLogZone, Europe/Berlin, with their UTC offset (+01:00
// in winter, +02:00 in summer), so that every tool sees the same instants
// whatever its own time zone. Two civil hours a year are not one-to-one:
// on the spring-forward day (29 March 2026) the civil times 02:00–02:59:59
// do not exist and are written as 03:00:00+02:00, the end of the gap; on
// the fall-back day (25 October 2026) 02:00–02:59:59 happens twice and
// is written as its first occurrence (+02:00), so that 03:00+01:00
// follows an hour and a second after 02:59:59+02:00. Both keep the order
// of times, so a case's events stay in order (some may tie at 03:00 in
// March). Elapsed time between instants is then up to an hour less than
// the civil time for a span across the spring change (an hour, unless an
// end lies in the gap) and an hour more across the autumn one: the run's
// lead times count civil days, so a tool that measures a case across a
// change sees it up to an hour shorter or an hour longer. Dates must lie
// in the years 1893 to 9999.
//
// models.Options.Log logs a case's tasks in time order, when they begin.
type EventLog interface {
	// Add writes (or records) the task t of replication rep.
	Add(rep int, t models.Task) error
	// Close finishes the log. It does not close the underlying writer.
	Close() error
}

// ErrEventLogClosed is returned by Add, Flush and Close of an event log
// that was closed.
var ErrEventLogClosed = errors.New("results: event log is closed")

// LogFunc returns a function for models.Options.Log that adds the tasks of
// replication rep to l. Add errors are sticky in both log types, so the
// function drops them: Close (or Flush) reports the first one.
//
//	opt := models.Options{Log: results.LogFunc(l, rep)}
func LogFunc(l EventLog, rep int) func(models.Task) {
	return func(t models.Task) { _ = l.Add(rep, t) }
}

// ActivityFiled is the activity of a case's filing (models.TaskFiled).
const ActivityFiled = "filed"

// Outcomes of a case in the event log, and the reasons a case ended.
const (
	OutcomeDone    = models.Done   // ended positively (an approval)
	OutcomeReject  = models.Reject // ended negatively
	OutcomeOpen    = "open"        // open at the horizon
	ReasonDeadline = "deadline"    // a missed deadline of an external wait ended the case
	ReasonProcess  = "process"     // the case's process ended it
)

// CSVTimeLayout is the layout of the timestamps in the CSV event log:
// RFC 3339 with the UTC offset, e.g. 2026-01-05T07:30:00+01:00 (time.Parse
// layout).
const CSVTimeLayout = "2006-01-02T15:04:05-07:00"

// XESTimeLayout is the layout of time:timestamp in the XES event log:
// xs:dateTime with milliseconds, always .000, and the UTC offset, e.g.
// 2026-01-05T07:30:00.000+01:00.
const XESTimeLayout = "2006-01-02T15:04:05.000-07:00"

// eventLogHeader is the header row of the CSV event log.
var eventLogHeader = []string{"case_id", "activity", "enabled_time", "start_time", "end_time", "resource",
	"resource_name", "office", "office_name", "service", "case_type", "arm", "rep", "warm_up", "outcome", "reason"}

// EventLogCSV writes a process-mining event log as CSV (see EventLog), one
// row per task:
//
//	case_id,activity,enabled_time,start_time,end_time,resource,resource_name,office,office_name,service,case_type,arm,rep,warm_up,outcome,reason
//	r1-c7,filed,2026-01-02T20:00:15+01:00,2026-01-02T20:00:15+01:00,2026-01-02T20:00:15+01:00,,,SDL,Stendal,Hundehaltung,Anmeldung,status quo,1,true,done,process
//	r1-c7,register,2026-01-05T07:30:00+01:00,2026-01-05T07:30:00+01:00,2026-01-05T07:52:30+01:00,SDL/clerk 1,clerk 1,SDL,Stendal,Hundehaltung,Anmeldung,status quo,1,true,done,process
//	r1-c7,done,2026-01-05T07:52:30+01:00,2026-01-05T07:52:30+01:00,2026-01-05T07:52:30+01:00,,,SDL,Stendal,Hundehaltung,Anmeldung,status quo,1,true,done,process
//
// The first six columns are the event log columns Simod reads by default
// (case_id, activity, enabled_time, start_time, end_time, resource): one
// row is one activity instance with its enablement, start and end, as
// Simod, Disco and PM4Py take them. enabled_time is when a work item's
// case joined the clerk's queue, for the other rows start_time; an
// instant (a filing, an end) has enabled_time = start_time = end_time.
// resource and resource_name are empty but for work items. The case
// attributes (service to reason) repeat on every row of the case, so that
// a table of rows filters by them directly. warm_up is true or false.
// Timestamps are in CSVTimeLayout; fields are quoted as encoding/csv
// does.
//
// A case's rows are written together, in time order, when the case ends,
// its end row last; cases follow each other in the order they end (in a
// run, group of offices by group: models.Task.Case), then the cases open
// at Close by replication and case number. Tools sort by
// timestamp anyway. The same tasks added in the same order give the same
// bytes; replications run in parallel must be added in a fixed order for
// that (or written to one file each).
//
// Memory: the rows of the open cases (about 150 bytes a row); a case's
// rows are written at its end, through the encoding/csv writer's buffer
// (4 KiB). Methods must be called from one goroutine at a time; the
// caller serialises.
//
// To load one arm's log into PM4Py, keeping the cases whose lead times
// the run's figures count:
//
//	df = pandas.read_csv("eventlog.csv", dtype={"office": str, "resource": str})
//	for c in ["enabled_time", "start_time", "end_time"]:
//	    df[c] = pandas.to_datetime(df[c], utc=True)  # offsets differ in summer
//	df = df[~df.warm_up & (df.outcome != "open")]
//	log = pm4py.format_dataframe(df, case_id="case_id", activity_key="activity",
//	                             timestamp_key="end_time", start_timestamp_key="start_time")
type EventLogCSV struct {
	logState
	cw   *csv.Writer
	arm  string
	open map[caseKey]*csvCase // the cases not ended, with their rows
	free []*csvCase
	row  [16]string
	buf  []byte
}

// caseKey identifies a case of a log: its replication and number.
type caseKey struct {
	rep int
	c   uint64
}

// csvCase is a case whose rows wait for its end: its attributes and rows.
type csvCase struct {
	service, typ string
	warmUp       bool
	rows         []csvRow
}

// csvRow is one row of a case, without the case's attributes.
type csvRow struct {
	activity, resource, resourceName, office, officeName string
	// times holds enabled_time, start_time and end_time, each a third of
	// it (CSVTimeLayout has a fixed width).
	times string
}

// logState is what both event logs keep: the start date, the first error
// (sticky) and whether the log is closed.
type logState struct {
	start  calendar.Date
	err    error
	closed bool
}

// times checks that the log takes task t of replication rep and returns
// the task's enabled, start and end times (taskTimes); a task whose times
// are out of range is the log's error from then on. It panics if rep < 1.
func (s *logState) times(rep int, t *models.Task) (ts [3]time.Time, err error) {
	if rep < 1 {
		panic("results: event log replication number less than 1")
	}
	if s.closed {
		return ts, ErrEventLogClosed
	}
	if s.err != nil {
		return ts, s.err
	}
	ts, err = taskTimes(s.start, t)
	if err != nil {
		s.err = fmt.Errorf("results: event log: replication %d: %w", rep, err)
	}
	return ts, s.err
}

// NewEventLogCSV returns a CSV event log of the arm named arm that writes
// to w, with sim.Time 0 at midnight of start (models.Model.Start). It
// writes the header row (into its buffer). It returns an error if start is
// not a valid date.
func NewEventLogCSV(w io.Writer, start calendar.Date, arm string) (*EventLogCSV, error) {
	if !start.IsValid() {
		return nil, fmt.Errorf("results: event log: invalid start date %d-%02d-%02d", start.Year, start.Month, start.Day)
	}
	l := &EventLogCSV{cw: csv.NewWriter(w), logState: logState{start: start}, arm: arm, open: map[caseKey]*csvCase{}}
	if err := l.cw.Write(eventLogHeader); err != nil {
		return nil, err
	}
	return l, nil
}

// Add records task t of replication rep (from 1) with its case; the end of
// a case (models.TaskEnd) writes the case's rows. A task with a time that
// is not finite or outside the years 1893 to 9999 is an error; after an
// error Add records nothing and returns the first error again. Add panics
// if rep < 1.
func (l *EventLogCSV) Add(rep int, t models.Task) error {
	ts, err := l.times(rep, &t)
	if err != nil {
		return err
	}
	k := caseKey{rep, t.Case}
	c := l.open[k]
	if c == nil {
		if n := len(l.free); n > 0 {
			c, l.free = l.free[n-1], l.free[:n-1]
		} else {
			c = &csvCase{}
		}
		c.service, c.typ, c.warmUp = t.Service, t.Type, t.WarmUp
		l.open[k] = c
	}
	// The three times share one string: one allocation per row.
	b := l.buf[:0]
	for _, x := range ts {
		b = x.AppendFormat(b, CSVTimeLayout)
	}
	l.buf = b
	c.rows = append(c.rows, csvRow{activity: t.Activity, resource: t.ResourceID, resourceName: t.Resource,
		office: t.Office, officeName: t.OfficeName, times: string(b)})
	if t.Kind != models.TaskEnd {
		return nil
	}
	reason := ReasonProcess
	if t.Late {
		reason = ReasonDeadline
	}
	delete(l.open, k)
	err = l.writeCase(k, c, t.Activity, reason)
	clear(c.rows)
	c.rows = c.rows[:0]
	l.free = append(l.free, c)
	return err
}

// writeCase writes the rows of case k with the outcome and reason.
func (l *EventLogCSV) writeCase(k caseKey, c *csvCase, outcome, reason string) error {
	id := string(appendCaseID(l.buf[:0], k.rep, k.c))
	rep, warm := strconv.Itoa(k.rep), strconv.FormatBool(c.warmUp)
	for _, r := range c.rows {
		n := len(r.times) / 3
		l.row = [16]string{id, r.activity, r.times[:n], r.times[n : 2*n], r.times[2*n:], r.resource, r.resourceName,
			r.office, r.officeName, c.service, c.typ, l.arm, rep, warm, outcome, reason}
		if err := l.cw.Write(l.row[:]); err != nil {
			l.err = err
			return err
		}
	}
	return nil
}

// Close writes the cases still open, with outcome open, flushes the log
// and marks it closed; it does not close the underlying writer. It returns
// the first error of the log's life.
func (l *EventLogCSV) Close() error {
	if l.closed {
		return ErrEventLogClosed
	}
	if l.err == nil {
		keys := slices.SortedFunc(maps.Keys(l.open), func(a, b caseKey) int {
			return cmp.Or(cmp.Compare(a.rep, b.rep), cmp.Compare(a.c, b.c))
		})
		for _, k := range keys {
			if l.writeCase(k, l.open[k], OutcomeOpen, "") != nil {
				break
			}
		}
	}
	l.open, l.free = nil, nil
	err := l.Flush()
	l.closed = true
	return err
}

// Flush writes the buffered rows of the cases that ended to the underlying
// writer and returns the first error of the log's life (a failed Add, or a
// write error).
func (l *EventLogCSV) Flush() error {
	if l.closed {
		return ErrEventLogClosed
	}
	if l.err != nil {
		return l.err
	}
	l.cw.Flush()
	if err := l.cw.Error(); err != nil {
		l.err = err
	}
	return l.err
}

// appendCaseID appends the case id "r<rep>-c<case>".
func appendCaseID(b []byte, rep int, c uint64) []byte {
	b = append(b, 'r')
	b = strconv.AppendInt(b, int64(rep), 10)
	b = append(b, '-', 'c')
	return strconv.AppendUint(b, c, 10)
}

// taskTimes returns the enabled, start and end times of t in EventLogZone
// (logTime); a filing and the end of a case are instants at t.Start.
func taskTimes(start calendar.Date, t *models.Task) (ts [3]time.Time, err error) {
	at := func(what string, x sim.Time) time.Time {
		var lt time.Time
		if err == nil {
			if lt, err = logTime(start, x); err != nil {
				err = fmt.Errorf("case %d %q: %s: %w", t.Case, t.Activity, what, err)
			}
		}
		return lt
	}
	s := at("start", t.Start)
	if t.Kind == models.TaskFiled || t.Kind == models.TaskEnd {
		return [3]time.Time{s, s, s}, err
	}
	return [3]time.Time{at("enabled", t.Enabled), s, at("end", t.End)}, err
}
