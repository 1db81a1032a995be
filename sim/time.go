package sim

import (
	"fmt"
	"math"
)

// Time is simulated time in minutes since the start of the run.
//
// Minutes are the base unit of the whole simulator: clerk effort is a few
// minutes to hours, lead times are days to months, and a float64 holds both
// exactly enough (a year is 525,600 minutes; float64 resolves far below a
// microsecond there). A Time is also used for durations.
type Time float64

// Units of simulated time, for writing durations: 3*sim.Hour, 20*sim.Day.
// A day is always 1,440 minutes: simulated civil time has no daylight-saving
// shifts.
const (
	Second Time = 1.0 / 60
	Minute Time = 1
	Hour   Time = 60
	Day    Time = 24 * Hour
	Week   Time = 7 * Day
)

// Minutes returns t as a number of minutes.
func (t Time) Minutes() float64 { return float64(t) }

// Hours returns t as a number of hours.
func (t Time) Hours() float64 { return float64(t / Hour) }

// Days returns t as a number of (calendar) days of 24 hours.
func (t Time) Days() float64 { return float64(t / Day) }

// String formats t with its largest units, for example "2d03h04m05.5s",
// "45m" or "-1h30m". Non-finite values print as Go prints float64 values.
func (t Time) String() string {
	f := float64(t)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Sprint(f)
	}
	if f == 0 {
		return "0m"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	days := math.Floor(f / float64(Day))
	f -= days * float64(Day)
	hours := math.Floor(f / float64(Hour))
	f -= hours * float64(Hour)
	mins := math.Floor(f)
	secs := (f - mins) * 60
	// Units after the first are zero-padded to two digits.
	s := sign
	pad := func(format string, v float64) {
		if len(s) > len(sign) {
			format = "%02" + format[1:]
		}
		s += fmt.Sprintf(format, v)
	}
	if days > 0 {
		pad("%.0fd", days)
	}
	if hours > 0 || (days > 0 && (mins > 0 || secs > 0)) {
		pad("%.0fh", hours)
	}
	if mins > 0 || (len(s) > len(sign) && secs > 0) {
		pad("%.0fm", mins)
	}
	if secs >= 0.0005 {
		s += fmt.Sprintf("%gs", math.Round(secs*1000)/1000)
	}
	if s == sign {
		// Below a millisecond: print the raw number of minutes.
		return fmt.Sprintf("%s%gm", sign, f)
	}
	return s
}
