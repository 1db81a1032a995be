package results

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// LeadTimePlot plots the distribution of the lead time (calendar days) of
// the cases completed in service index service, all offices, one line per
// arm: the share of cases done within x days against x (the empirical
// distribution function of the lead times of all replications pooled, at
// 1,000 probabilities). The legend gives each arm's median and 90th
// percentile as the tables do: means over the replications of each
// replication's quantile. The x axis is logarithmic when the 1 % and 99 %
// quantiles differ by more than a factor of 30; lead times of zero are
// left out of a logarithmic line but counted in the shares.
func LeadTimePlot(c *Comparison, service int) (*plot.Plot, error) {
	f, err := c.checkService(service)
	if err != nil {
		return nil, err
	}
	defer c.release(f)
	return leadTimePlot(f, f.summary(), service)
}

// ecdfPoints is the number of probabilities at which LeadTimePlot draws
// the distribution function.
const ecdfPoints = 1000

// leadTimePlot is LeadTimePlot from a fold and its summary s.
func leadTimePlot(f *fold, s *Summary, service int) (*plot.Plot, error) {
	c, name := f.c, f.services[service]
	t := newTranslator(c.Lang)
	p := newPlot(t.f("%s: lead time, all offices", name), t.s("lead time (calendar days)"), t.s("cases done within that time (%)"))
	lo, hi := math.Inf(1), math.Inf(-1)
	lines := 0
	// The probabilities of the distribution function, then those of the
	// axis' range.
	ps := make([]float64, ecdfPoints+2)
	for i := 1; i <= ecdfPoints; i++ {
		ps[i-1] = float64(i) / float64(ecdfPoints)
	}
	ps[ecdfPoints], ps[ecdfPoints+1] = 0.01, 0.99
	for a, arm := range c.Arms {
		pool := &f.svc[service].arms[a].lead
		if pool.len() == 0 {
			continue
		}
		q, err := pool.quantiles(f.leads, ps)
		if err != nil {
			return nil, err
		}
		pts := ecdf(q[:ecdfPoints])
		if len(pts) == 0 {
			continue
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, err
		}
		l.LineStyle = armLine(a)
		p.Add(l)
		ms := s.Services[service].Offices[0].Arms[a].Metrics
		p.Legend.Add(t.num(t.f("%s: median %s d, p90 %s d", t.name(arm.Name),
			formatSig(ms[mLeadP50Days].Value.Mean), formatSig(ms[mLeadP90Days].Value.Mean))), l)
		lines++
		if q := q[ecdfPoints]; q > 0 {
			lo = min(lo, q)
		}
		hi = max(hi, q[ecdfPoints+1])
	}
	if lines == 0 {
		noData(p, t.s("no completed cases"))
		return p, nil
	}
	p.Y.Min, p.Y.Max = 0, 100
	p.Y.Tick.Marker = plot.ConstantTicks(percentTicks())
	// A distribution function leaves the top left empty.
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = vg.Points(6)
	if hi/lo > 30 {
		logX(p)
	} else {
		p.X.Min = 0
	}
	return p, nil
}

// ecdf returns the empirical distribution function of samples whose
// quantiles at p = 1/n, 2/n, …, 1 are q (n = len(q)) as points
// (x, 100·F(x)) at the distinct positive, finite quantiles; F(x) is the
// largest such p with quantile x.
func ecdf(q []float64) plotter.XYs {
	var pts plotter.XYs
	n := len(q)
	for i := 1; i <= n; i++ {
		p := float64(i) / float64(n)
		q := q[i-1]
		if !(q > 0) || math.IsInf(q, 0) {
			continue
		}
		if k := len(pts) - 1; k >= 0 && pts[k].X == q {
			pts[k].Y = 100 * p
			continue
		}
		pts = append(pts, plotter.XY{X: q, Y: 100 * p})
	}
	return pts
}
