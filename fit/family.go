package fit

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"

	"zsa/models/dist"
)

// Family is a fitted distribution of one family of the scenario format
// (models/dist): exp, lognormal or gamma, fitted by maximum likelihood,
// or const when every observation is the same. The triangular and
// empirical forms are not fitted: the triangular's likelihood is not
// smooth in its bounds, and an empirical quantile function would copy the
// sample rather than estimate a distribution.
type Family struct {
	// Name is "exp", "lognormal", "gamma" or "const".
	Name string
	// Params are the maximum-likelihood parameters: exp: mean; lognormal:
	// μ and σ of ln x; gamma: shape k and scale θ (minutes); const: the
	// value.
	Params []float64
	// LogLik is the maximised log-likelihood, AIC = 2·len(Params) − 2·LogLik
	// (Akaike 1974), KS the Kolmogorov–Smirnov distance between the
	// sample's and the fitted distribution functions.
	LogLik, AIC, KS float64
	// Dist is the distribution in the scenario format.
	Dist dist.Dist
}

// Fitted is the families fitted to one sample, the best by AIC first.
type Fitted struct {
	N        int
	Median   float64 // the sample's median, minutes
	Families []Family
	sample   []float64 // sorted, for the report's chart
}

// Best returns the family with the smallest AIC.
func (f Fitted) Best() Family { return f.Families[0] }

// fitFamilies fits every family to the positive sample xs (minutes) and
// orders them by AIC. xs is sorted in place. It needs at least 2 values.
func fitFamilies(xs []float64) (Fitted, error) {
	slices.Sort(xs)
	if len(xs) < 2 || !(xs[0] > 0) {
		return Fitted{}, fmt.Errorf("need at least 2 positive durations, have %d", len(xs))
	}
	n := float64(len(xs))
	out := Fitted{N: len(xs), Median: quantileSorted(xs, 0.5), sample: xs}
	if xs[0] == xs[len(xs)-1] {
		d, err := dist.Deterministic(round4(xs[0]))
		if err != nil {
			return Fitted{}, err
		}
		out.Families = []Family{{Name: "const", Params: []float64{xs[0]}, Dist: d}}
		return out, nil
	}
	var sum, sumLog float64
	for _, x := range xs {
		sum += x
		sumLog += math.Log(x)
	}
	mean, meanLog := sum/n, sumLog/n
	var ssLog float64
	for _, x := range xs {
		ssLog += (math.Log(x) - meanLog) * (math.Log(x) - meanLog)
	}
	sigma := math.Sqrt(ssLog / n)

	// Exponential: the mean.
	if d, err := dist.Exponential(round4(mean)); err == nil {
		ll := -n*math.Log(mean) - n
		out.Families = append(out.Families, Family{Name: "exp", Params: []float64{mean}, LogLik: ll, AIC: 2 - 2*ll,
			KS: ksDistance(xs, func(x float64) float64 { return 1 - math.Exp(-x/mean) }), Dist: d})
	}
	// Lognormal: mean and standard deviation of ln x (divisor n).
	if sigma > 0 {
		median, p90 := round4(math.Exp(meanLog)), round4(math.Exp(meanLog+sigma*1.2815515655446004))
		if d, err := dist.LogNormalMedianP90(median, p90); err == nil {
			ll := -sumLog - n*math.Log(sigma) - n/2*math.Log(2*math.Pi) - n/2
			ln := distuv.LogNormal{Mu: meanLog, Sigma: sigma}
			out.Families = append(out.Families, Family{Name: "lognormal", Params: []float64{meanLog, sigma}, LogLik: ll,
				AIC: 4 - 2*ll, KS: ksDistance(xs, ln.CDF), Dist: d})
		}
	}
	// Gamma: the shape solves ln k − ψ(k) = ln x̄ − mean(ln x) (Choi and
	// Wette 1969), found by bisection on ln k; the scale is x̄/k.
	if s := math.Log(mean) - meanLog; s > 0 {
		lo, hi := math.Log(1e-3), math.Log(1e7)
		for range 200 {
			mid := (lo + hi) / 2
			k := math.Exp(mid)
			if math.Log(k)-mathext.Digamma(k) > s {
				lo = mid
			} else {
				hi = mid
			}
		}
		k := math.Exp((lo + hi) / 2)
		theta := mean / k
		lg, _ := math.Lgamma(k)
		ll := (k-1)*sumLog - sum/theta - n*k*math.Log(theta) - n*lg
		if d, err := dist.GammaMeanCV(round4(mean), round4(1/math.Sqrt(k))); err == nil {
			g := distuv.Gamma{Alpha: k, Beta: 1 / theta}
			out.Families = append(out.Families, Family{Name: "gamma", Params: []float64{k, theta}, LogLik: ll,
				AIC: 4 - 2*ll, KS: ksDistance(xs, g.CDF), Dist: d})
		}
	}
	if len(out.Families) == 0 {
		return Fitted{}, fmt.Errorf("no family fits %d durations", len(xs))
	}
	slices.SortStableFunc(out.Families, func(a, b Family) int {
		switch {
		case a.AIC < b.AIC:
			return -1
		case a.AIC > b.AIC:
			return 1
		}
		return 0
	})
	return out, nil
}

// ksDistance returns sup |F_n(x) − F(x)| of the sorted sample xs.
func ksDistance(xs []float64, cdf func(float64) float64) float64 {
	n := float64(len(xs))
	d := 0.0
	for i, x := range xs {
		f := cdf(x)
		d = max(d, f-float64(i)/n, float64(i+1)/n-f)
	}
	return d
}

// quantileSorted returns the p-quantile of the sorted xs, interpolated
// linearly between order statistics (Hyndman and Fan 1996, type 7).
func quantileSorted(xs []float64, p float64) float64 {
	h := p * float64(len(xs)-1)
	i := int(h)
	if i >= len(xs)-1 {
		return xs[len(xs)-1]
	}
	return xs[i] + (h-float64(i))*(xs[i+1]-xs[i])
}

// round4 rounds a positive duration in minutes to four significant
// digits, as the scenario file writes it.
func round4(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 4, 64), 64)
	return v
}
