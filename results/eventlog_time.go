package results

import (
	"fmt"
	"math"
	"time"
	_ "time/tzdata" // Europe/Berlin without the system's zoneinfo

	"zsa/models/calendar"
	"zsa/sim"
)

// EventLogZone is the time zone of the event logs' timestamps: the
// offices' civil time, Europe/Berlin (from the tz database embedded in the
// program, so that it does not depend on the machine).
var EventLogZone = mustLoadLocation("Europe/Berlin")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("results: " + err.Error())
	}
	return loc
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

// localTime returns the instant at which the clocks of loc show the civil
// time c (a time in UTC whose clock reads the civil time). The simulation
// has days of 1,440 minutes; loc's daylight-saving changes do not, and
// the mapping keeps the order of times (it never decreases):
//
//   - a civil time that loc skips (Europe/Berlin: 02:00–02:59:59 on the
//     last Sunday of March) is the first instant after the gap (03:00 in
//     summer time, +02:00);
//   - a civil time that loc shows twice (Europe/Berlin: 02:00–02:59:59 on
//     the last Sunday of October) is its first occurrence (summer time,
//     +02:00); 03:00 is then an hour and a second after 02:59:59.
//
// It returns an error where loc's offset is not whole minutes (Europe/
// Berlin before April 1893, local mean time), which RFC 3339 and
// xs:dateTime cannot write.
func localTime(c time.Time, loc *time.Location) (time.Time, error) {
	y, mo, d := c.Date()
	h, mi, s := c.Clock()
	t := time.Date(y, mo, d, h, mi, s, 0, loc)
	start, _ := t.ZoneBounds()
	if ty, tmo, td := t.Date(); ty != y || tmo != mo || td != d || t.Hour() != h || t.Minute() != mi || t.Second() != s {
		// In a gap: time.Date moved it forward by the gap's length.
		t = start
	} else if !start.IsZero() {
		// time.Date may take the second of two occurrences; the first is
		// in the zone before, if that has a larger offset.
		_, now := t.Zone()
		_, before := start.Add(-time.Second).Zone()
		if e := t.Add(-time.Duration(before-now) * time.Second); before > now && e.Before(start) {
			t = e
		}
	}
	if _, off := t.Zone(); off%60 != 0 {
		return time.Time{}, fmt.Errorf("%s had the offset %ds then, not whole minutes", loc, off)
	}
	return t, nil
}

// logTime returns sim.Time t, with 0 at midnight of start, as the
// instant in EventLogZone that civilSecond and localTime make of it.
func logTime(start calendar.Date, t sim.Time) (time.Time, error) {
	c, err := civilSecond(start, t)
	if err != nil {
		return c, err
	}
	return localTime(c, EventLogZone)
}
