package arrivals_test

import (
	"fmt"
	"time"

	"zsa/models/arrivals"
	"zsa/models/calendar"
	"zsa/sim"
)

// A commune of 10,000 inhabitants registers 24 dog events per 1,000 a
// year, a quarter of them online: R = 240 a year, 20 a month. The office is
// open 7:30–16:00 on working days; 1 and 6 January 2026 are holidays.
func Example() {
	cal, err := calendar.New(calendar.Config{
		Start: calendar.Date{Year: 2026, Month: time.January, Day: 1},
		Open:  7*sim.Hour + 30*sim.Minute,
		Close: 16 * sim.Hour,
	})
	if err != nil {
		panic(err)
	}
	steady := &arrivals.Profile{
		Monthly:     [12]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
		Weekday:     [7]float64{1, 1, 1, 1, 1, 0, 0}, // Monday to Sunday
		OnlineShare: 0.25,
	}
	const seed = 42
	dogs := arrivals.Source{
		Population:  10000,
		PerThousand: 24,
		Profile:     steady,
		Src:         sim.NewSource(seed, sim.StreamID("arrivals", 0)),
	}
	fmt.Printf("expected a year: %g, in January: %g\n", dogs.Annual(), dogs.Annual()*steady.Monthly[0]/12)
	on, off := dogs.Mean(cal, calendar.Date{Year: 2026, Month: time.January, Day: 2})
	fmt.Printf("expected on Fri 2 January: %.3f online, %.3f offline\n", on, off)

	g, err := arrivals.NewGenerator(cal, []arrivals.Source{dogs})
	if err != nil {
		panic(err)
	}
	var buf []arrivals.Arrival
	for d := cal.Start(); d.Day <= 7; d = d.AddDays(1) {
		buf = g.Day(d, buf[:0])
		for _, a := range buf {
			channel := "counter"
			if a.Online {
				channel = "online"
			}
			fmt.Println(cal.CivilTime(a.At).Format("Mon 2006-01-02 15:04"), channel)
		}
	}
	// Output:
	// expected a year: 240, in January: 20
	// expected on Fri 2 January: 0.161 online, 0.750 offline
	// Fri 2026-01-02 02:46 online
	// Mon 2026-01-05 14:32 counter
	// Wed 2026-01-07 09:54 counter
	// Wed 2026-01-07 10:04 counter
}

// A Wohngeld approval on 31 January 2026 at 10:15 runs out a year later; a
// shorter approval period of one month ends on the last day of February.
func ExampleAddMonths() {
	cal, err := calendar.New(calendar.Config{
		Start: calendar.Date{Year: 2026, Month: time.January, Day: 1},
		Open:  7*sim.Hour + 30*sim.Minute,
		Close: 16 * sim.Hour,
	})
	if err != nil {
		panic(err)
	}
	approved := cal.TimeOf(calendar.Date{Year: 2026, Month: time.January, Day: 31}) + 10*sim.Hour + 15*sim.Minute
	for _, months := range []int{12, 1} {
		fmt.Println(cal.CivilTime(arrivals.AddMonths(cal, approved, months)).Format("2006-01-02 15:04"))
	}
	// Output:
	// 2027-01-31 10:15
	// 2026-02-28 10:15
}

// Five cases were already open at the start, arrived over the last two
// weeks: their times are negative.
func ExampleBacklog() {
	for _, t := range arrivals.Backlog(5, 2*sim.Week, sim.NewSource(42, sim.StreamID("backlog", 0))) {
		fmt.Println(t)
	}
	// Output:
	// -11d12h27m46.329s
	// -10d12h38m27.359s
	// -2d11h05m30.291s
	// -2d08h43m43.794s
	// -4h13m2.798s
}
