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

	// Scratch space of sortDay.
	buf   []Arrival
	count []int
}

// source is the state of one Source in a Generator.
type source struct {
	annual  float64 // R, expected cases a year
	profile int     // index into Generator.profiles
	src     rand.Source
	rng     *rand.Rand // wraps src
	// p0 remembers exp(−mean) of the last mean below
	// poissonInversionMax, per channel (offline, online): a source's
	// daily means change only with the month and the weekday.
	p0 [2]struct{ mean, p0 float64 }
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
	g.sortDay(dst[n:], t0)
	return dst
}

// sortDay sorts the arrivals a of the day that starts at t0 by
// compareArrivals: a bucket sort on the time of day into len(a) buckets
// (Knuth, TAOCP vol. 3, 5.2.5), then straight insertion, which only has to
// order the arrivals within each bucket. The bucket index grows with the
// time, so equal and out-of-order arrivals share a bucket. Arrival times
// are uniform over windows, so a bucket holds about one arrival and the
// sort takes linear time.
func (g *Generator) sortDay(a []Arrival, t0 sim.Time) {
	n := len(a)
	if n > 16 {
		g.count = slices.Grow(g.count[:0], n+1)[:n+1]
		clear(g.count)
		g.buf = slices.Grow(g.buf[:0], n)[:n]
		scale := float64(n) / float64(sim.Day)
		bucket := func(x *Arrival) int {
			return min(max(int(float64(x.At-t0)*scale), 0), n-1)
		}
		for i := range a {
			g.count[bucket(&a[i])+1]++
		}
		for b := 1; b <= n; b++ {
			g.count[b] += g.count[b-1]
		}
		for i := range a {
			b := bucket(&a[i])
			g.buf[g.count[b]] = a[i]
			g.count[b]++
		}
		copy(a, g.buf)
	}
	for i := 1; i < n; i++ {
		x := a[i]
		j := i
		for ; j > 0 && compareArrivals(x, a[j-1]) < 0; j-- {
			a[j] = a[j-1]
		}
		a[j] = x
	}
}

// draw appends Poisson(mean) arrivals of source i, uniform over
// [t0+lo, t0+hi), to dst. It draws nothing if mean is 0.
func (s *source) draw(dst []Arrival, i int, mean float64, t0, lo, hi sim.Time, online bool) []Arrival {
	if !(mean > 0) {
		return dst
	}
	var n int
	if mean >= poissonInversionMax {
		n = poisson(s.rng, s.src, mean)
	} else {
		m := &s.p0[boolIndex(online)]
		if m.mean != mean {
			m.mean, m.p0 = mean, math.Exp(-mean)
		}
		n = poissonInversion(s.rng, mean, m.p0)
	}
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
	return poissonInversion(rng, mean, math.Exp(-mean))
}

// poissonInversion is poisson's inversion for mean < poissonInversionMax,
// given p0 = exp(−mean).
func poissonInversion(rng *rand.Rand, mean, p0 float64) int {
	u := rng.Float64()
	p := p0 // P(N = k)
	f := p  // P(N ≤ k)
	k := 0
	for f <= u && p > 0 {
		k++
		p *= mean / float64(k)
		f += p
	}
	return k
}

// boolIndex returns 1 for true and 0 for false.
func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}
