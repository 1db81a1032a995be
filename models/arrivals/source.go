package arrivals

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"zsa/models/calendar"
)

// MonthlyTolerance is how far the mean of Profile.Monthly may be from 1.
const MonthlyTolerance = 1e-9

// Profile is the shape of the arrival rate over the year, the week and the
// day, shared by the sources of one case type. The literal is the
// constructor; check it with Validate.
type Profile struct {
	// Monthly are the seasonal factors f_m of January (index 0) to
	// December (index 11): month m gets R·f_m/12 of a source's R expected
	// cases a year. Each must be finite and ≥ 0, and their mean must be 1
	// within MonthlyTolerance. They are not normalised for you: divide
	// them by their mean yourself.
	Monthly [12]float64

	// Weekday are the relative weights of Monday (index 0) to Sunday
	// (index 6) for counter and postal arrivals: a working day gets a
	// share of its month's offline cases in proportion to its weight. Each
	// must be finite and ≥ 0, and at least one positive. A weight for a
	// day on which the office is closed has no effect.
	Weekday [7]float64

	// OnlineShare is the share s of cases submitted online, which arrive
	// at any time of any day, in [0, 1]. The other 1 − s arrive during
	// office hours of working days.
	OnlineShare float64
}

// Validate reports every problem with p, joined into one error, or nil.
// Each problem is a *ProfileError.
func (p Profile) Validate() error {
	var errs []error
	p.check(func(field, msg string) { errs = append(errs, &ProfileError{Field: field, Msg: msg}) })
	return errors.Join(errs...)
}

// ProfileError is a problem with one field of a Profile, as Validate
// reports it.
type ProfileError struct {
	// Field names the field at fault as scenario files do: "monthly",
	// "weekday" or "online_share".
	Field string
	// Msg says what is wrong, e.g. "online share = 1.5: must be in [0, 1]".
	Msg string
}

// Error returns the message with the package prefix.
func (e *ProfileError) Error() string { return "arrivals: " + e.Msg }

// check calls bad with the field and a message for each problem with p.
func (p Profile) check(bad func(field, msg string)) {
	sum := 0.0
	ok := true
	for i, f := range p.Monthly {
		if !nonNegative(f) {
			bad("monthly", fmt.Sprintf("monthly[%d] (%v) = %v: must be finite and ≥ 0", i, time.Month(i+1), f))
			ok = false
		}
		sum += f
	}
	if mean := sum / 12; ok && !(math.Abs(mean-1) <= MonthlyTolerance) {
		bad("monthly", fmt.Sprintf("monthly factors have mean %.12g (sum %.12g): must have mean 1 (divide each by %.12g)", mean, sum, mean))
	}
	positive := false
	for i, w := range p.Weekday {
		if !nonNegative(w) {
			bad("weekday", fmt.Sprintf("weekday[%d] (%v) = %v: must be finite and ≥ 0", i, weekdayOf(i), w))
		}
		positive = positive || w > 0
	}
	if !positive {
		bad("weekday", "weekday weights are all zero: at least one must be positive")
	}
	if !(p.OnlineShare >= 0 && p.OnlineShare <= 1) {
		bad("online_share", fmt.Sprintf("online share = %v: must be in [0, 1]", p.OnlineShare))
	}
}

// Source is the arrival process of one case type in one commune. The
// literal is the constructor; check it with Validate.
type Source struct {
	// Population is the number of inhabitants. It must be finite and ≥ 0.
	Population float64

	// PerThousand is the expected number of cases per 1,000 inhabitants
	// per year. It must be finite and ≥ 0.
	PerThousand float64

	// Profile is the seasonal, weekly and online profile. It must not be
	// nil and must be valid. A Generator copies it when it is built.
	Profile *Profile

	// Src is the source's own random stream, e.g. sim.NewSource(seed,
	// sim.StreamID("arrivals", k)). It must not be nil, and no other
	// source or model may draw from it.
	Src rand.Source
}

