package fit

import (
	"maps"
	"math"
	"slices"

	"gonum.org/v1/gonum/optimize"
)

// Bounds of the learning parameters searched: LR in [minRate, 1] and the
// floor M in [0, maxFloor]. A learning rate below 0.3 (effort falling to
// 30 % with every doubling of experience) is far outside what clerical
// work shows (0.80–0.90, see models/learning).
const (
	minRate  = 0.3
	maxFloor = 0.99
	// chi2_95 is the 95 % quantile of χ² with one degree of freedom: the
	// profile-likelihood interval keeps the values whose log-likelihood is
	// within chi2_95/2 of the maximum (Wilks' theorem).
	chi2_95 = 3.841458820694124
)

// Curve is a learning curve estimated from the clerks' sequences of work
// items: De Jong's (1957) form of Wright's (1936) law, as the simulator
// applies it (models/learning.Curve, models.Service.Reference): the touch
// time of an item that a clerk starts with experience e is
//
//	y = x·m(e)/m(e_ref),  m(e) = M + (1 − M)·e^(−b),  b = −log₂ LR,
//
// with x drawn from the step's effort distribution for the reference
// clerk (experience e_ref), and e = n₀ + k: the clerk's prior experience
// n₀ plus the k items of the service it started before this one, in log
// order. Curve is estimated as the nonlinear regression
//
//	ln y = a_j + ln m(e) + ε,  ε ~ N(0, σ_j²)
//
// with a level a_j and a spread σ_j per step j, by maximum likelihood: a_j
// and σ_j have closed forms given (LR, M), so LR and M maximise the
// profile log-likelihood (Nelder–Mead from the best point of a grid). The
// estimates of LR and M do not need lognormal efforts: any effort
// distribution whose logarithm has a constant variance gives the same
// least-squares fit; the intervals assume that the items are independent
// given the curve (no clerk is faster than another).
type Curve struct {
	// Step is the step whose items were used; "" for all steps of the
	// service.
	Step string
	// N is the number of work items, Clerks the number of clerks.
	N, Clerks int
	// Rate is LR, Floor is M.
	Rate, Floor float64
	// RateCI and FloorCI are 95 % profile-likelihood intervals: the values
	// whose profile log-likelihood (the other parameter re-estimated) is
	// within χ²₁(0.95)/2 of the maximum. An end at the bound searched
	// (0.3 or 1 for LR, 0 or 0.99 for M) means the data do not exclude
	// the bound.
	RateCI, FloorCI [2]float64
	// RateSE and FloorSE are standard errors from the observed information
	// (the inverse Hessian of the profile log-likelihood); NaN where the
	// estimate lies on a bound, where the Hessian says nothing.
	RateSE, FloorSE float64
	// LogLik is the maximised log-likelihood of ln y.
	LogLik float64
	// Prior is n₀, the experience assumed for each clerk at its first
	// item in the log; Reference is e_ref, the experience for which the
	// effort distributions are given (the median experience of the items).
	Prior, Reference float64
	// PriorProfile is the maximised log-likelihood for other values of
	// n₀ (LR and M re-estimated), and PriorIdentified whether the assumed
	// n₀ is better than all of them by χ²₁(0.95)/2: if not, either another
	// n₀ fits clearly better or the log cannot tell prior experience from
	// the floor and the rate.
	PriorProfile    []PriorPoint
	PriorIdentified bool
	// Bins are the observed relative efforts by experience, for the chart:
	// the geometric mean of y/exp(â_j)·m̂(e_ref) in bins of experience.
	Bins []CurveBin

	cov   [2][2]float64 // covariance of (LR, M), if both SEs are finite
	covOK bool
}

// PriorPoint is the profile log-likelihood at one prior experience.
type PriorPoint struct {
	Prior, LogLik, Rate, Floor float64
}

// CurveBin is a bin of experience with the geometric mean of the relative
// efforts of its items.
type CurveBin struct {
	Experience, Relative float64 // geometric means in the bin
	N                    int
}

// Multiplier returns m(e) of c (models/learning.Curve.Multiplier).
func (c Curve) Multiplier(e float64) float64 { return multiplier(c.Rate, c.Floor, e) }

// Relative returns m(e)/m(Reference), the factor the simulator applies to
// a drawn effort at experience e.
func (c Curve) Relative(e float64) float64 { return c.Multiplier(e) / c.Multiplier(c.Reference) }

