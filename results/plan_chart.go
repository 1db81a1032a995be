package results

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// groupPlan is the figure group of the staff plan's charts.
const groupPlan = "Staff plan"

// PlanFigures returns the plan's service-level curves: per target, the
// target's metric against the ZSA clerks tried for its service
// (PlanPlot), named plan-<service>-<n> for the n-th target of the service.
func PlanFigures(p *StaffPlan) ([]Figure, error) { return planFigures(p, nil) }

// planFigures is PlanFigures with titles and captions in tr's language.
func planFigures(p *StaffPlan, tr *translator) ([]Figure, error) {
	var figs []Figure
	for si, sp := range p.Services {
		k := 0
		for ti, t := range p.Targets {
			if t.Service != sp.Service {
				continue
			}
			plt, err := PlanPlot(p, si, k)
			if err != nil {
				return nil, fmt.Errorf("results: plan plot of %s: %w", t, err)
			}
			k++
			m := metricInfo(t.Metric)
			figs = append(figs, Figure{Name: fmt.Sprintf("plan-%s-%d", Slug(sp.Service), k), Group: tr.s(groupPlan),
				Title: tr.f("%s: %s against ZSA clerks", sp.Service, tr.s(m.label)),
				Caption: tr.f("%s (%s) at each number of ZSA clerks tried for %s, the other planned services at "+
					"their own levels: means over the replications with their 95 %% confidence intervals, marked by the "+
					"verdict at the plan's confidence; the dashed line is target %d, %s.",
					tr.s(m.what), tr.s(t.Offices()), sp.Service, ti+1, t),
				Plot: plt})
		}
	}
	return figs, nil
}

// PlanPlot is the curve of the k-th target of service si of p: its metric
// (shares in %) against the clerks tried, whiskers for the 95 %
// confidence intervals, points by verdict, the bound as a dashed line.
func PlanPlot(p *StaffPlan, si, k int) (*plot.Plot, error) {
	sp := p.Services[si]
	var t PlanTarget
	n := 0
	for _, x := range p.Targets {
		if x.Service == sp.Service {
			if n == k {
				t = x
			}
			n++
		}
	}
	scale, unit := 1.0, metricUnit(t.Metric)
	if unit == "share" {
		scale, unit = 100, "%"
	}
	m := metricInfo(t.Metric)
	plt := newPlot(sp.Service+": "+m.label+" against ZSA clerks", "ZSA clerks for "+sp.Service,
		fmt.Sprintf("%s, %s (%s)", m.label, t.Offices(), unit))
	if len(sp.Candidates) == 0 {
		noData(plt, "no staff level tried")
		return plt, nil
	}
	styles := []struct {
		verdict, label string
		color          color.RGBA
		shape          draw.GlyphDrawer
	}{
		{Meets, "meets the target", color.RGBA{R: 0x1b, G: 0x7a, B: 0x3d, A: 0xff}, draw.CircleGlyph{}},
		{Undecided, "undecided", color.RGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}, draw.SquareGlyph{}},
		{Fails, "does not meet it", color.RGBA{R: 0xb2, G: 0x22, B: 0x22, A: 0xff}, draw.TriangleGlyph{}},
	}
	lo, hi := t.Bound*scale, t.Bound*scale
	xLo, xHi := math.Inf(1), math.Inf(-1)
	for _, st := range styles {
		var pts plotter.XYs
		var errs struct {
			plotter.XYs
			plotter.YErrors
		}
		for _, c := range sp.Candidates {
			e := c.Targets[k]
			if c.Verdict != st.verdict || math.IsNaN(e.Mean) {
				continue
			}
			x, y := float64(c.Staff), e.Mean*scale
			pts = append(pts, plotter.XY{X: x, Y: y})
			xLo, xHi = min(xLo, x), max(xHi, x)
			lo, hi = min(lo, y), max(hi, y)
			if l, h := e.Lo*scale, e.Hi*scale; !math.IsNaN(l) && !math.IsNaN(h) && h > l {
				errs.XYs = append(errs.XYs, plotter.XY{X: x, Y: y})
				errs.YErrors = append(errs.YErrors, struct{ Low, High float64 }{y - l, h - y})
				lo, hi = min(lo, l), max(hi, h)
			}
		}
		if len(pts) == 0 {
			continue
		}
		if len(errs.XYs) > 0 {
			eb, err := plotter.NewYErrorBars(errs)
			if err != nil {
				return nil, err
			}
			eb.LineStyle = draw.LineStyle{Color: st.color, Width: vg.Points(1)}
			eb.CapWidth = vg.Points(5)
			plt.Add(eb)
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: st.color, Radius: vg.Points(3.5), Shape: st.shape}
		plt.Add(sc)
		plt.Legend.Add(st.label, sc)
	}
	bound := plotter.NewFunction(func(float64) float64 { return t.Bound * scale })
	bound.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x30}, Width: vg.Points(1),
		Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
	bound.Samples = 2
	plt.Add(bound)
	plt.Legend.Add("target: "+t.String(), bound)
	if math.IsInf(xLo, 0) {
		xLo, xHi = float64(sp.Min), float64(sp.Max)
	}
	pad := max(0.5, 0.06*(xHi-xLo))
	plt.X.Min, plt.X.Max = xLo-pad, xHi+pad
	ticks := []plot.Tick{}
	for _, c := range sp.Candidates {
		ticks = append(ticks, plot.Tick{Value: float64(c.Staff), Label: fmt.Sprint(c.Staff)})
	}
	plt.X.Tick.Marker = plot.ConstantTicks(ticks)
	span := hi - lo
	if span == 0 {
		span = max(math.Abs(hi), 1)
	}
	// Room above the data for the legend (four entries).
	plt.Y.Min, plt.Y.Max = lo-0.08*span, hi+0.6*span
	plt.Legend.Top = true
	return plt, nil
}

// metricUnit returns the unit of a metric, "" if unknown.
func metricUnit(name string) string {
	for _, m := range Metrics() {
		if m.Name == name {
			return m.Unit
		}
	}
	return ""
}
