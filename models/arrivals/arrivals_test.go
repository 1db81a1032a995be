package arrivals

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat/distuv"

	"zsa/models/calendar"
	"zsa/sim"
)

// Office hours 7:30–16:00, Monday to Friday, Sachsen-Anhalt holidays.
const (
	testOpen  = 7*sim.Hour + 30*sim.Minute
	testClose = 16 * sim.Hour
)

var (
	jan1   = calendar.Date{Year: 2026, Month: time.January, Day: 1}
	jan1y1 = calendar.Date{Year: 2027, Month: time.January, Day: 1}
)

func testCalendar(t testing.TB) *calendar.Calendar {
	t.Helper()
	cal, err := calendar.New(calendar.Config{Start: jan1, Open: testOpen, Close: testClose})
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

// seasonal is a profile with strong seasonality: January 2.0, June to
// August 0.7, the other eight months (12 − 2 − 3·0.7)/8 = 0.9875, so the
// factors sum to 12. Weekend weights are positive but the office is closed
// then, so they must have no effect.
func seasonal() *Profile {
	p := &Profile{
		Weekday:     [7]float64{1.4, 1.0, 0.8, 1.2, 0.6, 3, 3},
		OnlineShare: 0.3,
	}
	for m := range p.Monthly {
		p.Monthly[m] = 0.9875
	}
	p.Monthly[0] = 2.0
	p.Monthly[5], p.Monthly[6], p.Monthly[7] = 0.7, 0.7, 0.7
	return p
}

// flat returns a profile with all monthly factors 1.
func flat(weekday [7]float64, online float64) *Profile {
	p := &Profile{Weekday: weekday, OnlineShare: online}
	for m := range p.Monthly {
		p.Monthly[m] = 1
	}
	return p
}

func stream(seed uint64, i int) rand.Source {
	return sim.NewSource(seed, sim.StreamID("arrivals", uint64(i)))
}

// year returns the arrivals of g from from to to (exclusive).
func year(t testing.TB, g *Generator, from, to calendar.Date) []Arrival {
	t.Helper()
	var all, buf []Arrival
	for d := from; d.Before(to); d = d.AddDays(1) {
		buf = g.Day(d, buf[:0])
		all = append(all, buf...)
	}
	return all
}

func newGenerator(t testing.TB, cal *calendar.Calendar, sources []Source) *Generator {
	t.Helper()
	g, err := NewGenerator(cal, sources)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// within4SE checks |got − want| ≤ 4·√want, the Poisson standard error.
func within4SE(t *testing.T, what string, got, want float64) {
	t.Helper()
	if se := math.Sqrt(want); math.Abs(got-want) > 4*se {
		t.Errorf("%s = %v, want %v ± %.1f (4 Poisson SE)", what, got, want, 4*se)
	}
}

func TestMonthlyCounts(t *testing.T) {
	t.Parallel()
	cal := testCalendar(t)
	p := seasonal()
	// R = 2,000,000 × 60 / 1000 = 120,000 cases a year.
	src := Source{Population: 2e6, PerThousand: 60, Profile: p, Src: stream(1, 0)}
	const R = 120000.0
	all := year(t, newGenerator(t, cal, []Source{src}), jan1, jan1y1)
	var total, online [12]float64
	for _, a := range all {
		m := cal.Date(a.At).Month - 1
		total[m]++
		if a.Online {
			online[m]++
		}
	}
	for m := range 12 {
		// Month m has R·f_m/12 cases, R·s·f_m/12 online, R·(1−s)·f_m/12 offline.
		f := p.Monthly[m]
		name := time.Month(m + 1).String()
		within4SE(t, name+" arrivals", total[m], R*f/12)
		within4SE(t, name+" online", online[m], R*p.OnlineShare*f/12)
		within4SE(t, name+" offline", total[m]-online[m], R*(1-p.OnlineShare)*f/12)
	}
}

// Mean must sum to R·f_m/12 over a month, also when a month has no working
// day of positive weight and the offline part goes online.
func TestMeanMonthTotals(t *testing.T) {
	t.Parallel()
	cal := testCalendar(t)
	weekendOnly := flat([7]float64{0, 0, 0, 0, 0, 1, 1}, 0.2)
	for _, p := range []*Profile{seasonal(), weekendOnly} {
		s := Source{Population: 50000, PerThousand: 12, Profile: p}
		for m := time.January; m <= time.December; m++ {
			var on, off float64
			for d := (calendar.Date{Year: 2026, Month: m, Day: 1}); d.Month == m; d = d.AddDays(1) {
				o, f := s.Mean(cal, d)
				on, off = on+o, off+f
			}
			R := 50000 * 12 / 1000.0
			want := R * p.Monthly[m-1] / 12
			if math.Abs(on+off-want) > 1e-9*want {
				t.Errorf("%v: online %v + offline %v = %v, want R·f/12 = %v", m, on, off, on+off, want)
			}
			if p == weekendOnly && off != 0 {
				t.Errorf("%v: weekend-only weights, offline mean %v, want 0 (office closed at weekends)", m, off)
			}
		}
	}
}

func TestOfficeHours(t *testing.T) {
	t.Parallel()
	cal := testCalendar(t)
	holidays := map[calendar.Date]bool{}
	for _, h := range calendar.Holidays(2026) {
		holidays[h.Date] = true
	}
	src := Source{Population: 500000, PerThousand: 50, Profile: seasonal(), Src: stream(2, 0)}
	g := newGenerator(t, cal, []Source{src})
	var buf []Arrival
	var night, sunday, holiday, offline int
	for d := jan1; d.Before(jan1y1); d = d.AddDays(1) {
		buf = g.Day(d, buf[:0])
		t0 := cal.TimeOf(d)
		if !slices.IsSortedFunc(buf, compareArrivals) {
			t.Fatalf("%v: arrivals not in order", d)
		}
		for _, a := range buf {
			if a.At < t0 || a.At >= t0+sim.Day || cal.Date(a.At) != d {
				t.Fatalf("%v: arrival at %v outside the day", d, a.At)
			}
			clock := cal.ClockMinutes(a.At)
			if a.Online {
				if clock < 6*sim.Hour || clock >= 22*sim.Hour {
					night++
				}
				if d.Weekday() == time.Sunday {
					sunday++
				}
				if holidays[d] {
					holiday++
				}
				continue
			}
			offline++
			wd := d.Weekday()
			switch {
			case wd == time.Saturday || wd == time.Sunday:
				t.Errorf("offline arrival on %v %v", wd, d)
			case holidays[d]:
				t.Errorf("offline arrival on holiday %v", d)
			case clock < testOpen || clock >= testClose || !cal.IsWorking(a.At):
				t.Errorf("offline arrival on %v at %v, outside 7:30–16:00", d, clock)
			}
		}
	}
	if offline == 0 || night == 0 || sunday == 0 || holiday == 0 {
		t.Errorf("offline %d, online at night %d, on Sundays %d, on holidays %d: want all > 0",
			offline, night, sunday, holiday)
	}
}

func TestWeekdaySplit(t *testing.T) {
	t.Parallel()
	cal := testCalendar(t)
	// Saturday has a weight but the office is closed: no effect.
	p := flat([7]float64{1.5, 1.0, 0.5, 1.2, 0.8, 2, 0}, 0)
	src := Source{Population: 1e6, PerThousand: 60, Profile: p, Src: stream(3, 0)}
	const R = 60000.0
	var got [7]float64
	for _, a := range year(t, newGenerator(t, cal, []Source{src}), jan1, jan1y1) {
		got[weekdayIndex(cal.Date(a.At).Weekday())]++
	}
	// Expected count of weekday k: Σ over working days d with that weekday
	// of R·f_m/12 · w_k / W_m, W_m the sum of the weights of month m's
	// working days (s = 0, f_m = 1).
	var want [7]float64
	for m := time.January; m <= time.December; m++ {
		var W float64
		for d := (calendar.Date{Year: 2026, Month: m, Day: 1}); d.Month == m; d = d.AddDays(1) {
			if cal.IsWorkingDay(d) {
				W += p.Weekday[weekdayIndex(d.Weekday())]
			}
		}
		for d := (calendar.Date{Year: 2026, Month: m, Day: 1}); d.Month == m; d = d.AddDays(1) {
			if k := weekdayIndex(d.Weekday()); cal.IsWorkingDay(d) {
				want[k] += R / 12 * p.Weekday[k] / W
			}
		}
	}
	chi2 := 0.0
	for k := range 5 {
		within4SE(t, weekdayOf(k).String(), got[k], want[k])
		chi2 += (got[k] - want[k]) * (got[k] - want[k]) / want[k]
	}
	if got[5] != 0 || got[6] != 0 {
		t.Errorf("arrivals on Saturday %v, Sunday %v, want 0 (office closed)", got[5], got[6])
	}
	// Pearson's chi-square over 5 weekdays; the total is random too, so
	// it has about 5 degrees of freedom. Critical value at α = 0.001.
	if crit := (distuv.ChiSquared{K: 5}).Quantile(0.999); chi2 > crit {
		t.Errorf("weekday chi-square = %.2f, want ≤ %.2f (χ²(5), α = 0.001); got %v, want %v", chi2, crit, got, want)
	}
}

// constantRate returns arrivals of one year at the constant rate R/365 a
// day: online share 1 and monthly factors f_m = 12·D_m/365, so each day
// of month m gets R·f_m/12/D_m = R/365.
func constantRate(t *testing.T, R float64, seed uint64) []Arrival {
	t.Helper()
	cal := testCalendar(t)
	p := flat([7]float64{1, 1, 1, 1, 1, 1, 1}, 1)
	for m := range p.Monthly {
		p.Monthly[m] = 12 * float64(daysIn(2026, time.Month(m+1))) / 365
	}
	src := Source{Population: R, PerThousand: 1000, Profile: p, Src: stream(seed, 0)}
	return year(t, newGenerator(t, cal, []Source{src}), jan1, jan1y1)
}

// Counts in the 8,760 hours of a year of a homogeneous Poisson process are
// i.i.d. Poisson: dispersion index s²/mean ≈ 1, with standard error
// √(2/(n−1)) (Cox and Lewis, The Statistical Analysis of Series of Events,
// 1966, ch. 6: (n−1)·s²/mean is approximately χ²(n−1)).
func TestDispersion(t *testing.T) {
	t.Parallel()
	const R = 20000.0
	const n = 365 * 24
	var counts [n]float64
	for _, a := range constantRate(t, R, 4) {
		counts[int(a.At/sim.Hour)]++
	}
	var sum, sq float64
	for _, c := range counts {
		sum += c
	}
	mean := sum / n
	for _, c := range counts {
		sq += (c - mean) * (c - mean)
	}
	index := sq / (n - 1) / mean
	// Mean count per hour R/8760, standard error √(μ/n).
	mu := R / n
	if se := math.Sqrt(mu / n); math.Abs(mean-mu) > 4*se {
		t.Errorf("mean count per hour = %v, want %v ± %v", mean, mu, 4*se)
	}
	if se := math.Sqrt(2.0 / (n - 1)); math.Abs(index-1) > 4*se {
		t.Errorf("dispersion index = %v, want 1 ± %v", index, 4*se)
	}
}

// Interarrival times at a constant rate λ = R/(365·1440) per minute are
// exponential: one-sample Kolmogorov–Smirnov test, all parameters known,
// critical value 1.949/√n at α = 0.001 (asymptotic Kolmogorov
// distribution, 2·exp(−2·1.949²) ≈ 0.001).
func TestExponentialInterarrivals(t *testing.T) {
	t.Parallel()
	const R = 20000.0
	all := constantRate(t, R, 5)
	lambda := R / (365 * 1440)
	gaps := make([]float64, len(all)-1)
	for i := range gaps {
		gaps[i] = float64(all[i+1].At - all[i].At)
	}
	slices.Sort(gaps)
	n := float64(len(gaps))
	d := 0.0
	for i, x := range gaps {
		F := 1 - math.Exp(-lambda*x)
		d = max(d, float64(i+1)/n-F, F-float64(i)/n)
	}
	if crit := 1.949 / math.Sqrt(n); d > crit {
		t.Errorf("KS statistic D = %.4f over %v gaps, want ≤ %.4f", d, n, crit)
	}
}

// The Poisson sampler: mean and variance of many draws match the mean, on
// both sides of the switch from inversion to PTRS at 10.
func TestPoisson(t *testing.T) {
	t.Parallel()
	for i, mean := range []float64{1e-3, 0.3, 2, 9.99, 10, 37.5, 1000} {
		src := stream(6, i)
		rng := rand.New(src)
		const n = 20000
		var sum, sq float64
		for range n {
			k := float64(poisson(rng, src, mean))
			sum += k
			sq += k * k
		}
		m := sum / n
		v := sq/n - m*m
		// SE of the sample mean √(μ/n); of the sample variance
		// √((μ + 2μ²)/n) (fourth central moment of Poisson μ + 3μ²).
		if se := math.Sqrt(mean / n); math.Abs(m-mean) > 4*se {
			t.Errorf("case %d: mean of Poisson(%v) = %v, want ± %v", i, mean, m, 4*se)
		}
		if se := math.Sqrt((mean + 2*mean*mean) / n); math.Abs(v-mean) > 4*se {
			t.Errorf("case %d: variance of Poisson(%v) = %v, want ± %v", i, mean, v, 4*se)
		}
	}
}

// sources returns n sources with streams from seed; source 5 (if any) has
// its own profile.
func sources(seed uint64, n int) []Source {
	p := seasonal()
	ss := make([]Source, n)
	for i := range ss {
		ss[i] = Source{Population: float64(5000 + 3000*i), PerThousand: 25, Profile: p, Src: stream(seed, i)}
		if i == 5 {
			ss[i].Profile = flat([7]float64{1, 1, 1, 1, 1, 0, 0}, 0.8)
		}
	}
	return ss
}

func TestDeterminism(t *testing.T) {
	t.Parallel()
	cal := testCalendar(t)
	to := calendar.Date{Year: 2026, Month: time.April, Day: 1}
	run := func(seed uint64, n int) []Arrival {
		return year(t, newGenerator(t, cal, sources(seed, n)), jan1, to)
	}
	a, b := run(7, 5), run(7, 5)
	if len(a) == 0 || !slices.Equal(a, b) {
		t.Fatalf("same seed: %d and %d arrivals, not identical", len(a), len(b))
	}
	// Adding a source leaves the arrivals of the others unchanged.
	more := run(7, 6)
	var old []Arrival
	for _, x := range more {
		if x.Source < 5 {
			old = append(old, x)
		}
	}
	if !slices.Equal(a, old) || len(more) == len(old) {
		t.Errorf("adding a source changed the arrivals of the others (%d before, %d after, %d in all)",
			len(a), len(old), len(more))
	}
	if c := run(8, 5); slices.Equal(a, c) {
		t.Error("seeds 7 and 8 give identical arrivals")
	}
}

// Pinned first arrivals of one stream: a change here changes every run.
func TestPinned(t *testing.T) {
	t.Parallel()
	cal := testCalendar(t)
	src := Source{Population: 10000, PerThousand: 24, Profile: flat([7]float64{1, 1, 1, 1, 1, 0, 0}, 0.25), Src: stream(42, 0)}
	got := year(t, newGenerator(t, cal, []Source{src}), jan1, calendar.Date{Year: 2026, Month: time.January, Day: 8})
	want := []Arrival{
		{At: 1606.3449117037553, Source: 0, Online: true}, // Fri 2026-01-02 02:46:20
		{At: 6632.235512009659, Source: 0, Online: false}, // Mon 2026-01-05 14:32:14
		{At: 9234.127399638157, Source: 0, Online: false}, // Wed 2026-01-07 09:54:07
		{At: 9244.642069388901, Source: 0, Online: false}, // Wed 2026-01-07 10:04:38
	}
	if !slices.Equal(got, want) {
		t.Errorf("first arrivals:\n got %v\nwant %v", got, want)
	}
}

func TestDayAllocs(t *testing.T) {
	cal := testCalendar(t)
	ss := sources(9, 20)
	ss[3].Population = 2e6 // means above 10: gonum's PTRS
	g := newGenerator(t, cal, ss)
	buf := make([]Arrival, 0, 4096)
	d := jan1
	allocs := testing.AllocsPerRun(100, func() {
		buf = g.Day(d, buf[:0])
		d = d.AddDays(1)
	})
	if allocs != 0 {
		t.Errorf("Day allocates %v times per call, want 0", allocs)
	}
}

func TestDayPanics(t *testing.T) {
	cal := testCalendar(t)
	g := newGenerator(t, cal, sources(1, 1))
	g.Day(calendar.Date{Year: 2026, Month: time.March, Day: 2}, nil)
	g.Day(calendar.Date{Year: 2026, Month: time.March, Day: 5}, nil) // skipping is allowed
	for _, d := range []calendar.Date{
		{Year: 2026, Month: time.March, Day: 5},
		{Year: 2026, Month: time.March, Day: 4},
		{Year: 2026, Month: time.February, Day: 30},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Day(%v) after 2026-03-05 did not panic", d)
				}
			}()
			g.Day(d, nil)
		}()
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	good := flat([7]float64{1, 1, 1, 1, 1, 0, 0}, 0.5)
	mod := func(f func(p *Profile)) *Profile {
		p := *good
		f(&p)
		return &p
	}
	src := func(f func(s *Source)) Source {
		s := Source{Population: 1000, PerThousand: 20, Profile: good, Src: stream(1, 0)}
		f(&s)
		return s
	}
	for i, c := range []struct {
		src  Source
		want []string // substrings, one per problem
	}{
		{src(func(*Source) {}), nil},
		{src(func(s *Source) { s.Population, s.PerThousand = 0, 0 }), nil},
		{src(func(s *Source) { s.Profile = mod(func(p *Profile) { p.Monthly[3], p.Monthly[4] = -1, 3 }) }),
			[]string{"arrivals: profile: monthly[3] (April) = -1: must be finite and ≥ 0"}},
		{src(func(s *Source) { s.Profile = mod(func(p *Profile) { p.Monthly[0] = 1.12 }) }),
			[]string{"arrivals: profile: monthly factors have mean 1.01 (sum 12.12): must have mean 1 (divide each by 1.01)"}},
		{src(func(s *Source) { s.Profile = mod(func(p *Profile) { p.Monthly[11] = math.Inf(1) }) }),
			[]string{"monthly[11] (December) = +Inf"}},
		{src(func(s *Source) { s.Profile = mod(func(p *Profile) { p.Weekday[6] = math.NaN() }) }),
			[]string{"weekday[6] (Sunday) = NaN: must be finite and ≥ 0"}},
		{src(func(s *Source) { s.Profile = mod(func(p *Profile) { p.Weekday = [7]float64{} }) }),
			[]string{"weekday weights are all zero"}},
		{src(func(s *Source) { s.Profile = mod(func(p *Profile) { p.OnlineShare = 1.5 }) }),
			[]string{"online share = 1.5: must be in [0, 1]"}},
		{src(func(s *Source) { s.Profile = mod(func(p *Profile) { p.OnlineShare = math.NaN() }) }),
			[]string{"online share = NaN"}},
		{src(func(s *Source) { s.Population = -5 }), []string{"arrivals: population = -5: must be finite and ≥ 0"}},
		{src(func(s *Source) { s.Population = math.Inf(1) }), []string{"population = +Inf"}},
		{src(func(s *Source) { s.PerThousand = math.NaN() }), []string{"per thousand = NaN"}},
		{src(func(s *Source) { s.Profile = nil }), []string{"arrivals: profile is nil"}},
		{src(func(s *Source) { s.Src = nil }), []string{"arrivals: src is nil"}},
		{src(func(s *Source) {
			s.Population, s.Src = -1, nil
			s.Profile = mod(func(p *Profile) { p.Weekday[0], p.OnlineShare = -2, 2 })
		}), []string{"population = -1", "weekday[0] (Monday) = -2", "online share = 2", "src is nil"}},
	} {
		err := c.src.Validate()
		if len(c.want) == 0 {
			if err != nil {
				t.Errorf("case %d: error %q, want nil", i, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("case %d: no error, want %q", i, c.want)
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(c.want) {
			t.Errorf("case %d: %d problems %q, want %d", i, len(lines), err, len(c.want))
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("case %d: error %q, want it to contain %q", i, err, w)
			}
		}
		if c.src.Profile != nil {
			if perr := c.src.Profile.Validate(); (perr != nil) != strings.Contains(err.Error(), "profile:") {
				t.Errorf("case %d: Profile.Validate() = %v, inconsistent with %q", i, perr, err)
			}
		}
	}
}

func TestNewGeneratorErrors(t *testing.T) {
	t.Parallel()
	cal := testCalendar(t)
	ss := sources(1, 4)
	ss[1].Population = -1
	ss[3].Src = ss[0].Src
	g, err := NewGenerator(cal, ss)
	if g != nil || err == nil {
		t.Fatalf("NewGenerator = %v, %v; want an error", g, err)
	}
	want := "arrivals: source 1: population = -1: must be finite and ≥ 0\n" +
		"arrivals: source 3: src is the src of source 0: each source needs its own random stream"
	if err.Error() != want {
		t.Errorf("error:\n%s\nwant:\n%s", err, want)
	}
}

func TestAddMonths(t *testing.T) {
	t.Parallel()
	cal := testCalendar(t)
	at := func(y int, m time.Month, d int, clock sim.Time) sim.Time {
		return cal.TimeOf(calendar.Date{Year: y, Month: m, Day: d}) + clock
	}
	for i, c := range []struct {
		t      sim.Time
		months int
		want   sim.Time
	}{
		{at(2026, time.March, 15, 10*sim.Hour), 12, at(2027, time.March, 15, 10*sim.Hour)},
		{at(2026, time.January, 31, 9*sim.Hour+17.25), 1, at(2026, time.February, 28, 9*sim.Hour+17.25)},
		{at(2026, time.January, 31, 0), 25, at(2028, time.February, 29, 0)}, // leap year
		{at(2026, time.May, 31, 8*sim.Hour), -1, at(2026, time.April, 30, 8*sim.Hour)},
		{at(2026, time.January, 10, 12*sim.Hour), -13, at(2024, time.December, 10, 12*sim.Hour)},
		{at(2025, time.December, 1, 23*sim.Hour), 1, at(2026, time.January, 1, 23*sim.Hour)}, // before the start
		{at(2026, time.July, 4, 0), 0, at(2026, time.July, 4, 0)},
	} {
		if got := AddMonths(cal, c.t, c.months); got != c.want {
			t.Errorf("case %d: AddMonths(%v, %d) = %v, want %v", i,
				cal.CivilTime(c.t), c.months, cal.CivilTime(got), cal.CivilTime(c.want))
		}
	}
}

func TestBacklog(t *testing.T) {
	t.Parallel()
	const n = 10000
	spread := 8 * sim.Week
	ts := Backlog(n, spread, stream(11, 0))
	if len(ts) != n || !slices.IsSorted(ts) {
		t.Fatalf("Backlog: %d times, sorted %v; want %d sorted", len(ts), slices.IsSorted(ts), n)
	}
	if ts[0] < -spread || ts[n-1] >= 0 {
		t.Errorf("Backlog times in [%v, %v], want in [%v, 0)", ts[0], ts[n-1], -spread)
	}
	// Uniform on [−spread, 0): mean −spread/2, SE spread/√(12n).
	var sum float64
	for _, x := range ts {
		sum += float64(x)
	}
	if mean, se := sum/n, float64(spread)/math.Sqrt(12*n); math.Abs(mean+float64(spread)/2) > 4*se {
		t.Errorf("mean backlog time = %v, want %v ± %v", mean, -spread/2, 4*se)
	}
	if again := Backlog(n, spread, stream(11, 0)); !slices.Equal(ts, again) {
		t.Error("Backlog with the same stream differs")
	}
	if len(Backlog(0, 0, stream(11, 0))) != 0 {
		t.Error("Backlog(0, …) not empty")
	}
}

// BenchmarkYear draws a year of arrivals for 218 communes (Sachsen-Anhalt's
// Gemeinden) with about 100,000 cases in all, reusing the day's buffer.
func BenchmarkYear(b *testing.B) {
	cal := testCalendar(b)
	p := seasonal()
	const n = 218
	ss := make([]Source, n)
	pcgs := make([]*rand.PCG, n)
	initial := make([]rand.PCG, n) // the streams' initial states
	var pop float64
	for i := range ss {
		// Zipf-like community sizes, a few large towns and many villages.
		ss[i].Population = 240000 / math.Pow(float64(i+1), 0.9)
		pop += ss[i].Population
	}
	for i := range ss {
		pcgs[i] = sim.NewSource(1, sim.StreamID("arrivals", uint64(i)))
		initial[i] = *pcgs[i]
		ss[i].PerThousand = 100000 * 1000 / pop // R sums to 100,000
		ss[i].Profile = p
		ss[i].Src = pcgs[i]
	}
	buf := make([]Arrival, 0, 4096)
	b.ReportAllocs()
	var arrivals int
	for b.Loop() {
		for i, pcg := range pcgs {
			*pcg = initial[i] // every iteration draws the same year
		}
		g, err := NewGenerator(cal, ss)
		if err != nil {
			b.Fatal(err)
		}
		for d := jan1; d.Before(jan1y1); d = d.AddDays(1) {
			buf = g.Day(d, buf[:0])
			arrivals += len(buf)
		}
	}
	b.ReportMetric(float64(arrivals)/b.Elapsed().Seconds(), "arrivals/s")
}
