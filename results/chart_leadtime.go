package results

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"zsa/models"
	"zsa/sim/stats"
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
	if err := checkService(c, service); err != nil {
		return nil, err
	}
	s, err := Summarize(c)
	if err != nil {
		return nil, err
	}
	return leadTimePlot(c, s, service)
}

// leadTimePlot is LeadTimePlot from c's summary s.
func leadTimePlot(c *Comparison, s *Summary, service int) (*plot.Plot, error) {
	name := c.Arms[0].Results[0].Services[service].Name
	t := newTranslator(c.Lang)
	p := newPlot(t.f("%s: lead time, all offices", name), t.s("lead time (calendar days)"), t.s("cases done within that time (%)"))
	lo, hi := math.Inf(1), math.Inf(-1)
	lines := 0
	for a, arm := range c.Arms {
		lead := pooledLeadTimes(arm.Results, service)
		pts := ecdf(lead, 1000)
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
		if q := lead.Quantile(0.01); q > 0 {
			lo = min(lo, q)
		}
		hi = max(hi, lead.Quantile(0.99))
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

// pooledLeadTimes returns the lead times of the service total of every
// result in rs, pooled (a new Samples: rs is not changed).
func pooledLeadTimes(rs []*models.Result, service int) *stats.Samples {
	var all stats.Samples
	for _, r := range rs {
		t := r.Services[service].Total()
		for _, x := range t.LeadTimes.Values() {
			all.Add(x)
		}
	}
	return &all
}

// ecdf returns the empirical distribution function of h as points
// (x, 100·F(x)) at the distinct positive, finite quantiles of h at
// p = 1/n, 2/n, …, 1; F(x) is the largest such p with quantile x.
func ecdf(h *stats.Samples, n int) plotter.XYs {
	var pts plotter.XYs
	if h.Len() == 0 {
		return nil
	}
	for i := 1; i <= n; i++ {
		p := float64(i) / float64(n)
		q := h.Quantile(p)
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