// relativeBand returns the 95 % pointwise interval of ln(m(e)/m(e_ref))
// by the delta method from the covariance of (LR, M), as factors; ok is
// false if the covariance is not available.
func (c Curve) relativeBand(e float64) (lo, hi float64, ok bool) {
	if !c.covOK {
		return 0, 0, false
	}
	f := func(r, m float64) float64 { return math.Log(multiplier(r, m, e) / multiplier(r, m, c.Reference)) }
	const h = 1e-6
	g0 := (f(c.Rate+h, c.Floor) - f(c.Rate-h, c.Floor)) / (2 * h)
	g1 := (f(c.Rate, c.Floor+h) - f(c.Rate, c.Floor-h)) / (2 * h)
	v := g0*g0*c.cov[0][0] + 2*g0*g1*c.cov[0][1] + g1*g1*c.cov[1][1]
	if !(v >= 0) {
		return 0, 0, false
	}
	mid, sd := f(c.Rate, c.Floor), math.Sqrt(v)
	return math.Exp(mid - 1.959963984540054*sd), math.Exp(mid + 1.959963984540054*sd), true
}

// multiplier is m(e) = M + (1 − M)·e^(log₂ LR), as learning.Curve.
func multiplier(rate, floor, e float64) float64 {
	return floor + (1-floor)*math.Exp(math.Log(rate)*math.Log(e)/math.Ln2)
}

// workItem is a work item as the learning estimate sees it.
type workItem struct {
	step int     // index of the step
	k    int     // items of the service the clerk started before
	z    float64 // ln touch time (minutes)
}

// bucket sums the items of one step at one experience count k.
type bucket struct {
	step, ki  int     // step, index of k in curveData.ks
	n, s1, s2 float64 // count, Σ z, Σ z²
}

// curveData is the work items of a curve, summed by step and k.
type curveData struct {
	buckets []bucket
	steps   int
	ks      []int     // the distinct experience counts k, ascending
	logE    []float64 // ln(n₀ + k) of each k
	logM    []float64 // scratch: ln m(n₀ + k)
	acc     []float64 // scratch, 3 per step
}

func newCurveData(items []workItem, steps int) *curveData {
	type key struct{ step, k int }
	at := map[key]int{}
	kSet := map[int]bool{}
	d := &curveData{steps: steps, acc: make([]float64, 3*steps)}
	var bs []struct {
		key
		n, s1, s2 float64
	}
	for _, it := range items {
		i, ok := at[key{it.step, it.k}]
		if !ok {
			i = len(bs)
			at[key{it.step, it.k}] = i
			bs = append(bs, struct {
				key
				n, s1, s2 float64
			}{key: key{it.step, it.k}})
			kSet[it.k] = true
		}
		bs[i].n++
		bs[i].s1 += it.z
		bs[i].s2 += it.z * it.z
	}
	d.ks = slices.Sorted(maps.Keys(kSet))
	kIdx := map[int]int{}
	for i, k := range d.ks {
		kIdx[k] = i
	}
	for _, b := range bs {
		d.buckets = append(d.buckets, bucket{step: b.step, ki: kIdx[b.k], n: b.n, s1: b.s1, s2: b.s2})
	}
	// Sums in a fixed order: the same bits whatever the map's order.
	slices.SortFunc(d.buckets, func(a, b bucket) int {
		if a.step != b.step {
			return a.step - b.step
		}
		return a.ki - b.ki
	})
	d.logE, d.logM = make([]float64, len(d.ks)), make([]float64, len(d.ks))
	return d
}

// setPrior sets the experience of every count k to n₀ + k.
func (d *curveData) setPrior(n0 float64) {
	for i, k := range d.ks {
		d.logE[i] = math.Log(n0 + float64(k))
	}
}

