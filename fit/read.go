package fit

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"time"
)

// Columns names the columns of an event log that Read uses. Case,
// Activity, Start, End and Resource are required; the others may be empty
// (or name a column the log lacks, for the defaults): without Enabled the
// start is taken, without Office every clerk works in one office "office" (OfficeName
// names it, else its key),
// without Service every case is of one service "service", without
// CaseType every case is of one type "case".
type Columns struct {
	Case, Activity, Start, End, Resource           string
	Enabled, Office, OfficeName, Service, CaseType string
}

// DefaultColumns are the column names of zsa's own CSV event log
// (results.EventLogCSV). Simod's logs (case_id, activity, start_time,
// end_time, resource, enable_time) read with them too: Read takes
// enable_time when enabled_time is missing.
func DefaultColumns() Columns {
	return Columns{Case: "case_id", Activity: "activity", Start: "start_time", End: "end_time",
		Resource: "resource", Enabled: "enabled_time", Office: "office", OfficeName: "office_name",
		Service: "service", CaseType: "case_type"}
}

// MaxEvents is the default bound on the rows Read keeps in memory (about
// 100 bytes each, so about 500 MB): a larger log is refused with an error
// rather than exhausting the machine's memory.
const MaxEvents = 5_000_000

// Markers of zsa's event log: a case's filing, and its end as an approval
// or a rejection (results.ActivityFiled, models.Done, models.Reject). They
// are instants without a resource, not steps.
const (
	activityFiled  = "filed"
	activityDone   = "done"
	activityReject = "reject"
)

// Event is one row of an event log: an activity instance of a case. Times
// are civil minutes: minutes since midnight of 1 January 1970 of the wall
// clock written in the log (its UTC offset dropped), the time scale of
// the simulator, whose every day has 1,440 minutes.
type Event struct {
	Case, Activity           string
	Enabled, Start, End      float64
	Resource, Office         string
	OfficeName               string
	Service, Type            string
	Line                     int // the event's line in the file, from 1 for the header
	filed, ended, instantNoR bool
}

// Log is an event log as Read returns it: its events in file order.
type Log struct {
	// Name is the file's name as given, for messages.
	Name   string
	Events []Event
	// HasMarkers reports whether the log has zsa's end markers (done,
	// reject): then a case without one was open at the end of the log.
	HasMarkers bool
}

// ReadFile reads the event log in the file name: CSV, or CSV compressed
// with gzip if the name ends in ".gz". See Read.
func ReadFile(name string, cols Columns, maxEvents int) (*Log, error) {
	// Only a regular file: a FIFO would block until something writes to
	// it, a device such as /dev/zero would never end.
	if st, err := os.Stat(name); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s)", name, st.Mode().Type())
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<16)
	if strings.HasSuffix(name, ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		defer gz.Close()
		r = gz
	}
	return Read(r, name, cols, maxEvents)
}

