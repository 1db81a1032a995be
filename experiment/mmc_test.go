package experiment

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"zsa/models/queue"
)

// The M/M/c example: the same seed gives the same result, another seed
// another; theory by the formulas; the simulated wait within 4 standard
// errors of Erlang C.
func TestMMcCheck(t *testing.T) {
	t.Parallel()
	c := MMcCheck{Seed: 5, Replications: 5, Clerks: 3, Arrivals: 2, ServiceRate: 1, Cases: 20_000}
	a, err := c.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.Run(t.Context())
	c.Seed = 6
	d, _ := c.Run(t.Context())
	if fmt.Sprint(a) != fmt.Sprint(b) || fmt.Sprint(a) == fmt.Sprint(d) {
		t.Error("not determined by the seed")
	}
	// Wq from the Erlang C formula, M/M/3, λ = 2/h, μ = 1/h: 4/9 h
	// (C(3, 2) = 4/9, Wq = C/(cμ − λ)).
	if wq := queue.MMcWait(2, 1, 3); a.WaitTheory != wq || math.Abs(wq-4.0/9) > 1e-12 {
		t.Errorf("Wq = %v, want %v = 4/9", a.WaitTheory, wq)
	}
	if a.InSystemTheory != 2*(a.WaitTheory+1) || a.UtilisationTheory != 2.0/3 {
		t.Errorf("L = %v, ρ = %v", a.InSystemTheory, a.UtilisationTheory)
	}
	if a.Wait.N != 5 || math.Abs(a.Wait.Mean-a.WaitTheory) > 4*a.Wait.StdErr {
		t.Errorf("simulated wait %v ± %v (n=%d), Erlang C %v", a.Wait.Mean, a.Wait.StdErr, a.Wait.N, a.WaitTheory)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Run(ctx); err == nil || !strings.Contains(err.Error(), "interrupted after 0 of 5") {
		t.Errorf("cancelled: %v", err)
	}
}
