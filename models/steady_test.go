package models

import (
	"math"
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
