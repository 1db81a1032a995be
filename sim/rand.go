package sim

import "math/rand/v2"

// Random streams.
//
// A run has one seed. Every purpose and entity that draws random numbers
// (arrivals of a commune, a case's own draws, routing, a clerk's absences)
// gets its own stream, a PCG generator whose 128-bit state is derived from
// (seed, stream ID). Streams are independent of each other and of the order
// in which they are created, so adding an entity — a clerk, an office —
// leaves every other stream, and so every other draw, unchanged.

// StreamID returns the stable ID of the stream for a purpose (a name such as
// "arrivals") and an entity index within it (a commune's number, a clerk's
// number). It is the 64-bit FNV-1a hash of purpose, mixed with index by
// SplitMix64; it depends on nothing else, so IDs stay the same across
// versions of the program as long as the names do.
func StreamID(purpose string, index uint64) uint64 {
	// FNV-1a, 64 bit (Fowler, Noll, Vo; IETF draft-eastlake-fnv).
	h := uint64(14695981039346656037)
	for i := 0; i < len(purpose); i++ {
		h ^= uint64(purpose[i])
		h *= 1099511628211
	}
	return splitmix64(h ^ splitmix64(index))
}

// NewSource returns the random source of stream id under seed: a PCG-DXSM
// generator (math/rand/v2) whose two state words are SplitMix64 mixes of
// seed and id. Mixing matters: PCGs seeded with nearby raw states produce
// correlated sequences.
func NewSource(seed, id uint64) *rand.PCG {
	hi := splitmix64(seed ^ splitmix64(id))
	lo := splitmix64(id ^ splitmix64(seed+0x6a09e667f3bcc909))
	return rand.NewPCG(hi, lo)
}

// Stream returns NewSource(seed, StreamID(purpose, index)) wrapped in a
// *rand.Rand, the usual way a model gets its generator for one purpose.
// gonum's distuv distributions take the source itself as their Src.
func Stream(seed uint64, purpose string, index uint64) *rand.Rand {
	return rand.New(NewSource(seed, StreamID(purpose, index)))
}

// splitmix64 is the output function of Vigna's SplitMix64 generator, a
// bijective 64-bit mixer (Steele, Lea, Flood: Fast splittable pseudorandom
// number generators, OOPSLA 2014).
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
