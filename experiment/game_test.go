package experiment

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Shapley values of games whose values are known by hand.
func TestShapleyKnownValues(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		v    Game
		want []float64
	}{
		// Two players, v(∅)=0, v({0})=1, v({1})=2, v(N)=6: φ_0 =
		// ½(1−0) + ½(6−2) = 2.5, φ_1 = ½(2−0) + ½(6−1) = 3.5.
		{"two players", Game{0, 1, 2, 6}, []float64{2.5, 3.5}},
		// An additive game, v(S) = 1 + Σ_{i∈S} a_i with a = (3, −2, 0.5):
		// every player gets its own a_i; v(∅) = 1 is nobody's.
		{"additive", Game{1, 4, -1, 2, 1.5, 4.5, -0.5, 2.5}, []float64{3, -2, 0.5}},
		// The glove game: player 0 owns a left glove, players 1 and 2 a
		// right one each; a pair is worth 1. Of the 6 orders of joining,
		// player 0 completes the pair in the 4 where it is not first, and
		// player 1 (2) only in the one order 0, 1, 2 (0, 2, 1): φ = (2/3,
		// 1/6, 1/6).
		{"gloves", Game{0, 0, 0, 1, 0, 1, 0, 1}, []float64{2.0 / 3, 1.0 / 6, 1.0 / 6}},
		// Majority of three: any two players win 1. Symmetric: 1/3 each.
		{"majority", Game{0, 0, 0, 1, 0, 1, 1, 1}, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		// One player: the whole change v(N) − v(∅).
		{"one player", Game{0.25, -0.5}, []float64{-0.75}},
	}
	for _, c := range cases {
		if n := c.v.Players(); n != len(c.want) {
			t.Fatalf("%s: %d players, want %d", c.name, n, len(c.want))
		}
		for i, want := range c.want {
			if got := c.v.Shapley(i); math.Abs(got-want) > 1e-15 {
				t.Errorf("%s: φ_%d = %v, want %v", c.name, i, got, want)
			}
		}
	}
}

// Efficiency, symmetry and the dummy axiom on random games of 1 to 8
// players (Shapley 1953's axioms, which characterise the value).
func TestShapleyAxioms(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 1; n <= 8; n++ {
		v := make(Game, 1<<n)
		for s := range v {
			v[s] = rng.NormFloat64()
		}
		// Make the last player a dummy (adds nothing to any coalition) and,
		// for n ≥ 3, players 0 and 1 symmetric (swapping them leaves v).
		last := 1 << (n - 1)
		for s := range last {
			v[s|last] = v[s]
		}
		if n >= 3 {
			for s := range v {
				if s&1 != 0 && s&2 == 0 {
					v[s^3] = v[s]
				}
			}
		}
		sum := 0.0
		for i := range n {
			sum += v.Shapley(i)
		}
		if want := v[len(v)-1] - v[0]; math.Abs(sum-want) > 1e-12 {
			t.Errorf("n=%d: Σφ = %v, want v(N) − v(∅) = %v", n, sum, want)
		}
		if got := v.Shapley(n - 1); math.Abs(got) > 1e-12 {
			t.Errorf("n=%d: the dummy's value is %v, want 0", n, got)
		}
		if n >= 3 && math.Abs(v.Shapley(0)-v.Shapley(1)) > 1e-12 {
			t.Errorf("n=%d: symmetric players get %v and %v", n, v.Shapley(0), v.Shapley(1))
		}
	}
}

func TestAloneAndLast(t *testing.T) {
	t.Parallel()
	v := Game{0, 1, 2, 6}
	for _, c := range []struct {
		i           int
		alone, last float64
	}{
		{0, 1, 4}, // v({0}) − v(∅); v(N) − v({1})
		{1, 2, 5},
	} {
		if got := v.Alone(c.i); got != c.alone {
			t.Errorf("Alone(%d) = %v, want %v", c.i, got, c.alone)
		}
		if got := v.Last(c.i); got != c.last {
			t.Errorf("Last(%d) = %v, want %v", c.i, got, c.last)
		}
	}
}

func TestPlayersPanicsOnBadLength(t *testing.T) {
	t.Parallel()
	for _, v := range []Game{nil, {1, 2, 3}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Players of a game of length %d did not panic", len(v))
				}
			}()
			v.Players()
		}()
	}
}
