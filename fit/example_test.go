package fit_test

import (
	"fmt"
	"math"
	"strings"

	"zsa/fit"
)

// A clerk registers 300 dogs, one every 22 minutes from 8:00 on, each a
// little faster than the one before (Wright's law with a learning rate of
// 0.9, ±3 % noise); every fourth owner is then asked for a document,
// which takes the owner a day or two (a wait without a resource). Fit
// reads the process and the learning curve back.
func ExampleFit() {
	var b strings.Builder
	b.WriteString("case_id,activity,start_time,end_time,resource\n")
	at := func(day int, min float64) string {
		s := int(math.Round(min * 60))
		return fmt.Sprintf("2025-03-%02dT%02d:%02d:%02d+01:00", day, 8+s/3600, s/60%60, s%60)
	}
	for k := range 300 {
		day, start := 1+k/20, float64(k%20*22)
		y := 10 * math.Pow(float64(1+k), math.Log2(0.9)) * (1 + 0.03*float64(1-2*(k%2)))
		fmt.Fprintf(&b, "c%d,register,%s,%s,clerk\n", k, at(day, start), at(day, start+y))
		if k%4 == 0 {
			fmt.Fprintf(&b, "c%d,documents,%s,%s,\n", k, at(day, start+y), at(day+1+k%8/4, start+y))
		}
	}
	log, err := fit.Read(strings.NewReader(b.String()), "dogs.csv", fit.DefaultColumns(), 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := fit.Fit(log, fit.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, br := range r.Types[0].Routes[0].Branches {
		fmt.Printf("register → %s: %.2f\n", br.To, br.P[0])
	}
	fmt.Printf("learning rate %.2f, floor %.1f\n", r.Learning.Rate, r.Learning.Floor)
	// Output:
	// register → done: 0.75
	// register → documents: 0.25
	// learning rate 0.90, floor 0.0
}
