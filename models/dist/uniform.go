package dist

import "zsa/sim"

// U returns a uniform number in the open interval (0, 1) determined by
// seed, key and visit: a hash, not a stream. The same three words always
// give the same u, whatever else the simulation draws and in whichever
// order, which is what common random numbers need: a case (seed: the
// scenario seed mixed with the case's number), a step (key, e.g.
// Key("intake")) and the number of the visit to that step (0 for the first,
// 1 for the first rework, …) get the same difficulty d.Quantile(u) in
// every arm of a comparison.
//
// The words are mixed by three rounds of the SplitMix64 output function
// (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
// OOPSLA 2014, with Stafford's "Mix13" constants), each round a bijection
// of 64 bits, so that each output bit depends on every input bit:
//
//	h = mix(mix(mix(seed) ⊕ key) ⊕ visit).
//
// The top 52 bits j of h give u = (j + ½)·2⁻⁵², the centre of one of 2⁵²
// equal cells of (0, 1): 2⁻⁵³ ≤ u ≤ 1 − 2⁻⁵³, never 0 or 1, and u is in the
// set exactly when 1 − u is. (With 53 bits the largest value, (2⁵³ − ½)·2⁻⁵³,
// is not a float64 and would round to 1.) U does not allocate.
func U(seed, key, visit uint64) float64 {
	return uniform(sim.Hash(seed, key, visit))
}

// Seed is a seed prepared for U, which draws many uniforms from one seed:
// NewSeed(seed).U(key, visit) == U(seed, key, visit), with the first of
// the three mixing rounds done once, in NewSeed.
type Seed sim.Mixed

// NewSeed returns seed prepared for U.
func NewSeed(seed uint64) Seed { return Seed(sim.Mix(seed)) }

// U returns U(seed, key, visit) for the seed s was made from.
func (s Seed) U(key, visit uint64) float64 { return uniform(sim.Mixed(s).Hash(key, visit)) }

// uniform returns the centre of the cell of (0, 1) that h's top 52 bits
// select, as U describes.
func uniform(h uint64) float64 { return (float64(h>>12) + 0.5) * 0x1p-52 }

// Key returns the 64-bit FNV-1a hash of name (Fowler, Noll & Vo; IETF
// draft-eastlake-fnv), a stable key for U from the name of a step or a
// purpose: Key("intake") is the same in every run and every version of the
// program.
func Key(name string) uint64 { return sim.NameKey(name) }
