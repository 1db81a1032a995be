package models

import (
	"strings"
	"testing"

	"zsa/models/calendar"
	"zsa/sim"
)

func TestClerkStartIsValidated(t *testing.T) {
	t.Parallel()
	cases := []struct {
		start, fte, share float64
		want              string // "" for no error
	}{
		{0, 1, 1, ""},
		{0.5, 1, 0.5, ""},
		{0.5, 0.5, 1, ""},
		{0.5 + 1e-10, 0.5, 1, ""}, // overrun within the slack of 1e-9
		{0.75, 0.5, 0.5, ""},
		{-0.1, 1, 0.5, `offices["O"].clerks[0].start: -0.1: must be in [0, 1)`},
		{1, 0.5, 0.5, `offices["O"].clerks[0].start: 1: must be in [0, 1)`},
		{0.5, 1, 0.6, `offices["O"].clerks[0].start: 0.5: the clerk's block [start, start + fte·share) = [0.5, 1.1) must be non-empty and end within the window`},
		{0.6, 0.5, 1, `offices["O"].clerks[0].start: 0.6: the clerk's block`},
	}
	for i, c := range cases {
		m := mmcModel(1, 10, 10)
		cl := &m.Offices[0].Clerks[0]
		cl.Start, cl.FTE, cl.Share = c.start, c.fte, c.share
		err := Validate(m, nil)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("case %d: start %v, fte %v, share %v: error %v, want none", i, c.start, c.fte, c.share, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("case %d: start %v, fte %v, share %v: error %v, want %q", i, c.start, c.fte, c.share, err, c.want)
		}
	}
}

// A clerk whose block starts later in the day works only inside it: with
// an office open 8:00–16:00 (W = 480 min), Start 0.25, FTE 1 and Share 0.5
// the block is [8:00 + 120 min, 8:00 + 360 min) = [10:00, 14:00).
func TestClerkWorksInItsBlock(t *testing.T) {
	t.Parallel()
	m := mmcModel(1, 20, 10)
	m.Hours.Open, m.Hours.Close = 8*sim.Hour, 16*sim.Hour
	cl := &m.Offices[0].Clerks[0]
	cl.Start, cl.Share = 0.25, 0.5
	block := must(calendar.New(calendar.Config{Start: m.Start, Open: 10 * sim.Hour, Close: 14 * sim.Hour,
		Weekdays: m.Weekdays, NoStateHolidays: true}))
	tasks := workItems(t, m)
	for i, task := range tasks {
		if !block.IsWorking(task.Start) {
			t.Fatalf("task %d starts at %v, outside 10:00–14:00", i, block.CivilTime(task.Start))
		}
		if w := block.WorkingTimeBetween(task.Start, task.End); w < task.Work-1e-6 || w > task.Work+1e-6 {
			t.Fatalf("task %d: %v of work in %v of the block's time", i, task.Work, w)
		}
	}
	if len(tasks) < 1000 {
		t.Fatalf("only %d tasks", len(tasks))
	}
}
