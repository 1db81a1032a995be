package stats_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"zsa/sim/stats"
)

func TestPairedDiffByHand(t *testing.T) {
	t.Parallel()
	a := []float64{10, 12, 14}
	b := []float64{11, 14, 15}
	p, err := stats.PairedDiff(a, b)
	if err != nil {
		t.Fatal(err)
	}
	// Differences d = [1 2 1]: mean 4/3, s² = (1/9 + 4/9 + 1/9)/2 = 1/3,
	// StdErr = √(1/9) = 1/3; t_{0.975,2} = 0.95/√(2·0.975·0.025) (closed
	// form for 2 degrees of freedom) = 4.30265272974946.
	tq := 0.95 / math.Sqrt(2*0.975*0.025)
	checkClose(t, "Diff.Mean", p.Diff.Mean, 4.0/3, 1e-15)
	checkClose(t, "Diff.StdDev", p.Diff.StdDev, math.Sqrt(1.0/3), 1e-15)
	checkClose(t, "Diff.HalfWidth", p.Diff.HalfWidth, tq/3, 1e-12)
	checkClose(t, "MeanA", p.MeanA, 12, 1e-15)
	checkClose(t, "MeanB", p.MeanB, 40.0/3, 1e-15)
	// R̂ = (40/3)/12 = 10/9, Rel = 1/9. Covariance form of the delta
	// method: s_a² = 4, s_b² = 13/3, s_ab = 4, so
	// s_b² − 2R̂·s_ab + R̂²·s_a² = 13/3 − 80/9 + 400/81 = 31/81 and
	// Var(R̂) = (31/81)/(3·12²) = 31/34992.
	// On the log scale, se(log R̂) = √Var(R̂)/R̂, and the limits are
	// R̂·exp(∓t·se) − 1.
	checkClose(t, "Rel", p.Rel, 1.0/9, 1e-15)
	se := math.Sqrt(31.0/34992) / (10.0 / 9)
	checkClose(t, "RelLo", p.RelLo, 10.0/9*math.Exp(-tq*se)-1, 1e-12) // ≈ −0.0081
	checkClose(t, "RelHi", p.RelHi, 10.0/9*math.Exp(tq*se)-1, 1e-12)  // ≈ +0.2451
}

func TestPairedDiffCorrelated(t *testing.T) {
	t.Parallel()
	// Common random numbers: each replication shares a large random
	// component (σ = 10) between the arms; arm b adds 0.5 and its own
	// small noise (σ = 1 per arm).
	const n = 20
	rng := rand.New(rand.NewPCG(1, 2))
	a, b := make([]float64, n), make([]float64, n)
	for i := range n {
		common := 100 + 10*rng.NormFloat64()
		a[i] = common + rng.NormFloat64()
		b[i] = common + 0.5 + rng.NormFloat64()
	}
	p, err := stats.PairedDiff(a, b)
	if err != nil {
		t.Fatal(err)
	}
	// Unpaired (two-sample, equal n) interval for the same difference:
	// t_{0.975, 2n−2} · √(s_a²/n + s_b²/n), ignoring the correlation.
	sa, sb := stats.Summarize(a), stats.Summarize(b)
	// t_{0.975,39} (A&S 26.7.3 needs odd df) is below t_{0.975,38}, so
	// this unpaired half-width errs on the narrow side, against the test.
	tq := tQuantileOdd(0.975, 2*n-1)
	unpaired := tq * math.Sqrt(sa.StdErr*sa.StdErr+sb.StdErr*sb.StdErr)
	// Var(b − a) = 2 against Var(a) + Var(b) = 202: the paired interval
	// should be about √101 ≈ 10 times narrower; ask for 3.
	if !(3*p.Diff.HalfWidth < unpaired) {
		t.Errorf("paired half-width %v not well below unpaired %v", p.Diff.HalfWidth, unpaired)
	}
	if !p.Diff.Covers(0.5) {
		t.Errorf("paired interval [%v, %v] misses the true difference 0.5", p.Diff.Lo(), p.Diff.Hi())
	}
	// The true relative change is 0.5/100 = 0.005. With R̂ ≈ 1 the
	// residuals b − R̂·a are ≈ the differences (the correction
	// (R̂ − 1)·(a − ā) has variance ≈ 100·(R̂ − 1)² ≪ 2), so the relative
	// half-width is ≈ Diff.HalfWidth/ā, and like it far below the unpaired
	// one.
	if !(p.RelLo <= 0.005 && 0.005 <= p.RelHi) {
		t.Errorf("relative interval [%v, %v] misses the true change 0.005", p.RelLo, p.RelHi)
	}
	// Near R̂ = 1 the log interval is ≈ symmetric, with half-width
	// ≈ Diff.HalfWidth/ā.
	half := (p.RelHi - p.RelLo) / 2
	if want := p.Diff.HalfWidth / p.MeanA; math.Abs(half-want) > 0.05*want {
		t.Errorf("relative half-width = %v, want %v within 5%%", half, want)
	}
	if !(3*half < unpaired/p.MeanA) {
		t.Errorf("relative half-width %v not well below unpaired %v", half, unpaired/p.MeanA)
	}
}

func TestPairedDiffErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		a, b []float64
		want error
	}{
		{[]float64{1, 2, 3}, []float64{1, 2}, stats.ErrLengthMismatch},
		{nil, []float64{1}, stats.ErrLengthMismatch},
		{[]float64{1}, []float64{2}, stats.ErrTooFew},
		{nil, nil, stats.ErrTooFew},
	}
	for i, c := range cases {
		if _, err := stats.PairedDiff(c.a, c.b); !errors.Is(err, c.want) {
			t.Errorf("case %d: error = %v, want %v", i, err, c.want)
		}
	}
}

func TestPairedDiffZeroBaseline(t *testing.T) {
	t.Parallel()
	// ā = 0: the relative change is undefined, the difference is not.
	p, err := stats.PairedDiff([]float64{-1, 1}, []float64{0, 4})
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(p.Rel) || !math.IsNaN(p.RelLo) || !math.IsNaN(p.RelHi) || p.Diff.Mean != 2 {
		t.Errorf("Rel, RelLo, RelHi, Diff.Mean = %v, %v, %v, %v; want NaN, NaN, NaN, 2",
			p.Rel, p.RelLo, p.RelHi, p.Diff.Mean)
	}
	// A quantity that can be negative (a backlog's growth): no relative
	// change, which would read −583 % for 0.02 → −0.08.
	p, _ = stats.PairedDiff([]float64{0.01, 0.03}, []float64{-0.09, -0.07})
	if !math.IsNaN(p.Rel) || !math.IsNaN(p.RelLo) {
		t.Errorf("relative change to a negative mean: %v [%v, %v], want NaN", p.Rel, p.RelLo, p.RelHi)
	}
}

func TestRelativeChangeStaysInRange(t *testing.T) {
	t.Parallel()
	// Two replications of a large decrease with much spread between them:
	// R̂ = 7/92, s_e large. The symmetric delta interval R̂ − 1 ± t·se
	// reaches below −100 % here (t_{0.975,1} = 12.7); the log interval
	// must not.
	a := []float64{100, 84}
	b := []float64{4, 10}
	p, err := stats.PairedDiff(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if !(p.RelLo > -1 && p.RelLo < p.Rel && p.Rel < p.RelHi) {
		t.Errorf("relative interval [%v, %v] around %v: want −1 < lo < rel < hi", p.RelLo, p.RelHi, p.Rel)
	}
	// The same check as the symmetric interval would have made, to show
	// that this case is one that needs the log scale.
	r := p.MeanB / p.MeanA
	var ss float64
	for i := range a {
		e := b[i] - r*a[i]
		ss += e * e
	}
	if sym := r - 1 - 12.706204736174707*math.Sqrt(ss/2)/p.MeanA; sym > -1 {
		t.Errorf("symmetric lower limit %v: the test case no longer leaves the range", sym)
	}
	// All zeros in b: −100 % exactly, with no spread.
	p, _ = stats.PairedDiff([]float64{3, 5}, []float64{0, 0})
	if p.Rel != -1 || p.RelLo != -1 || p.RelHi != -1 {
		t.Errorf("b all zero: rel [lo, hi] = %v [%v, %v], want −1 [−1, −1]", p.Rel, p.RelLo, p.RelHi)
	}
}

func TestRelativeChangeCoverage(t *testing.T) {
	t.Parallel()
	// Paired replications with a common component, as under common random
	// numbers: a = 100 + 10·Z1, b = 40 + 4·Z1 + 3·Z2, so E[b]/E[a] − 1 =
	// −0.6 exactly. Over 4,000 trials the 95 % interval must cover −0.6
	// in 95 % ± 3 binomial standard errors (√(0.95·0.05/4000) = 0.0034),
	// loosened by 1.5 points for the delta method's small-sample error with
	// 3 pairs (measured: 0.94–0.95).
	const trials = 4000
	for _, n := range []int{3, 5} {
		rng := rand.New(rand.NewPCG(7, uint64(n)))
		a, b := make([]float64, n), make([]float64, n)
		covered := 0
		for range trials {
			for i := range n {
				z1, z2 := rng.NormFloat64(), rng.NormFloat64()
				a[i] = 100 + 10*z1
				b[i] = 40 + 4*z1 + 3*z2
			}
			p, err := stats.PairedDiff(a, b)
			if err != nil {
				t.Fatal(err)
			}
			if p.RelLo <= -0.6 && -0.6 <= p.RelHi {
				covered++
			}
		}
		cov := float64(covered) / trials
		t.Logf("n=%d: coverage %.4f", n, cov)
		if tol := 3*math.Sqrt(0.95*0.05/trials) + 0.015; math.Abs(cov-0.95) > tol {
			t.Errorf("n=%d: coverage %.4f, want 0.95 ± %.4f", n, cov, tol)
		}
	}
}
