package models

import (
	"fmt"
	"math"
	"testing"

	"zsa/models/queue"
	"zsa/sim"
	"zsa/sim/stats"
)

// The tests in this file check the offices' queue discipline by the
// distribution of waiting times, not only by their mean: the mean wait of a
// work-conserving queue does not depend on the order in which waiting cases
// are served (the sum of the waits is the same under LIFO as under FCFS),
// but its spread and its tail do.
//
// Deliberate breakage they catch: office.before comparing arrival times the
// wrong way round (a.arrived > b.arrived, newest first). Every mean-wait
// test, M/M/c included, still passed with it; these fail (start order,
// Erlang C tail, variance of the wait, lead-time quantiles).

// waitsFromLog runs m's status quo with the given seed and returns the
// waiting time in minutes of every case filed at or after the warm-up
// whose (single) work item started before the horizon: from the event log,
// the item's start minus the time the case entered the office. For a
// single-step process around the clock this is the wait in queue.
func waitsFromLog(t *testing.T, m *Model, seed uint64) []float64 {
	t.Helper()
	entered := map[uint64]sim.Time{}
	var waits []float64
	_, err := RunWith(m, nil, seed, Options{Log: func(task Task) {
		if task.Kind == TaskFiled {
			entered[task.Case] = task.End
		}
		if task.Kind != TaskWork {
			return
		}
		at, ok := entered[task.Case]
		if !ok {
			t.Fatalf("case %d worked on before it was filed", task.Case)
		}
		delete(entered, task.Case)
		if at >= m.WarmUp {
			waits = append(waits, float64(task.Start-at))
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	return waits
}

// TestOfficeServesOldestFirst checks the order itself: with one work step
// and OldestFirst (and StartedFirst, which for a single step is the same
// order), the clerks of an office take the cases in the order they were
// filed, so the case numbers of the work items, in the order they start,
// increase. A queue under heavy load (ρ = 0.95) makes every case wait
// behind others.
func TestOfficeServesOldestFirst(t *testing.T) {
	t.Parallel()
	for _, policy := range []Policy{OldestFirst, StartedFirst} {
		const c, mean = 3, 60.0
		m := mmcModel(c, 0.95*c/mean*float64(sim.Day), mean)
		m.Horizon = 60 * sim.Day
		m.Offices[0].Policy = policy
		var last uint64
		n, waited := 0, 0
		entered := map[uint64]sim.Time{}
		_, err := RunWith(m, nil, 1, Options{Log: func(task Task) {
			if task.Kind == TaskFiled {
				entered[task.Case] = task.End
			}
			if task.Kind != TaskWork {
				return
			}
			n++
			if task.Start > entered[task.Case] {
				waited++
			}
			if task.Case < last {
				t.Fatalf("policy %d: case %d started after case %d, which was filed later", policy, task.Case, last)
			}
			last = task.Case
		}})
		if err != nil {
			t.Fatal(err)
		}
		if n < 1000 || waited < n/2 {
			t.Fatalf("policy %d: %d items, %d of them waited: too little queueing to tell the order", policy, n, waited)
		}
	}
}

// TestOfficeWaitTailIsErlangC checks the distribution of the wait in
// queue of an office that is an M/M/c queue (mmcModel) against Erlang C:
// under FCFS,
//
//	P(Wq > t) = C(c, a)·e^(−(cμ−λ)t),  a = λ/μ,
//	Var(Wq) = C·(2 − C)/(cμ − λ)²
//
// (Kleinrock, Queueing Systems I, 1975, §3.5, eq. 3.41 and the moments of
// that mixture of a point mass at 0 and an exponential; Gross and Harris,
// Fundamentals of Queueing Theory, §2.3). The tail is checked at
// t = k/(cμ−λ), k = 0 … 3, where it is C·e^(−k); LIFO leaves P(Wq > 0) = C
// and the mean as they are but thins the middle of the tail and fattens its
// end, and multiplies E[Wq²] by 1/(1−ρ) for c = 1 (Kleinrock, §3.9 on LIFO
// and the busy period): five times at ρ = 0.8.
//
// Tolerance: 4 standard errors over the replications of each estimate,
// plus 0.002 in probability (2 % for the variance) for the censoring at
// the horizon: the cases still waiting then, about Lq = C·ρ/(1−ρ) ≈ 3 of
// some 6,000 to 20,000 measured, are left out. The 30 days of warm-up are
// many relaxation times (1/(μ(1−√ρ)²) ≈ 4 days for c = 1).
func TestOfficeWaitTailIsErlangC(t *testing.T) {
	t.Parallel()
	for _, c := range []int{1, 3} {
		t.Run(fmt.Sprintf("c=%d", c), func(t *testing.T) {
			t.Parallel()
			const mean, rho, reps = 60.0, 0.8, 16
			mu := 1 / mean
			lambda := rho * float64(c) * mu // per minute
			m := mmcModel(c, lambda*float64(sim.Day), mean)
			// Erlang C by the direct sum (queue.ErlangC, checked against
			// the Erlang B recursion in package queue).
			pc := queue.ErlangC(c, lambda/mu)
			r := float64(c)*mu - lambda
			ks := []float64{0, 1, 2, 3}
			tails := make([][]float64, len(ks))
			var vars []float64
			for seed := range uint64(reps) {
				waits := waitsFromLog(t, m, seed+1)
				var tally stats.Tally
				for _, w := range waits {
					tally.Add(w)
				}
				vars = append(vars, tally.Variance())
				for i, k := range ks {
					over := 0
					for _, w := range waits {
						if w > k/r {
							over++
						}
					}
					tails[i] = append(tails[i], float64(over)/float64(len(waits)))
				}
			}
			for i, k := range ks {
				want := pc * math.Exp(-k)
				s := stats.Summarize(tails[i])
				if d := math.Abs(s.Mean - want); d > 4*s.StdErr+0.002 {
					t.Errorf("P(Wq > %.0f min) = %.4f ± %.4f, Erlang C %.4f", k/r, s.Mean, s.StdErr, want)
				}
			}
			want := pc * (2 - pc) / (r * r)
			s := stats.Summarize(vars)
			if d := math.Abs(s.Mean - want); d > 4*s.StdErr+0.02*want {
				t.Errorf("Var(Wq) = %.0f ± %.0f min², Erlang C %.0f min²", s.Mean, s.StdErr, want)
			}
		})
	}
}

// TestOfficeLeadTimeIsExponential checks the lead times the result
// keeps (OfficeResult.LeadTimes) for an M/M/1 office: with one work step
// the lead time is the sojourn time, wait plus service, and under FCFS the
// sojourn time of M/M/1 is exponential with rate μ − λ (Kleinrock,
// Queueing Systems I, eq. 3.28), so its p-quantile is −ln(1 − p)/(μ − λ).
// Under LIFO the median falls and the 99th percentile rises by far more
// than the tolerance.
//
// Tolerance: 4 standard errors over 16 replications of each quantile, plus
// 1 % for the censoring of the cases still open at the horizon.
func TestOfficeLeadTimeIsExponential(t *testing.T) {
	t.Parallel()
	const mean, rho, reps = 60.0, 0.8, 16
	mu := 1 / mean
	lambda := rho * mu
	m := mmcModel(1, lambda*float64(sim.Day), mean)
	ps := []float64{0.5, 0.9, 0.99}
	qs := make([][]float64, len(ps))
	for seed := range uint64(reps) {
		res, err := Run(m, nil, 100+seed)
		if err != nil {
			t.Fatal(err)
		}
		lead := res.Services[0].Offices[0].LeadTimes // calendar days
		if lead.Len() < 5000 {
			t.Fatalf("seed %d: only %d lead times", seed, lead.Len())
		}
		for i, p := range ps {
			qs[i] = append(qs[i], lead.Quantile(p)*float64(sim.Day))
		}
	}
	for i, p := range ps {
		want := -math.Log(1-p) / (mu - lambda) // minutes
		s := stats.Summarize(qs[i])
		if d := math.Abs(s.Mean - want); d > 4*s.StdErr+0.01*want {
			t.Errorf("lead time p%.0f = %.1f ± %.1f min, exponential(μ − λ) %.1f min", 100*p, s.Mean, s.StdErr, want)
		}
	}
}
