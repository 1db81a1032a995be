package stats

import (
	"math"
	"slices"
)

// radixMin is the number of values from which sortFloats uses a radix
// sort: below it, the counting tables cost more than they save.
const radixMin = 2048

// sortFloats sorts xs in increasing order. Non-negative values (durations,
// the common case: lead times of every case of a run) are sorted by a
// least-significant-digit radix sort of their IEEE 754 bits, which for
// non-negative floats order as the values do; any negative value, NaN or
// a short slice falls back to slices.Sort (NaN first, as it orders).
//
// Why not slices.Sort alone: sorting every office's lead times at the end
// of a run took 4 % of BenchmarkStateYear with pdqsort; this radix sort,
// which skips the byte positions all keys share (most of the exponent and
// the sign), is about four times faster on 75,000 lead times
// (BenchmarkSortFloats: 1.7 against 7.0 ms on the project's machine).
func sortFloats(xs []float64) {
	if len(xs) < radixMin {
		slices.Sort(xs)
		return
	}
	for _, x := range xs {
		if !(x >= 0) { // negative or NaN
			slices.Sort(xs)
			return
		}
	}
	keys := make([]uint64, 2*len(xs))
	a, b := keys[:len(xs)], keys[len(xs):]
	for i, x := range xs {
		a[i] = math.Float64bits(x)
	}
	var count [256]int
	for shift := uint(0); shift < 64; shift += 8 {
		clear(count[:])
		for _, k := range a {
			count[byte(k>>shift)]++
		}
		if count[byte(a[0]>>shift)] == len(a) {
			continue // every key has this byte: the pass would not move any
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, k := range a {
			d := byte(k >> shift)
			b[count[d]] = k
			count[d]++
		}
		a, b = b, a
	}
	for i, k := range a {
		xs[i] = math.Float64frombits(k)
	}
}
