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
	w := newWalker(p)
	var total float64
	for c := range n {
		effort, _ := w.walk(c)
		total += effort
	}
	return total / float64(n)
}

// ApprovalShare estimates the share of a process's cases that end in
// Done (an approval), over n synthetic cases routed as in ExpectedEffort:
// the rest end in Reject, by a branch or a missed deadline.
func ApprovalShare(p Process, n int) float64 {
	w := newWalker(p)
	approved := 0
	for c := range n {
		if _, done := w.walk(c); done {
			approved++
		}
	}
	return float64(approved) / float64(n)
}

// walker routes synthetic cases through a process: its step index and
// visit counters, made once for many cases.
type walker struct {
	p      Process
	idx    map[string]int
	keys   []uint64 // dist.Key of each step's name
	visits []int
}

func newWalker(p Process) *walker {
	w := &walker{p: p, idx: map[string]int{}, keys: make([]uint64, len(p)), visits: make([]int, len(p))}
	for i, st := range p {
		w.idx[st.Name] = i
		w.keys[i] = dist.Key(st.Name)
	}
	return w
}

// walk routes synthetic case number c through the process, drawing
// branches and external waits with fixed keys, and returns the sum of the
// mean efforts of the work steps it visits and whether it ends in Done
// (after at most 1,000 steps; a case still going then counts as not
// approved).
func (w *walker) walk(c int) (effort float64, done bool) {
	p := w.p
	seed := sim.Hash(0x5eed, uint64(c), 0)
	clear(w.visits)
	i := 0
	end := func(to string) int {
		done = to == Done
		return target(w.idx, to)
	}
	for steps := 0; i >= 0 && i < len(p) && steps < 1000; steps++ {
		st := &p[i]
		v := w.visits[i]
		w.visits[i]++
		if st.Effort != nil {
			effort += st.Effort.Mean()
		}
		if st.Delay != nil && st.Deadline > 0 {
			u := dist.U(seed, w.keys[i], uint64(v))
			if sim.Time(st.Delay.Quantile(u)) > st.Deadline {
				i = end(st.OnTimeout)
				continue
			}
		}
		if len(st.Next) == 0 {
			i++
			done = i == len(p) // after the last step: Done
			continue
		}
		u := dist.U(seed, w.keys[i]^1, uint64(v))
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
		i = end(next)
	}
	if i >= 0 && i < len(p) {
		done = false // still going after 1,000 steps
	}
	return effort, done
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
