package results

import (
	"fmt"
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"zsa/sim"
	"zsa/sim/stats"
)

// BacklogPlot plots the number of open cases of service index service at
// the start of every week, one line per arm: the mean over the
// replications, with a band from the 10th to the 90th percentile over the
// replications when there are at least 10 of them, from the minimum to the
// maximum otherwise.
func BacklogPlot(c *Comparison, service int) (*plot.Plot, error) {
	f, err := c.checkService(service)
	if err != nil {
		return nil, err
	}
	defer c.release(f)
	return backlogPlot(f, service)
}

// backlogPlot is BacklogPlot from a fold.
func backlogPlot(f *fold, service int) (*plot.Plot, error) {
	c, name := f.c, f.services[service]
	t := newTranslator(c.Lang)
	p := newPlot(t.f("%s: open cases, all offices", name), t.s("week of the run, by its first day"), t.s("open cases"))
	pLo, pHi := 0.0, 1.0
	if f.reps >= 10 {
		pLo, pHi = 0.1, 0.9
	}
	var bands, lines []plot.Plotter
	for a, arm := range c.Arms {
		mean, band, upper := backlogSeries(&f.svc[service].arms[a], pLo, pHi)
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
		p.Legend.Add(t.num(t.name(arm.Name)+": "+t.s(bandName(f.reps))), poly)
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
	if err := markWeeks(p, f, t); err != nil {
		return nil, err
	}
	p.Legend.Top = true
	return p, nil
}

// markWeeks dates the weekly x axis of p (weeks since the start of c's
// runs): a tick at the week in which each month begins, labelled with the
// month (every quarter's on long runs) and the year at January and at the
// first; and it shades the warm-up and draws the waves as monthly charts
// do.
func markWeeks(p *plot.Plot, f *fold, t *translator) error {
	r0 := f.head
	weeks := int((r0.Horizon + sim.Week - 1) / sim.Week)
	months := 0
	for w := range weeks {
		if d := r0.Start.AddDays(7 * w); w == 0 || d.Day <= 7 {
			months++
		}
	}
	var ticks []plot.Tick
	for w := range weeks {
		d := r0.Start.AddDays(7 * w)
		if w > 0 && d.Day > 7 {
			continue
		}
		tick := plot.Tick{Value: float64(w)}
		if months <= 15 || (d.Month-1)%3 == 0 || w == 0 {
			tick.Label = t.s(monthNames[d.Month-1])
			if w == 0 || d.Month == 1 {
				tick.Label += fmt.Sprintf(" %d", d.Year)
			}
		}
		ticks = append(ticks, tick)
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	top := p.Y.Max
	if warm := float64(r0.WarmUp) / float64(sim.Week); warm > 0 {
		shade, err := plotter.NewPolygon(plotter.XYs{{X: 0, Y: 0}, {X: warm, Y: 0}, {X: warm, Y: top}, {X: 0, Y: top}})
		if err != nil {
			return err
		}
		shade.Color = color.NRGBA{A: 0x18} // a light grey, as the monthly charts'
		shade.LineStyle.Width = 0
		p.Add(shade)
		p.Legend.Add(t.s("warm-up (not in the other figures)"), shade)
	}
	labelled := false
	for a, arm := range f.c.Arms {
		for _, w := range arm.Waves {
			x := float64(w) / float64(sim.Week)
			l, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: top}})
			if err != nil {
				return err
			}
			l.LineStyle = draw.LineStyle{Color: armColor(a), Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(3), vg.Points(3)}}
			p.Add(l)
			if !labelled {
				p.Legend.Add(t.s("offices join the ZSA (a wave)"), l)
				labelled = true
			}
		}
	}
	p.X.Min, p.X.Max = 0, float64(weeks)
	return nil
}

// backlogSeries returns, for one service and arm, the open cases at the
// start of every week: the mean over the replications and the pLo and pHi
// quantiles over them (x: weeks since the start).
func backlogSeries(sa *serviceArmFold, pLo, pHi float64) (mean, lo, hi plotter.XYs) {
	for w, open := range sa.weeks {
		// A copy: Quantile sorts, and the next call must sum the means
		// in the replications' order again.
		var xs stats.Samples
		for _, x := range open.Values() {
			xs.Add(x)
		}
		x := float64(sa.week[w])
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
