package sim

// The event queue is a 4-ary min-heap of entries held by value, ordered by
// (at, seq). A 4-ary heap is shallower than a binary one and its children sit
// in adjacent memory, which is why the Go runtime uses it for timers.
// Sifting moves a hole instead of swapping, so each level costs one copy.

const arity = 4

func (s *Sim) push(e entry) {
	s.heap = append(s.heap, e)
	h := s.heap
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / arity
		if !e.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

// pop removes and returns the first entry. The heap must not be empty.
func (s *Sim) pop() entry {
	h := s.heap
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h[n] = entry{} // release the handler for the garbage collector
	s.heap = h[:n]
	if n > 0 {
		s.heap[0] = last
		s.down(0)
	}
	return top
}

// down restores the heap property below i by moving h[i] down.
func (s *Sim) down(i int) {
	h := s.heap
	n := len(h)
	e := h[i]
	for {
		c := i*arity + 1
		if c >= n {
			break
		}
		// Find the smallest of up to four children.
		m := c
		end := min(c+arity, n)
		for j := c + 1; j < end; j++ {
			if h[j].before(&h[m]) {
				m = j
			}
		}
		if !h[m].before(&e) {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = e
}

// checkHeap returns the index of the first entry that violates the heap
// property, or -1 if there is none. It is the invariant checker for tests.
func (s *Sim) checkHeap() int {
	for i := 1; i < len(s.heap); i++ {
		if s.heap[i].before(&s.heap[(i-1)/arity]) {
			return i
		}
	}
	return -1
}
