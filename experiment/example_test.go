package experiment_test

import (
	"fmt"

	"zsa/experiment"
)

// Two mechanisms, process (bit 0) and IT (bit 1): the arm's effect with
// neither, each alone and both on. The Shapley values and the effect with
// both off add up to the total.
func ExampleGame_Shapley() {
	v := experiment.Game{-0.05, -0.30, -0.10, -0.40}
	for i, name := range []string{"process", "IT"} {
		fmt.Printf("%-7s alone %+.2f  last %+.2f  Shapley %+.3f\n", name, v.Alone(i), v.Last(i), v.Shapley(i))
	}
	fmt.Printf("rest %+.2f, total %+.2f\n", v[0], v[3])
	// Output:
	// process alone -0.25  last -0.30  Shapley -0.275
	// IT      alone -0.05  last -0.10  Shapley -0.075
	// rest -0.05, total -0.40
}
