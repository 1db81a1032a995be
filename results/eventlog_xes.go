package results

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"time"

	"zsa/models"
	"zsa/models/calendar"
)

// EventLogXES writes a process-mining event log in XES (IEEE 1849-2016,
// eXtensible Event Stream; see EventLog), for ProM, PM4Py and other tools
// that read XES: the log is the arm (concept:name), with one trace per
// case of every replication, traces sorted by replication and case
// number, a case's events in time order.
//
//	<trace>
//		<string key="concept:name" value="r1-c7"/>
//		<string key="arm" value="status quo"/>
//		<int key="rep" value="1"/>
//		<string key="service" value="Hundehaltung"/>
//		<string key="case_type" value="Anmeldung"/>
//		<boolean key="warm_up" value="false"/>
//		<string key="outcome" value="done"/>
//		<string key="reason" value="process"/>
//		<event>
//			<string key="concept:name" value="filed"/>
//			<string key="lifecycle:transition" value="complete"/>
//			<date key="time:timestamp" value="2026-03-02T20:00:15.000+01:00"/>
//			<string key="org:group" value="SDL"/>
//			<string key="office_name" value="Stendal"/>
//		</event>
//		<event>
//			<string key="concept:name" value="register"/>
//			<string key="lifecycle:transition" value="start"/>
//			<date key="time:timestamp" value="2026-03-03T07:30:00.000+01:00"/>
//			<string key="org:resource" value="SDL/clerk 1"/>
//			<string key="resource_name" value="clerk 1"/>
//			<string key="org:group" value="SDL"/>
//			<string key="office_name" value="Stendal"/>
//		</event>
//		…
//
// The trace attributes are the case's (reason only for a case that
// ended). A work item, an external wait and a hand-over are two events,
// lifecycle:transition "start" and "complete" (the standard lifecycle
// model); a filing and the end of a case are one "complete" event. The
// enabled time of work items is not written (the CSV log has it).
// org:resource is the clerk's unique id and resource_name the clerk's
// name (work items only), org:group the office's key and office_name its
// name. The log declares the Concept, Lifecycle, Organizational and Time
// extensions, globals for concept:name (trace and event),
// lifecycle:transition and time:timestamp, and the classifiers Activity
// and Activity_and_transition, in the order the standard's schema asks:
// extensions, globals, classifiers, the log's attributes, the traces. The
// root is <log xes.version="1.0" xes.features="" …> in the namespace
// http://www.xes-standard.org/, as OpenXES writes it.
//
// Timestamps are xs:dateTime in XESTimeLayout, with the offset of
// EventLogZone (see EventLog: OpenXES reads a timestamp without an offset
// in the reader's own time zone). Strings are escaped with
// xml.EscapeText.
//
// Traces need a case's events together, but they come interleaved with
// other cases' events; so the log writes only its header until Close,
// which writes the traces. Add encodes each task's events (about 0.6 KiB
// for a work task) into an in-memory chunk; when the chunk holds
// ChunkBytes, it is sorted by (replication, case, order of Add) and
// appended to a temporary spill file as one sorted run. Close merges the
// runs and the last chunk (a k-way merge) into the traces, holding one
// case's events at a time to write its attributes first. Memory is thus
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
	arm    []byte // escaped
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
	escape(&l.scr, arm)
	l.arm = bytes.Clone(l.scr.Bytes())
	l.w.WriteString(xml.Header)
	l.w.WriteString(xesHead)
	l.w.WriteString("\t<string key=\"concept:name\" value=\"")
	l.w.Write(l.arm)
	l.w.WriteString("\"/>\n")
	return l, nil
}

// xesHead is the log's start tag, extensions, globals and classifiers.
const xesHead = `<log xes.version="1.0" xes.features="" xmlns="http://www.xes-standard.org/">
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
	<classifier name="Activity_and_transition" keys="concept:name lifecycle:transition"/>
`

// Flags of a record's payload.
const (
	recWarmUp = 1 << iota // the case was filed in the warm-up
	recDone               // the case ends, done
	recReject             // the case ends, rejected
	recLate               // a missed deadline ended it
)

