package experiment

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"zsa/models"
	"zsa/models/calendar"
	"zsa/results"
)

// EventLogFormats are the formats of EventLogRequest.Format.
var EventLogFormats = []string{"csv", "xes", "csv.gz", "xes.gz"}

// EventLogRequest asks Replicate for a process-mining event log per arm
// and replication: Dir/<arm>-r<replication>.<Format>, e.g. zsa-r01.csv.
type EventLogRequest struct {
	// Dir is the folder of the logs; it is created if need be.
	Dir string
	// Format is "csv" (results.EventLogCSV) or "xes"
	// (results.EventLogXES), plain or with ".gz": compressed with gzip
	// (compress/gzip, default level; no file name or time in the header,
	// so the same log gives the same bytes).
	Format string
}

// eventLogs are the event logs of a batch, one per job (arm ×
// replication): each job logs into a temporary file of its own, renamed
// into place when the job has finished and removed otherwise, so files
// are complete and their bytes do not depend on the number of workers.
type eventLogs struct {
	logs []*eventLogFile
}

// eventLogFile is one job's log and the writers beneath it.
type eventLogFile struct {
	log  results.EventLog
	gz   *gzip.Writer  // nil if not compressed
	buf  *bufio.Writer // between gz and f
	f    *os.File
	name string // the final name
}

// openEventLogs creates the logs of jobs (replication-major, nArms arms
// each) and sets each job's Options.Log. start is the model's first day.
func openEventLogs(req EventLogRequest, start calendar.Date, jobs []models.Job, nArms int) (*eventLogs, error) {
	if !slices.Contains(EventLogFormats, req.Format) {
		return nil, fmt.Errorf("event log format %q: must be one of (%s)", req.Format, strings.Join(EventLogFormats, "|"))
	}
	if err := os.MkdirAll(req.Dir, 0o755); err != nil {
		return nil, err
	}
	l := &eventLogs{}
	for i := range jobs {
		arm, rep := jobs[i].Org.Name, i/nArms+1
		f, err := os.CreateTemp(req.Dir, ".events-*.tmp")
		if err != nil {
			l.close(nil)
			return nil, err
		}
		lf := &eventLogFile{f: f, name: filepath.Join(req.Dir, fmt.Sprintf("%s-r%02d.%s", strings.ToLower(results.Slug(arm)), rep, req.Format))}
		var w io.Writer = f
		if strings.HasSuffix(req.Format, ".gz") {
			// The log's writer buffers; the file gets gzip's blocks whole.
			lf.buf = bufio.NewWriterSize(f, 64<<10)
			lf.gz = gzip.NewWriter(lf.buf)
			w = lf.gz
		}
		if strings.HasPrefix(req.Format, "xes") {
			lf.log, err = results.NewEventLogXES(w, start, arm)
		} else {
			lf.log, err = results.NewEventLogCSV(w, start, arm)
		}
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			l.close(nil)
			return nil, err
		}
		l.logs = append(l.logs, lf)
		jobs[i].Options.Log = results.LogFunc(lf.log, rep)
	}
	return l, nil
}

// close finishes the logs: those of the jobs that ran (ran[i]) are
// renamed into place, the others removed.
func (l *eventLogs) close(ran []bool) error {
	var errs []error
	for i, lf := range l.logs {
		err := lf.log.Close()
		if err == nil && lf.gz != nil {
			err = errors.Join(lf.gz.Close(), lf.buf.Flush())
		}
		if err == nil {
			err = lf.f.Chmod(0o644)
		}
		if err == nil {
			err = lf.f.Sync()
		}
		if cerr := lf.f.Close(); err == nil {
			err = cerr
		}
		if err == nil && i < len(ran) && ran[i] {
			err = os.Rename(lf.f.Name(), lf.name)
		} else {
			os.Remove(lf.f.Name())
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
