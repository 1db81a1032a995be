package results

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"zsa/models"
	"zsa/models/learning"
)

// LearningPlot plots the learning curves observed in service index
// service: the mean effort per work item (minutes) against the experience
// of the clerk who did it (items, log scale), for the work done at local
// offices (solid) and at the ZSA (dashed) in every arm that has it,
// pooling the bins of learning.Trace over the replications (weighted by
// their counts).
func LearningPlot(c *Comparison, service int) (*plot.Plot, error) {
	return tracePlot(c, service, "%s: effort against experience", "touch time per work item (min)", 1, "no work recorded",
		func(s *models.ServiceResult) learning.Trace { return s.LocalLearning },
		func(s *models.ServiceResult) learning.Trace { return s.ZSALearning })
}

// QualityPlot draws, for one service, the error probability of work items
// (in %) against the clerk's experience, at local offices and at the ZSA,
// per arm: the quality side of the learning curve.
func QualityPlot(c *Comparison, service int) (*plot.Plot, error) {
	return tracePlot(c, service, "%s: error rate against experience", "error probability per work item (%)", 100,
		"no step with an error rate",
		func(s *models.ServiceResult) learning.Trace { return s.LocalQuality },
		func(s *models.ServiceResult) learning.Trace { return s.ZSAQuality })
}

// tracePlot draws learning traces of one service, local offices solid and
// the ZSA dashed, per arm, values scaled by scale. title is a format of
// the service's name; title, yLabel and empty are English catalogue keys.
func tracePlot(c *Comparison, service int, title, yLabel string, scale float64, empty string,
	local, zsa func(*models.ServiceResult) learning.Trace) (*plot.Plot, error) {
	if err := checkService(c, service); err != nil {
		return nil, err
	}
	name := c.Arms[0].Results[0].Services[service].Name
	t := newTranslator(c.Lang)
	p := newPlot(t.f(title, name), t.s("experience of the clerk (work items done)"), t.s(yLabel))
	lines := 0
	for a, arm := range c.Arms {
		for _, where := range []struct {
			name  string
			zsa   bool
			trace func(*models.ServiceResult) learning.Trace
		}{
			{"local offices", false, local},
			{"ZSA office", true, zsa},
		} {
			pts := traceSeries(arm.Results, service, scale, where.trace)
			if len(pts) == 0 {
				continue
			}
			l, s, err := plotter.NewLinePoints(pts)
			if err != nil {
				return nil, err
			}
			l.LineStyle = draw.LineStyle{Color: armColor(a), Width: vg.Points(1.5)}
			s.GlyphStyle = draw.GlyphStyle{Color: armColor(a), Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
			if where.zsa {
				l.LineStyle.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
				s.GlyphStyle.Shape = draw.TriangleGlyph{}
				s.GlyphStyle.Radius = vg.Points(2.5)
			}
			p.Add(l, s)
			p.Legend.Add(t.name(arm.Name)+": "+t.s(where.name), l, s)
			lines++
		}
	}
	if lines == 0 {
		noData(p, t.s(empty))
		return p, nil
	}
	p.Y.Min = 0
	p.Y.Max *= 1.3 // room for the legend
	p.Legend.Top = true
	logX(p)
	return p, nil
}

// traceSeries returns the points one line of tracePlot draws: the traces
// of service index service picked by trace from every result in rs,
// merged (mergeTraces), the values scaled by scale.
func traceSeries(rs []*models.Result, service int, scale float64, trace func(*models.ServiceResult) learning.Trace) plotter.XYs {
	var traces []learning.Trace
	for _, r := range rs {
		traces = append(traces, trace(&r.Services[service]))
	}
	pts := mergeTraces(traces)
	for i := range pts {
		pts[i].Y *= scale
	}
	return pts
}

// mergeTraces pools the bins of traces: the bins of learning.Trace are
// fixed, so points of different traces in the same bin are combined,
// weighted by their counts. It returns the points of the non-empty bins
// as (mean experience, mean effort), in order of experience.
func mergeTraces(traces []learning.Trace) plotter.XYs {
	type bin struct {
		n          int
		sumE, sumV float64
	}
	var bins []bin
	for _, t := range traces {
		for _, pt := range t.Points() {
			i := traceBin(pt.Experience)
			for len(bins) <= i {
				bins = append(bins, bin{})
			}
			b := &bins[i]
			b.n += pt.Count
			b.sumE += pt.Experience * float64(pt.Count)
			b.sumV += pt.MeanEffort * float64(pt.Count)
		}
	}
	var pts plotter.XYs
	for _, b := range bins {
		if b.n > 0 && !math.IsNaN(b.sumV) && !math.IsInf(b.sumV, 0) {
			n := float64(b.n)
			pts = append(pts, plotter.XY{X: b.sumE / n, Y: b.sumV / n})
		}
	}
	return pts
}

// traceBin returns the bin of learning.Trace that holds experience e ≥ 1:
// one per integer below 16, then four per doubling (see learning.Trace).
// The mean experience of a bin lies in the bin, so this recovers it.
func traceBin(e float64) int {
	if e < 16 {
		return max(int(e)-1, 0)
	}
	return 15 + min(int(4*(math.Log2(e)-4)), 64)
}
