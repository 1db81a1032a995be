package experiment

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"zsa/models"
	"zsa/models/calendar"
	"zsa/results"
)

// EventLogRequest asks Replicate for a process-mining event log per arm
// and replication: Dir/<arm>-r<replication>.<Format>, e.g. zsa-r01.csv
// (large: about 100 bytes per work item).
type EventLogRequest struct {
	// Dir is the folder of the logs; it is created if need be.
	Dir string
	// Format is "csv" (results.EventLogCSV) or "xes"
	// (results.EventLogXES).
	Format string
}

// eventLogs are the event logs of a batch, one per job (arm ×
// replication): each job logs into a temporary file of its own, renamed
// into place when the job has finished and removed otherwise, so files
// are complete and their bytes do not depend on the number of workers.
type eventLogs struct {
	files []*os.File
	logs  []results.EventLog
	names []string
}

// openEventLogs creates the logs of jobs (replication-major, nArms arms
// each) and sets each job's Options.Log. start is the model's first day.
func openEventLogs(req EventLogRequest, start calendar.Date, jobs []models.Job, nArms int) (*eventLogs, error) {
	if req.Format != "csv" && req.Format != "xes" {
		return nil, fmt.Errorf("event log format %q: must be one of (csv|xes)", req.Format)
	}
	if err := os.MkdirAll(req.Dir, 0o755); err != nil {
		return nil, err
	}
	l := &eventLogs{}
	for i := range jobs {
		arm, rep := jobs[i].Org.Name, i/nArms+1
		name := filepath.Join(req.Dir, fmt.Sprintf("%s-r%02d.%s", strings.ToLower(results.Slug(arm)), rep, req.Format))
		f, err := os.CreateTemp(req.Dir, ".events-*.tmp")
		if err != nil {
			l.close(nil)
			return nil, err
		}
		var log results.EventLog
		if req.Format == "xes" {
			log, err = results.NewEventLogXES(f, start, arm)
		} else {
			log, err = results.NewEventLogCSV(f, start, arm)
		}
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			l.close(nil)
			return nil, err
		}
		l.files, l.logs, l.names = append(l.files, f), append(l.logs, log), append(l.names, name)
		jobs[i].Options.Log = results.LogFunc(log, rep)
	}
	return l, nil
}

// close finishes the logs: those of the jobs that ran (out[i] not nil)
// are renamed into place, the others removed.
func (l *eventLogs) close(out []*models.Result) error {
	var errs []error
	for i, f := range l.files {
		err := l.logs[i].Close()
		if err == nil {
			err = f.Chmod(0o644)
		}
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil && i < len(out) && out[i] != nil {
			err = os.Rename(f.Name(), l.names[i])
		} else {
			os.Remove(f.Name())
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
