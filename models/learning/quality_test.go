package learning

import (
	"math"
	"strings"
	"testing"
)

func TestErrorProb(t *testing.T) {
	t.Parallel()
	q := Quality{Initial: 0.2, Floor: 0.02, Rate: 0.8}
	// A novice errs with the initial probability.
	if got := q.ErrorProb(1); got != 0.2 {
		t.Errorf("p(1) = %v, want 0.2", got)
	}
	// Each doubling multiplies the excess over the floor by the rate:
	// p(2) = 0.02 + 0.18·0.8, p(4) = 0.02 + 0.18·0.64.
	for _, c := range []struct{ e, want float64 }{{2, 0.02 + 0.18*0.8}, {4, 0.02 + 0.18*0.64}} {
		if got := q.ErrorProb(c.e); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("p(%v) = %v, want %v", c.e, got, c.want)
		}
	}
	// p → floor: p(10¹²) − floor = 0.18·10^(−12·log₂1.25) ≈ 2.5e-5.
	want := 0.02 + 0.18*math.Pow(1e12, math.Log2(0.8))
	if got := q.ErrorProb(1e12); math.Abs(got-want) > 1e-15 || got-0.02 > 1e-4 {
		t.Errorf("p(1e12) = %v, want %v", got, want)
	}
	// Rate 1: constant.
	c := Quality{Initial: 0.05, Floor: 0.01, Rate: 1}
	for _, e := range []float64{1, 10, 1e9} {
		if got := c.ErrorProb(e); got != 0.05 {
			t.Errorf("rate 1: p(%v) = %v, want 0.05", e, got)
		}
	}
}

func TestQualityValidate(t *testing.T) {
	t.Parallel()
	for _, q := range []Quality{{Rate: 1}, {Initial: 1, Floor: 1, Rate: 0.5}, {Initial: 0.1, Floor: 0.01, Rate: 0.9}} {
		if err := q.Validate(); err != nil {
			t.Errorf("%+v: %v", q, err)
		}
	}
	for i, c := range []struct {
		q    Quality
		want []string
	}{
		{Quality{}, []string{"rate (0)"}},
		{Quality{Initial: 1.5, Rate: 1}, []string{"initial error probability (1.5) must be between 0 and 1"}},
		{Quality{Initial: 0.1, Floor: 0.2, Rate: 1}, []string{"floor (0.2) must not exceed the initial error probability (0.1)"}},
		{Quality{Initial: 0.1, Floor: -0.1, Rate: 1}, []string{"floor (-0.1) must be between 0 and 1"}},
		{Quality{Initial: math.NaN(), Floor: 0, Rate: 1.1}, []string{"initial error probability (NaN)", "rate (1.1)"}},
	} {
		err := c.q.Validate()
		if err == nil {
			t.Errorf("case %d: %+v is valid, want errors %q", i, c.q, c.want)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("case %d: error %q, want it to contain %q", i, err, w)
			}
		}
	}
}
