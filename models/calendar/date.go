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
	// Unix seconds rather than time.Duration, which overflows after 292 years.
	return int((d.midnight().Unix() - e.midnight().Unix()) / 86400)
}

// In returns the time.Time of midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// IsValid reports whether d is a real date, e.g. false for February 30.
func (d Date) IsValid() bool { return DateOf(d.midnight()) == d }

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
func (d Date) Weekday() time.Weekday { return d.midnight().Weekday() }

// midnight returns the start of d in UTC; time.Date normalises invalid
// dates (February 30 becomes March 2).
func (d Date) midnight() time.Time { return d.In(time.UTC) }
