package calendar

import (
	"fmt"
	"slices"
	"time"
)

// The range of years for which Holidays is defined and tested, and in which
// a Calendar's start date must lie.
const (
	MinYear = 1900
	MaxYear = 2199
)

// Holiday is a public holiday.
type Holiday struct {
	Date Date
	Name string // German name, e.g. "Karfreitag".
}

// holidayRule is a holiday either on a fixed date (month, day) or, when
// month is 0, at a fixed offset in days from Easter Sunday.
type holidayRule struct {
	name   string
	month  time.Month
	day    int
	easter int
}

// stateHolidays are the staatlich anerkannte Feiertage of Sachsen-Anhalt,
// in the order of the law: Gesetz über die Sonn- und Feiertage (FeiertG LSA)
// in der Fassung der Bekanntmachung vom 25. August 2004, § 2. Its no. 10,
// Buß- und Bettag, was repealed ("weggefallen"). Easter Sunday and Whit
// Sunday are not listed; they are Sundays and closed anyway.
var stateHolidays = [...]holidayRule{
	{name: "Neujahr", month: time.January, day: 1},
	{name: "Heilige Drei Könige", month: time.January, day: 6},
	{name: "Karfreitag", easter: -2},
	{name: "Ostermontag", easter: 1},
	{name: "Tag der Arbeit", month: time.May, day: 1},
	{name: "Christi Himmelfahrt", easter: 39},
	{name: "Pfingstmontag", easter: 50},
	{name: "Tag der Deutschen Einheit", month: time.October, day: 3},
	{name: "Reformationstag", month: time.October, day: 31},
	{name: "1. Weihnachtstag", month: time.December, day: 25},
	{name: "2. Weihnachtstag", month: time.December, day: 26},
}

// Easter returns Easter Sunday of the given year (Gregorian computus), by
// the anonymous Gregorian algorithm of Meeus, Jones and Butcher
// (J. Meeus, Astronomical Algorithms, 2nd ed., Willmann-Bell 1998, ch. 8):
//
//	a = Y mod 19, b = Y div 100, c = Y mod 100, d = b div 4, e = b mod 4,
//	f = (b+8) div 25, g = (b−f+1) div 3, h = (19a+b−d−g+15) mod 30,
//	i = c div 4, k = c mod 4, l = (32+2e+2i−h−k) mod 7,
//	m = (a+11h+22l) div 451,
//	month = (h+l−7m+114) div 31, day = (h+l−7m+114) mod 31 + 1.
//
// Easter panics if year is before 1583, the first full Gregorian year.
func Easter(year int) Date {
	if year < 1583 {
		panic("calendar: Easter before the Gregorian calendar (1583)")
	}
	return easter(year)
}

// easter is Easter without the range check. All quantities are
// non-negative for year >= 0, so Go's truncating / and % are div and mod.
func easter(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return Date{y, time.Month(n / 31), n%31 + 1}
}

// Holidays returns the public holidays of Sachsen-Anhalt in year, sorted by
// date (FeiertG LSA § 2; eleven a year). Two holidays may fall on the same
// date (Christi Himmelfahrt and Tag der Arbeit on 1 May 2008); both are
// listed, Tag der Arbeit first.
//
// The list applies today's law to every year. It is a model convention,
// not history: the state and the law date from 1990–1992.
// Holidays panics if year is outside [MinYear, MaxYear].
func Holidays(year int) []Holiday {
	if year < MinYear || year > MaxYear {
		panic(fmt.Sprintf("calendar: Holidays year %d outside [%d, %d]", year, MinYear, MaxYear))
	}
	e := easter(year)
	hs := make([]Holiday, len(stateHolidays))
	for i, r := range stateHolidays {
		hs[i] = Holiday{Date: r.date(year, e), Name: r.name}
	}
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return hs
}

// date returns the date of r in year, whose Easter Sunday is e.
func (r holidayRule) date(year int, e Date) Date {
	if r.month == 0 {
		return e.AddDays(r.easter)
	}
	return Date{year, r.month, r.day}
}

// isStateHoliday reports whether d is a public holiday of Sachsen-Anhalt.
// It applies the rules to any year and does not allocate.
func isStateHoliday(d Date) bool {
	// Holidays relative to Easter lie between March 20 and June 14.
	spring := d.Month >= time.March && d.Month <= time.June
	off := 0
	if spring {
		off = d.DaysSince(easter(d.Year))
	}
	for _, r := range stateHolidays {
		if r.month == 0 {
			if spring && off == r.easter {
				return true
			}
		} else if d.Month == r.month && d.Day == r.day {
			return true
		}
	}
	return false
}
