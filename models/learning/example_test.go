package learning_test

import (
	"fmt"

	"zsa/models/learning"
	"zsa/sim"
)

// A clerk new to the ZSA's standardised process learns at LR = 0.85 with
// an incompressible half (services.md §7). The scenario's effort figures
// are for a reference clerk with 200 items of experience.
func Example() {
	curve := learning.Curve{Rate: 0.85, Floor: 0.5}
	if err := curve.Validate(); err != nil {
		panic(err)
	}
	for _, e := range []float64{1, 2, 10, 100, 1000} {
		fmt.Printf("experience %4.0f: multiplier %.3f, relative to reference %.3f\n",
			e, curve.Multiplier(e), curve.Relative(e, 200))
	}

	// Forgetting with a horizon of 60 days: a clerk in a small office sees
	// the case type once a week, a ZSA clerk every hour (D/g: 8.6 and 1440).
	forget := learning.Forgetting{Horizon: 60 * sim.Day}
	for _, gap := range []sim.Time{sim.Week, sim.Hour} {
		e := 1.0
		for range 20000 {
			e = forget.Retain(e+1, gap) // an item, then a break
		}
		fmt.Printf("one item every %v: experience %.1f, multiplier %.3f\n", gap, e, curve.Multiplier(e))
	}
	// Output:
	// experience    1: multiplier 1.000, relative to reference 1.552
	// experience    2: multiplier 0.925, relative to reference 1.436
	// experience   10: multiplier 0.791, relative to reference 1.228
	// experience  100: multiplier 0.670, relative to reference 1.040
	// experience 1000: multiplier 0.599, relative to reference 0.930
	// one item every 7d: experience 8.6, multiplier 0.802
	// one item every 1h: experience 1440.0, multiplier 0.591
}
