package experiment

import "math/bits"

// Game is a cooperative game of n players in characteristic-function
// form: Game[S] is the value v(S) of the coalition S, a bit mask with bit
// i for player i, for all 2^n coalitions; v(∅) = Game[0] need not be 0.
// In a decomposition the players are mechanisms and v(S) is the arm's
// effect with the mechanisms of S switched on and the others off.
type Game []float64

// Alone returns the effect of switching player i on alone:
//
//	v({i}) − v(∅)
func (v Game) Alone(i int) float64 { return v[1<<i] - v[0] }

// Last returns the effect of switching player i on last:
//
//	v(N) − v(N∖{i})
func (v Game) Last(i int) float64 {
	all := len(v) - 1
	return v[all] - v[all&^(1<<i)]
}

// Players returns the number of players n. It panics if the length of v
// is not a power of two.
func (v Game) Players() int {
	if len(v) == 0 || len(v)&(len(v)-1) != 0 {
		panic("experiment: game length is not a power of two")
	}
	return bits.TrailingZeros(uint(len(v)))
}

// Shapley returns the Shapley value of player i (L. S. Shapley, "A value
// for n-person games", in Contributions to the Theory of Games II, Annals
// of Mathematics Studies 28, Princeton University Press, 1953):
//
//	φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S))
//
// the change player i brings, averaged over all orders in which the
// players can join. The values of all players add up to v(N) − v(∅)
// (efficiency).
func (v Game) Shapley(i int) float64 {
	n := v.Players()
	var phi float64
	for mask := range 1 << n {
		if mask&(1<<i) != 0 {
			continue
		}
		s := bits.OnesCount(uint(mask))
		w := factorial(s) * factorial(n-s-1) / factorial(n)
		phi += w * (v[mask|1<<i] - v[mask])
	}
	return phi
}

func factorial(k int) float64 {
	f := 1.0
	for i := 2; i <= k; i++ {
		f *= float64(i)
	}
	return f
}
