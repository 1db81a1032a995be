package scenarios

import (
	"testing"

	"zsa/models"
	"zsa/sim"
)

// TestStatewideFiveYearsStayInSteadyState runs the bundled statewide
// scenario for five years and checks that no service's open cases grow
// from year to year, in the status quo and in the ZSA arm: the staffing
// rule must count every source of work, Wohngeld re-applications
// included (models.SteadyStateRates). Without them the offices were
// sized for first applications only and Wohngeld's open cases at the
// year ends grew 2,190 → 8,741 → 48,279: about fourfold a year. A
// steady state keeps the mean open count of year 5 within a quarter of
// year 2's; seasonal and random swings of the yearly mean are below
// 15 % (one replication, 5-year run, both services).
func TestStatewideFiveYearsStayInSteadyState(t *testing.T) {
	if testing.Short() {
		t.Skip("five statewide years")
	}
	t.Parallel()
	sc, err := Load("sachsen-anhalt")
	if err != nil {
		t.Fatal(err)
	}
	m := *sc.Model
	m.Horizon = 5 * 365 * sim.Day
	yearMean := func(w []models.WeekPoint, year int) float64 {
		sum, n := 0, 0
		for _, p := range w {
			if p.Week/52 == year {
				sum += p.Open
				n++
			}
		}
		return float64(sum) / float64(n)
	}
	for _, arm := range sc.Arms[:2] {
		r, err := models.Run(&m, arm, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range r.Services {
			second, fifth := yearMean(s.Weekly, 1), yearMean(s.Weekly, 4)
			if growth := fifth / second; !(growth > 0.75 && growth < 1.33) {
				t.Errorf("%s, %s: mean open cases %.0f in year 2, %.0f in year 5 (×%.2f), want a steady state (×0.75 to ×1.33)",
					arm.Name, s.Name, second, fifth, growth)
			}
		}
	}
}
