package results

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
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
// a run from 1 in the order they are created, so r1-c5 in two arms'
// logs need not be the same citizen.
//
// Timestamps are the civil clock of the simulation: sim.Time minutes since
// midnight of Model.Start, every day 1,440 minutes long, no time zone and
// no daylight-saving shifts (as calendar.Calendar.CivilTime). They are
// rounded to whole seconds since midnight of Start, halves away from zero
// (math.Round); rounding keeps the order of times. Dates must lie in the
// years 1 to 9999.
//
// Activities are the work steps' names, "question" for a question a local
// office sends back to the ZSA, and ActivityFiled for the filing of a case,
// an instant at the case's arrival. Initial backlog cases were filed up to
// 30 days before Start: their filing is at that arrival, before the run's
// first day (the moment the run takes them in, Task.End, is not an event
// of the case and is not written). A work task runs from the first working
// minute after the clerk took it to its end; nights, weekends and holidays
// in between are part of its duration (its touch time, Task.Work, is not
// written). Everything logged is written, the warm-up included.
//
// models.Options.Log logs a work task when the clerk starts it, and the
// tasks of one case in time order.
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

// ActivityFiled is the activity of a case's filing (Task.Activity of the
// task models.Options.Log logs when a case arrives).
const ActivityFiled = "filed"

// CSVTimeLayout is the layout of the timestamps in the CSV event log
// (time.Parse layout; ISO 8601 without a zone, e.g. 2026-01-05T07:30:00).
const CSVTimeLayout = "2006-01-02T15:04:05"

// XESTimeLayout is the layout of time:timestamp in the XES event log
// (xs:dateTime with milliseconds, always .000, and a zero offset, e.g.
// 2026-01-05T07:30:00.000+00:00).
const XESTimeLayout = "2006-01-02T15:04:05.000-07:00"

// eventLogHeader is the header row of the CSV event log.
var eventLogHeader = []string{"case_id", "activity", "start_time", "end_time", "resource", "office", "service", "arm", "rep"}

// EventLogCSV writes a process-mining event log as CSV, one row per task
// as it comes:
//
//	case_id,activity,start_time,end_time,resource,office,service,arm,rep
//	r1-c1,filed,2025-12-24T03:05:17,2025-12-24T03:05:17,,O,S,status quo,1
//	r1-c1,intake,2026-01-05T07:30:00,2026-01-05T07:53:08,clerk 1,O,S,status quo,1
//
// Each work task is one row with its start and end (Disco and PM4Py take
// an activity instance's start and end timestamps from one row); a "filed" row has start_time = end_time = the case's arrival, an
// empty resource and the office of the filing commune. office is the
// office whose clerk did the work (the ZSA or a local office), service the
// case's service, arm the organisation and rep the replication (from 1).
// Timestamps are in CSVTimeLayout (see EventLog for the clock and
// rounding); fields are quoted as encoding/csv does.
//
// Rows are in the order of Add, not sorted by time: tools sort by
// timestamp. The same tasks added in the same order give the same bytes;
// replications run in parallel must be added in a fixed order for that
// (or written to one file each).
//
// Memory is bounded: a row goes to the encoding/csv writer's buffer
// (4 KiB) and on to w when that is full. Methods must be called from one
// goroutine at a time; the caller serialises.
//
// To load one arm's log into PM4Py:
//
//	df = pandas.read_csv("eventlog.csv", parse_dates=["start_time", "end_time"])
//	log = pm4py.format_dataframe(df, case_id="case_id", activity_key="activity",
//	                             timestamp_key="end_time", start_timestamp_key="start_time")
type EventLogCSV struct {
	logState
	cw  *csv.Writer
	arm string
	row [9]string
	buf []byte
}

// logState is what both event logs keep: the start date, the first error
// (sticky) and whether the log is closed.
type logState struct {
	start  calendar.Date
	err    error
	closed bool
}

