package models

import (
	"zsa/models/dist"
	"zsa/sim"
)

// ExpectedEffort estimates the mean touch time per case of a process for a
// reference clerk, in minutes: the sum of the mean efforts of the work
// steps a case visits, averaged over n synthetic cases routed through the
// process with the branch probabilities (errors and rework left out). It
// is deterministic (fixed keys), for sizing staff before a run. Steps or
// targets it cannot resolve count as the end of the case.
func ExpectedEffort(p Process, n int) float64 {
	idx := map[string]int{}
	for i, st := range p {
		idx[st.Name] = i
	}
	var total float64
	for c := range n {
		seed := sim.Hash(0x5eed, uint64(c), 0)
		visits := make([]int, len(p))
		i := 0
		for steps := 0; i >= 0 && i < len(p) && steps < 1000; steps++ {
			st := &p[i]
			v := visits[i]
			visits[i]++
			if st.Effort != nil {
				total += st.Effort.Mean()
			}
			if st.Delay != nil && st.Deadline > 0 {
				u := dist.U(seed, dist.Key(st.Name), uint64(v))
				if sim.Time(st.Delay.Quantile(u)) > st.Deadline {
					i = target(idx, st.OnTimeout)
					continue
				}
			}
			if len(st.Next) == 0 {
				i++
				continue
			}
			u := dist.U(seed, dist.Key(st.Name)^1, uint64(v))
			next, cum := st.Next[len(st.Next)-1].To, 0.0
			for _, b := range st.Next {
				if len(b.Prob) > 0 {
					cum += b.Prob[min(v, len(b.Prob)-1)]
				}
				if u < cum {
					next = b.To
					break
				}
			}
			i = target(idx, next)
		}
	}
	return total / float64(n)
}

func target(idx map[string]int, to string) int {
	if i, ok := idx[to]; ok {
		return i
	}
	return -1
}

// Validate checks a model and an organisation as Run would, reporting
// every problem, each a *FieldError with the path of the offending value,
// joined with errors.Join.
func Validate(m *Model, org *Organisation) error {
	_, err := compile(m, org)
	return err
}
