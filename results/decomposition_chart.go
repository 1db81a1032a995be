package results

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DecompositionPlot draws the decomposition of the change of metric in
// service: a horizontal bar per mechanism with its Shapley value, one for
// the change with every mechanism off ("(none)") and one for the total,
// in %, each with its 95 % confidence interval as whiskers and its value
// written beside it; markers show each mechanism's change alone and added
// last. DecompositionPlot returns an error if d is malformed or has no
// rows for service and metric.
func DecompositionPlot(d *Decomposition, service, metric string) (*plot.Plot, error) {
	if d == nil || len(d.Rows) == 0 {
		return nil, ErrNoDecompositionRows
	}
	rows := decompositionRows(d, service, metric)
	if len(rows) == 0 {
		return nil, fmt.Errorf("results: decomposition has no rows for service %q and metric %q", service, metric)
	}
	m := metricInfo(metric)
	t := newTranslator(d.Lang)
	p := newPlot(t.f("%s: what makes up the change in %s", service, t.s(m.label)),
		t.f("change in %s, “%s” vs status quo (%%)", t.s(m.label), t.name(d.Arm)), "")
	const half = 0.32 // half a bar's height
	arm := armColor(1)
	ys := make([]float64, len(rows))
	var ticks []plot.Tick
	for k, r := range rows {
		// From the top, the total set apart below the rest.
		ys[k] = float64(len(rows) - 1 - k)
		if r.Mechanism == MechanismTotal {
			ys[k] -= 0.4
		}
		label := t.name(r.Mechanism)
		switch r.Mechanism {
		case MechanismNone:
			label = t.s("none of them")
		case MechanismTotal:
			label = t.s("total")
		}
		ticks = append(ticks, plot.Tick{Value: ys[k], Label: label})
	}
	lo, hi := 0.0, 0.0
	var errs struct {
		plotter.XYs
		plotter.XErrors
	}
	var pos, neg plotter.XYLabels
	var alone, last plotter.XYs
	var legendBar *plotter.Polygon
	for k, r := range rows {
		v, h, y := 100*r.Shapley, 100*r.ShapleyHalfWidth, ys[k]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		bar, err := plotter.NewPolygon(plotter.XYs{{X: 0, Y: y - half}, {X: v, Y: y - half},
			{X: v, Y: y + half}, {X: 0, Y: y + half}})
		if err != nil {
			return nil, err
		}
		switch r.Mechanism {
		case MechanismNone:
			bar.Color = color.Gray{Y: 0xc8}
			bar.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x70}, Width: vg.Points(1)}
		case MechanismTotal:
			bar.Color = arm
			bar.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1)}
		default:
			bar.Color = lighten(arm, 0.35)
			bar.LineStyle = draw.LineStyle{Color: arm, Width: vg.Points(1)}
			if legendBar == nil {
				legendBar = bar
			}
		}
		p.Add(bar)
		end := v
		if h > 0 && !math.IsInf(h, 0) {
			errs.XYs = append(errs.XYs, plotter.XY{X: v, Y: y})
			errs.XErrors = append(errs.XErrors, struct{ Low, High float64 }{h, h})
			lo, hi = min(lo, v-h), max(hi, v+h)
			if v < 0 {
				end = v - h
			} else {
				end = v + h
			}
		}
		lo, hi = min(lo, v), max(hi, v)
		// The value beside the bar, beyond whisker and markers.
		outer := func(end, x float64) float64 {
			if v < 0 {
				return min(end, x)
			}
			return max(end, x)
		}
		// The markers in the bar's upper and lower half, off the whisker.
		if a := 100 * r.Alone; !math.IsNaN(a) && !math.IsInf(a, 0) {
			alone = append(alone, plotter.XY{X: a, Y: y + half/2})
			lo, hi = min(lo, a), max(hi, a)
			end = outer(end, a)
		}
		if l := 100 * r.Last; !math.IsNaN(l) && !math.IsInf(l, 0) {
			last = append(last, plotter.XY{X: l, Y: y - half/2})
			lo, hi = min(lo, l), max(hi, l)
			end = outer(end, l)
		}
		text := minus(fmt.Sprintf("%+.1f %%", v))
		if v < 0 {
			neg.XYs, neg.Labels = append(neg.XYs, plotter.XY{X: end, Y: y}), append(neg.Labels, text)
		} else {
			pos.XYs, pos.Labels = append(pos.XYs, plotter.XY{X: end, Y: y}), append(pos.Labels, text)
		}
	}
	if len(pos.XYs)+len(neg.XYs) == 0 {
		noData(p, t.s("no values"))
		return p, nil
	}
	span := hi - lo
	if span == 0 {
		span = 1
	}
	// The zero line, behind the whiskers and markers.
	yMin, yMax := ys[len(ys)-1]-0.7, ys[0]+0.7
	zero, err := plotter.NewLine(plotter.XYs{{X: 0, Y: yMin}, {X: 0, Y: yMax}})
	if err != nil {
		return nil, err
	}
	zero.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(0.75)}
	p.Add(zero)
	if len(errs.XYs) > 0 {
		eb, err := plotter.NewXErrorBars(errs)
		if err != nil {
			return nil, err
		}
		eb.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1)}
		eb.CapWidth = vg.Points(6)
		p.Add(eb)
	}
	if legendBar != nil {
		p.Legend.Add(t.s("Shapley value, 95 % CI"), legendBar)
	}
	for _, mk := range []struct {
		pts   plotter.XYs
		name  string
		shape draw.GlyphDrawer
	}{
		{alone, t.s("switched on alone"), draw.RingGlyph{}},
		{last, t.s("switched on last"), draw.TriangleGlyph{}},
	} {
		if len(mk.pts) == 0 {
			continue
		}
		s, err := plotter.NewScatter(mk.pts)
		if err != nil {
			return nil, err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: color.Black, Radius: vg.Points(3), Shape: mk.shape}
		p.Add(s)
		p.Legend.Add(mk.name, s)
	}
	for _, ls := range []struct {
		l     plotter.XYLabels
		align draw.XAlignment
		off   vg.Length
	}{{pos, draw.XLeft, vg.Points(4)}, {neg, draw.XRight, -vg.Points(4)}} {
		if len(ls.l.XYs) == 0 {
			continue
		}
		l, err := plotter.NewLabels(ls.l)
		if err != nil {
			return nil, err
		}
		for i := range l.TextStyle {
			l.TextStyle[i].Font = sansFont(8)
			l.TextStyle[i].XAlign, l.TextStyle[i].YAlign = ls.align, draw.YCenter
		}
		l.Offset = vg.Point{X: ls.off}
		p.Add(l)
	}
	// Room for the value labels beside the bars, and for the legend on
	// the side with less data.
	left, right := 0.18*span, 0.18*span
	if lo >= 0 {
		left = 0.05 * span
	}
	if hi <= 0 {
		right = 0.05 * span
	}
	p.Legend.Top = true
	if -lo > hi {
		right += 0.45 * span
	} else {
		left += 0.45 * span
		p.Legend.Left = true
		p.Legend.XOffs = vg.Points(6)
	}
	p.X.Min, p.X.Max = lo-left, hi+right
	p.Y.Min, p.Y.Max = yMin, yMax
	p.X.Tick.Marker = stepTicks{}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	return p, nil
}