// times checks that the log takes task t of replication rep and returns
// the task's civil start and end (taskTimes); a task whose times are out
// of range is the log's error from then on. It panics if rep < 1.
func (s *logState) times(rep int, t models.Task) (start, end time.Time, err error) {
	if rep < 1 {
		panic("results: event log replication number less than 1")
	}
	if s.closed {
		return start, end, ErrEventLogClosed
	}
	if s.err != nil {
		return start, end, s.err
	}
	start, end, err = taskTimes(s.start, t)
	if err != nil {
		s.err = fmt.Errorf("results: event log: replication %d: %w", rep, err)
	}
	return start, end, s.err
}

// NewEventLogCSV returns a CSV event log of the arm named arm that writes
// to w, with sim.Time 0 at midnight of start (models.Model.Start). It
// writes the header row (into its buffer). It returns an error if start is
// not a valid date.
func NewEventLogCSV(w io.Writer, start calendar.Date, arm string) (*EventLogCSV, error) {
	if !start.IsValid() {
		return nil, fmt.Errorf("results: event log: invalid start date %d-%02d-%02d", start.Year, start.Month, start.Day)
	}
	l := &EventLogCSV{cw: csv.NewWriter(w), logState: logState{start: start}, arm: arm}
	if err := l.cw.Write(eventLogHeader); err != nil {
		return nil, err
	}
	return l, nil
}

// Add writes the row of task t of replication rep (from 1). A task with a
// time that is not finite or outside the years 1 to 9999 is an error;
// after an error Add writes nothing and returns the first error again.
// Add panics if rep < 1.
func (l *EventLogCSV) Add(rep int, t models.Task) error {
	start, end, err := l.times(rep, t)
	if err != nil {
		return err
	}
	// The generated fields share one string: one allocation per row.
	b := appendCaseID(l.buf[:0], rep, t.Case)
	i1 := len(b)
	b = start.AppendFormat(b, CSVTimeLayout)
	i2 := len(b)
	b = end.AppendFormat(b, CSVTimeLayout)
	i3 := len(b)
	b = strconv.AppendInt(b, int64(rep), 10)
	l.buf = b
	s := string(b)
	l.row = [9]string{s[:i1], t.Activity, s[i1:i2], s[i2:i3], t.Resource, t.Office, t.Service, l.arm, s[i3:]}
	if err := l.cw.Write(l.row[:]); err != nil {
		l.err = err
		return err
	}
	return nil
}

// Close flushes the log and marks it closed; it does not close the
// underlying writer. It returns the first error of the log's life.
func (l *EventLogCSV) Close() error {
	if l.closed {
		return ErrEventLogClosed
	}
	err := l.Flush()
	l.closed = true
	return err
}

// Flush writes the buffered rows to the underlying writer and returns the
// first error of the log's life (a failed Add, or a write error).
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

