package arrivals

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"zsa/models/calendar"
	"zsa/sim"
)

// AddMonths returns the time months calendar months after t under cal: the
// same time of day on the same day of the month, clamped to the length of
// the target month (31 January + 1 month is 28 or 29 February). months may
// be negative. It serves re-applications, such as a Wohngeld
// Weiterleistungsantrag about 12 months after an approval. AddMonths panics
// if cal is nil or t is not finite.
func AddMonths(cal *calendar.Calendar, t sim.Time, months int) sim.Time {
	d := cal.Date(t)
	clock := cal.ClockMinutes(t)
	m := int(d.Month) - 1 + months // months since January of d.Year
	y := d.Year + m/12
	if m %= 12; m < 0 {
		m += 12
		y--
	}
	target := calendar.Date{Year: y, Month: time.Month(m + 1), Day: min(d.Day, daysIn(y, time.Month(m+1)))}
	return cal.TimeOf(target) + clock
}

// Backlog returns the arrival times of n cases open at the start of a run,
// i.i.d. uniform over [−spread, 0) and sorted: times before the start are
// negative. The times ignore office hours; spread is in minutes (e.g.
// 8*sim.Week). Backlog makes n draws from src. It panics if n < 0, src is
// nil, or n > 0 and spread is not positive and finite.
func Backlog(n int, spread sim.Time, src rand.Source) []sim.Time {
	switch {
	case n < 0:
		panic("arrivals: Backlog of a negative number of cases")
	case src == nil:
		panic("arrivals: Backlog with a nil rand.Source")
	case n > 0 && !(spread > 0 && !math.IsInf(float64(spread), 1)):
		panic("arrivals: Backlog spread not positive and finite")
	}
	rng := rand.New(src)
	ts := make([]sim.Time, n)
	for i := range ts {
		// 1 − U is in (0, 1], so the time is in [−spread, 0).
		ts[i] = -spread * sim.Time(1-rng.Float64())
	}
	slices.Sort(ts)
	return ts
}
