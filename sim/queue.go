package sim

import (
	"math"
	"math/bits"
)

// The event queue is a radix heap (Ahuja, Mehlhorn, Orlin & Tarjan 1990,
// "Faster algorithms for the shortest path problem", J. ACM 37(2)). It
// works because a simulation's queue is monotone: no event is ever
// scheduled before the last one fired.
//
// An event's key is the bit pattern of its time, which for times ≥ 0
// orders like the times themselves. last is the key of the earliest
// pending time, once the queue has settled on it. An entry with key k
// lives in bucket bits.Len64(k ^ last): bucket 0 holds the entries due at
// last, bucket b ≥ 1 those whose key first differs from last in bit b−1.
// Scheduling an event is an append. Firing takes the front of bucket 0;
// when bucket 0 runs dry, the lowest non-empty bucket is emptied: its
// least key becomes last, and its entries move to lower buckets. An entry
// moves at most 64 times, in practice a few, and every step is a
// sequential pass with few hard-to-predict branches — unlike a binary or
// 4-ary heap, whose sift-down takes a data-dependent branch per level.
//
// First in, first out at equal times comes free: entries with equal keys
// are always in the same bucket (an entry's bucket depends only on its key
// and last), where scheduling appends the newest at the end and moving
// keeps their order. So every bucket holds the entries of one time in
// scheduling order.
//
// Memory: each bucket keeps the capacity it once needed, so the queue
// holds at most a small multiple of the largest number of events ever
// pending at once. Entries that fired or moved are not cleared: until
// their slot is reused they keep their handlers reachable, at most that
// many. Clearing them cost about 2 % of a Sachsen-Anhalt state year
// (callgrind: 30M of 1,590M instructions, memclrHasPointers).
type queue struct {
	buckets [65][]entry
	// Per bucket b ≥ 1: the complement of its least key, 0 if empty (so
	// that the zero queue is ready to use).
	notLeast [65]uint64
	head     int    // next entry of buckets[0]
	last     uint64 // key of the time of the entries in buckets[0]
	full     uint64 // bit b−1 set: buckets[b] is not empty (b ≥ 1)
	n        int    // entries, cancelled ones included
	scratch  []entry
}

// key is the queue's key of time t ≥ 0: its bits, which order like the
// times. Sim.At turns −0, whose bits do not, into +0.
func key(t Time) uint64 { return math.Float64bits(float64(t)) }

func (q *queue) push(e entry) {
	k := key(e.at)
	if k < q.last {
		// Only after a peek (NextTime, RunUntil) settled on a time beyond
		// the clock, and an event is scheduled before it.
		q.rebase(k)
	}
	q.add(k, e)
	q.n++
}

// add puts e, with key k ≥ last, into its bucket.
func (q *queue) add(k uint64, e entry) {
	b := bits.Len64(k ^ q.last) // ≤ 63: times are ≥ 0, bit 63 is clear
	q.buckets[b] = append(q.buckets[b], e)
	// Without branches, which here would be hard to predict: for b = 0
	// the mask is unchanged and notLeast[0] is not used.
	q.full |= (1 << (b & 63)) >> 1 // & 63: a plain shift, b ≤ 63 anyway
	q.notLeast[b] = max(q.notLeast[b], ^k)
}

// settle makes buckets[0] hold the earliest pending entries, and reports
// whether there are any.
func (q *queue) settle() bool {
	if q.head < len(q.buckets[0]) {
		return true
	}
	if q.head > 0 {
		q.buckets[0] = q.buckets[0][:0]
		q.head = 0
	}
	if q.full == 0 {
		return false
	}
	b := bits.TrailingZeros64(q.full) + 1
	src := q.buckets[b]
	q.full &^= 1 << (b - 1)
	q.last = ^q.notLeast[b]
	q.notLeast[b] = 0
	if len(src) == 1 {
		// Common in small queues: the entry is the next event.
		q.buckets[0] = append(q.buckets[0], src[0])
		q.buckets[b] = src[:0]
		return true
	}
	// Every entry of bucket b shares the bits above b−1 with the new last
	// as with the old one, and differs from the new last below bit b−1:
	// it moves to a lower bucket. This is add, with the mask and last in
	// registers rather than read and written back for every entry.
	full, last := q.full, q.last
	for i := range src {
		k := key(src[i].at)
		nb := bits.Len64(k ^ last)
		q.buckets[nb] = append(q.buckets[nb], src[i])
		full |= (1 << (nb & 63)) >> 1
		q.notLeast[nb] = max(q.notLeast[nb], ^k)
	}
	q.full = full
	q.buckets[b] = src[:0]
	return true
}

// front returns the earliest pending entry; settle must have reported true.
func (q *queue) front() *entry { return &q.buckets[0][q.head] }

// pop removes and returns the earliest pending entry; settle must have
// reported true.
func (q *queue) pop() entry {
	e := q.buckets[0][q.head]
	q.head++
	q.n--
	return e
}

// rebase makes k, below every pending key, the new last: O(pending).
func (q *queue) rebase(k uint64) {
	all := q.scratch[:0]
	q.each(func(e *entry) { all = append(all, *e) })
	q.reset()
	q.last = k
	for _, e := range all {
		q.push(e)
	}
	clear(all)
	q.scratch = all[:0]
}

// each calls f for every pending entry, cancelled ones included.
func (q *queue) each(f func(*entry)) {
	for b := range q.buckets {
		from := 0
		if b == 0 {
			from = q.head
		}
		for i := from; i < len(q.buckets[b]); i++ {
			f(&q.buckets[b][i])
		}
	}
}

// reset empties the queue, keeping its memory and last.
func (q *queue) reset() {
	for b := range q.buckets {
		clear(q.buckets[b])
		q.buckets[b] = q.buckets[b][:0]
		q.notLeast[b] = 0
	}
	q.head, q.full, q.n = 0, 0, 0
}

// filter keeps the entries for which keep is true, in their order.
func (q *queue) filter(keep func(*entry) bool) {
	for b := range q.buckets {
		src := q.buckets[b]
		from := 0
		if b == 0 {
			from = q.head
		}
		live := src[:0]
		least := uint64(math.MaxUint64)
		for i := from; i < len(src); i++ {
			if keep(&src[i]) {
				live = append(live, src[i])
				least = min(least, key(src[i].at))
			}
		}
		q.notLeast[b] = ^least
		clear(src[len(live):])
		q.buckets[b] = live
		q.n -= len(src) - from - len(live)
		if b > 0 && len(live) == 0 {
			q.full &^= 1 << (b - 1)
		}
	}
	q.head = 0
}

// check returns a description of the first violated invariant of the
// queue, or "" if there is none. It is the invariant checker for tests.
func (q *queue) check() string {
	n := 0
	for b := range q.buckets {
		from := 0
		if b == 0 {
			from = q.head
		}
		es := q.buckets[b][from:]
		n += len(es)
		if b > 0 && (len(es) > 0) != (q.full&(1<<(b-1)) != 0) {
			return "bucket mask out of date"
		}
		least := uint64(math.MaxUint64)
		for i := range es {
			k := key(es[i].at)
			if got := bits.Len64(k ^ q.last); got != b {
				return "entry in the wrong bucket"
			}
			if b == 0 && i > 0 && es[i].seq < es[i-1].seq {
				return "bucket 0 out of scheduling order"
			}
			least = min(least, k)
		}
		if b > 0 && ^least != q.notLeast[b] {
			return "least key of a bucket out of date"
		}
	}
	if n != q.n {
		return "entry count out of date"
	}
	return ""
}
