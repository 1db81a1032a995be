package calendar

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"time"

	"zsa/sim"
)

// Table sizes: the number of days from Start that New tabulates.
const (
	DefaultDays = 3660   // Ten years; used when Config.Days is 0.
	MaxDays     = 120000 // About 328 years, more than [MinYear, MaxYear].
)

// maxTime bounds the magnitude of times and amounts of work, in minutes
// (about two million years), so that day indices fit in an int.
const maxTime = 1 << 40

// Config describes a working calendar. Zero-valued optional fields take the
// documented defaults; invalid values are errors from New, never corrected.
type Config struct {
	// Start is the date whose midnight (00:00) is sim.Time 0. Required; its
	// year must lie in [MinYear, MaxYear].
	Start Date

	// Open and Close bound the daily working window [Open, Close), in
	// minutes after midnight: 0 <= Open < Close <= 1440 (sim.Day). Both
	// are required; for example Open 7*sim.Hour + 30*sim.Minute and
	// Close 16*sim.Hour for 7:30–16:00. The window is the time the office
	// works, not a clerk's net working time: breaks and part-time belong
	// to the clerk model.
	Open, Close sim.Time

	// Weekdays are the working days of the week, each listed once.
	// Empty means Monday to Friday.
	Weekdays []time.Weekday

	// NoStateHolidays, if true, leaves out the public holidays of
	// Sachsen-Anhalt (see Holidays), e.g. for a 24/7 validation run.
	NoStateHolidays bool

	// Closed lists further dates on which the office is closed, for
	// example 24 and 31 December or bridge days. Order does not matter.
	Closed []Date

	// Days is the number of days from Start that New tabulates so that
	// queries take constant time; times outside the table are still
	// answered correctly, day by day. 0 means DefaultDays; at most MaxDays.
	Days int
}

// Calendar is a working calendar anchored at a start date: sim.Time 0 is
// 00:00 on Start and every day has 1,440 minutes. A day is a working day
// if its weekday is a working weekday, it is not a public holiday (unless
// disabled) and it is not a closed date; work happens only inside the
// daily window [Open, Close) of working days.
//
// A Calendar is immutable after New and safe for concurrent use. Queries
// about days in its table take constant time and do not allocate.
type Calendar struct {
	start    Date
	openAt   sim.Time // Config.Open
	closeAt  sim.Time // Config.Close
	length   sim.Time // closeAt - openAt
	weekdays uint8    // bit w set if time.Weekday(w) is a working weekday
	holidays bool     // Sachsen-Anhalt holidays apply
	closed   map[Date]struct{}

	// For day i = 0, 1, …, n−1 after start: cum[i] counts the working days
	// in [0, i) (len n+1), so day i works iff cum[i+1] > cum[i]; days[k]
	// is the index of the k-th working day in [0, n).
	cum  []int32
	days []int32
}

