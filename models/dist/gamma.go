package dist

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"

	"zsa/models/xmath"
)

// Limits on the coefficient of variation of GammaMeanCV. Below gammaMinCV
// (shape above 10,000) the distribution is practically deterministic and
// building the table gets slow; above gammaMaxCV (shape below 1/25) the
// table's interpolation error in the body exceeds 3·10⁻⁴, and such a
// distribution (median below a thousandth of the mean) is no sensible
// model of effort anyway.
const (
	gammaMinCV = 0.01
	gammaMaxCV = 5
)

// The quantile table of GammaMeanCV: ln Q at gammaN+1 points uniform in the
// logit t = ln(p/(1−p)) on [−gammaT, gammaT]. gammaT = 37 covers every p
// that U returns (2⁻⁵³ ≤ p ≤ 1−2⁻⁵³, |t| ≤ 36.74) and every float64 p < 1.
const (
	gammaN    = 4096
	gammaT    = 37.0
	gammaInvH = gammaN / (2 * gammaT)
)

// GammaMeanCV returns the gamma distribution with the given mean in
// minutes (positive, finite) and coefficient of variation cv (standard
// deviation over mean, 0.01 ≤ cv ≤ 5):
//
//	shape k = 1/cv²,  rate β = k/mean,  density f(x) = βᵏ xᵏ⁻¹ e^(−βx) / Γ(k).
//
// cv = 1 is the exponential distribution; smaller cv are less skewed.
//
// The quantile has no closed form, and inverting the incomplete gamma
// function takes microseconds, so GammaMeanCV tabulates ln Q at 4,097
// points uniform in the logit t = ln(p/(1−p)), |t| ≤ 37, when it is built
// (a few milliseconds, 32 KiB), and Quantile interpolates ln Q linearly in
// t: a logarithm, a look-up and an exponential, about 30 ns. In these
// coordinates both tails are nearly straight lines (ln Q ≈ (ln p +
// ln Γ(k+1))/k − ln β for small p; Q ≈ −ln(1−p)/β for p near 1), so the
// relative error of Quantile is about 10⁻⁵·cv² in the body (below 3·10⁻⁴
// for every cv up to 5) and below 10⁻⁵ in the tails (p < 0.001 or
// p > 0.999), for every p the table covers: all p ≥ 8.6·10⁻¹⁷, which
// includes every value of U. Smaller p are solved exactly (slowly). Both
// bounds are tested through the forward functions P and Q.
//
// The table is computed with a safeguarded Newton iteration on
// ln P(k, e^u) (or ln Q) in u = ln x, using the series of the lower
// incomplete gamma function (Abramowitz & Stegun 6.5.29) and
// mathext.GammaIncRegComp. It does not use distuv.Gamma.Quantile, whose
// mathext.GammaIncRegInv loses accuracy in the lower tail for k < 1 (for
// k = 1/9 and p = 0.01 it returns 16 times the true quantile).
//
// Mean returns the exact mean, not the mean of the interpolated quantile
// function (which differs by less than the interpolation error).
func GammaMeanCV(mean, cv float64) (Dist, error) {
	if err := checkPositive("gamma", "mean", mean, true); err != nil {
		return nil, err
	}
	if err := checkPositive("gamma", "cv", cv, false); err != nil {
		return nil, err
	}
	if cv < gammaMinCV || cv > gammaMaxCV {
		return nil, fmt.Errorf("gamma: cv (%v) must be between %v and %v (use const for less variation, lognormal for more)",
			cv, gammaMinCV, gammaMaxCV)
	}
	k := 1 / (cv * cv)
	g := gammaDist{mean: mean, cv: cv, shape: k, lnScale: math.Log(mean) - math.Log(k)}
	g.lnQ = make([]float64, gammaN+1)
	u := math.NaN() // no first guess; then each root starts the next search
	for i := range g.lnQ {
		t := -gammaT + float64(i)*(2*gammaT/gammaN)
		u = gammaLogQuantile(k, t, u)
		g.lnQ[i] = u + g.lnScale
	}
	return g, nil
}

type gammaDist struct {
	mean, cv float64
	shape    float64   // k = 1/cv²
	lnScale  float64   // ln(1/β) = ln(mean/k)
	lnQ      []float64 // ln Q at t = −gammaT + i·2·gammaT/gammaN
}

func (g gammaDist) Mean() float64 { return g.mean }

