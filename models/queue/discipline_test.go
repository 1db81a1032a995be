package queue

import (
	"fmt"
	"math"
	"testing"

	"zsa/sim"
	"zsa/sim/stats"
)

// The tests in this file check the station's first-come-first-served
// discipline by the order of service and by the distribution of the
// waits, not only by their mean: in a work-conserving queue the mean wait
// (and so every test of it, and TestBareAndEngineAgree, which compares
// means) is the same whichever waiting customer is served next.
//
// Deliberate breakage they catch: station.dequeue taking the customer at
// the tail of the ring, (head + n − 1) mod len, instead of the head (LIFO).
// All other tests of this package and TestBareAndEngineAgree passed with
// it; these fail.

// TestStationServesInArrivalOrder checks FCFS directly: with one queue
// and identical servers, customers start service in the order they
// arrived, however many servers there are. ρ = 0.95 makes most customers
// wait behind others.
func TestStationServesInArrivalOrder(t *testing.T) {
	t.Parallel()
	for _, c := range []int{1, 4} {
		st := MMc(0.95*float64(c), 1, c, 3)
		st.Customers = 20000
		next, waited := 0, 0
		arrived := make([]sim.Time, st.Customers)
		st.Trace = func(kind byte, at sim.Time, k int) {
			switch kind {
			case 'a':
				arrived[k] = at
			case 's':
				if k != next {
					t.Fatalf("c=%d: customer %d started service when customer %d was next in arrival order", c, k, next)
				}
				if at > arrived[k] {
					waited++
				}
				next++
			}
		}
		if _, err := st.Run(); err != nil {
			t.Fatal(err)
		}
		if next != st.Customers || waited < st.Customers/2 {
			t.Fatalf("c=%d: %d customers served, %d of them waited: too little queueing to tell the order", c, next, waited)
		}
	}
}

// TestStationWaitDistributionIsErlangC checks the distribution of the
// wait in queue of an M/M/c station against Erlang C: under FCFS
//
//	P(Wq > t) = C(c, a)·e^(−(cμ−λ)t),  a = λ/μ,
//	Var(Wq) = C·(2 − C)/(cμ − λ)²
//
// (Kleinrock, Queueing Systems I, 1975, §3.5, eq. 3.41; the variance is
// that of the mixture of a point mass 1 − C at 0 and C times an
// exponential of rate cμ − λ). C comes from the Erlang B recursion
// (erlangCByRecursion), not from ErlangC. The tail is read from the trace
// (arrival and start of service of every customer), the variance from the
// station's own Result.Wait. LIFO keeps P(Wq > 0) = C but halves the tail
// at t = 1/(cμ−λ) and multiplies E[Wq²] by 1/(1−ρ) for c = 1 (Kleinrock,
// §3.9).
//
// Tolerance: 4 standard errors over 10 replications of each estimate;
// runs start empty but the first tenth of the customers is left out, many
// relaxation times (1/(μ(1−√ρ)²) ≈ 90 service times for c = 1, ρ = 0.8).
func TestStationWaitDistributionIsErlangC(t *testing.T) {
	t.Parallel()
	for _, c := range []int{1, 3} {
		t.Run(fmt.Sprintf("c=%d", c), func(t *testing.T) {
			t.Parallel()
			const mu, rho, reps, customers = 1.0, 0.8, 10, 100000
			lambda := rho * float64(c) * mu
			pc := erlangCByRecursion(c, lambda/mu)
			r := float64(c)*mu - lambda
			ks := []float64{0, 1, 2, 3}
			tails := make([][]float64, len(ks))
			var vars []float64
			for rep := range reps {
				st := MMc(lambda, mu, c, uint64(rep+1))
				st.Customers, st.WarmUp = customers, customers/10
				arrived := make([]sim.Time, customers)
				over := make([]int, len(ks))
				st.Trace = func(kind byte, at sim.Time, k int) {
					switch {
					case kind == 'a':
						arrived[k] = at
					case kind == 's' && k >= st.WarmUp:
						w := float64(at - arrived[k])
						for i, kk := range ks {
							if w > kk/r {
								over[i]++
							}
						}
					}
				}
				res, err := st.Run()
				if err != nil {
					t.Fatal(err)
				}
				n := res.Wait.Count()
				if n != customers-st.WarmUp {
					t.Fatalf("%d waits recorded, want %d", n, customers-st.WarmUp)
				}
				for i := range ks {
					tails[i] = append(tails[i], float64(over[i])/float64(n))
				}
				vars = append(vars, res.Wait.Variance())
			}
			for i, k := range ks {
				want := pc * math.Exp(-k)
				s := stats.Summarize(tails[i])
				if d := math.Abs(s.Mean - want); d > 4*s.StdErr {
					t.Errorf("P(Wq > %.2f) = %.4f ± %.4f, Erlang C %.4f", k/r, s.Mean, s.StdErr, want)
				}
			}
			want := pc * (2 - pc) / (r * r)
			if s := stats.Summarize(vars); math.Abs(s.Mean-want) > 4*s.StdErr {
				t.Errorf("Var(Wq) = %.3f ± %.3f, Erlang C %.3f", s.Mean, s.StdErr, want)
			}
		})
	}
}
