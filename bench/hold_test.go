package bench

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"zsa/sim"
)

// The hold model (Vaucher & Duval 1975; Jones 1986, "An empirical comparison
// of priority-queue and event-set implementations"): N events are pending;
// each fired event schedules one more at now + Exp(1). One benchmark op is
// one event: a pop and a push at steady size N.

// bareEvent is an entry of the bare heap: the key and nothing else.
type bareEvent struct {
	at  float64
	seq uint64
}

// bareHeap is the classic fast event list, stripped to the bone: a 4-ary
// min-heap of value entries ordered by (at, seq), hand-written, no
// handlers, no API, no checks (the sim core's own queue was such a heap
// until it became a radix heap).
type bareHeap struct {
	h   []bareEvent
	seq uint64
}

func (q *bareHeap) push(at float64) {
	q.seq++
	e := bareEvent{at, q.seq}
	q.h = append(q.h, e)
	i := len(q.h) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !(e.at < q.h[p].at || e.at == q.h[p].at && e.seq < q.h[p].seq) {
			break
		}
		q.h[i] = q.h[p]
		i = p
	}
	q.h[i] = e
}

func (q *bareHeap) pop() bareEvent {
	top := q.h[0]
	n := len(q.h) - 1
	e := q.h[n]
	q.h = q.h[:n]
	if n == 0 {
		return top
	}
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		for j := c + 1; j < c+4 && j < n; j++ {
			if q.h[j].at < q.h[m].at || q.h[j].at == q.h[m].at && q.h[j].seq < q.h[m].seq {
				m = j
			}
		}
		if !(q.h[m].at < e.at || q.h[m].at == e.at && q.h[m].seq < e.seq) {
			break
		}
		q.h[i] = q.h[m]
		i = m
	}
	q.h[i] = e
	return top
}

// holder is the sim core's hold-model handler.
type holder struct{ r *rand.Rand }

func (h *holder) Handle(s *sim.Sim) { s.After(sim.Time(h.r.ExpFloat64()), h) }

func BenchmarkHold(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("engine=bare/N=%d", n), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			q := bareHeap{h: make([]bareEvent, 0, n+1)}
			for range n {
				q.push(r.ExpFloat64())
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				e := q.pop()
				q.push(e.at + r.ExpFloat64())
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
		b.Run(fmt.Sprintf("engine=sim/N=%d", n), func(b *testing.B) {
			h := &holder{r: rand.New(rand.NewPCG(1, 2))}
			var s sim.Sim
			for range n {
				s.After(sim.Time(h.r.ExpFloat64()), h)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				s.Step()
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