// EventLogXES writes a process-mining event log in XES (IEEE 1849-2016,
// eXtensible Event Stream), for ProM, PM4Py and other tools that read XES:
// the log is the arm (concept:name), with one trace per case of every
// replication, traces sorted by replication and case number, a case's
// events in time order.
//
//	<trace>
//		<string key="concept:name" value="r1-c1"/>
//		<int key="rep" value="1"/>
//		<string key="service" value="S"/>
//		<event>
//			<string key="concept:name" value="filed"/>
//			<string key="lifecycle:transition" value="complete"/>
//			<date key="time:timestamp" value="2025-12-24T03:05:17.000+00:00"/>
//			<string key="org:group" value="O"/>
//		</event>
//		<event>
//			<string key="concept:name" value="intake"/>
//			<string key="lifecycle:transition" value="start"/>
//			<date key="time:timestamp" value="2026-01-05T07:30:00.000+00:00"/>
//			<string key="org:resource" value="clerk 1"/>
//			<string key="org:group" value="O"/>
//		</event>
//		…
//
// A work task is two events, lifecycle:transition "start" and "complete"
// (the standard lifecycle model); a filing is one "complete" event.
// org:resource is the clerk (absent for a filing), org:group the office
// (the one that did the work, or for a filing the office of the filing
// commune). The log declares the Concept, Lifecycle, Organizational and
// Time extensions, globals for concept:name, lifecycle:transition and
// time:timestamp, and two classifiers.
//
// Timestamps are xs:dateTime in XESTimeLayout: the simulation's civil
// clock (see EventLog) labelled with a zero offset. The offset is explicit
// because XES readers such as OpenXES (ProM) read a timestamp without one
// in the reader's local time zone, whose daylight-saving shifts would
// distort durations and order; with "+00:00" every tool sees the same
// instants and durations, and the clock digits are the offices' local
// time (a tool that displays times in its own zone shifts them all by its
// offset). Strings are escaped with xml.EscapeText.
//
// Traces need a case's events together, but they come interleaved with
// other cases' events; so the log writes only its header until Close,
// which writes the traces. Add encodes each task's events (about 0.5 KiB
// for a work task) into an in-memory chunk; when the chunk holds
// ChunkBytes, it is sorted by (replication, case, order of Add) and
// appended to a temporary spill file as one sorted run. Close merges the
// runs and the last chunk (a k-way merge) into the traces. Memory is thus
// bounded: about ChunkBytes for the chunk, plus 40 bytes of index per
// task in it, and at Close a 16 KiB read buffer per run (a run per
// ChunkBytes spilled). Disk: the spill file holds every event once, about
// as large as the XES output. Logs smaller than ChunkBytes never touch the
// disk. The spill file is created in TempDir and removed from the
// directory at once where the system allows (POSIX), else by Close: call
// Close also after errors.
//
// The output depends on the tasks of each case, not on how the cases of
// different replications interleave: replications run in parallel give the
// same bytes in any order. Methods must be called from one goroutine at a
// time; the caller serialises.
type EventLogXES struct {
	// TempDir is the directory of the spill file; empty means
	// os.TempDir(). Set it before the first Add.
	TempDir string
	// ChunkBytes is the size of the in-memory chunk of encoded events
	// before it is spilled to disk; 0 means DefaultChunkBytes. Set it
	// before the first Add.
	ChunkBytes int

	logState
	w      *bufio.Writer
	seq    uint64
	recs   []xesRec
	arena  []byte
	tmp    *os.File
	tmpBuf *bufio.Writer
	tmpOff int64
	tmpDel bool       // the spill file is removed from its directory
	runs   [][2]int64 // offset and length of each sorted run in tmp
	scr    bytes.Buffer
}

// DefaultChunkBytes is the default EventLogXES.ChunkBytes, 16 MiB (about
// 30,000 work tasks).
const DefaultChunkBytes = 16 << 20

// xesRec is one task's events in the chunk: its sort key and where its
// payload is in the arena.
type xesRec struct {
	rep, c, seq uint64
	off, n      int
}

// NewEventLogXES returns an XES event log of the arm named arm that writes
// to w, with sim.Time 0 at midnight of start (models.Model.Start). It
// writes the log's header (into its buffer); the traces follow at Close.
// It returns an error if start is not a valid date.
func NewEventLogXES(w io.Writer, start calendar.Date, arm string) (*EventLogXES, error) {
	if !start.IsValid() {
		return nil, fmt.Errorf("results: event log: invalid start date %d-%02d-%02d", start.Year, start.Month, start.Day)
	}
	l := &EventLogXES{w: bufio.NewWriter(w), logState: logState{start: start}}
	l.w.WriteString(xml.Header)
	l.w.WriteString(xesHead)
	l.w.WriteString("\t<string key=\"concept:name\" value=\"")
	escape(l.w, arm)
	l.w.WriteString("\"/>\n")
	return l, nil
}

