package dist

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// The unit normal's quantile Φ⁻¹, for the lognormal, the most frequent
// effort distribution: drawn at nearly every work item, where
// mathext.NormalQuantile (Wichura's AS 241, a rational function of degree
// 7 with a division, and a logarithm and a square root in the tails) took
// a tenth of a state-year run.
//
// Between p = normLo/normN ≈ 0.02 and 1 − that, which holds 96 % of the
// draws, unitNormalQuantile interpolates a table instead: the quintic
// Hermite polynomial through Φ⁻¹ and its first two derivatives, 1/φ(Φ⁻¹)
// and Φ⁻¹/φ(Φ⁻¹)², at the ends of each of the normN intervals of width
// h = 1/normN, kept as the polynomial's six coefficients per interval
// (23 KiB, small enough to stay in the processor's nearest caches). Its
// error is at most max|(Φ⁻¹)⁽⁶⁾|·h⁶/(6!·4³) over the interval (the Hermite
// remainder), which grows towards the tails and is below 10⁻⁹ at p = 0.02;
// a lognormal's quantile exp(μ + σ·z) is then off by a relative σ·10⁻⁹ at
// most. TestNormalQuantileTable checks the bound against an independent
// computation. Outside the table, unitNormalQuantile is
// mathext.NormalQuantile.
const (
	normN  = 512
	normLo = 10 // first interval in the table: p ≥ 10/512 ≈ 0.0195
	normHi = normN - normLo
)

// normPoly[i−normLo] are the coefficients c₀…c₅ of Φ⁻¹(p) ≈ Σ cₖtᵏ for
// p = (i + t)/normN, t ∈ [0, 1).
var normPoly = func() (poly [normHi - normLo][6]float64) {
	const h = 1.0 / normN
	// z, dz/dt = h/φ(z) and d²z/dt² = h²·z/φ(z)² at p = i·h.
	z := func(i int) (v, d, s float64) {
		v = mathext.NormalQuantile(float64(i) * h)
		inv := math.Sqrt(2*math.Pi) * math.Exp(v*v/2) // 1/φ(v)
		return v, h * inv, h * h * v * inv * inv
	}
	for i := normLo; i < normHi; i++ {
		y0, d0, s0 := z(i)
		y1, d1, s1 := z(i + 1)
		dy := y1 - y0
		poly[i-normLo] = [6]float64{
			y0, d0, s0 / 2,
			10*dy - 6*d0 - 4*d1 - (3*s0-s1)/2,
			-15*dy + 8*d0 + 7*d1 + (3*s0-2*s1)/2,
			6*dy - 3*(d0+d1) - (s0-s1)/2,
		}
	}
	return poly
}()

// unitNormalQuantile returns Φ⁻¹(p) for 0 ≤ p ≤ 1, from the table where it
// has one (see above).
func unitNormalQuantile(p float64) float64 {
	x := p * normN
	i := int(x) // p ≥ 0: truncation is floor
	if i < normLo || i >= normHi {
		return mathext.NormalQuantile(p)
	}
	t := x - float64(i)
	c := &normPoly[i-normLo]
	// Estrin's scheme, a shorter chain than Horner's; float64(·): no fused
	// multiply-add, the same bits on every platform.
	t2 := float64(t * t)
	a := c[0] + float64(t*c[1])
	b := c[2] + float64(t*c[3])
	d := c[4] + float64(t*c[5])
	return a + (float64(t2*b) + float64(float64(t2*t2)*d))
}
