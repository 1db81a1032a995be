package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestDateArithmeticMatchesTimePackage checks the direct day arithmetic of
// AddDays, DaysSince, IsValid and Weekday against the time package, which
// defines them (dates normalised as time.Date normalises), on every day of
// [1583, 2400] and on random dates, valid or not, far outside that range.
func TestDateArithmeticMatchesTimePackage(t *testing.T) {
	t.Parallel()
	ref := Date{1970, time.January, 1}
	check := func(d Date, n int) {
		t.Helper()
		tm := d.midnight()
		if got, want := d.AddDays(n), DateOf(tm.AddDate(0, 0, n)); got != want {
			t.Fatalf("%s.AddDays(%d) = %s, want %s", rawDate(d), n, rawDate(got), rawDate(want))
		}
		if got, want := d.DaysSince(ref), int(tm.Unix()/86400); got != want {
			t.Fatalf("%s.DaysSince(1970-01-01) = %d, want %d", rawDate(d), got, want)
		}
		if got, want := d.IsValid(), DateOf(tm) == d; got != want {
			t.Fatalf("%s.IsValid() = %v, want %v", rawDate(d), got, want)
		}
		if got, want := d.Weekday(), tm.Weekday(); got != want {
			t.Fatalf("%s.Weekday() = %v, want %v", rawDate(d), got, want)
		}
	}
	for day := time.Date(1583, time.January, 1, 0, 0, 0, 0, time.UTC); day.Year() <= 2400; day = day.AddDate(0, 0, 1) {
		check(DateOf(day), 1)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		d := Date{r.IntN(40001) - 20000, time.Month(r.IntN(40) - 13), r.IntN(800) - 400}
		check(d, r.IntN(2000001)-1000000)
	}
	// Beyond the direct range the time package answers.
	for _, d := range []Date{{3_000_000, time.March, 1}, {-3_000_000, time.March, 1}, {2026, 5_000_000, 1}, {2026, 1, 2_000_000_000}} {
		check(d, 7)
	}
	check(Date{2026, time.January, 1}, 2_000_000_000)
}

// TestTableMatchesOpenDate checks that the table New builds agrees with
// openDate, the rule for days outside it, for several configurations.
func TestTableMatchesOpenDate(t *testing.T) {
	t.Parallel()
	for i, cfg := range []Config{
		{Start: Date{2026, time.January, 1}, Open: 450, Close: 960, Days: 800},
		{Start: Date{1900, time.March, 3}, Open: 0, Close: 1440, Days: 120000},
		{Start: Date{2024, time.December, 30}, Open: 450, Close: 960, Days: 400, NoStateHolidays: true,
			Weekdays: []time.Weekday{time.Saturday, time.Monday}, Closed: []Date{{2025, time.January, 4}, {2025, time.June, 2}}},
		{Start: Date{2199, time.June, 1}, Open: 1, Close: 2, Days: 3000, Closed: []Date{{2200, time.April, 1}}},
	} {
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		day := cfg.Start
		for j := range len(c.cum) - 1 {
			if got, want := c.isOpen(j), c.openDate(day); got != want {
				t.Fatalf("case %d: day %v: table says open=%v, openDate %v", i, day, got, want)
			}
			day = day.AddDays(1)
		}
	}
}
