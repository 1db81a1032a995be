package main

import (
	"fmt"
	"io"
	"strings"

	"zsa/scenarios"
)

// eventLogBytesPerItem is the size of the event logs per expected work
// item (estimate) by format, measured on the bundled sachsen-anhalt (293,
// 1,021, 25 and 31 bytes) and teaching scenarios (371, 1,204, 26 and 30
// bytes; each case also has its filing and end, so a scenario of short
// processes has more bytes per work item), 2026-12-03, and rounded.
var eventLogBytesPerItem = map[string]float64{"csv": 330, "xes": 1100, "csv.gz": 26, "xes.gz": 31}

// largeEventLog is the expected size from which run says how large its
// event logs will be before it starts.
const largeEventLog = 100e6

// eventLogSize returns the expected bytes of the event logs in format of
// runs runs of sc.
func eventLogSize(sc *scenarios.Scenario, runs int, format string) float64 {
	return estimate(sc).workItems * float64(runs) * eventLogBytesPerItem[format]
}

// warnEventLogSize writes to w the expected size of the event logs in
// format of runs runs of sc, if at least largeEventLog, with the size of
// the compressed format for an uncompressed one.
func warnEventLogSize(w io.Writer, sc *scenarios.Scenario, runs int, format string) {
	size := eventLogSize(sc, runs, format)
	if size < largeEventLog {
		return
	}
	fmt.Fprintf(w, "event logs (%s, %d runs): about %s", format, runs, byteSize(size))
	if !strings.HasSuffix(format, ".gz") {
		fmt.Fprintf(w, "; --event-log %s.gz: about %s", format, byteSize(eventLogSize(sc, runs, format+".gz")))
	}
	fmt.Fprintln(w)
}

// byteSize formats b bytes in MB or GB (10⁶, 10⁹ bytes), with a decimal
// below 10.
func byteSize(b float64) string {
	v, unit := b/1e6, "MB"
	if b >= 1e9 {
		v, unit = b/1e9, "GB"
	}
	prec := 0
	if v < 10 {
		prec = 1
	}
	return fmt.Sprintf("%.*f %s", prec, v, unit)
}