// logLik returns the profile log-likelihood of (rate, floor): each step's
// level and spread at their maximum-likelihood values. It also returns the
// level â_j of each step into levels, if not nil.
func (d *curveData) logLik(rate, floor float64, levels []float64) float64 {
	acc := d.acc
	clear(acc)
	lnR := math.Log(rate) / math.Ln2
	for i, le := range d.logE {
		d.logM[i] = math.Log(floor + (1-floor)*math.Exp(lnR*le))
	}
	for i := range d.buckets {
		b := &d.buckets[i]
		l := d.logM[b.ki]
		a := acc[3*b.step:]
		a[0] += b.n
		a[1] += b.s1 - b.n*l
		a[2] += b.s2 - 2*l*b.s1 + b.n*l*l
	}
	ll := 0.0
	for j := range d.steps {
		n, s1, s2 := acc[3*j], acc[3*j+1], acc[3*j+2]
		if n == 0 {
			continue
		}
		rss := s2 - s1*s1/n
		if levels != nil {
			levels[j] = s1 / n
		}
		if !(rss > 0) {
			return math.Inf(-1) // every item the same: a degenerate fit
		}
		ll -= n / 2 * (math.Log(2*math.Pi*rss/n) + 1)
	}
	return ll
}

// maximise returns the (rate, floor) of the largest profile
// log-likelihood and its value: the best of a grid, refined by
// Nelder–Mead in unbounded coordinates.
func (d *curveData) maximise() (rate, floor, ll float64) {
	ll = math.Inf(-1)
	for r := 0.35; r <= 1.0001; r += 0.05 {
		for m := 0.0; m <= 0.951; m += 0.05 {
			if v := d.logLik(math.Min(r, 1), m, nil); v > ll {
				rate, floor, ll = math.Min(r, 1), m, v
			}
		}
	}
	toU := func(r, m float64) []float64 {
		return []float64{logit((r - minRate) / (1 - minRate)), logit(m / maxFloor)}
	}
	fromU := func(u []float64) (float64, float64) {
		return minRate + (1-minRate)*sigmoid(u[0]), maxFloor * sigmoid(u[1])
	}
	p := optimize.Problem{Func: func(u []float64) float64 {
		r, m := fromU(u)
		return -d.logLik(r, m, nil)
	}}
	res, err := optimize.Minimize(p, toU(math.Min(rate, 0.999), math.Max(floor, 0.001)),
		&optimize.Settings{FuncEvaluations: 2000, Converger: &optimize.FunctionConverge{Absolute: 1e-10, Iterations: 100}},
		&optimize.NelderMead{})
	if err == nil || res != nil {
		if r, m := fromU(res.X); -res.F > ll {
			rate, floor, ll = r, m, -res.F
		}
	}
	return rate, floor, ll
}

// profileRate returns the largest log-likelihood at the given rate, over
// the floor.
func (d *curveData) profileRate(rate float64) float64 {
	return goldenMax(func(m float64) float64 { return d.logLik(rate, m, nil) }, 0, maxFloor)
}

// profileFloor returns the largest log-likelihood at the given floor, over
// the rate.
func (d *curveData) profileFloor(floor float64) float64 {
	return goldenMax(func(r float64) float64 { return d.logLik(r, floor, nil) }, minRate, 1)
}

// goldenMax returns the largest value of f on [lo, hi]: the best of 13
// grid points, refined by golden-section search in the interval around
// it (Kiefer 1953).
func goldenMax(f func(float64) float64, lo, hi float64) float64 {
	const n = 12
	best, bi := math.Inf(-1), 0
	for i := 0; i <= n; i++ {
		if v := f(lo + (hi-lo)*float64(i)/n); v > best {
			best, bi = v, i
		}
	}
	a, b := lo+(hi-lo)*float64(max(bi-1, 0))/n, lo+(hi-lo)*float64(min(bi+1, n))/n
	g := (math.Sqrt(5) - 1) / 2
	c, e := b-g*(b-a), a+g*(b-a)
	fc, fe := f(c), f(e)
	for range 40 {
		if fc > fe {
			b, e, fe = e, c, fc
			c = b - g*(b-a)
			fc = f(c)
		} else {
			a, c, fc = c, e, fe
			e = a + g*(b-a)
			fe = f(e)
		}
	}
	return max(best, fc, fe)
}

// profileCI returns the 95 % profile-likelihood interval around the
// estimate x̂ in [lo, hi] of the profile function prof with maximum llMax:
// bisection for the points where prof falls by χ²₁(0.95)/2 on each side,
// or the bound if it does not fall that far.
func profileCI(prof func(float64) float64, xHat, llMax, lo, hi float64) [2]float64 {
	cut := llMax - chi2_95/2
	end := func(bound float64) float64 {
		if prof(bound) >= cut {
			return bound
		}
		in, out := xHat, bound
		for range 24 {
			mid := (in + out) / 2
			if prof(mid) >= cut {
				in = mid
			} else {
				out = mid
			}
		}
		return (in + out) / 2
	}
	return [2]float64{end(lo), end(hi)}
}