// New returns the calendar described by cfg. It reports every problem
// with cfg at once, each a *ConfigError, joined into one error.
func New(cfg Config) (*Calendar, error) {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &ConfigError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	switch {
	case cfg.Start == Date{}:
		bad("Start", "start date not set")
	case !cfg.Start.IsValid():
		bad("Start", "start date %s is not a date", rawDate(cfg.Start))
	case cfg.Start.Year < MinYear || cfg.Start.Year > MaxYear:
		bad("Start", "start date %v outside the years %d to %d", cfg.Start, MinYear, MaxYear)
	}
	switch {
	case cfg.Open == 0 && cfg.Close == 0:
		bad("Open", "working window not set (Open and Close in minutes after midnight, e.g. 450 and 960 for 7:30–16:00)")
	case 0 <= cfg.Close && cfg.Close <= cfg.Open && cfg.Open <= sim.Day:
		bad("Open", "open %v is not before close %v: the working window [%v, %v) is empty", cfg.Open, cfg.Close, cfg.Open, cfg.Close)
	case !(0 <= cfg.Open && cfg.Open < cfg.Close && cfg.Close <= sim.Day):
		bad("Open", "working window [%v, %v): want 0 <= Open < Close <= 24h", cfg.Open, cfg.Close)
	}
	var weekdays uint8
	for _, w := range cfg.Weekdays {
		switch {
		case w < time.Sunday || w > time.Saturday:
			bad("Weekdays", "invalid weekday %d (want 0 = Sunday to 6 = Saturday)", int(w))
		case weekdays&(1<<w) != 0:
			bad("Weekdays", "weekday %v listed twice", w)
		default:
			weekdays |= 1 << w
		}
	}
	if len(cfg.Weekdays) == 0 {
		weekdays = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday
	}
	var closed map[Date]struct{}
	for i, d := range cfg.Closed {
		if !d.IsValid() {
			bad("Closed", "closed date %d: %s is not a date", i, rawDate(d))
			continue
		}
		if closed == nil {
			closed = make(map[Date]struct{}, len(cfg.Closed))
		}
		closed[d] = struct{}{}
	}
	n := cfg.Days
	switch {
	case n == 0:
		n = DefaultDays
	case n < 0 || n > MaxDays:
		bad("Days", "table days %d outside [0, %d]", n, MaxDays)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	c := &Calendar{
		start:    cfg.Start,
		openAt:   cfg.Open,
		closeAt:  cfg.Close,
		length:   cfg.Close - cfg.Open,
		weekdays: weekdays,
		holidays: !cfg.NoStateHolidays,
		closed:   closed,
	}
	// open[i] = c.openDate(day i), computed a year of holidays at a time.
	open := make([]bool, n)
	day, wd := cfg.Start, cfg.Start.Weekday()
	for i := range open {
		_, closed := c.closed[day]
		open[i] = c.weekdays&(1<<wd) != 0 && !closed
		day, wd = day.next(), (wd+1)%7
	}
	if c.holidays {
		for y := cfg.Start.Year; (Date{y, time.January, 1}).DaysSince(cfg.Start) < n; y++ {
			e := easter(y)
			for _, r := range stateHolidays {
				if i := r.date(y, e).DaysSince(cfg.Start); 0 <= i && i < n {
					open[i] = false
				}
			}
		}
	}
	c.tabulate(open)
	return c, nil
}

// ConfigError is a problem with a Config, as New reports it.
type ConfigError struct {
	// Field is the field at fault: "Start", "Open" (the window [Open,
	// Close)), "Weekdays", "Closed" or "Days".
	Field string
	// Msg says what is wrong, e.g. "weekday Monday listed twice".
	Msg string
}

// Error returns the message with the package prefix.
func (e *ConfigError) Error() string { return "calendar: " + e.Msg }

// rawDate formats the fields of a possibly invalid date without normalising.
func rawDate(d Date) string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// tabulate fills c.cum and c.days from the working-day flags of days 0…n−1.
func (c *Calendar) tabulate(open []bool) {
	c.cum = make([]int32, len(open)+1)
	var k int32
	for i, o := range open {
		if o {
			k++
		}
		c.cum[i+1] = k
	}
	c.days = make([]int32, 0, k)
	for i, o := range open {
		if o {
			c.days = append(c.days, int32(i))
		}
	}
}

// AddWork returns the time, in minutes since Start, at which work minutes
// of working time started (or waiting to start) at t are finished. Work
// proceeds only inside the windows of working days; what does not finish
// by Close resumes at Open of the next working day. A result at the end of
// a window is that day's Close, not the next day's Open:
//
//	WorkingTimeBetween(t, AddWork(t, work)) == work.
//
// AddWork(t, 0) is t, even outside working time: no work, no wait.
// AddWork panics if work is negative, NaN or infinite, or t is not finite
// (times and work beyond 2⁴⁰ minutes count as infinite).
func (c *Calendar) AddWork(t, work sim.Time) sim.Time {
	if !(work >= 0 && work <= maxTime) {
		panic("calendar: AddWork with negative, NaN or infinite work")
	}
	i, ck := c.split(t)
	if work == 0 {
		return t
	}
	if ck < c.closeAt && c.isOpen(i) {
		if ck >= c.openAt {
			if ck+work <= c.closeAt {
				return t + work // the common case: done today
			}
			work -= c.closeAt - ck
		} else {
			if work <= c.length {
				return dayStart(i) + c.openAt + work
			}
			work -= c.length
		}
	}
	// work > 0 remains for whole windows from day i+1 on: q windows, the
	// last one holding last in (0, length].
	q := math.Ceil(float64(work / c.length))
	last := work - sim.Time(q-1)*c.length
	if last <= 0 {
		q, last = q-1, last+c.length
	} else if last > c.length {
		q, last = q+1, last-c.length
	}
	j := c.nthOpen(i+1, int(q)-1)
	return dayStart(j) + c.openAt + last
}

// CalendarDaysBetween returns the time from a to b in calendar days of
// 1,440 minutes, (b − a)/1440; negative if b is before a.
func (*Calendar) CalendarDaysBetween(a, b sim.Time) float64 {
	return float64((b - a) / sim.Day)
}

// CivilTime returns t as a civil date and time of day, labelled UTC (the
// simulation has no time zones and no daylight-saving shifts), rounded to
// the nanosecond. It panics if t is not finite.
func (c *Calendar) CivilTime(t sim.Time) time.Time {
	i, ck := c.split(t)
	return c.start.AddDays(i).In(time.UTC).Add(time.Duration(math.Round(float64(ck) * float64(time.Minute))))
}

// ClockMinutes returns the time of day of t in minutes after midnight,
// in [0, 1440). It panics if t is not finite.
func (c *Calendar) ClockMinutes(t sim.Time) sim.Time {
	_, ck := c.split(t)
	return ck
}

// Date returns the date of t (minutes since midnight of Start). It panics
// if t is not finite.
func (c *Calendar) Date(t sim.Time) Date {
	i, _ := c.split(t)
	return c.start.AddDays(i)
}

// IsWorking reports whether t (minutes since Start) lies inside the
// window [Open, Close) of a working day. It panics if t is not finite.
func (c *Calendar) IsWorking(t sim.Time) bool {
	i, ck := c.split(t)
	return ck >= c.openAt && ck < c.closeAt && c.isOpen(i)
}

// IsWorkingDay reports whether d is a working day.
func (c *Calendar) IsWorkingDay(d Date) bool {
	return c.isOpen(d.DaysSince(c.start))
}

// NextOpen returns t if t is working time (IsWorking), else the start of
// the next working window after t, in minutes since Start. It panics if t
// is not finite.
func (c *Calendar) NextOpen(t sim.Time) sim.Time {
	i, ck := c.split(t)
	if ck < c.closeAt && c.isOpen(i) {
		if ck < c.openAt {
			return dayStart(i) + c.openAt
		}
		return t
	}
	return dayStart(c.nthOpen(i+1, 0)) + c.openAt
}

// Start returns the date whose midnight is sim.Time 0.
func (c *Calendar) Start() Date { return c.start }

// TimeOf returns midnight (00:00) at the start of d, in minutes since
// Start; negative for dates before Start.
func (c *Calendar) TimeOf(d Date) sim.Time {
	return dayStart(d.DaysSince(c.start))
}

// Window returns the daily working window [open, close) in minutes after
// midnight.
func (c *Calendar) Window() (open, close sim.Time) { return c.openAt, c.closeAt }

// WindowLength returns Close − Open, the working minutes of one working
// day: the unit of WorkingDaysBetween.
func (c *Calendar) WindowLength() sim.Time { return c.length }

// With returns the calendar of one clerk: c with the days in abs closed as
// well. Dates in abs of any Reason count as absent. c is unchanged.
func (c *Calendar) With(abs Absences) *Calendar {
	days := make([]int, 0, len(abs))
	for d := range abs {
		days = append(days, d.DaysSince(c.start))
	}
	return c.withClosed(days)
}

// ClosedBefore returns c with every day before day index n (days since
// its start) closed: a clerk hired on day n.
func (c *Calendar) ClosedBefore(n int) *Calendar {
	days := make([]int, max(n, 0))
	for i := range days {
		days[i] = i
	}
	return c.withClosed(days)
}

// withClosed returns c with the days of the given indices (days since its
// start) closed.
func (c *Calendar) withClosed(days []int) *Calendar {
	p := *c
	n := len(c.cum) - 1
	open := make([]bool, n)
	for i := range open {
		open[i] = c.cum[i+1] != c.cum[i]
	}
	copied := false
	for _, i := range days {
		if 0 <= i && i < n {
			open[i] = false
			continue
		}
		// Days outside the table are looked up in closed, which p shares
		// with c until the first such day.
		if !copied {
			p.closed = make(map[Date]struct{}, len(c.closed)+1)
			maps.Copy(p.closed, c.closed)
			copied = true
		}
		p.closed[c.start.AddDays(i)] = struct{}{} // normalised key
	}
	p.tabulate(open)
	return &p
}

// WithWindow returns c with the daily working window [open, close)
// instead of its own, for example a part-time clerk's block of an office's
// hours: the same working days, which it shares with c. It reports an
// error, as New, unless 0 <= open < close <= 1440. c is unchanged.
func (c *Calendar) WithWindow(open, close sim.Time) (*Calendar, error) {
	if !(0 <= open && open < close && close <= sim.Day) {
		return nil, fmt.Errorf("calendar: working window [%v, %v): want 0 <= Open < Close <= 24h", open, close)
	}
	p := *c
	p.openAt, p.closeAt, p.length = open, close, close-open
	return &p, nil
}

// WorkingDays returns the number of working days in [from, to); it is
// negative, −WorkingDays(to, from), if to is before from.
func (c *Calendar) WorkingDays(from, to Date) int {
	i, j := from.DaysSince(c.start), to.DaysSince(c.start)
	if j < i {
		return -c.countOpen(j, i)
	}
	return c.countOpen(i, j)
}

// WorkingDaysBetween returns the working time from a to b in working days,
// WorkingTimeBetween(a, b) / WindowLength(): a lead time in working days.
// Half a window counts as half a day, so a case that arrives at noon on a
// Monday and is done at noon on Tuesday took about one working day.
func (c *Calendar) WorkingDaysBetween(a, b sim.Time) float64 {
	return float64(c.WorkingTimeBetween(a, b) / c.length)
}

// WorkingDaysInMonth returns the number of working days in the given month.
func (c *Calendar) WorkingDaysInMonth(year int, month time.Month) int {
	return c.WorkingDays(Date{year, month, 1}, Date{year, month + 1, 1})
}

// WorkingTimeBetween returns the working minutes in [a, b): the length of
// its intersection with the windows of working days. It is additive,
// WorkingTimeBetween(a, b) + WorkingTimeBetween(b, c) ==
// WorkingTimeBetween(a, c) up to rounding, and so negative if b is before
// a. It panics if a or b is not finite.
func (c *Calendar) WorkingTimeBetween(a, b sim.Time) sim.Time {
	if b < a {
		return -c.WorkingTimeBetween(b, a)
	}
	ia, ca := c.split(a)
	ib, cb := c.split(b)
	if ia == ib {
		if !c.isOpen(ia) {
			return 0
		}
		return c.overlap(ca, cb)
	}
	var w sim.Time
	if c.isOpen(ia) {
		w += c.overlap(ca, sim.Day)
	}
	w += sim.Time(c.countOpen(ia+1, ib)) * c.length
	if c.isOpen(ib) {
		w += c.overlap(0, cb)
	}
	return w
}

// countOpen returns the number of working days among days [i, j), i <= j.
func (c *Calendar) countOpen(i, j int) int {
	n := len(c.cum) - 1
	k := 0
	for ; i < j && i < 0; i++ {
		if c.isOpen(i) {
			k++
		}
	}
	if i < j && i <= n {
		e := min(j, n)
		k += int(c.cum[e] - c.cum[i])
		i = e
	}
	for ; i < j; i++ {
		if c.isOpen(i) {
			k++
		}
	}
	return k
}

// dayStart returns midnight of day i after Start, in minutes.
func dayStart(i int) sim.Time { return sim.Time(float64(i) * float64(sim.Day)) }

// isOpen reports whether day i after Start is a working day.
func (c *Calendar) isOpen(i int) bool {
	if uint(i) < uint(len(c.cum)-1) {
		return c.cum[i+1] != c.cum[i]
	}
	return c.openDate(c.start.AddDays(i))
}

// nthOpen returns the index of the working day that has k >= 0 working days
// before it among days [i, result): the first working day on or after day
// i for k = 0.
func (c *Calendar) nthOpen(i, k int) int {
	for ; i < 0; i++ {
		if c.isOpen(i) {
			if k == 0 {
				return i
			}
			k--
		}
	}
	n := len(c.cum) - 1
	if i < n {
		ord := int(c.cum[i]) + k
		if ord < len(c.days) {
			return int(c.days[ord])
		}
		i, k = n, ord-len(c.days)
	}
	for ; ; i++ {
		if c.isOpen(i) {
			if k == 0 {
				return i
			}
			k--
		}
	}
}

// openDate reports whether d is a working day, without the table.
func (c *Calendar) openDate(d Date) bool {
	if c.weekdays&(1<<d.Weekday()) == 0 {
		return false
	}
	if c.holidays && isStateHoliday(d) {
		return false
	}
	_, closed := c.closed[d]
	return !closed
}

// overlap returns the length of [x, y) ∩ [Open, Close), clock minutes.
func (c *Calendar) overlap(x, y sim.Time) sim.Time {
	return max(0, min(y, c.closeAt)-max(x, c.openAt))
}

// split returns the day index of t after Start and its clock minutes in
// [0, 1440). It panics if t is NaN, infinite or beyond ±maxTime.
func (c *Calendar) split(t sim.Time) (int, sim.Time) {
	f := float64(t)
	if !(math.Abs(f) <= maxTime) {
		panic("calendar: time is NaN, infinite or out of range")
	}
	day := math.Floor(f / float64(sim.Day))
	ck := t - sim.Time(day*float64(sim.Day))
	if ck < 0 { // defensive: f/1440 rounded up to an integer
		day--
		ck += sim.Day
	}
	return int(day), ck
}