// xesHead is the log's start tag, extensions, globals and classifiers.
const xesHead = `<log xes.version="1849-2016" xes.features="" xmlns="http://www.xes-standard.org/">
	<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
	<extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
	<extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
	<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
	<global scope="trace">
		<string key="concept:name" value="__INVALID__"/>
	</global>
	<global scope="event">
		<string key="concept:name" value="__INVALID__"/>
		<string key="lifecycle:transition" value="complete"/>
		<date key="time:timestamp" value="1970-01-01T00:00:00.000+00:00"/>
	</global>
	<classifier name="Activity" keys="concept:name"/>
	<classifier name="Activity and transition" keys="concept:name lifecycle:transition"/>
`

// Add records the events of task t of replication rep (from 1); they are
// written at Close. A task with a time that is not finite or outside the
// years 1 to 9999, or a failure to spill to disk, is an error; after an
// error Add records nothing and returns the first error again. Add panics
// if rep < 1.
func (l *EventLogXES) Add(rep int, t models.Task) error {
	start, end, err := l.times(rep, t)
	if err != nil {
		return err
	}
	// Payload: uvarint length of the escaped service, the escaped
	// service, then the events' XML.
	b := &l.scr
	b.Reset()
	escape(b, t.Service)
	off := len(l.arena)
	l.arena = binary.AppendUvarint(l.arena, uint64(b.Len()))
	l.arena = append(l.arena, b.Bytes()...)
	b.Reset()
	if t.Activity == ActivityFiled {
		writeXESEvent(b, t, "complete", start)
	} else {
		writeXESEvent(b, t, "start", start)
		writeXESEvent(b, t, "complete", end)
	}
	l.arena = append(l.arena, b.Bytes()...)
	l.seq++
	l.recs = append(l.recs, xesRec{rep: uint64(rep), c: t.Case, seq: l.seq, off: off, n: len(l.arena) - off})
	limit := l.ChunkBytes
	if limit <= 0 {
		limit = DefaultChunkBytes
	}
	if len(l.arena) >= limit {
		if err := l.spill(); err != nil {
			l.err = fmt.Errorf("results: event log spill file: %w", err)
			return l.err
		}
	}
	return nil
}

// writeXESEvent writes one event of task t.
func writeXESEvent(b *bytes.Buffer, t models.Task, transition string, at time.Time) {
	var ts [40]byte
	b.WriteString("\t\t<event>\n\t\t\t<string key=\"concept:name\" value=\"")
	escape(b, t.Activity)
	b.WriteString("\"/>\n\t\t\t<string key=\"lifecycle:transition\" value=\"")
	b.WriteString(transition)
	b.WriteString("\"/>\n\t\t\t<date key=\"time:timestamp\" value=\"")
	b.Write(at.AppendFormat(ts[:0], XESTimeLayout))
	b.WriteString("\"/>\n")
	if t.Resource != "" {
		b.WriteString("\t\t\t<string key=\"org:resource\" value=\"")
		escape(b, t.Resource)
		b.WriteString("\"/>\n")
	}
	if t.Office != "" {
		b.WriteString("\t\t\t<string key=\"org:group\" value=\"")
		escape(b, t.Office)
		b.WriteString("\"/>\n")
	}
	b.WriteString("\t\t</event>\n")
}

// escape writes s escaped for XML character data and attribute values.
func escape(w io.Writer, s string) {
	_ = xml.EscapeText(w, []byte(s)) // w's errors are sticky (bufio, bytes)
}

// compare orders records by replication, case and order of Add.
func (r *xesRec) compare(s *xesRec) int {
	switch {
	case r.rep != s.rep:
		return cmpU(r.rep, s.rep)
	case r.c != s.c:
		return cmpU(r.c, s.c)
	}
	return cmpU(r.seq, s.seq)
}

func cmpU(a, b uint64) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// sortChunk sorts the records of the chunk.
func (l *EventLogXES) sortChunk() {
	slices.SortFunc(l.recs, func(a, b xesRec) int { return a.compare(&b) })
}

