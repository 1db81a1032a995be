package calendar

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Date is a civil date in the proleptic Gregorian calendar, without a time
// of day or a time zone, as cloud.google.com/go/civil.Date.
//
// The literal is the constructor: Date{2026, time.April, 3}. Dates are
// comparable with == and usable as map keys only when normalised, that is
// when IsValid reports true; every Date this package returns is valid.
// Order dates with Before, After or Compare.
type Date struct {
	Year  int        // Year, e.g. 2026.
	Month time.Month // Month of the year, January = 1.
	Day   int        // Day of the month, from 1.
}

// dateLayout is the textual form of a Date (ISO 8601, YYYY-MM-DD).
const dateLayout = "2006-01-02"

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses a date in the form YYYY-MM-DD, e.g. "2026-04-03".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		msg := "want YYYY-MM-DD"
		if pe, ok := errors.AsType[*time.ParseError](err); ok && pe.Message != "" {
			msg = strings.TrimPrefix(pe.Message, ": ")
		}
		return Date{}, fmt.Errorf("calendar: invalid date %q: %s", s, msg)
	}
	return DateOf(t), nil
}

// AddDays returns the date n days after d (before d if n < 0).
func (d Date) AddDays(n int) Date {
	if days, ok := d.days(); ok && -fastDays <= n && n <= fastDays {
		return dateOfDays(days + int64(n))
	}
	return DateOf(d.midnight().AddDate(0, 0, n))
}

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1 if d is before e, +1 if d is after e and 0 if they are
// the same date. It compares the fields, so it needs no normalisation.
func (d Date) Compare(e Date) int {
	if c := cmp.Compare(d.Year, e.Year); c != 0 {
		return c
	}
	if c := cmp.Compare(d.Month, e.Month); c != 0 {
		return c
	}
	return cmp.Compare(d.Day, e.Day)
}

// DaysSince returns the number of days from e to d: d == e.AddDays(n).
func (d Date) DaysSince(e Date) int {
	dd, ok1 := d.days()
	de, ok2 := e.days()
	if ok1 && ok2 {
		return int(dd - de)
	}
	// Unix seconds rather than time.Duration, which overflows after 292 years.
	return int((d.midnight().Unix() - e.midnight().Unix()) / 86400)
}

// In returns the time.Time of midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// IsValid reports whether d is a real date, e.g. false for February 30.
func (d Date) IsValid() bool {
	if -fastYears <= d.Year && d.Year <= fastYears {
		return time.January <= d.Month && d.Month <= time.December &&
			1 <= d.Day && d.Day <= daysInMonth(d.Year, d.Month)
	}
	return DateOf(d.midnight()) == d
}

// MarshalText implements encoding.TextMarshaler with the form of String.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// String returns d in the form YYYY-MM-DD, e.g. "2026-04-03".
func (d Date) String() string { return d.midnight().Format(dateLayout) }

// UnmarshalText implements encoding.TextUnmarshaler with ParseDate.
func (d *Date) UnmarshalText(text []byte) error {
	v, err := ParseDate(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	if days, ok := d.days(); ok {
		// 1970-01-01 was a Thursday.
		return time.Weekday(floorMod(days+int64(time.Thursday), 7))
	}
	return d.midnight().Weekday()
}

// midnight returns the start of d in UTC; time.Date normalises invalid
// dates (February 30 becomes March 2).
func (d Date) midnight() time.Time { return d.In(time.UTC) }

// Day arithmetic without the time package. Dates are converted to days
// since 1970-01-01 and back with Hinnant's algorithms for the proleptic
// Gregorian calendar (H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms", days_from_civil and civil_from_days), which agree with
// time.Date's normalisation: a month outside 1–12 carries into the year and
// a day outside the month counts on from its first day. They are exact for
// the years and day counts below; other dates take the time package's path.
const (
	fastYears = 1_000_000     // |Year| up to which days and IsValid compute directly
	fastDays  = 1_000_000_000 // |n| up to which AddDays computes directly
)

// days returns the number of days from 1970-01-01 to d, normalised as
// time.Date normalises, and false if d is outside the range of the fast
// path (then the caller uses the time package).
func (d Date) days() (int64, bool) {
	if !(-fastYears <= d.Year && d.Year <= fastYears &&
		-fastYears <= int(d.Month) && int(d.Month) <= fastYears &&
		-fastDays <= d.Day && d.Day <= fastDays) {
		return 0, false
	}
	// Carry the month into the year: m in [0, 12) counted from January.
	m0 := int64(d.Month) - 1
	y := int64(d.Year) + floorDiv(m0, 12)
	m := floorMod(m0, 12) + 1
	// days_from_civil, with years starting on 1 March.
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + int64(d.Day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468, true
}

// dateOfDays returns the date z days after 1970-01-01 (civil_from_days).
func dateOfDays(z int64) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // [0, 365]
	mp := (5*doy + 2) / 153                                // [0, 11], March = 0
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return Date{int(y), time.Month(m), int(day)}
}

// next returns the day after d, which must be valid.
func (d Date) next() Date {
	switch {
	case d.Day < daysInMonth(d.Year, d.Month):
		d.Day++
	case d.Month < time.December:
		d.Month, d.Day = d.Month+1, 1
	default:
		d.Year, d.Month, d.Day = d.Year+1, time.January, 1
	}
	return d
}

// daysInMonth returns the number of days of month m (1–12) of year y.
func daysInMonth(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// floorDiv and floorMod are division and remainder rounding towards −∞.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