// Annual returns R = Population × PerThousand / 1000, the expected number
// of cases a year.
func (s Source) Annual() float64 { return s.Population * s.PerThousand / 1000 }

// Mean returns the expected numbers of online and offline arrivals of s on
// day d under cal (see the package documentation for the formulas):
//
//	online  = R·s·f_m/12 / D_m             (+ R·(1−s)·f_m/12 / D_m if W_m = 0)
//	offline = R·(1−s)·f_m/12 · w(d) / W_m  (0 if d is not a working day)
//
// Summed over the days of a month they give R·f_m/12. Mean panics if
// s.Profile or cal is nil or d is not a valid date.
func (s Source) Mean(cal *calendar.Calendar, d calendar.Date) (online, offline float64) {
	if !d.IsValid() {
		panic("arrivals: Mean of an invalid date")
	}
	r := monthRatesOf(cal, s.Profile, d.Year, d.Month)
	return dayMeans(cal, s.Profile, &r, s.Annual(), d)
}

// Validate reports every problem with s, joined into one error, or nil.
func (s Source) Validate() error {
	var errs []error
	s.check(func(msg string) { errs = append(errs, errors.New("arrivals: "+msg)) })
	return errors.Join(errs...)
}

// check calls bad with a message for each problem with s.
func (s Source) check(bad func(msg string)) {
	if !nonNegative(s.Population) {
		bad(fmt.Sprintf("population = %v: must be finite and ≥ 0", s.Population))
	}
	if !nonNegative(s.PerThousand) {
		bad(fmt.Sprintf("per thousand = %v: must be finite and ≥ 0", s.PerThousand))
	}
	if s.Profile == nil {
		bad("profile is nil")
	} else {
		s.Profile.check(func(_, msg string) { bad("profile: " + msg) })
	}
	if s.Src == nil {
		bad("src is nil: each source needs its own random stream (a nil source would fall back to a global generator)")
	}
}

// nonNegative reports whether x is finite and ≥ 0.
func nonNegative(x float64) bool { return x >= 0 && !math.IsInf(x, 1) }

// weekdayIndex returns the index of w in Profile.Weekday: 0 for Monday to 6
// for Sunday.
func weekdayIndex(w time.Weekday) int { return (int(w) + 6) % 7 }

// weekdayOf is the inverse of weekdayIndex.
func weekdayOf(i int) time.Weekday { return time.Weekday((i + 1) % 7) }

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// monthRates are the expected arrivals of one month per expected case a
// year (R = 1) of one profile under one calendar.
type monthRates struct {
	online  float64 // online arrivals of each day: s·f_m/12 / D_m (plus spill-over)
	offline float64 // offline arrivals of a working day per unit of weight: (1−s)·f_m/12 / W_m
}

// monthRatesOf returns the rates of month m of year y for profile p.
func monthRatesOf(cal *calendar.Calendar, p *Profile, y int, m time.Month) monthRates {
	days := daysIn(y, m)
	var w float64
	for day := 1; day <= days; day++ {
		d := calendar.Date{Year: y, Month: m, Day: day}
		if cal.IsWorkingDay(d) {
			w += p.Weekday[weekdayIndex(d.Weekday())]
		}
	}
	total := p.Monthly[m-1] / 12
	online := total * p.OnlineShare
	offline := total - online
	if w > 0 {
		return monthRates{online: online / float64(days), offline: offline / w}
	}
	// No working day with positive weight: the offline part goes online.
	return monthRates{online: total / float64(days)}
}

// dayMeans returns the expected online and offline arrivals on day d of the
// month of r for a source of annual count annual.
func dayMeans(cal *calendar.Calendar, p *Profile, r *monthRates, annual float64, d calendar.Date) (online, offline float64) {
	online = annual * r.online
	if r.offline > 0 && cal.IsWorkingDay(d) {
		offline = annual * r.offline * p.Weekday[weekdayIndex(d.Weekday())]
	}
	return online, offline
}
