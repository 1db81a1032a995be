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

// walker routes synthetic cases through a process, with what it needs
// resolved once for many cases: per step its mean effort, the key of its
// draws and the indices of its targets.
type walker struct {
	steps  []walkStep
	visits []int
}

type walkStep struct {
	effort  float64 // mean effort (0 for an external wait)
	key     uint64  // dist.Key of the step's name
	delay   dist.Dist
	limit   sim.Time // the deadline, if positive
	timeout int      // the deadline's target
	next    []int    // the branches' targets; none: the following step
	prob    [][]float64
}

// Targets of walkStep: a step index, or one of these.
const (
	walkDone = -1 // Done: an approval
	walkEnd  = -2 // Reject, or a step the process does not have
)

func newWalker(p Process) *walker {
	idx := map[string]int{}
	for i, st := range p {
		idx[st.Name] = i
	}
	target := func(to string) int {
		if i, ok := idx[to]; ok {
			return i
		}
		if to == Done {
			return walkDone
		}
		return walkEnd
	}
	w := &walker{steps: make([]walkStep, len(p)), visits: make([]int, len(p))}
	for i, st := range p {
		ws := &w.steps[i]
		ws.key = dist.Key(st.Name)
		if st.Effort != nil {
			ws.effort = st.Effort.Mean()
		}
		if st.Delay != nil && st.Deadline > 0 {
			ws.delay, ws.limit, ws.timeout = st.Delay, st.Deadline, target(st.OnTimeout)
		}
		for _, b := range st.Next {
			ws.next = append(ws.next, target(b.To))
			ws.prob = append(ws.prob, b.Prob)
		}
	}
	return w
}

// walk routes synthetic case number c through the process, drawing
// branches and external waits with fixed keys, and returns the sum of the
// mean efforts of the work steps it visits and whether it ends in Done
// (after at most 1,000 steps; a case still going then counts as not
// approved).
func (w *walker) walk(c int) (effort float64, done bool) {
	seed := sim.Hash(0x5eed, uint64(c), 0)
	clear(w.visits)
	i := 0
	for steps := 0; i >= 0 && steps < 1000; steps++ {
		if i == len(w.steps) {
			return effort, true // after the last step: Done
		}
		st := &w.steps[i]
		v := w.visits[i]
		w.visits[i]++
		effort += st.effort
		if st.limit > 0 && sim.Time(st.delay.Quantile(dist.U(seed, st.key, uint64(v)))) > st.limit {
			i = st.timeout
			continue
		}
		if len(st.next) == 0 {
			i++
			continue
		}
		u := dist.U(seed, st.key^1, uint64(v))
		next, cum := st.next[len(st.next)-1], 0.0
		for b, prob := range st.prob {
			if len(prob) > 0 {
				cum += prob[min(v, len(prob)-1)]
			}
			if u < cum {
				next = st.next[b]
				break
			}
		}
		i = next
	}
	return effort, i == walkDone
}

// Validate checks a model and an organisation as Run would, reporting
// every problem, each a *FieldError with the path of the offending value,
// joined with errors.Join.
func Validate(m *Model, org *Organisation) error {
	_, err := compile(m, org)
	return err
}
