package stats_test

import (
	"math"
	"testing"

	"zsa/sim/stats"
)

func TestTimeWeighted(t *testing.T) {
	t.Parallel()
	// Queue length: 0 on [0,2), 3 on [2,5), 1 on [5,6), 4 on [6,6) (zero
	// duration), 2 from 6 on. Integral to 10 by hand:
	// 0·2 + 3·3 + 1·1 + 2·4 = 18, time average 18/10 = 1.8.
	var w stats.TimeWeighted
	w.Set(0, 0)
	w.Set(2, 3)
	w.Set(5, 1)
	w.Set(6, 4)
	w.Set(6, 2)
	cases := []struct {
		t, integral, mean float64
	}{
		{6, 10, 10.0 / 6}, // 0·2 + 3·3 + 1·1
		{8, 14, 14.0 / 8}, // + 2·2
		{10, 18, 1.8},
	}
	for i, c := range cases {
		checkClose(t, "integral", w.Integral(c.t), c.integral, 1e-15)
		if got := w.Mean(c.t); math.Abs(got-c.mean) > 1e-15 {
			t.Errorf("case %d: Mean(%v) = %v, want %v", i, c.t, got, c.mean)
		}
	}
	if w.Max() != 4 || w.Current() != 2 {
		t.Errorf("max, current = %v, %v; want 4, 2", w.Max(), w.Current())
	}

	// Discard [0, 6) keeping the current value 2: the window is [6, 10]
	// with value 2 throughout, so the mean and the max are 2 (the 4 held
	// for zero time at 6, before the reset, is forgotten).
	w.Reset(6, w.Current())
	checkClose(t, "after Reset at 6: Integral(10)", w.Integral(10), 8, 1e-15) // 2·4
	checkClose(t, "after Reset at 6: Mean(10)", w.Mean(10), 2, 1e-15)
	if w.Max() != 2 {
		t.Errorf("after Reset at 6: max = %v, want 2", w.Max())
	}

	// Warm-up [0, 5) discarded: 1 on [5,6), 2 on [6,10] gives an integral
	// of 1 + 8 = 9 over 5 minutes, mean 1.8; the max seen is 2, not 3.
	w = stats.TimeWeighted{}
	w.Set(0, 0)
	w.Set(2, 3)
	w.Set(5, 1)
	w.Reset(5, w.Current())
	w.Set(6, 2)
	checkClose(t, "after Reset at 5: Integral(10)", w.Integral(10), 9, 1e-15)
	checkClose(t, "after Reset at 5: Mean(10)", w.Mean(10), 1.8, 1e-15)
	if w.Max() != 2 {
		t.Errorf("after Reset at 5: max = %v, want 2", w.Max())
	}
}

func TestTimeWeightedStartsAtFirstSet(t *testing.T) {
	t.Parallel()
	// Window [4, 10]: 2 on [4,7), 5 on [7,10]: (6 + 15)/6 = 3.5.
	var w stats.TimeWeighted
	w.Set(4, 2)
	w.Set(7, 5)
	checkClose(t, "Mean(10)", w.Mean(10), 3.5, 1e-15)
}

func TestTimeWeightedEmpty(t *testing.T) {
	t.Parallel()
	var w stats.TimeWeighted
	if !math.IsNaN(w.Mean(5)) || !math.IsNaN(w.Max()) || !math.IsNaN(w.Current()) || w.Integral(5) != 0 {
		t.Errorf("zero value: Mean, Max, Current, Integral = %v, %v, %v, %v; want NaN, NaN, NaN, 0",
			w.Mean(5), w.Max(), w.Current(), w.Integral(5))
	}
	w.Set(3, 7)
	if !math.IsNaN(w.Mean(3)) {
		t.Errorf("empty window [3, 3]: Mean = %v, want NaN", w.Mean(3))
	}
	w.Reset(8, 1)
	if !math.IsNaN(w.Mean(8)) {
		t.Errorf("empty window after Reset: Mean = %v, want NaN", w.Mean(8))
	}
}

func TestTimeWeightedPanics(t *testing.T) {
	t.Parallel()
	newW := func() *stats.TimeWeighted {
		w := &stats.TimeWeighted{}
		w.Set(1, 1)
		w.Set(5, 2)
		return w
	}
	const back = "stats: time went backwards"
	checkPanics(t, "Set", back, func() { newW().Set(4, 0) })
	checkPanics(t, "Reset", back, func() { newW().Reset(4, 0) })
	checkPanics(t, "Mean", back, func() { newW().Mean(4) })
	checkPanics(t, "Integral", back, func() { newW().Integral(4) })
	checkPanics(t, "Set NaN", "stats: time is NaN", func() { newW().Set(math.NaN(), 0) })
	checkPanics(t, "first Set NaN", "stats: time is NaN", func() {
		var w stats.TimeWeighted
		w.Set(math.NaN(), 0)
	})
}

func TestTimeWeightedSetAllocs(t *testing.T) {
	var w stats.TimeWeighted
	now := 0.0
	if a := testing.AllocsPerRun(1000, func() { w.Set(now, now); now++ }); a != 0 {
		t.Errorf("TimeWeighted.Set: %v allocs per call, want 0", a)
	}
}

func BenchmarkTimeWeightedSet(b *testing.B) {
	b.ReportAllocs()
	var w stats.TimeWeighted
	now, v := 0.0, 0.0
	for b.Loop() {
		w.Set(now, v)
		now += 0.25
		v = 3 - v
	}
}