// DecompositionFigures builds the plots of d (DecompositionPlot) for every
// service (in the order of d.Rows) and metric, effort per case
// ("effort_min") and mean lead time ("lead_days"), that d has rows for:
//
//	decomposition-effort-<service>
//	decomposition-lead-<service>
func DecompositionFigures(d *Decomposition) ([]Figure, error) {
	if d == nil || len(d.Rows) == 0 {
		return nil, ErrNoDecompositionRows
	}
	var services []string
	for _, r := range d.Rows {
		if !slices.Contains(services, r.Service) {
			services = append(services, r.Service)
		}
	}
	slugs := slugsOf(services, "service")
	var figs []Figure
	for si, svc := range services {
		for _, m := range decompositionMetrics() {
			if len(decompositionRows(d, svc, m.name)) == 0 {
				continue
			}
			name := "decomposition-" + m.slug + "-" + slugs[si]
			p, err := DecompositionPlot(d, svc, m.name)
			if err != nil {
				return nil, fmt.Errorf("results: plot %s: %w", name, err)
			}
			t := newTranslator(d.Lang)
			figs = append(figs, Figure{Name: name, Group: t.s(m.group),
				Title:   t.f("%s: what makes up the change in %s", svc, t.s(m.label)),
				Caption: decompositionCaption(d, m, t), Plot: p})
		}
	}
	return figs, nil
}

// decompositionCaption says what a decomposition plot of metric m shows.
func decompositionCaption(d *Decomposition, m plotMetric, t *translator) string {
	var b strings.Builder
	b.WriteString(t.f("The paired relative change of %s of “%s” against the status quo (in %%), split into "+
		"the Shapley value of each mechanism — its effect averaged over every order of switching the mechanisms "+
		"on (Shapley 1953) — and the change that remains with all of them off (“none of them”); together they "+
		"add up to the total. ", t.s(m.what), t.name(d.Arm)))
	if d.Replications > 1 {
		b.WriteString(t.f("Whiskers are 95 %% confidence intervals over %d replications per combination. ", d.Replications))
	} else {
		b.WriteString(t.s("A single replication per combination: no confidence intervals. "))
	}
	b.WriteString(t.f("Markers give each mechanism's effect switched on alone and switched on last. Scenario “%s”, seed %d.",
		d.Scenario, d.Seed))
	return b.String()
}

// WriteDecompositionPlots writes every figure of d (DecompositionFigures)
// into dir, which must exist, as <name>.svg and <name>.png, each with
// WriteFileAtomic, and returns the file names written, in order.
func WriteDecompositionPlots(dir string, d *Decomposition) ([]string, error) {
	figs, err := DecompositionFigures(d)
	if err != nil {
		return nil, err
	}
	return writeFigures(dir, figs)
}
