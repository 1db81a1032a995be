package models

import "math"

// SteadyStateRates returns, per case type of s (in order), the expected
// number of cases a year per 1,000 inhabitants once re-applications have
// reached their steady state: the type's share of s.PerThousand plus the
// follow-ups of approved cases (CaseType.Reapply). With r the rates, the
// base rates b_T = Share_T × PerThousand and, for every type S that is
// followed up by type T, the probability a_S that a case of S is approved
// (ApprovalShare) and the follow-up probability p_S,
//
//	r_T = b_T + Σ_S r_S · a_S · p_S
//
// a linear system, solved by iteration: it converges when no chain of
// follow-ups renews itself with certainty. One that does (every case of a
// type approved and followed up by the same type) grows without bound: its
// rate is +Inf. A follow-up type that does not exist is left out. n is the
// number of synthetic cases for ApprovalShare.
//
// The staffing rule sizes offices with these rates: without the
// follow-ups, an office that re-applies 80 % of its Wohngeld approvals
// every year is understaffed from its second year on.
func SteadyStateRates(s *Service, n int) []float64 {
	rates, _ := steadyState(s, n)
	return rates
}

// steadyState returns SteadyStateRates and, for each case type followed
// up by another, its ApprovalShare (0 for the others).
func steadyState(s *Service, n int) (rates, approved []float64) {
	k := len(s.Types)
	approved = make([]float64, k)
	idx := map[string]int{}
	for i, t := range s.Types {
		idx[t.Name] = i
	}
	base := make([]float64, k)
	feed := make([]float64, k) // a_S · p_S, the follow-ups per case of S
	to := make([]int, k)
	for i, t := range s.Types {
		base[i] = t.Share * s.PerThousand
		to[i] = -1
		if r := t.Reapply; r != nil {
			if j, ok := idx[r.Type]; ok {
				to[i] = j
				approved[i] = ApprovalShare(t.Process, n)
				feed[i] = approved[i] * r.Prob
			}
		}
	}
	rates = make([]float64, k)
	copy(rates, base)
	for range 1000 {
		next := make([]float64, k)
		copy(next, base)
		for i := range k {
			if to[i] >= 0 {
				next[to[i]] += rates[i] * feed[i]
			}
		}
		done := true
		for i := range k {
			if math.Abs(next[i]-rates[i]) > 1e-12*math.Max(1, next[i]) {
				done = false
			}
		}
		rates = next
		if done {
			return rates, approved
		}
	}
	for i := range k {
		if to[i] >= 0 && feed[i] >= 1 {
			rates[to[i]] = math.Inf(1)
		}
	}
	return rates, approved
}
