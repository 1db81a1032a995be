package learning

import (
	"math"
	"testing"
)

// TestLawMatchesMultiplierAndErrorProb checks that a prepared Law gives the
// same bits as the methods it stands for, on a grid of experience from a
// novice to +Inf, for curves with and without learning.
func TestLawMatchesMultiplierAndErrorProb(t *testing.T) {
	t.Parallel()
	curves := []Curve{{Rate: 0.85, Floor: 0.5}, {Rate: 0.8}, {Rate: 1, Floor: 0.3}, {Rate: 0.999999, Floor: 0.1}}
	qualities := []Quality{{Initial: 0.1, Floor: 0.03, Rate: 0.9}, {Initial: 0.05, Rate: 1}, {Initial: 1, Floor: 0, Rate: 0.5}}
	es := []float64{1, math.Nextafter(1, 2), 1.5, 2, 3, 16, 199.99, 200, 1e4, 1e9, math.Inf(1)}
	for e := 1.0; e < 1e6; e *= 1.37 {
		es = append(es, e)
	}
	for _, e := range es {
		l := LevelOf(e)
		if l.Experience() != e {
			t.Fatalf("LevelOf(%v).Experience() = %v", e, l.Experience())
		}
		for i, c := range curves {
			if got, want := c.Law().At(l), c.Multiplier(e); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("curve %d, e=%v: Law().At = %v, Multiplier = %v", i, e, got, want)
			}
		}
		for i, q := range qualities {
			if got, want := q.Law().At(l), q.ErrorProb(e); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("quality %d, e=%v: Law().At = %v, ErrorProb = %v", i, e, got, want)
			}
		}
	}
	for _, e := range []float64{0.5, math.NaN()} {
		func() {
			defer func() {
				if r := recover(); r != "learning: experience below 1 or NaN" {
					t.Errorf("LevelOf(%v): panic %v", e, r)
				}
			}()
			LevelOf(e)
		}()
	}
}

// TestAddLevelMatchesAdd checks that a Trace filled through AddLevel holds
// the same bins as one filled through Add.
func TestAddLevelMatchesAdd(t *testing.T) {
	t.Parallel()
	var a, b Trace
	for e := 1.0; e < 3e6; e = e*1.09 + 0.3 {
		a.Add(e, e/7)
		b.AddLevel(LevelOf(e), e/7)
	}
	pa, pb := a.Points(), b.Points()
	if len(pa) != len(pb) {
		t.Fatalf("AddLevel gives %d points, Add %d", len(pb), len(pa))
	}
	for i := range pa {
		if pa[i] != pb[i] {
			t.Errorf("point %d: AddLevel %+v, Add %+v", i, pb[i], pa[i])
		}
	}
}

func TestLawScaled(t *testing.T) {
	t.Parallel()
	w := Curve{Floor: 0.4, Rate: 0.85}.Law()
	for _, f := range []float64{1, 0.5, 1 / 0.731} {
		s := w.Scaled(f)
		for _, e := range []float64{1, 2, 10.5, 1000} {
			l := LevelOf(e)
			// Independent: f·(M + (1−M)·e^(log₂ 0.85)) with math.Pow.
			want := f * (0.4 + 0.6*math.Pow(e, math.Log2(0.85)))
			if got := s.At(l); math.Abs(got-want) > 4e-16*want {
				t.Errorf("Scaled(%v).At(%v) = %v, want %v", f, e, got, want)
			}
		}
	}
}