// Read reads a CSV event log with a header row from r; name names it in
// messages. It keeps at most maxEvents rows (MaxEvents if maxEvents ≤ 0)
// and returns an error for a larger log. Every problem is reported as
// "name:line: column: message", at most 20 of them; a log without events
// is an error. Times are RFC 3339 (2026-01-05T07:30:00+01:00, fractions of
// seconds allowed), or the same with a space for the T or without the UTC
// offset; the wall clock as written is used (see Event).
func Read(r io.Reader, name string, cols Columns, maxEvents int) (*Log, error) {
	if maxEvents <= 0 {
		maxEvents = MaxEvents
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s:1: empty file: want a header row and events", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	header = slices.Clone(header)
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	idx := func(col string) int {
		if col == "" {
			return -1
		}
		return slices.Index(header, col)
	}
	type colRef struct {
		flag, name string
		i          int
	}
	req := []colRef{{"case", cols.Case, idx(cols.Case)}, {"activity", cols.Activity, idx(cols.Activity)},
		{"start", cols.Start, idx(cols.Start)}, {"end", cols.End, idx(cols.End)}, {"resource", cols.Resource, idx(cols.Resource)}}
	var errs []error
	for _, c := range req {
		if c.i < 0 {
			errs = append(errs, fmt.Errorf("%s:1: %s: missing column (columns found: %s); name the column with --%s",
				name, c.name, foundColumns(header), c.flag))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	iEnabled := idx(cols.Enabled)
	if iEnabled < 0 && cols.Enabled == DefaultColumns().Enabled {
		iEnabled = idx("enable_time") // Simod's name
	}
	iOffice, iOfficeName, iService, iType := idx(cols.Office), idx(cols.OfficeName), idx(cols.Service), idx(cols.CaseType)
	l := &Log{Name: name}
	intern := map[string]string{}
	in := func(s string) string {
		if v, ok := intern[s]; ok {
			return v
		}
		s = strings.Clone(s)
		intern[s] = s
		return s
	}
	field := func(rec []string, i int, def string) string {
		if i < 0 || i >= len(rec) {
			return def
		}
		return rec[i]
	}
	bad := func(line int, col, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s: %s", name, line, col, fmt.Sprintf(format, a...)))
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			errs = append(errs, csvError(name, err))
			break
		}
		if len(errs) >= 20 {
			errs = append(errs, fmt.Errorf("%s: more problems after line %d not listed", name, line))
			break
		}
		if len(l.Events) >= maxEvents {
			return nil, fmt.Errorf("%s:%d: more than %d events: too large to fit in memory (raise the bound with --max-events)", name, line, maxEvents)
		}
		e := Event{Line: line}
		e.Case = in(field(rec, req[0].i, ""))
		e.Activity = in(field(rec, req[1].i, ""))
		if e.Case == "" {
			bad(line, cols.Case, "empty case id")
		}
		if e.Activity == "" {
			bad(line, cols.Activity, "empty activity")
		}
		ok := true
		parse := func(col string, i int) float64 {
			s := field(rec, i, "")
			v, perr := civilMinutes(s)
			if perr != nil {
				bad(line, col, "%q: %v", s, perr)
				ok = false
			}
			return v
		}
		e.Start = parse(cols.Start, req[2].i)
		e.End = parse(cols.End, req[3].i)
		e.Enabled = e.Start
		if iEnabled >= 0 {
			if s := field(rec, iEnabled, ""); s != "" {
				e.Enabled = parse(header[iEnabled], iEnabled)
			}
		}
		if ok && e.End < e.Start {
			bad(line, cols.End, "%q is before the start %q", field(rec, req[3].i, ""), field(rec, req[2].i, ""))
		}
		e.Resource = in(field(rec, req[4].i, ""))
		e.Office = in(field(rec, iOffice, "office"))
		e.OfficeName = in(field(rec, iOfficeName, ""))
		e.Service = in(field(rec, iService, "service"))
		e.Type = in(field(rec, iType, "case"))
		if e.Office == "" {
			e.Office = "office"
		}
		if e.Service == "" {
			bad(line, cols.Service, "empty service")
		}
		if e.Type == "" {
			bad(line, cols.CaseType, "empty case type")
		}
		if e.Resource == "" {
			switch e.Activity {
			case activityFiled:
				e.filed = true
			case activityDone, activityReject:
				e.ended = true
				l.HasMarkers = true
			default:
				e.instantNoR = e.End == e.Start
			}
		}
		l.Events = append(l.Events, e)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(l.Events) == 0 {
		return nil, fmt.Errorf("%s:2: no events after the header", name)
	}
	return l, nil
}

// foundColumns lists the header's columns for a message, at most 30.
func foundColumns(header []string) string {
	if len(header) > 30 {
		return strings.Join(header[:30], ", ") + fmt.Sprintf(" and %d more", len(header)-30)
	}
	return strings.Join(header, ", ")
}

// csvError reports an encoding/csv error as name:line: message.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %v", name, pe.Line, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// timeLayouts are the layouts civilMinutes accepts, tried in order.
var timeLayouts = [...]string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999"}

// civilMinutes returns the wall-clock time s as minutes since midnight of
// 1 January 1970 (see Event).
func civilMinutes(s string) (float64, error) {
	s = string(bytes.TrimSpace([]byte(s)))
	if s == "" {
		return 0, errors.New("empty time")
	}
	for _, layout := range timeLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		y, m, d := t.Date()
		days := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
		h, mi, sec := t.Clock()
		v := float64(days)*1440 + float64(h*60+mi) + (float64(sec)+float64(t.Nanosecond())/1e9)/60
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, errors.New("time out of range")
		}
		return v, nil
	}
	return 0, errors.New("not a time: want RFC 3339, e.g. 2026-01-05T07:30:00+01:00")
}
