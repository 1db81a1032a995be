package fit

import (
	"math"
	"slices"
	"time"

	"zsa/models/calendar"
)

// Hours is the offices' working calendar as read from the work items:
// the daily window, the working weekdays and whether the public holidays
// of Sachsen-Anhalt are closed.
type Hours struct {
	// Open and Close are minutes after midnight: the earliest start of a
	// work item, rounded down to the quarter hour, and the latest start or
	// end, rounded up.
	Open, Close float64
	// Weekdays are the days on which at least 0.5 % of the work items
	// start, Sunday = 0 (time.Weekday).
	Weekdays []time.Weekday
	// Holidays is true if no work item starts on a public holiday of
	// Sachsen-Anhalt that falls on a working weekday in the log (and
	// there is one); false if some do.
	Holidays bool
	// HolidaysSeen is the number of such holidays in the log.
	HolidaysSeen int
}

// dayOf returns the civil day (days since 1 January 1970) of t in civil
// minutes, and the minutes since its midnight.
func dayOf(t float64) (day int, tod float64) {
	d := math.Floor(t / 1440)
	return int(d), t - d*1440
}

// dateOfDay returns the date of civil day d.
func dateOfDay(d int) calendar.Date {
	return calendar.DateOf(time.Unix(int64(d)*86400, 0).UTC())
}

// isHoliday reports whether civil day d is a public holiday of
// Sachsen-Anhalt (calendar.Holidays).
func isHoliday(d int, cache map[int][]calendar.Holiday) bool {
	date := dateOfDay(d)
	if date.Year < calendar.MinYear || date.Year > calendar.MaxYear {
		return false
	}
	hs, ok := cache[date.Year]
	if !ok {
		hs = calendar.Holidays(date.Year)
		cache[date.Year] = hs
	}
	return slices.ContainsFunc(hs, func(h calendar.Holiday) bool { return h.Date == date })
}

// estimateHours reads the working calendar from the work items' starts
// and ends (civil minutes).
func estimateHours(starts, ends []float64) Hours {
	h := Hours{Open: 1440, Close: 0}
	var perDay [7]int
	hol := map[int][]calendar.Holiday{}
	holidayWork := map[int]bool{}
	for i, s := range starts {
		d, tod := dayOf(s)
		h.Open = min(h.Open, tod)
		h.Close = max(h.Close, tod)
		_, te := dayOf(ends[i])
		h.Close = max(h.Close, te)
		perDay[dateOfDay(d).Weekday()]++
		if isHoliday(d, hol) {
			holidayWork[d] = true
		}
	}
	h.Open = math.Floor(h.Open/15) * 15
	h.Close = math.Min(math.Ceil(h.Close/15)*15, 1440)
	for wd, n := range perDay {
		if float64(n) >= 0.005*float64(len(starts)) {
			h.Weekdays = append(h.Weekdays, time.Weekday(wd))
		}
	}
	// Holidays on working weekdays within the log's days of work.
	if len(starts) > 0 {
		first, _ := dayOf(slices.Min(starts))
		last, _ := dayOf(slices.Max(starts))
		for d := first; d <= last; d++ {
			if slices.Contains(h.Weekdays, dateOfDay(d).Weekday()) && isHoliday(d, hol) {
				h.HolidaysSeen++
			}
		}
	}
	h.Holidays = h.HolidaysSeen > 0 && len(holidayWork) == 0
	return h
}

// isWorkingDay reports whether civil day d is a working day of h.
func (h Hours) isWorkingDay(d int, cache map[int][]calendar.Holiday) bool {
	return slices.Contains(h.Weekdays, dateOfDay(d).Weekday()) && !(h.Holidays && isHoliday(d, cache))
}
