package results

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// LearningPlot plots the learning curves observed in service index
// service: the mean effort per work item (minutes) against the experience
// of the clerk who did it (items, log scale), for the work done at local
// offices (solid) and at the ZSA (dashed) in every arm that has it,
// pooling the bins of learning.Trace over the replications (weighted by
// their counts).
func LearningPlot(c *Comparison, service int) (*plot.Plot, error) {
	f, err := c.checkService(service)
	if err != nil {
		return nil, err
	}
	defer c.release(f)
	return learningPlot(f, service)
}

// learningPlot is LearningPlot from a fold.
func learningPlot(f *fold, service int) (*plot.Plot, error) {
	return tracePlot(f, service, "%s: effort against experience", "touch time per work item (min)", 1, "no work recorded",
		traceLocalLearning, traceZSALearning)
}

// QualityPlot draws, for one service, the error probability of work items
// (in %) against the clerk's experience, at local offices and at the ZSA,
// per arm: the quality side of the learning curve.
func QualityPlot(c *Comparison, service int) (*plot.Plot, error) {
	f, err := c.checkService(service)
	if err != nil {
		return nil, err
	}
	defer c.release(f)
	return qualityPlot(f, service)
}

// qualityPlot is QualityPlot from a fold.
func qualityPlot(f *fold, service int) (*plot.Plot, error) {
	return tracePlot(f, service, "%s: error rate against experience", "error probability per work item (%)", 100,
		"no step with an error rate", traceLocalQuality, traceZSAQuality)
}

// tracePlot draws the pooled learning traces of one service, local
// offices (serviceArmFold.traces index local) solid and the ZSA (zsa)
// dashed, per arm, values scaled by scale. title is a format of the
// service's name; title, yLabel and empty are English catalogue keys.
func tracePlot(f *fold, service int, title, yLabel string, scale float64, empty string, local, zsa int) (*plot.Plot, error) {
	c, name := f.c, f.services[service]
	t := newTranslator(c.Lang)
	p := newPlot(t.f(title, name), t.s("experience of the clerk (work items done)"), t.s(yLabel))
	lines := 0
	for a, arm := range c.Arms {
		for _, where := range []struct {
			name  string
			zsa   bool
			trace int
		}{
			{"local offices", false, local},
			{"ZSA office", true, zsa},
		} {
			pts := traceSeries(&f.svc[service].arms[a].traces[where.trace], scale)
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

// traceSeries returns the points one line of tracePlot draws: the pooled
// traces s as (mean experience, mean effort) of the non-empty bins, in
// order of experience, the values scaled by scale.
func traceSeries(s *traceSum, scale float64) plotter.XYs {
	var pts plotter.XYs
	for _, b := range s.bins {
		if b.n > 0 && !math.IsNaN(b.sumV) && !math.IsInf(b.sumV, 0) {
			n := float64(b.n)
			pts = append(pts, plotter.XY{X: b.sumE / n, Y: b.sumV / n})
		}
	}
	for i := range pts {
		pts[i].Y *= scale
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
