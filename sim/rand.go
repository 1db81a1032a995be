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
	return splitmix64(NameKey(purpose) ^ splitmix64(index))
}

// NameKey returns the 64-bit FNV-1a hash of name (Fowler, Noll & Vo; IETF
// draft-eastlake-fnv): a stable key for a purpose or step name, the same in
// every run and every version of the program.
func NameKey(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}

// Hash mixes three words into one: three rounds of the SplitMix64 output
// function, h = mix(mix(mix(a) ⊕ b) ⊕ c), each round a bijection of 64 bits
// so that every output bit depends on every input bit. It is the basis of
// counter-based draws, which depend on their inputs only and not on the
// order of anything else in the run (see models/dist.U), and of seeds
// derived from a parent seed and a number.
func Hash(a, b, c uint64) uint64 {
	return splitmix64(splitmix64(splitmix64(a)^b) ^ c)
}

// Mixed is a word after the first round of Hash, for hashing many pairs of
// words with the same first one: Mix(a).Hash(b, c) == Hash(a, b, c), one
// round cheaper.
type Mixed uint64

// Mix returns a after the first round of Hash.
func Mix(a uint64) Mixed { return Mixed(splitmix64(a)) }

// Hash returns Hash(a, b, c) for the a that m was mixed from.
func (m Mixed) Hash(b, c uint64) uint64 {
	return splitmix64(splitmix64(uint64(m)^b) ^ c)
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