// spill writes the chunk to the spill file as one sorted run: per record
// uvarint rep, case, seq and payload length, then the payload.
func (l *EventLogXES) spill() error {
	if len(l.recs) == 0 {
		return nil
	}
	if l.tmp == nil {
		f, err := os.CreateTemp(l.TempDir, "zsa-eventlog-*.tmp")
		if err != nil {
			return err
		}
		l.tmp = f
		l.tmpDel = os.Remove(f.Name()) == nil // POSIX: the open file lives on
		l.tmpBuf = bufio.NewWriterSize(f, 64<<10)
	}
	l.sortChunk()
	var n int64
	var hdr [4 * binary.MaxVarintLen64]byte
	for i := range l.recs {
		r := &l.recs[i]
		h := binary.AppendUvarint(hdr[:0], r.rep)
		h = binary.AppendUvarint(h, r.c)
		h = binary.AppendUvarint(h, r.seq)
		h = binary.AppendUvarint(h, uint64(r.n))
		l.tmpBuf.Write(h)
		l.tmpBuf.Write(l.arena[r.off : r.off+r.n])
		n += int64(len(h) + r.n)
	}
	if err := l.tmpBuf.Flush(); err != nil {
		return err
	}
	l.runs = append(l.runs, [2]int64{l.tmpOff, n})
	l.tmpOff += n
	l.recs, l.arena = l.recs[:0], l.arena[:0]
	return nil
}

// Close writes the traces and the end of the log, flushes it and removes
// the spill file; it does not close the underlying writer. It returns the
// first error of the log's life.
func (l *EventLogXES) Close() error {
	if l.closed {
		return ErrEventLogClosed
	}
	l.closed = true
	defer l.removeTmp()
	if l.err != nil {
		return l.err
	}
	tw := traceWriter{w: l.w}
	if l.tmp == nil {
		l.sortChunk()
		for i := range l.recs {
			r := &l.recs[i]
			tw.add(r.rep, r.c, l.arena[r.off:r.off+r.n])
		}
	} else {
		if err := l.spill(); err != nil {
			l.err = fmt.Errorf("results: event log spill file: %w", err)
			return l.err
		}
		if err := l.merge(&tw); err != nil {
			l.err = fmt.Errorf("results: event log spill file: %w", err)
			return l.err
		}
	}
	l.recs, l.arena = nil, nil
	tw.end()
	l.w.WriteString("</log>\n")
	if err := l.w.Flush(); err != nil {
		l.err = err
	}
	return l.err
}

// Flush writes what is buffered for the underlying writer (before Close,
// the log's header) and returns the first error of the log's life.
func (l *EventLogXES) Flush() error {
	if l.closed {
		return ErrEventLogClosed
	}
	if l.err != nil {
		return l.err
	}
	if err := l.w.Flush(); err != nil {
		l.err = err
	}
	return l.err
}

// removeTmp closes and removes the spill file.
func (l *EventLogXES) removeTmp() {
	if l.tmp == nil {
		return
	}
	l.tmp.Close()
	if !l.tmpDel {
		os.Remove(l.tmp.Name())
	}
	l.tmp, l.tmpBuf, l.runs = nil, nil, nil
}

// merge writes the records of all runs to tw in key order (a k-way merge
// with a heap of run readers).
func (l *EventLogXES) merge(tw *traceWriter) error {
	h := make(runHeap, 0, len(l.runs))
	for _, run := range l.runs {
		r := &runReader{r: bufio.NewReaderSize(io.NewSectionReader(l.tmp, run[0], run[1]), 16<<10)}
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			h = append(h, r)
		}
	}
	heap.Init(&h)
	for len(h) > 0 {
		r := h[0]
		tw.add(r.key.rep, r.key.c, r.payload)
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return nil
}

// runReader reads the records of one sorted run.
type runReader struct {
	r       *bufio.Reader
	key     xesRec
	payload []byte
}

// next reads the next record; it reports false at the end of the run.
func (r *runReader) next() (bool, error) {
	rep, err := binary.ReadUvarint(r.r)
	if err == io.EOF {
		return false, nil
	}
	var v [3]uint64
	for i := range v {
		if err != nil {
			break
		}
		v[i], err = binary.ReadUvarint(r.r)
	}
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return false, err
	}
	if v[2] > 1<<30 {
		return false, errors.New("corrupt record")
	}
	r.key = xesRec{rep: rep, c: v[0], seq: v[1]}
	r.payload = slices.Grow(r.payload[:0], int(v[2]))[:v[2]]
	if _, err := io.ReadFull(r.r, r.payload); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return false, err
	}
	return true, nil
}