func (g gammaDist) Quantile(p float64) float64 {
	if !(p > 0 && p < 1) {
		checkProb(p)
		if p == 0 {
			return 0
		}
		return math.Inf(1)
	}
	t := math.Log(p / (1 - p))
	s := (t + gammaT) * gammaInvH
	if !(s >= 0 && s < gammaN) {
		return math.Exp(gammaLogQuantile(g.shape, t, math.NaN()) + g.lnScale)
	}
	i := int(s)
	f := s - float64(i)
	y0 := g.lnQ[i]
	// float64(·) keeps arm64 from fusing the multiply-add: same bits everywhere.
	return xmath.Exp(y0 + float64(f*(g.lnQ[i+1]-y0)))
}

func (g gammaDist) String() string {
	return "gamma(mean=" + formatDuration(g.mean) + ", cv=" + formatNumber(g.cv) + ")"
}

// gammaLogQuantile returns ln x where x is the quantile of the standard
// gamma distribution (shape k, rate 1) at the probability p with logit
// t = ln(p/(1−p)). Start is a first guess of ln x; NaN means none.
//
// It solves ln P(k, e^u) = ln p for t ≤ 0 and ln Q(k, e^u) = ln(1−p) for
// t > 0 (P, Q the regularised lower and upper incomplete gamma functions)
// by Newton's method in u = ln x, kept inside a bracket by bisection. ln X
// has the log-concave density exp(k·u − e^u)/Γ(k), so both ln P and ln Q
// are concave in u and Newton's method converges from any start once it
// is on the right side of the root (Bagnoli & Bergstrom 2005, Theorem 1).
func gammaLogQuantile(k, t, start float64) float64 {
	lgk, _ := math.Lgamma(k)
	lgk1 := lgk + math.Log(k) // ln Γ(k+1)
	upper := t > 0
	var target float64 // ln p or ln(1−p)
	if upper {
		target = -t - math.Log1p(math.Exp(-t))
	} else {
		target = t - math.Log1p(math.Exp(t))
	}
	u := start
	if math.IsNaN(u) {
		// For the lower tail P(k, x) ≤ xᵏ/Γ(k+1), so this is left of the root.
		u = math.Min((target+lgk1)/k, math.Log(k+1))
	}
	// g(u) is increasing in u; g' = x·f(x)/P (or /Q) with f the density.
	eval := func(u float64) (g, dg float64) {
		x := math.Exp(u)
		var l float64
		if upper {
			l = logGammaQ(k, lgk1, u, x)
			g = target - l
		} else {
			l = logGammaP(k, lgk1, u, x)
			g = l - target
		}
		return g, math.Exp(k*u - x - lgk - l)
	}
	lo, hi := math.Inf(-1), math.Inf(1)
	for range 200 {
		g, dg := eval(u)
		switch {
		case g == 0:
			return u
		case g < 0:
			lo = u
		case g > 0:
			hi = u
		default: // NaN: u far out of range; step back
			if u > 0 {
				hi = u
			} else {
				lo = u
			}
		}
		next := u - g/dg
		if !(next > lo && next < hi) {
			switch {
			case math.IsInf(hi, 1):
				next = u + 1 + math.Abs(u)
			case math.IsInf(lo, -1):
				next = u - 1 - math.Abs(u)
			default:
				next = lo + (hi-lo)/2
			}
		}
		if math.Abs(next-u) <= 4e-15*math.Max(1, math.Abs(u)) {
			return next
		}
		u = next
	}
	return u
}

// logGammaP returns ln P(k, x), x = e^u, lgk1 = ln Γ(k+1). For x < k+1 it
// sums the series P(k, x) = xᵏe^(−x)/Γ(k+1) · Σₙ xⁿ/((k+1)⋯(k+n))
// (Abramowitz & Stegun 6.5.29) in logarithms, which neither underflows nor
// loses relative accuracy for tiny x; otherwise P = 1 − Q is not small.
func logGammaP(k, lgk1, u, x float64) float64 {
	if x < k+1 {
		sum, term := 1.0, 1.0
		for n := 1.0; n < 1e6; n++ {
			term *= x / (k + n)
			sum += term
			if term < 1e-17*sum {
				break
			}
		}
		return k*u - x - lgk1 + math.Log(sum)
	}
	return math.Log1p(-mathext.GammaIncRegComp(k, x))
}

// logGammaQ returns ln Q(k, x), x = e^u: mathext.GammaIncRegComp (Cephes
// igamc, a continued fraction with small relative error) for x > k+1,
// otherwise ln(1 − P) with P from logGammaP.
func logGammaQ(k, lgk1, u, x float64) float64 {
	if x > k+1 {
		return math.Log(mathext.GammaIncRegComp(k, x))
	}
	return math.Log1p(-math.Exp(logGammaP(k, lgk1, u, x)))
}
