package calendar

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// Reason is why a clerk is away on a day.
type Reason uint8

// Reasons for an absence.
const (
	Leave Reason = iota + 1 // Annual leave (Erholungsurlaub).
	Sick                    // Sickness (Arbeitsunfähigkeit).
)

// String returns "leave" or "sick".
func (r Reason) String() string {
	switch r {
	case Leave:
		return "leave"
	case Sick:
		return "sick"
	}
	return fmt.Sprintf("Reason(%d)", uint8(r))
}

// Absences is the set of days on which one clerk is away, with the reason
// for each. Combine it with the office calendar with (*Calendar).With.
// Iterate over it in the order of Dates, not of the map.
type Absences map[Date]Reason

// Count returns the number of days absent for reason r.
func (a Absences) Count(r Reason) int {
	n := 0
	for _, v := range a {
		if v == r {
			n++
		}
	}
	return n
}

// Dates returns the dates of a in increasing order.
func (a Absences) Dates() []Date {
	return slices.SortedFunc(maps.Keys(a), Date.Compare)
}

// DrawAbsences draws the absences of one clerk on the working days of cal
// in [from, to), deterministically from src:
//
//   - Annual leave: leaveDays working days in each calendar year, pro rata
//     for a year only partly in [from, to) (by its share of the year's
//     working days, rounded). They come in blocks of consecutive working
//     days: a summer block of half the days (rounded up) that starts
//     between 15 June and 31 July, when Sachsen-Anhalt has its school
//     summer holidays, and the rest in one block, or in two if 10 days or
//     more remain, each at a uniformly drawn free place in the year.
//     Blocks start on the first working day of a week (usually a Monday)
//     and keep apart from each other where they can; a block that fits
//     nowhere is spread over the first free days, so the count is exact.
//   - Sickness: each working day not on leave is a sick day,
//     independently, with probability sickRate. This Bernoulli model is an estimate: it
//     gets the mean right but real sickness comes in spells of several
//     days, so it understates how absences cluster.
//
// Exactly one src draw is made per non-leave working day, so changing
// sickRate does not move later leave blocks. The result is not empty only
// if [from, to) contains working days. DrawAbsences panics if cal or src
// is nil, leaveDays < 0, sickRate is outside [0, 1] or NaN, or a year has
// more leave days than working days.
func DrawAbsences(cal *Calendar, from, to Date, leaveDays int, sickRate float64, src rand.Source) Absences {
	abs := Absences{}
	for _, d := range drawAbsences(cal, from, to, leaveDays, sickRate, src) {
		abs[cal.start.AddDays(d.index)] = d.reason
	}
	return abs
}

// absentDay is a day of absence: its index in the calendar (days since
// its start) and the reason.
type absentDay struct {
	index  int
	reason Reason
}

// drawAbsences is DrawAbsences as day indices, in increasing order.
func drawAbsences(cal *Calendar, from, to Date, leaveDays int, sickRate float64, src rand.Source) []absentDay {
	switch {
	case cal == nil:
		panic("calendar: DrawAbsences with nil calendar")
	case src == nil:
		panic("calendar: DrawAbsences with nil rand.Source")
	case leaveDays < 0:
		panic("calendar: DrawAbsences with negative leaveDays")
	case !(sickRate >= 0 && sickRate <= 1):
		panic("calendar: DrawAbsences with sickRate outside [0, 1]")
	}
	rng := rand.New(src)
	var abs []absentDay
	from, to = DateOf(from.midnight()), DateOf(to.midnight())
	if !from.Before(to) {
		return abs
	}
	days := make([]workDay, 0, 366)
	var taken []bool
	var buf leaveBuf
	for y := from.Year; y <= to.AddDays(-1).Year; y++ {
		y0, y1 := Date{y, time.January, 1}, Date{y + 1, time.January, 1}
		lo, hi := y0, y1
		if from.After(lo) {
			lo = from
		}
		if to.Before(hi) {
			hi = to
		}
		days = days[:0]
		i := lo.DaysSince(cal.start)
		for d := lo; d.Before(hi); d, i = d.next(), i+1 {
			if cal.isOpen(i) {
				days = append(days, workDay{index: i, summer: inSummerStart(d)})
			}
		}
		quota := leaveDays
		if lo != y0 || hi != y1 {
			quota = 0
			if full := cal.WorkingDays(y0, y1); full > 0 {
				quota = int(math.Round(float64(leaveDays) * float64(len(days)) / float64(full)))
			}
		}
		if quota > len(days) {
			panic(fmt.Sprintf("calendar: DrawAbsences: %d leave days but %d working days in %d", quota, len(days), y))
		}
		taken = slices.Grow(taken[:0], len(days))[:len(days)]
		clear(taken)
		summer := (quota + 1) / 2
		rest := quota - summer
		placeLeave(days, taken, summer, true, rng, &buf)
		if rest >= 10 {
			placeLeave(days, taken, rest/2, false, rng, &buf)
			placeLeave(days, taken, rest-rest/2, false, rng, &buf)
		} else {
			placeLeave(days, taken, rest, false, rng, &buf)
		}
		for i, d := range days {
			if taken[i] {
				abs = append(abs, absentDay{d.index, Leave})
			} else if rng.Float64() < sickRate {
				abs = append(abs, absentDay{d.index, Sick})
			}
		}
	}
	return abs
}

