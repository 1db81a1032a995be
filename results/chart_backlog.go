package results

import (
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"zsa/models"
	"zsa/sim/stats"
)

// BacklogPlot plots the number of open cases of service index service at
// the start of every week, one line per arm: the mean over the
// replications, with a band from the 10th to the 90th percentile over the
// replications when there are at least 10 of them, from the minimum to the
// maximum otherwise.
func BacklogPlot(c *Comparison, service int) (*plot.Plot, error) {
	if err := checkService(c, service); err != nil {
		return nil, err
	}
	name := c.Arms[0].Results[0].Services[service].Name
	t := newTranslator(c.Lang)
	p := newPlot(t.f("%s: open cases, all offices", name), t.s("week since the start of the run"), t.s("open cases"))
	pLo, pHi := 0.0, 1.0
	if c.Replications() >= 10 {
		pLo, pHi = 0.1, 0.9
	}
	var bands, lines []plot.Plotter
	for a, arm := range c.Arms {
		mean, band, upper := backlogSeries(arm.Results, service, pLo, pHi)
		if len(mean) == 0 {
			continue
		}
		slices.Reverse(upper)
		poly, err := plotter.NewPolygon(append(band, upper...))
		if err != nil {
			return nil, err
		}
		poly.Color = withAlpha(armColor(a), 0x40)
		poly.LineStyle.Width = 0
		l, err := plotter.NewLine(mean)
		if err != nil {
			return nil, err
		}
		l.LineStyle = armLine(a)
		bands, lines = append(bands, poly), append(lines, l)
		p.Legend.Add(t.f("%s: mean", t.name(arm.Name)), l)
		p.Legend.Add(t.num(t.name(arm.Name)+": "+t.s(bandName(c.Replications()))), poly)
	}
	if len(lines) == 0 {
		noData(p, t.s("no weekly series"))
		return p, nil
	}
	// All bands first, so that no band hides a line.
	p.Add(bands...)
	p.Add(lines...)
	p.Y.Min = 0
	p.Y.Max *= 1.35 // room for the legend
	p.Legend.Top = true
	return p, nil
}

// backlogSeries returns, for the results of one arm, the open cases of
// service index service at the start of every week: the mean over the
// replications and the pLo and pHi quantiles over them (x: weeks since the
// start).
func backlogSeries(rs []*models.Result, service int, pLo, pHi float64) (mean, lo, hi plotter.XYs) {
	weeks := 0
	for _, r := range rs {
		weeks = max(weeks, len(r.Services[service].Weekly))
	}
	for w := range weeks {
		var xs stats.Samples
		week := 0
		for _, r := range rs {
			if ws := r.Services[service].Weekly; w < len(ws) {
				xs.Add(float64(ws[w].Open))
				week = ws[w].Week
			}
		}
		x := float64(week)
		mean = append(mean, plotter.XY{X: x, Y: xs.Mean()})
		lo = append(lo, plotter.XY{X: x, Y: xs.Quantile(pLo)})
		hi = append(hi, plotter.XY{X: x, Y: xs.Quantile(pHi)})
	}
	return mean, lo, hi
}

// bandName says what the bands of BacklogPlot span over n replications.
func bandName(n int) string {
	if n >= 10 {
		return "10–90 % range over the replications"
	}
	return "full range over the replications"
}