// Add records the events of task t of replication rep (from 1); they are
// written at Close. A task with a time that is not finite or outside the
// years 1893 to 9999, or a failure to spill to disk, is an error; after
// an error Add records nothing and returns the first error again. Add
// panics if rep < 1.
func (l *EventLogXES) Add(rep int, t models.Task) error {
	ts, err := l.times(rep, &t)
	if err != nil {
		return err
	}
	// Payload: the flags, the uvarint length of the escaped service, the
	// escaped service, the same for the case type, then the events' XML.
	var flags byte
	if t.WarmUp {
		flags |= recWarmUp
	}
	if t.Kind == models.TaskEnd {
		flags |= recReject
		if t.Activity == OutcomeDone {
			flags ^= recReject | recDone
		}
		if t.Late {
			flags |= recLate
		}
	}
	off := len(l.arena)
	l.arena = append(l.arena, flags)
	for _, s := range [2]string{t.Service, t.Type} {
		b := &l.scr
		b.Reset()
		escape(b, s)
		l.arena = binary.AppendUvarint(l.arena, uint64(b.Len()))
		l.arena = append(l.arena, b.Bytes()...)
	}
	b := &l.scr
	b.Reset()
	if t.Kind == models.TaskFiled || t.Kind == models.TaskEnd {
		writeXESEvent(b, &t, "complete", ts[1])
	} else {
		writeXESEvent(b, &t, "start", ts[1])
		writeXESEvent(b, &t, "complete", ts[2])
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
func writeXESEvent(b *bytes.Buffer, t *models.Task, transition string, at time.Time) {
	var ts [40]byte
	b.WriteString("\t\t<event>\n\t\t\t<string key=\"concept:name\" value=\"")
	escape(b, t.Activity)
	b.WriteString("\"/>\n\t\t\t<string key=\"lifecycle:transition\" value=\"")
	b.WriteString(transition)
	b.WriteString("\"/>\n\t\t\t<date key=\"time:timestamp\" value=\"")
	b.Write(at.AppendFormat(ts[:0], XESTimeLayout))
	b.WriteString("\"/>\n")
	for _, a := range [4][2]string{{"org:resource", t.ResourceID}, {"resource_name", t.Resource},
		{"org:group", t.Office}, {"office_name", t.OfficeName}} {
		if a[1] != "" {
			b.WriteString("\t\t\t<string key=\"")
			b.WriteString(a[0])
			b.WriteString("\" value=\"")
			escape(b, a[1])
			b.WriteString("\"/>\n")
		}
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
	tw := traceWriter{w: l.w, arm: l.arm}
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

// traceWriter writes records, sorted by replication and case, as traces:
// it keeps the current case's events until the case changes, then writes
// the trace with the case's attributes.
type traceWriter struct {
	w      *bufio.Writer
	arm    []byte // escaped
	open   bool
	rep, c uint64
	flags  byte
	svc    []byte // escaped
	typ    []byte // escaped
	events bytes.Buffer
	num    []byte
}

// add adds the events of one record, writing the previous case's trace
// when the case changes.
func (tw *traceWriter) add(rep, c uint64, payload []byte) {
	if len(payload) == 0 {
		panic("results: corrupt event log record")
	}
	flags, rest := payload[0], payload[1:]
	var fields [2][]byte
	for i := range fields {
		n, k := binary.Uvarint(rest)
		if k <= 0 || uint64(len(rest)-k) < n {
			panic("results: corrupt event log record")
		}
		fields[i], rest = rest[k:k+int(n)], rest[k+int(n):]
	}
	if !tw.open || rep != tw.rep || c != tw.c {
		tw.end()
		tw.open, tw.rep, tw.c, tw.flags = true, rep, c, flags&recWarmUp
		tw.svc, tw.typ = append(tw.svc[:0], fields[0]...), append(tw.typ[:0], fields[1]...)
	}
	tw.flags |= flags &^ recWarmUp
	tw.events.Write(rest)
}

// end writes the open trace, if any.
func (tw *traceWriter) end() {
	if !tw.open {
		return
	}
	w := tw.w
	w.WriteString("\t<trace>\n\t\t<string key=\"concept:name\" value=\"")
	tw.num = appendCaseID(tw.num[:0], int(tw.rep), tw.c)
	w.Write(tw.num)
	w.WriteString("\"/>\n\t\t<string key=\"arm\" value=\"")
	w.Write(tw.arm)
	w.WriteString("\"/>\n\t\t<int key=\"rep\" value=\"")
	tw.num = strconv.AppendUint(tw.num[:0], tw.rep, 10)
	w.Write(tw.num)
	w.WriteString("\"/>\n\t\t<string key=\"service\" value=\"")
	w.Write(tw.svc)
	w.WriteString("\"/>\n\t\t<string key=\"case_type\" value=\"")
	w.Write(tw.typ)
	w.WriteString("\"/>\n\t\t<boolean key=\"warm_up\" value=\"")
	w.WriteString(strconv.FormatBool(tw.flags&recWarmUp != 0))
	w.WriteString("\"/>\n\t\t<string key=\"outcome\" value=\"")
	switch {
	case tw.flags&recDone != 0:
		w.WriteString(OutcomeDone)
	case tw.flags&recReject != 0:
		w.WriteString(OutcomeReject)
	default:
		w.WriteString(OutcomeOpen)
	}
	if tw.flags&(recDone|recReject) != 0 {
		w.WriteString("\"/>\n\t\t<string key=\"reason\" value=\"")
		if tw.flags&recLate != 0 {
			w.WriteString(ReasonDeadline)
		} else {
			w.WriteString(ReasonProcess)
		}
	}
	w.WriteString("\"/>\n")
	w.Write(tw.events.Bytes())
	w.WriteString("\t</trace>\n")
	tw.events.Reset()
	tw.open = false
}
