package arrivals

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"time"

	"gonum.org/v1/gonum/stat/distuv"

	"zsa/models/calendar"
	"zsa/sim"
)

// Arrival is one case arriving.
type Arrival struct {
	At     sim.Time // Arrival time, minutes since the calendar's start.
	Source int      // Index of the source in the list given to NewGenerator.
	Online bool     // Submitted online rather than at the counter or by post.
}

// compareArrivals orders arrivals by time, then source index, then offline
// before online. Times are never NaN, so plain comparisons suffice (they
// are faster than cmp.Compare, which orders NaNs).
func compareArrivals(a, b Arrival) int {
	switch {
	case a.At < b.At:
		return -1
	case a.At > b.At:
		return 1
	case a.Source != b.Source:
		return cmp.Compare(a.Source, b.Source)
	case a.Online == b.Online:
		return 0
	case b.Online:
		return -1
	}
	return 1
}

// Generator draws the arrivals of a list of sources, day by day, under one
// office calendar. Build it with NewGenerator. It holds the sources' random
// state, so it is not safe for concurrent use.
type Generator struct {
	cal         *calendar.Calendar
	open, close sim.Time // the calendar's daily working window

	profiles []Profile    // distinct profiles, copied
	rates    []monthRates // per profile, for month (year, month)
	year     int
	month    time.Month // 0 until the first Day

	sources []source

	last    calendar.Date // the previous date given to Day
	started bool
}

// source is the state of one Source in a Generator.
type source struct {
	annual  float64 // R, expected cases a year
	profile int     // index into Generator.profiles
	src     rand.Source
	rng     *rand.Rand // wraps src
}

// NewGenerator returns a generator of the arrivals of sources under the
// office calendar cal; an Arrival's Source is the index into sources. It
// copies the sources' profiles, and draws from their Src, which from then
// on belong to the generator. It reports every problem with the sources at
// once, joined into one error, including two sources sharing one Src.
// NewGenerator panics if cal is nil.
func NewGenerator(cal *calendar.Calendar, sources []Source) (*Generator, error) {
	if cal == nil {
		panic("arrivals: NewGenerator with a nil calendar")
	}
	var errs []error
	seen := make(map[rand.Source]int) // sources of pointer type only
	for i, s := range sources {
		s.check(func(msg string) {
			errs = append(errs, fmt.Errorf("arrivals: source %d: %s", i, msg))
		})
		if s.Src != nil && reflect.TypeOf(s.Src).Kind() == reflect.Pointer {
			if j, dup := seen[s.Src]; dup {
				errs = append(errs, fmt.Errorf("arrivals: source %d: src is the src of source %d: each source needs its own random stream", i, j))
			} else {
				seen[s.Src] = i
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	open, close := cal.Window()
	g := &Generator{cal: cal, open: open, close: close, sources: make([]source, len(sources))}
	index := make(map[*Profile]int) // for lookup only; order comes from sources
	for i, s := range sources {
		k, ok := index[s.Profile]
		if !ok {
			k = len(g.profiles)
			index[s.Profile] = k
			g.profiles = append(g.profiles, *s.Profile)
		}
		g.sources[i] = source{annual: s.Annual(), profile: k, src: s.Src, rng: rand.New(s.Src)}
	}
	g.rates = make([]monthRates, len(g.profiles))
	return g, nil
}

// Day appends the arrivals of all sources on day d, from 00:00 to 24:00, to
// dst in increasing order of time, ties broken by source index (then
// offline first), and returns the extended slice. Pass dst[:0] of the
// previous day's slice to reuse its memory: in steady state Day allocates
// nothing.
//
// Each call consumes random draws, so the arrivals of d depend on the
// dates of the earlier calls; dates may be skipped (a skipped day draws
// nothing), but must increase. Day panics if d is not a valid date or not
// after the date of the previous call.
func (g *Generator) Day(d calendar.Date, dst []Arrival) []Arrival {
	if !d.IsValid() {
		panic("arrivals: Day of an invalid date")
	}
	if g.started && !d.After(g.last) {
		panic("arrivals: Day called for a date not after the previous one")
	}
	g.last, g.started = d, true
	if d.Year != g.year || d.Month != g.month {
		g.year, g.month = d.Year, d.Month
		for k := range g.profiles {
			g.rates[k] = monthRatesOf(g.cal, &g.profiles[k], d.Year, d.Month)
		}
	}
	t0 := g.cal.TimeOf(d)
	working := g.cal.IsWorkingDay(d)
	wd := weekdayIndex(d.Weekday())
	n := len(dst)
	for i := range g.sources {
		s := &g.sources[i]
		r := &g.rates[s.profile]
		dst = s.draw(dst, i, s.annual*r.online, t0, 0, sim.Day, true)
		if working && r.offline > 0 {
			mean := s.annual * r.offline * g.profiles[s.profile].Weekday[wd]
			dst = s.draw(dst, i, mean, t0, g.open, g.close, false)
		}
	}
	slices.SortFunc(dst[n:], compareArrivals)
	return dst
}

// draw appends Poisson(mean) arrivals of source i, uniform over
// [t0+lo, t0+hi), to dst. It draws nothing if mean is 0.
func (s *source) draw(dst []Arrival, i int, mean float64, t0, lo, hi sim.Time, online bool) []Arrival {
	if !(mean > 0) {
		return dst
	}
	n := poisson(s.rng, s.src, mean)
	width := float64(hi - lo)
	for range n {
		// float64(…) stops the compiler from fusing into an FMA, so the
		// result is the same on every architecture.
		off := lo + sim.Time(float64(s.rng.Float64()*width))
		t := t0 + off
		// Rounding must not move t out of the interval, as the calendar
		// measures it (t − t0).
		for t-t0 >= hi {
			t = sim.Time(math.Nextafter(float64(t), math.Inf(-1)))
		}
		for t-t0 < lo {
			t = sim.Time(math.Nextafter(float64(t), math.Inf(1)))
		}
		dst = append(dst, Arrival{At: t, Source: i, Online: online})
	}
	return dst
}

// poissonInversionMax is the mean below which poisson uses inversion;
// gonum's PTRS needs a mean of at least 10 (Hörmann 1993).
const poissonInversionMax = 10

// poisson returns a Poisson(mean) variate, mean > 0, drawn from src (rng
// wraps src). Below poissonInversionMax it uses inversion by sequential
// search, one uniform per variate: the smallest k with F(k) > U. Above, it
// uses distuv.Poisson, Hörmann's transformed rejection (PTRS).
func poisson(rng *rand.Rand, src rand.Source, mean float64) int {
	if mean >= poissonInversionMax {
		return int(distuv.Poisson{Lambda: mean, Src: src}.Rand())
	}
	u := rng.Float64()
	p := math.Exp(-mean) // P(N = k)
	f := p               // P(N ≤ k)
	k := 0
	for f <= u && p > 0 {
		k++
		p *= mean / float64(k)
		f += p
	}
	return k
}
