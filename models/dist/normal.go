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
// draws, normalQuantile interpolates a table instead: the cubic Hermite
// polynomial through Φ⁻¹ and its exact derivative 1/φ(Φ⁻¹) at the ends of
// each of the normN intervals of width h = 1/normN, kept as the
// polynomial's four coefficients per interval (62 KiB). Its error is at
// most h⁴/384·max|(Φ⁻¹)⁗| over the interval (the Hermite remainder), which
// grows towards the tails and is below 2·10⁻⁹ at p = 0.02; a lognormal's
// quantile exp(μ + σ·z) is then off by a relative σ·2·10⁻⁹ at most.
// TestNormalQuantileTable checks the bound against mathext.NormalQuantile.
// Outside the table, unitNormalQuantile is mathext.NormalQuantile.
const (
	normN  = 2048
	normLo = 41 // first interval in the table
	normHi = normN - normLo
)

// normPoly[i−normLo] are the coefficients c₀…c₃ of Φ⁻¹(p) ≈ c₀ + c₁t + c₂t²
// + c₃t³ for p = (i + t)/normN, t ∈ [0, 1).
var normPoly = func() (poly [normHi - normLo][4]float64) {
	const h = 1.0 / normN
	z := func(i int) (float64, float64) {
		v := mathext.NormalQuantile(float64(i) * h)
		// dz/dt = h/φ(z), φ the unit normal's density.
		return v, h * math.Sqrt(2*math.Pi) * math.Exp(v*v/2)
	}
	for i := normLo; i < normHi; i++ {
		z0, d0 := z(i)
		z1, d1 := z(i + 1)
		poly[i-normLo] = [4]float64{z0, d0, 3*(z1-z0) - 2*d0 - d1, 2*(z0-z1) + d0 + d1}
	}
	return poly
}()

// unitNormalQuantile returns Φ⁻¹(p) for 0 ≤ p ≤ 1, from the table where it has
// one (see above).
func unitNormalQuantile(p float64) float64 {
	x := p * normN
	i := int(x) // p ≥ 0: truncation is floor
	if i < normLo || i >= normHi {
		return mathext.NormalQuantile(p)
	}
	t := x - float64(i)
	c := &normPoly[i-normLo]
	// float64(·): no fused multiply-add, the same bits on every platform.
	return c[0] + float64(t*(c[1]+float64(t*(c[2]+float64(t*c[3])))))
}
