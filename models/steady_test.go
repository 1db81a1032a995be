package models

import (
	"math"
	"strings"
	"testing"

	"zsa/models/dist"
	"zsa/sim"
)

func TestApprovalShare(t *testing.T) {
	t.Parallel()
	const n = 4000
	work := Step{Name: "decide", Effort: must(dist.Deterministic(10)),
		Next: []Branch{{To: Done, Prob: []float64{0.8}}, {To: Reject, Prob: []float64{0.2}}}}
	// A 20 % rejection branch: 0.8 within 4 binomial standard errors.
	if got, se := ApprovalShare(Process{work}, n), math.Sqrt(0.8*0.2/n); math.Abs(got-0.8) > 4*se {
		t.Errorf("branch: approval %v, want 0.8 ± %v", got, 4*se)
	}
	// A wait with a deadline: the case is rejected when the exponential
	// wait (mean 10 d) exceeds 14 d, P = e^(−1.4) = 0.2466.
	wait := Step{Name: "citizen", Delay: must(dist.Exponential(10 * sim.Day.Minutes())), Deadline: 14 * sim.Day, OnTimeout: Reject}
	want := 1 - math.Exp(-1.4)
	if got, se := ApprovalShare(Process{wait, {Name: "enter", Effort: must(dist.Deterministic(5))}}, n), math.Sqrt(want*(1-want)/n); math.Abs(got-want) > 4*se {
		t.Errorf("deadline: approval %v, want %v ± %v", got, want, 4*se)
	}
	// Falling off the end of the process is an approval.
	if got := ApprovalShare(Process{{Name: "a", Effort: must(dist.Deterministic(1))}}, 10); got != 1 {
		t.Errorf("plain process: approval %v, want 1", got)
	}
}

func TestSteadyStateRatesCountFollowUps(t *testing.T) {
	t.Parallel()
	// First applications A (half of 60 per 1,000) are all approved and
	// followed up by a re-application B with probability 0.8; every B is
	// approved and followed up by B with probability 0.8. In steady state
	// r_A = 30, r_B = 30 + 0.8·r_A + 0.8·r_B, so r_B = (30 + 24)/0.2 = 270.
	one := Process{{Name: "work", Effort: must(dist.Deterministic(10))}}
	s := &Service{Name: "W", PerThousand: 60, Types: []CaseType{
		{Name: "A", Share: 0.5, Process: one, Reapply: &Reapply{Prob: 0.8, After: 365 * sim.Day, Type: "B"}},
		{Name: "B", Share: 0.5, Process: one, Reapply: &Reapply{Prob: 0.8, After: 365 * sim.Day, Type: "B"}},
	}}
	r := SteadyStateRates(s, 100)
	if math.Abs(r[0]-30) > 1e-9 || math.Abs(r[1]-270) > 1e-6 {
		t.Errorf("rates %v, want [30 270]", r)
	}
	// Without follow-ups, the shares of the base rate.
	s.Types[0].Reapply, s.Types[1].Reapply = nil, nil
	if r := SteadyStateRates(s, 100); r[0] != 30 || r[1] != 30 {
		t.Errorf("rates without follow-ups %v, want [30 30]", r)
	}
	// A type that renews itself with certainty has no steady state.
	s.Types[1].Reapply = &Reapply{Prob: 1, After: 365 * sim.Day, Type: "B"}
	if r := SteadyStateRates(s, 100); !math.IsInf(r[1], 1) {
		t.Errorf("certain renewal: rate %v, want +Inf", r[1])
	}
}

func TestInheritedFollowUpsStartInSteadyState(t *testing.T) {
	t.Parallel()
	// New applications A (all approved) are followed up by re-applications
	// B after 120 days with probability 0.6, and B by B likewise. Every
	// case ends in Done, so the steady-state rates per 1,000 a year are
	// r_A = 30 and r_B = 0.6·(r_A + r_B), r_B = 45. With Inherited, B is
	// filed at that rate from the first day on; without, only after 120
	// days. Counts are Poisson: 4 standard errors.
	m := replayModel("W")
	m.Communes[0].Population = 20000 // 600 A a year
	m.Horizon, m.WarmUp = 480*sim.Day, 0
	s := &m.Services[0]
	s.PerThousand = 30
	one := Process{{Name: "work", Effort: must(dist.Deterministic(1))}}
	s.Types = []CaseType{
		{Name: "A", Share: 1, Process: one, Reapply: &Reapply{Prob: 0.6, After: 120 * sim.Day, Type: "B", Inherited: true}},
		{Name: "B", Share: 0, Process: one, Reapply: &Reapply{Prob: 0.6, After: 120 * sim.Day, Type: "B", Inherited: true}},
	}
	m.Offices[0].Clerks[0].Skills = []string{"W"}
	rates := SteadyStateRates(s, 100)
	if math.Abs(rates[1]-45) > 1e-6 {
		t.Fatalf("steady-state rate of B %v, want 45", rates[1])
	}
	countB := func(m *Model, from, to sim.Time) (n int) {
		for seed := range uint64(5) {
			if _, err := RunWith(m, nil, seed, Options{Log: func(task Task) {
				if task.Activity == "filed" && task.Type == "B" && task.End >= from && task.End < to {
					n++
				}
			}}); err != nil {
				t.Fatal(err)
			}
		}
		return n
	}
	// 5 replications × 20 × 45 per year × the window's share of a year.
	expect := func(from, to sim.Time) float64 { return 5 * 20 * 45 * float64((to-from)/(365*sim.Day)) }
	for _, w := range [][2]sim.Time{{0, 120 * sim.Day}, {120 * sim.Day, 240 * sim.Day}, {300 * sim.Day, 480 * sim.Day}} {
		got, want := float64(countB(m, w[0], w[1])), expect(w[0], w[1])
		if math.Abs(got-want) > 4*math.Sqrt(want) {
			t.Errorf("inherited, days %v–%v: %v re-applications, want %.0f ± %.0f", float64(w[0]/sim.Day), float64(w[1]/sim.Day), got, want, 4*math.Sqrt(want))
		}
	}
	for i := range s.Types {
		s.Types[i].Reapply.Inherited = false
	}
	if n := countB(m, 0, 120*sim.Day); n != 0 {
		t.Errorf("without inherited follow-ups: %d re-applications in the first 120 days, want 0", n)
	}
	// A chain that renews itself with certainty has no steady state.
	s.Types[1].Reapply = &Reapply{Prob: 1, After: 120 * sim.Day, Type: "B", Inherited: true}
	if _, err := Run(m, nil, 1); err == nil || !strings.Contains(err.Error(), "no steady state") {
		t.Errorf("certain renewal with inherited follow-ups: error %v", err)
	}
}