// workDay is a working day: its index in the calendar (the days since its
// start) and whether a summer leave block may start on it.
type workDay struct {
	index  int
	summer bool
}

// leaveBuf is scratch space for placeLeave.
type leaveBuf struct {
	taken  []int // taken[i]: entries taken among the first i
	starts []int
}

// placeLeave marks a block of size consecutive free entries of days as
// taken. It starts at a uniformly drawn place, preferring (in this order)
// the first working day of a week in summer if summer is set, any day in
// summer, the first working day of a week, any day; first with a free
// working day on either side of the block, so that blocks do not merge,
// then without. If no block fits, it takes the first free entries.
func placeLeave(days []workDay, taken []bool, size int, summer bool, rng *rand.Rand, buf *leaveBuf) {
	if size <= 0 {
		return
	}
	n := len(days)
	count := slices.Grow(buf.taken[:0], n+1)[:n+1]
	count[0] = 0
	for i, t := range taken {
		count[i+1] = count[i]
		if t {
			count[i+1]++
		}
	}
	buf.taken = count
	free := func(s, e int) bool { // entries [s, e) ∩ [0, n) are free
		return count[min(e, n)] == count[max(s, 0)]
	}
	weekStart := func(s int) bool { return s == 0 || days[s-1].index != days[s].index-1 }
	pref := func(p, s int) bool {
		switch p {
		case 0:
			return days[s].summer && weekStart(s)
		case 1:
			return days[s].summer
		case 2:
			return weekStart(s)
		}
		return true
	}
	first := 2 // the preferences for summer only
	if summer {
		first = 0
	}
	starts := buf.starts[:0]
	defer func() { buf.starts = starts }()
	for _, gap := range [...]int{1, 0} {
		for p := first; p < 4; p++ {
			for s := 0; s+size <= n; s++ {
				if pref(p, s) && free(s-gap, s+size+gap) {
					starts = append(starts, s)
				}
			}
			if len(starts) > 0 {
				s := starts[rng.IntN(len(starts))]
				for i := s; i < s+size; i++ {
					taken[i] = true
				}
				return
			}
		}
	}
	for i := range taken {
		if size > 0 && !taken[i] {
			taken[i] = true
			size--
		}
	}
}

// inSummerStart reports whether a summer leave block may start on d:
// from 15 June to 31 July.
func inSummerStart(d Date) bool {
	return (d.Month == time.June && d.Day >= 15) || d.Month == time.July
}

// WithAbsences returns c with the days of DrawAbsences(c, from, to,
// leaveDays, sickRate, src) closed: the same calendar as
// c.With(DrawAbsences(…)), without the map in between (a clerk's
// calendar is made for every clerk of every replication).
func (c *Calendar) WithAbsences(from, to Date, leaveDays int, sickRate float64, src rand.Source) *Calendar {
	drawn := drawAbsences(c, from, to, leaveDays, sickRate, src)
	days := make([]int, len(drawn))
	for i, d := range drawn {
		days[i] = d.index
	}
	return c.withClosed(days)
}