// runHeap is a min-heap of run readers by their current record's key.
type runHeap []*runReader

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return h[i].key.compare(&h[j].key) < 0 }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// traceWriter writes records, sorted by replication and case, as traces.
type traceWriter struct {
	w      *bufio.Writer
	open   bool
	rep, c uint64
	num    []byte
}

// add writes the events of one record, opening a new trace when the case
// changes.
func (tw *traceWriter) add(rep, c uint64, payload []byte) {
	n, k := binary.Uvarint(payload)
	if k <= 0 || uint64(len(payload)-k) < n {
		panic("results: corrupt event log record")
	}
	svc, events := payload[k:k+int(n)], payload[k+int(n):]
	if !tw.open || rep != tw.rep || c != tw.c {
		tw.end()
		tw.open, tw.rep, tw.c = true, rep, c
		tw.w.WriteString("\t<trace>\n\t\t<string key=\"concept:name\" value=\"")
		tw.num = appendCaseID(tw.num[:0], int(rep), c)
		tw.w.Write(tw.num)
		tw.w.WriteString("\"/>\n\t\t<int key=\"rep\" value=\"")
		tw.num = strconv.AppendUint(tw.num[:0], rep, 10)
		tw.w.Write(tw.num)
		tw.w.WriteString("\"/>\n\t\t<string key=\"service\" value=\"")
		tw.w.Write(svc)
		tw.w.WriteString("\"/>\n")
	}
	tw.w.Write(events)
}

// end closes the open trace, if any.
func (tw *traceWriter) end() {
	if tw.open {
		tw.w.WriteString("\t</trace>\n")
		tw.open = false
	}
}

// appendCaseID appends the case id "r<rep>-c<case>".
func appendCaseID(b []byte, rep int, c uint64) []byte {
	b = append(b, 'r')
	b = strconv.AppendInt(b, int64(rep), 10)
	b = append(b, '-', 'c')
	return strconv.AppendUint(b, c, 10)
}

// taskTimes returns the civil start and end of t; for a filing both are
// its arrival, t.Start.
func taskTimes(start calendar.Date, t models.Task) (s, e time.Time, err error) {
	s, err = civilSecond(start, t.Start)
	if err != nil {
		return s, e, fmt.Errorf("case %d %q: start: %w", t.Case, t.Activity, err)
	}
	if t.Activity == ActivityFiled {
		return s, s, nil
	}
	e, err = civilSecond(start, t.End)
	if err != nil {
		return s, e, fmt.Errorf("case %d %q: end: %w", t.Case, t.Activity, err)
	}
	return s, e, nil
}

// civilSecond returns sim.Time t as the civil date and time of day, in
// UTC, with sim.Time 0 at midnight of start, rounded to whole seconds
// since that midnight, halves away from zero. It returns an error if t is
// not finite or its date is outside the years 1 to 9999.
func civilSecond(start calendar.Date, t sim.Time) (time.Time, error) {
	f := float64(t)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return time.Time{}, fmt.Errorf("time %v is not finite", f)
	}
	const maxDays = 10000 * 366 // beyond any date in years 1–9999
	secs := math.Round(f * 60)
	days := math.Floor(secs / 86400)
	if math.Abs(days) > maxDays {
		return time.Time{}, fmt.Errorf("time %v min is out of range", f)
	}
	ct := start.AddDays(int(days)).In(time.UTC).Add(time.Duration(secs-days*86400) * time.Second)
	if y := ct.Year(); y < 1 || y > 9999 {
		return time.Time{}, fmt.Errorf("time %v min is in the year %d, outside 1 to 9999", f, y)
	}
	return ct, nil
}
