package scenarios

import (
	"testing"

	"zsa/models"
	"zsa/sim"
)

// TestMonthlyMeasuresAddUp runs the pooling scenario without a warm-up
// and checks each office's months against its totals and against each
// other: the cases open at the start of a month are those open at the
// start of the one before plus those filed less those completed in it
// (and at the horizon, the office's open cases); cases filed and
// completed add up to the window's; the months are calendar months of
// 2025 with one full-time clerk's working time each (a calendar around
// the clock: 1,440 minutes a day).
func TestMonthlyMeasuresAddUp(t *testing.T) {
	t.Parallel()
	sc, err := Load("testdata/pooling-mm1.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := *sc.Model
	m.WarmUp = 0
	for _, arm := range sc.Arms {
		r, err := models.Run(&m, arm, 7)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Months) != 12 || r.Months[1].Day != 1 || r.Months[11].Month != 12 {
			t.Fatalf("months %v", r.Months)
		}
		if r.MonthFTEMinutes[1] != 28*1440*sim.Minute || r.MonthFTEMinutes[0] != 31*1440*sim.Minute {
			t.Errorf("working time of January %v, February %v", r.MonthFTEMinutes[0], r.MonthFTEMinutes[1])
		}
		for _, o := range r.Services[0].Offices {
			arrived, completed := 0, 0
			var work sim.Time
			for k, mp := range o.Monthly {
				arrived += mp.Arrived
				completed += mp.Completed
				work += mp.WorkDone
				next := o.OpenAtEnd
				if k+1 < len(o.Monthly) {
					next = o.Monthly[k+1].Open
				}
				if mp.Open+mp.Arrived-mp.Completed != next {
					t.Errorf("%s, %s, month %d: %d open + %d filed − %d completed ≠ %d open next", arm.Name, o.Office, k+1, mp.Open, mp.Arrived, mp.Completed, next)
				}
				if mp.LeadTimes.Len() != mp.Completed {
					t.Errorf("%s, month %d: %d lead times for %d cases", o.Office, k+1, mp.LeadTimes.Len(), mp.Completed)
				}
			}
			if arrived != o.Arrived || completed != o.Completed {
				t.Errorf("%s, %s: months filed %d, completed %d; window %d, %d", arm.Name, o.Office, arrived, completed, o.Arrived, o.Completed)
			}
			// The window clips the items that run past the horizon.
			if d := float64(work - o.WorkDone); d < 0 || d > 2*24*60 {
				t.Errorf("%s, %s: months' work %v, window's %v", arm.Name, o.Office, work, o.WorkDone)
			}
		}
	}
}
