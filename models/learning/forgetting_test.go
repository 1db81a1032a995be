package learning

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"zsa/sim"
)

func TestRetain(t *testing.T) {
	t.Parallel()
	D := 90 * sim.Day
	f := Forgetting{Horizon: D}
	for _, e := range []float64{1, 2, 37.5, 1e6} {
		// A clerk away for the horizon, or longer, is a novice again.
		if got := f.Retain(e, D); got != 1 {
			t.Errorf("Retain(%v, D) = %v, want 1", e, got)
		}
		if got := f.Retain(e, 2*D); got != 1 {
			t.Errorf("Retain(%v, 2D) = %v, want 1", e, got)
		}
		// No break, nothing lost.
		if got := f.Retain(e, 0); got != e {
			t.Errorf("Retain(%v, 0) = %v, want %v", e, got, e)
		}
		// Half the horizon: half the experience beyond a novice's.
		if got, want := f.Retain(e, D/2), 1+(e-1)/2; math.Abs(got-want) > 1e-12*want {
			t.Errorf("Retain(%v, D/2) = %v, want %v", e, got, want)
		}
		// No forgetting with horizon 0.
		if got := (Forgetting{}).Retain(e, 10*D); got != e {
			t.Errorf("no forgetting: Retain(%v, 10D) = %v, want %v", e, got, e)
		}
	}
}

// TestForgettingSteadyState iterates a clerk who does one item every g
// minutes (gain 1, then a break of g) and checks the documented steady
// state: experience before each item tends to D/g (exactly, for g ≤ D),
// converging by the factor 1 − g/D per item.
func TestForgettingSteadyState(t *testing.T) {
	t.Parallel()
	D := 60 * sim.Day
	f := Forgetting{Horizon: D}
	for _, g := range []sim.Time{sim.Hour, 8 * sim.Hour, sim.Day, sim.Week, 30 * sim.Day, 60 * sim.Day, 100 * sim.Day} {
		r := float64(g / D)
		n := int(40/math.Min(r, 1)) + 10 // (1 − r)ⁿ < e⁻⁴⁰
		e := 1.0
		for range n {
			e = f.Retain(e+1, g) // do an item, then wait g
		}
		want := math.Max(1, float64(D/g))
		if math.Abs(e-want) > 1e-9*want {
			t.Errorf("one item every %v: steady experience %v, want D/g = %v", g, e, want)
		}
	}
}

func TestForgettingValidate(t *testing.T) {
	t.Parallel()
	for _, h := range []sim.Time{0, sim.Minute, 90 * sim.Day} {
		if err := (Forgetting{Horizon: h}).Validate(); err != nil {
			t.Errorf("horizon %v: %v", h, err)
		}
	}
	for _, h := range []sim.Time{-sim.Day, sim.Time(math.NaN()), sim.Time(math.Inf(1))} {
		err := (Forgetting{Horizon: h}).Validate()
		if err == nil || !strings.Contains(err.Error(), "horizon") || !strings.Contains(err.Error(), "non-negative finite") {
			t.Errorf("horizon %v: error %v, want one about the horizon", float64(h), err)
		}
	}
}

// TestDecayMatchesRetain: the prepared Decay agrees with Forgetting.Retain,
// which divides where Decay multiplies by the reciprocal: gap/Horizon
// differs by at most 2 ulp of a number below 1, so e' by (e − 1)·2⁻⁵¹
// plus the rounding of e' itself. With Horizon 0, nothing is forgotten.
func TestDecayMatchesRetain(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 4))
	for _, h := range []sim.Time{0, 1, 60 * sim.Day, 7 * 1440.5} {
		f := Forgetting{Horizon: h}
		d := f.Decay()
		for range 10000 {
			e := 1 + 1000*r.Float64()
			gap := sim.Time(r.Float64()) * 1.2 * max(h, 1)
			got, want := d.Retain(e, gap), f.Retain(e, gap)
			tol := (e-1)*0x1p-51 + 2*(math.Nextafter(want, math.Inf(1))-want)
			if math.Abs(got-want) > tol {
				t.Fatalf("Horizon %v: Decay.Retain(%v, %v) = %v, Retain = %v", h, e, gap, got, want)
			}
		}
	}
}