// estimateCurve fits the curve to the work items with prior experience
// n0 and the reference experience ref; priors are further values of n₀
// for the identifiability check (nil for none).
func estimateCurve(items []workItem, steps, clerks int, n0, ref float64, priors []float64) Curve {
	d := newCurveData(items, steps)
	c := Curve{N: len(items), Clerks: clerks, Prior: n0, Reference: ref}
	d.setPrior(n0)
	c.Rate, c.Floor, c.LogLik = d.maximise()
	c.RateCI = profileCI(d.profileRate, c.Rate, c.LogLik, minRate, 1)
	c.FloorCI = profileCI(d.profileFloor, c.Floor, c.LogLik, 0, maxFloor)
	c.RateSE, c.FloorSE = math.NaN(), math.NaN()
	if c.Rate > minRate+1e-3 && c.Rate < 1-1e-3 && c.Floor > 1e-3 && c.Floor < maxFloor-1e-3 {
		if cov, ok := inverseHessian(func(r, m float64) float64 { return d.logLik(r, m, nil) }, c.Rate, c.Floor); ok {
			c.cov, c.covOK = cov, true
			c.RateSE, c.FloorSE = math.Sqrt(cov[0][0]), math.Sqrt(cov[1][1])
		}
	}
	levels := make([]float64, steps)
	d.logLik(c.Rate, c.Floor, levels)
	c.Bins = curveBins(items, levels, c, n0)
	c.PriorIdentified = true
	for _, p := range priors {
		if p == n0 {
			continue
		}
		d.setPrior(p)
		r, m, ll := d.maximise()
		c.PriorProfile = append(c.PriorProfile, PriorPoint{Prior: p, LogLik: ll, Rate: r, Floor: m})
		if ll > c.LogLik-chi2_95/2 {
			c.PriorIdentified = false
		}
	}
	return c
}

// inverseHessian returns the inverse of the negative Hessian of f at
// (x, y), by central differences: the covariance of the maximum-likelihood
// estimates from the observed information. ok is false unless the Hessian
// is negative definite.
func inverseHessian(f func(x, y float64) float64, x, y float64) (cov [2][2]float64, ok bool) {
	const h = 1e-4
	f0 := f(x, y)
	fxx := (f(x+h, y) - 2*f0 + f(x-h, y)) / (h * h)
	fyy := (f(x, y+h) - 2*f0 + f(x, y-h)) / (h * h)
	fxy := (f(x+h, y+h) - f(x+h, y-h) - f(x-h, y+h) + f(x-h, y-h)) / (4 * h * h)
	a, b, c := -fxx, -fxy, -fyy
	det := a*c - b*b
	if !(a > 0 && det > 0) {
		return cov, false
	}
	return [2][2]float64{{c / det, -b / det}, {-b / det, a / det}}, true
}

// curveBins returns the geometric mean relative effort exp(z − â_j)·
// m̂(e_ref)⁻¹… in 30 bins of ln e: the observations of the chart.
func curveBins(items []workItem, levels []float64, c Curve, n0 float64) []CurveBin {
	const nb = 30
	maxK := 0
	for _, it := range items {
		maxK = max(maxK, it.k)
	}
	lnMax := math.Log(n0 + float64(maxK) + 1)
	lnMin := math.Log(n0)
	var sumE, sumR [nb]float64
	var cnt [nb]int
	// z − â_j = ln m(e) + ε, so exp(z − â_j)/m(e_ref) ≈ m(e)/m(e_ref).
	lnRef := math.Log(c.Multiplier(c.Reference))
	for _, it := range items {
		le := math.Log(n0 + float64(it.k))
		b := min(int(float64(nb)*(le-lnMin)/(lnMax-lnMin)), nb-1)
		sumE[b] += le
		sumR[b] += it.z - levels[it.step] - lnRef
		cnt[b]++
	}
	var bins []CurveBin
	for b := range nb {
		if cnt[b] > 0 {
			bins = append(bins, CurveBin{Experience: math.Exp(sumE[b] / float64(cnt[b])),
				Relative: math.Exp(sumR[b] / float64(cnt[b])), N: cnt[b]})
		}
	}
	return bins
}

func logit(p float64) float64   { return math.Log(p / (1 - p)) }
func sigmoid(u float64) float64 { return 1 / (1 + math.Exp(-u)) }
