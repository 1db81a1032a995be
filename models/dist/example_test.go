package dist_test

import (
	"fmt"

	"zsa/models/dist"
)

// The effort of a step for the reference clerk is read from the scenario
// notation. Each case draws its uniform number from a hash of the case's
// seed, the step's name and the visit, so the status-quo arm and the ZSA
// arm, where an interface saves 20 % of the effort, see the same case
// with the same relative difficulty.
func Example() {
	effort, err := dist.Parse("lognormal(median=25min, p90=60min)")
	if err != nil {
		panic(err)
	}
	zsa, err := dist.Scaled(effort, 0.8)
	if err != nil {
		panic(err)
	}
	fmt.Println(effort)
	fmt.Printf("mean %.1f min, with the interface %.1f min\n", effort.Mean(), zsa.Mean())

	intake := dist.Key("intake")
	for c := range uint64(3) {
		u := dist.U(c, intake, 0) // case c, step "intake", first visit
		fmt.Printf("case %d: u = %.3f, status quo %5.1f min, ZSA %5.1f min\n",
			c, u, effort.Quantile(u), zsa.Quantile(u))
	}
	// Output:
	// lognormal(median=25min, p90=1h)
	// mean 31.6 min, with the interface 25.3 min
	// case 0: u = 0.683, status quo  34.6 min, ZSA  27.7 min
	// case 1: u = 0.808, status quo  45.3 min, ZSA  36.3 min
	// case 2: u = 0.130, status quo  11.6 min, ZSA   9.3 min
}

func ExampleParseDuration() {
	for _, s := range []string{"25min", "1.5h", "30s", "90d", "25"} {
		t, err := dist.ParseDuration(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%s = %v min\n", s, t.Minutes())
	}
	// Output:
	// 25min = 25 min
	// 1.5h = 90 min
	// 30s = 0.5 min
	// 90d = 129600 min
	// error: duration "25" has no unit; write e.g. "25min" (units: s|min|h|d|w)
}
