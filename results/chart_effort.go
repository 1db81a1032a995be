package results

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// EffortPlot plots the mean effort per completed case (metric effort_min,
// service total) of every arm and service as bars with the 95 %
// confidence interval over the replications as whiskers, the mean written
// above each bar.
func EffortPlot(c *Comparison) (*plot.Plot, error) {
	s, err := Summarize(c)
	if err != nil {
		return nil, err
	}
	return effortPlot(c, s)
}

// effortPlot is EffortPlot from c's summary s.
func effortPlot(c *Comparison, s *Summary) (*plot.Plot, error) {
	t := newTranslator(c.Lang)
	p := newPlot(t.s("Effort per case, all offices"), "", t.s("touch time per completed case (min)"))
	names := make([]string, len(s.Services))
	for i, svc := range s.Services {
		names[i] = svc.Service
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(len(names))-0.5
	nArms := len(s.Arms)
	width := 0.8 / float64(nArms)
	top := 0.0
	var labels plotter.XYLabels
	for a, arm := range s.Arms {
		var bars []*plotter.Polygon
		var errs struct {
			plotter.XYs
			plotter.YErrors
		}
		for i, svc := range s.Services {
			v := svc.Offices[0].Arms[a].Metrics[mEffortMin].Value
			if math.IsNaN(v.Mean) {
				continue
			}
			x := float64(i) - 0.4 + width*(float64(a)+0.5)
			bar, err := plotter.NewPolygon(plotter.XYs{
				{X: x - 0.45*width, Y: 0}, {X: x + 0.45*width, Y: 0},
				{X: x + 0.45*width, Y: v.Mean}, {X: x - 0.45*width, Y: v.Mean},
			})
			if err != nil {
				return nil, err
			}
			bar.Color = lighten(armColor(a), 0.35)
			bar.LineStyle = draw.LineStyle{Color: armColor(a), Width: vg.Points(1)}
			bars = append(bars, bar)
			y := v.Mean
			if h := v.HalfWidth; h > 0 && !math.IsInf(h, 0) {
				errs.XYs = append(errs.XYs, plotter.XY{X: x, Y: v.Mean})
				errs.YErrors = append(errs.YErrors, struct{ Low, High float64 }{h, h})
				y += h
			}
			top = max(top, y)
			labels.XYs = append(labels.XYs, plotter.XY{X: x, Y: y})
			labels.Labels = append(labels.Labels, formatSig(v.Mean))
		}
		for _, b := range bars {
			p.Add(b)
		}
		if len(bars) > 0 {
			p.Legend.Add(t.name(arm), bars[0])
		}
		if len(errs.XYs) > 0 {
			eb, err := plotter.NewYErrorBars(errs)
			if err != nil {
				return nil, err
			}
			eb.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1)}
			eb.CapWidth = vg.Points(6)
			p.Add(eb)
		}
	}
	if len(labels.XYs) == 0 {
		noData(p, t.s("no completed cases"))
		return p, nil
	}
	l, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Font = sansFont(8)
		l.TextStyle[i].XAlign = draw.XCenter
	}
	l.Offset = vg.Point{Y: vg.Points(3)}
	p.Add(l)
	p.Y.Min, p.Y.Max = 0, 1.3*top
	p.Legend.Top = true
	return p, nil
}
