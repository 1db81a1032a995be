package arrivals

import (
	"math/rand/v2"
	"slices"
	"testing"

	"zsa/sim"
)

// TestSortDayMatchesSortFunc checks the bucket sort of a day's arrivals
// against slices.SortFunc with compareArrivals, on days of many sizes with
// arrivals clustered in the office window, ties in time (broken by source
// and channel) and times at both ends of the day.
func TestSortDayMatchesSortFunc(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 8))
	var g Generator
	for _, n := range []int{0, 1, 2, 16, 17, 100, 1000, 5000} {
		for _, t0 := range []sim.Time{0, 365 * sim.Day, 1e7 * sim.Day} {
			a := make([]Arrival, n)
			for i := range a {
				var off sim.Time
				switch r.IntN(4) {
				case 0:
					off = sim.Time(r.Float64()) * sim.Day
				case 1:
					off = 450 + sim.Time(r.Float64())*510
				case 2:
					off = sim.Time(r.IntN(3)) * 600 // ties
				default:
					off = sim.Day - sim.Time(r.IntN(2))*1e-6
				}
				a[i] = Arrival{At: t0 + off, Source: r.IntN(5), Online: r.IntN(2) == 0}
			}
			want := slices.Clone(a)
			slices.SortFunc(want, compareArrivals)
			g.sortDay(a, t0)
			if !slices.Equal(a, want) {
				t.Fatalf("n=%d, t0=%v: sortDay differs from slices.SortFunc", n, t0)
			}
		}
	}
}
