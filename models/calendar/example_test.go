package calendar_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"zsa/models/calendar"
	"zsa/sim"
)

// An application arrives on Maundy Thursday 2026 at 14:00 and needs eight
// hours of work. The office closes at 16:00; Good Friday, the weekend and
// Easter Monday are closed, so the work ends on Tuesday 7 April at 13:30.
func Example() {
	cal, err := calendar.New(calendar.Config{
		Start: calendar.Date{Year: 2026, Month: time.April, Day: 1},
		Open:  7*sim.Hour + 30*sim.Minute,
		Close: 16 * sim.Hour,
	})
	if err != nil {
		panic(err)
	}
	arrival := cal.TimeOf(calendar.Date{Year: 2026, Month: time.April, Day: 2}) + 14*sim.Hour
	done := cal.AddWork(arrival, 8*sim.Hour)
	fmt.Println("done:", cal.CivilTime(done).Format("Mon 2006-01-02 15:04"))
	fmt.Printf("lead time: %.2f calendar days, %.2f working days\n",
		cal.CalendarDaysBetween(arrival, done), cal.WorkingDaysBetween(arrival, done))
	// Output:
	// done: Tue 2026-04-07 13:30
	// lead time: 4.98 calendar days, 0.94 working days
}

func ExampleHolidays() {
	for _, h := range calendar.Holidays(2026) {
		fmt.Println(h.Date, h.Date.Weekday().String()[:3], h.Name)
	}
	// Output:
	// 2026-01-01 Thu Neujahr
	// 2026-01-06 Tue Heilige Drei Könige
	// 2026-04-03 Fri Karfreitag
	// 2026-04-06 Mon Ostermontag
	// 2026-05-01 Fri Tag der Arbeit
	// 2026-05-14 Thu Christi Himmelfahrt
	// 2026-05-25 Mon Pfingstmontag
	// 2026-10-03 Sat Tag der Deutschen Einheit
	// 2026-10-31 Sat Reformationstag
	// 2026-12-25 Fri 1. Weihnachtstag
	// 2026-12-26 Sat 2. Weihnachtstag
}

// A clerk's own calendar closes the days of her annual leave and sickness.
func ExampleDrawAbsences() {
	office, err := calendar.New(calendar.Config{
		Start: calendar.Date{Year: 2026, Month: time.January, Day: 1},
		Open:  7*sim.Hour + 30*sim.Minute,
		Close: 16 * sim.Hour,
	})
	if err != nil {
		panic(err)
	}
	from := calendar.Date{Year: 2026, Month: time.January, Day: 1}
	to := calendar.Date{Year: 2027, Month: time.January, Day: 1}
	abs := calendar.DrawAbsences(office, from, to, 30, 0.05, rand.NewPCG(1, 2))
	clerk := office.With(abs)
	fmt.Println("office working days:", office.WorkingDays(from, to))
	fmt.Println("leave days:", abs.Count(calendar.Leave))
	fmt.Println("clerk working days:", clerk.WorkingDays(from, to) == office.WorkingDays(from, to)-len(abs))
	// Output:
	// office working days: 253
	// leave days: 30
	// clerk working days: true
}
