package results

import (
	"bytes"
	"cmp"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"zsa/models"
	"zsa/models/learning"
	"zsa/sim/stats"
)

// Size and resolution of every plot: PlotWidth × PlotHeight, rendered to
// PNG at PlotDPI dots per inch (945 × 591 pixels).
const (
	PlotWidth  = 16 * vg.Centimeter
	PlotHeight = 10 * vg.Centimeter
	PlotDPI    = 150
)

// Figure is one plot of a comparison with what a reader needs to make
// sense of it.
type Figure struct {
	// Name is the stable file name stem, e.g. "lead-time-Wohngeld": only
	// ASCII letters, digits and '-' (German umlauts transliterated).
	Name string
	// Group is the topic the figure belongs to, e.g. "Lead time"; Title
	// its heading and Caption a sentence on what it shows, with units.
	Group, Title, Caption string
	Plot                  *plot.Plot
}

// Figure groups, in the order of Figures.
const (
	groupEffort      = "Effort per case"
	groupLead        = "Lead time"
	groupBacklog     = "Open cases over time"
	groupLearning    = "Learning curves"
	groupUtilisation = "Busy share of offices"
)

// Figures builds every plot of c, in this order:
//
//	effort               effort per case per service and arm, 95 % CI bars (EffortPlot)
//	lead-time-<service>  distribution of the lead time per arm (LeadTimePlot)
//	backlog-<service>    open cases week by week per arm (BacklogPlot)
//	learning-<service>   effort against experience, ZSA and local (LearningPlot)
//	utilisation          utilisation of every office per arm (UtilisationPlot)
//
// <service> is the service name made safe for file names (see Figure.Name).
// The same Comparison gives the same figures. Figures returns an error if
// c is malformed.
func Figures(c *Comparison) ([]Figure, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	services := c.Arms[0].Results[0].Services
	slugs := serviceSlugs(services)
	var figs []Figure
	add := func(f Figure, err error) error {
		if err != nil {
			return fmt.Errorf("results: plot %s: %w", f.Name, err)
		}
		figs = append(figs, f)
		return nil
	}
	p, err := EffortPlot(c)
	if err := add(Figure{Name: "effort", Group: groupEffort, Title: "Effort per case, all offices",
		Caption: "Mean touch time per completed case in minutes (all process steps, set-up and rework " +
			"included), service totals over all offices; bars are means over the replications, " +
			"whiskers their 95 % confidence intervals.", Plot: p}, err); err != nil {
		return nil, err
	}
	for si, s := range services {
		p, err := LeadTimePlot(c, si)
		if err := add(Figure{Name: "lead-time-" + slugs[si], Group: groupLead,
			Title: s.Name + ": lead time",
			Caption: "Share of completed cases (in %) done within a given lead time (calendar days from " +
				"application to decision), all offices and replications pooled; further left is faster. " +
				"The legend gives the median and the 90th percentile as the tables do: the mean over the " +
				"replications of each replication's quantile.", Plot: p}, err); err != nil {
			return nil, err
		}
	}
	for si, s := range services {
		p, err := BacklogPlot(c, si)
		if err := add(Figure{Name: "backlog-" + slugs[si], Group: groupBacklog,
			Title: s.Name + ": open cases",
			Caption: "Cases open at the start of each week (all offices, warm-up included); the line is the " +
				"mean over the replications, the band spans the " + bandName(c.Replications()) + ".",
			Plot: p}, err); err != nil {
			return nil, err
		}
	}
	for si, s := range services {
		p, err := LearningPlot(c, si)
		if err := add(Figure{Name: "learning-" + slugs[si], Group: groupLearning,
			Title: s.Name + ": learning curves",
			Caption: "Mean touch time per work item (one process step) in minutes against the clerk's " +
				"experience with the service (work items done, log scale), whole run, replications pooled. " +
				"The ZSA does only the steps delegated to it, so its level also differs by the mix of steps.",
			Plot: p}, err); err != nil {
			return nil, err
		}
	}
	for si, s := range services {
		p, err := QualityPlot(c, si)
		if err := add(Figure{Name: "quality-" + slugs[si], Group: groupLearning,
			Title: s.Name + ": error rate against experience",
			Caption: "Probability of an error (found later and reworked) per work item of the steps that " +
				"can go wrong, in %, against the clerk's experience with the service (log scale), whole run, " +
				"replications pooled: the quality side of the learning curve.",
			Plot: p}, err); err != nil {
			return nil, err
		}
	}
	p, err = UtilisationPlot(c)
	if err := add(Figure{Name: "utilisation", Group: groupUtilisation, Title: "Busy share of offices",
		Caption: "Touch time worked as a share of the clerks' working time available for the services after " +
			"leave and sickness (in %; the metric busy_share), per office (its clerks together), in the measured " +
			"period, replications pooled.",
		Plot: p}, err); err != nil {
		return nil, err
	}
	return figs, nil
}

// WritePlots writes every figure of c (Figures) into dir, which must exist,
// as <name>.svg and <name>.png, each with WriteFileAtomic, and returns the
// file names written, in order.
func WritePlots(dir string, c *Comparison) ([]string, error) {
	figs, err := Figures(c)
	if err != nil {
		return nil, err
	}
	return writeFigures(dir, figs)
}

// writeFigures writes figs into dir, each as <name>.svg and <name>.png
// with WriteFileAtomic, and returns the file names written, in order.
func writeFigures(dir string, figs []Figure) ([]string, error) {
	var names []string
	for _, f := range figs {
		svg, err := renderSVG(f.Plot)
		if err != nil {
			return names, fmt.Errorf("results: plot %s: %w", f.Name, err)
		}
		png, err := renderPNG(f.Plot)
		if err != nil {
			return names, fmt.Errorf("results: plot %s: %w", f.Name, err)
		}
		for _, file := range []struct {
			name string
			b    []byte
		}{{f.Name + ".svg", svg}, {f.Name + ".png", png}} {
			path := filepath.Join(dir, file.name)
			if err := WriteFileAtomic(path, func(w io.Writer) error {
				_, err := w.Write(file.b)
				return err
			}); err != nil {
				return names, fmt.Errorf("results: %s: %w", path, err)
			}
			names = append(names, file.name)
		}
	}
	return names, nil
}

// renderSVG draws p as an SVG document of PlotWidth × PlotHeight. The
// fonts are not embedded; the font family gets fallbacks with the same
// metrics (Arial) or at least the same kind (sans-serif).
func renderSVG(p *plot.Plot) ([]byte, error) {
	c := vgsvg.New(PlotWidth, PlotHeight)
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, err
	}
	return bytes.ReplaceAll(b.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")), nil
}

// renderPNG draws p as a PNG image of PlotWidth × PlotHeight at PlotDPI.
func renderPNG(p *plot.Plot) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(PlotWidth, PlotHeight), vgimg.UseDPI(PlotDPI))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// EffortPlot plots the mean effort per completed case (metric effort_min,
// service total) of every arm and service as bars with the 95 %
// confidence interval over the replications as whiskers, the mean written
// above each bar.
func EffortPlot(c *Comparison) (*plot.Plot, error) {
	s, err := Summarize(c)
	if err != nil {
		return nil, err
	}
	p := newPlot("Effort per case, all offices", "", "touch time per completed case (min)")
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
			p.Legend.Add(arm, bars[0])
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
		noData(p, "no completed cases")
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
	name := c.Arms[0].Results[0].Services[service].Name
	p := newPlot(name+": lead time, all offices", "lead time (calendar days)", "cases done within that time (%)")
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
		p.Legend.Add(fmt.Sprintf("%s: median %s d, p90 %s d", arm.Name,
			formatSig(ms[mLeadP50Days].Value.Mean), formatSig(ms[mLeadP90Days].Value.Mean)), l)
		lines++
		if q := lead.Quantile(0.01); q > 0 {
			lo = min(lo, q)
		}
		hi = max(hi, lead.Quantile(0.99))
	}
	if lines == 0 {
		noData(p, "no completed cases")
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
	p := newPlot(name+": open cases, all offices", "week since the start of the run", "open cases")
	pLo, pHi := 0.0, 1.0
	if c.Replications() >= 10 {
		pLo, pHi = 0.1, 0.9
	}
	var bands, lines []plot.Plotter
	for a, arm := range c.Arms {
		weeks := 0
		for _, r := range arm.Results {
			weeks = max(weeks, len(r.Services[service].Weekly))
		}
		var mean, band plotter.XYs
		var upper plotter.XYs
		for w := range weeks {
			var xs stats.Samples
			week := 0
			for _, r := range arm.Results {
				if ws := r.Services[service].Weekly; w < len(ws) {
					xs.Add(float64(ws[w].Open))
					week = ws[w].Week
				}
			}
			x := float64(week)
			mean = append(mean, plotter.XY{X: x, Y: xs.Mean()})
			band = append(band, plotter.XY{X: x, Y: xs.Quantile(pLo)})
			upper = append(upper, plotter.XY{X: x, Y: xs.Quantile(pHi)})
		}
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
		p.Legend.Add(arm.Name+": mean", l)
		p.Legend.Add(arm.Name+": "+bandName(c.Replications()), poly)
	}
	if len(lines) == 0 {
		noData(p, "no weekly series")
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

// bandName says what the bands of BacklogPlot span over n replications.
func bandName(n int) string {
	if n >= 10 {
		return "10–90 % range over the replications"
	}
	return "full range over the replications"
}

// LearningPlot plots the learning curves observed in service index
// service: the mean effort per work item (minutes) against the experience
// of the clerk who did it (items, log scale), for the work done at local
// offices (solid) and at the ZSA (dashed) in every arm that has it,
// pooling the bins of learning.Trace over the replications (weighted by
// their counts).
func LearningPlot(c *Comparison, service int) (*plot.Plot, error) {
	return tracePlot(c, service, ": effort against experience", "touch time per work item (min)", 1, "no work recorded",
		func(s *models.ServiceResult) learning.Trace { return s.LocalLearning },
		func(s *models.ServiceResult) learning.Trace { return s.ZSALearning })
}

// QualityPlot draws, for one service, the error probability of work items
// (in %) against the clerk's experience, at local offices and at the ZSA,
// per arm: the quality side of the learning curve.
func QualityPlot(c *Comparison, service int) (*plot.Plot, error) {
	return tracePlot(c, service, ": error rate against experience", "error probability per work item (%)", 100,
		"no step with an error rate",
		func(s *models.ServiceResult) learning.Trace { return s.LocalQuality },
		func(s *models.ServiceResult) learning.Trace { return s.ZSAQuality })
}

// tracePlot draws learning traces of one service, local offices solid and
// the ZSA dashed, per arm, values scaled by scale.
func tracePlot(c *Comparison, service int, title, yLabel string, scale float64, empty string,
	local, zsa func(*models.ServiceResult) learning.Trace) (*plot.Plot, error) {
	if err := checkService(c, service); err != nil {
		return nil, err
	}
	name := c.Arms[0].Results[0].Services[service].Name
	p := newPlot(name+title, "experience of the clerk (work items done)", yLabel)
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
			var traces []learning.Trace
			for _, r := range arm.Results {
				traces = append(traces, where.trace(&r.Services[service]))
			}
			pts := mergeTraces(traces)
			if len(pts) == 0 {
				continue
			}
			for i := range pts {
				pts[i].Y *= scale
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
			p.Legend.Add(arm.Name+": "+where.name, l, s)
			lines++
		}
	}
	if lines == 0 {
		noData(p, empty)
		return p, nil
	}
	p.Y.Min = 0
	p.Y.Max *= 1.3 // room for the legend
	p.Legend.Top = true
	logX(p)
	return p, nil
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

// UtilisationPlot plots the utilisation of every office (touch time over
// working time available, its clerks' after the warm-up summed over the
// replications) per arm. Up to 15 offices (all arms together) it draws
// grouped bars with the office keys; with more it draws, for every arm,
// the local offices sorted from the busiest down against their rank (the
// distribution of utilisation over offices) and each office that is not
// in the baseline (the ZSA) as a dashed horizontal line.
func UtilisationPlot(c *Comparison) (*plot.Plot, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	u := utilisations(c)
	if len(u.offices) == 0 {
		p := newPlot("Busy share of offices", "", "busy share of available time (%)")
		noData(p, "no working time")
		return p, nil
	}
	if len(u.offices) <= 15 {
		return utilisationBars(c, u)
	}
	return utilisationRanks(c, u)
}

// officeUtil is the utilisation of every office in every arm.
type officeUtil struct {
	// offices are the office keys: those of the baseline in its order,
	// then those only other arms have (the ZSA); names their names.
	offices, names []string
	// extra[i] reports whether offices[i] is missing from the baseline.
	extra []bool
	// util[a][i] is the utilisation of offices[i] in arm a in %, NaN if
	// the arm has no such office or no working time there.
	util [][]float64
}

// utilisations computes the utilisation of every office of c.
func utilisations(c *Comparison) officeUtil {
	var u officeUtil
	index := map[string]int{}
	for a, arm := range c.Arms {
		for _, r := range arm.Results {
			names := officeNames(r)
			for _, k := range r.Clerks {
				if _, ok := index[k.Office]; !ok {
					index[k.Office] = len(u.offices)
					u.offices = append(u.offices, k.Office)
					u.names = append(u.names, cmp.Or(names[k.Office], k.Office))
					u.extra = append(u.extra, a > 0)
				}
			}
		}
	}
	u.util = make([][]float64, len(c.Arms))
	for a, arm := range c.Arms {
		busy := make([]float64, len(u.offices))
		avail := make([]float64, len(u.offices))
		for _, r := range arm.Results {
			for _, k := range r.Clerks {
				i := index[k.Office]
				busy[i] += float64(k.Busy)
				avail[i] += float64(k.Available)
			}
		}
		u.util[a] = make([]float64, len(u.offices))
		for i := range u.offices {
			u.util[a][i] = math.NaN()
			if avail[i] > 0 {
				u.util[a][i] = 100 * busy[i] / avail[i]
			}
		}
	}
	return u
}

// utilisationBars draws the utilisation of a few offices as grouped bars.
func utilisationBars(c *Comparison, u officeUtil) (*plot.Plot, error) {
	p := newPlot("Busy share of offices", "office", "busy share of available time (%)")
	p.NominalX(u.names...)
	p.X.Min, p.X.Max = -0.5, float64(len(u.offices))-0.5
	if longest(u.names) > 8 {
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
	}
	width := 0.8 / float64(len(c.Arms))
	top := 0.0
	for a, arm := range c.Arms {
		var first *plotter.Polygon
		for i := range u.offices {
			v := u.util[a][i]
			if math.IsNaN(v) {
				continue
			}
			x := float64(i) - 0.4 + width*(float64(a)+0.5)
			bar, err := plotter.NewPolygon(plotter.XYs{
				{X: x - 0.45*width, Y: 0}, {X: x + 0.45*width, Y: 0},
				{X: x + 0.45*width, Y: v}, {X: x - 0.45*width, Y: v},
			})
			if err != nil {
				return nil, err
			}
			bar.Color = lighten(armColor(a), 0.35)
			bar.LineStyle = draw.LineStyle{Color: armColor(a), Width: vg.Points(1)}
			p.Add(bar)
			if first == nil {
				first = bar
			}
			top = max(top, v)
		}
		if first != nil {
			p.Legend.Add(arm.Name, first)
		}
	}
	p.Y.Min, p.Y.Max = 0, 1.3*max(top, 50)
	p.Legend.Top = true
	return p, nil
}

// utilisationRanks draws the utilisation of many offices sorted by rank.
func utilisationRanks(c *Comparison, u officeUtil) (*plot.Plot, error) {
	p := newPlot("Busy share of offices", "office, ranked from the busiest (1) down", "busy share of available time (%)")
	top, ranks := 0.0, 0
	type zsaLine struct {
		arm  int
		name string
		v    float64
	}
	var zsas []zsaLine
	for a, arm := range c.Arms {
		var vs []float64
		for i, v := range u.util[a] {
			switch {
			case math.IsNaN(v):
			case u.extra[i]:
				zsas = append(zsas, zsaLine{a, u.names[i], v})
			default:
				vs = append(vs, v)
			}
			if !math.IsNaN(v) {
				top = max(top, v)
			}
		}
		if len(vs) == 0 {
			continue
		}
		slices.Sort(vs)
		slices.Reverse(vs)
		pts := make(plotter.XYs, len(vs))
		for i, v := range vs {
			pts[i] = plotter.XY{X: float64(i + 1), Y: v}
		}
		ranks = max(ranks, len(vs))
		l, s, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, err
		}
		l.LineStyle = armLine(a)
		l.LineStyle.Width = vg.Points(1)
		s.GlyphStyle = draw.GlyphStyle{Color: armColor(a), Radius: vg.Points(1.5), Shape: draw.CircleGlyph{}}
		p.Add(l, s)
		p.Legend.Add(fmt.Sprintf("%s: %d local offices, median %s %%", arm.Name, len(vs),
			formatSig(median(vs))), l, s)
	}
	for _, z := range zsas {
		l, err := plotter.NewLine(plotter.XYs{{X: 1, Y: z.v}, {X: float64(max(ranks, 2)), Y: z.v}})
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: armColor(z.arm), Width: vg.Points(2),
			Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
		p.Add(l)
		p.Legend.Add(fmt.Sprintf("%s: office %s, %s %%", c.Arms[z.arm].Name, z.name, formatSig(z.v)), l)
	}
	p.X.Min, p.X.Max = 0, float64(ranks)+1
	p.Y.Min, p.Y.Max = 0, 1.35*max(top, 50)
	p.Legend.Top = true
	return p, nil
}

// checkService validates c and the service index.
func checkService(c *Comparison, service int) error {
	if err := c.validate(); err != nil {
		return err
	}
	if n := len(c.Arms[0].Results[0].Services); service < 0 || service >= n {
		return fmt.Errorf("results: service index %d out of range [0, %d)", service, n)
	}
	return nil
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

// serviceSlugs returns the file-name part of every service: its name
// with umlauts transliterated and every run of other characters than
// ASCII letters and digits replaced by '-'; "service<N>" if nothing is
// left, and "-<N>" appended (N the service's number from 1) to names
// already taken.
func serviceSlugs(services []models.ServiceResult) []string {
	out := make([]string, len(services))
	taken := map[string]bool{}
	for i, s := range services {
		slug := slugify(s.Name)
		if slug == "" {
			slug = "service" + strconv.Itoa(i+1)
		}
		for taken[slug] {
			slug += "-" + strconv.Itoa(i+1)
		}
		taken[slug] = true
		out[i] = slug
	}
	return out
}

// slugify returns s with umlauts transliterated (ä → ae, ß → ss) and every
// run of characters other than ASCII letters and digits replaced by a
// single '-', without leading or trailing '-'.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		var t string
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			t = string(r)
		case r == 'ä':
			t = "ae"
		case r == 'ö':
			t = "oe"
		case r == 'ü':
			t = "ue"
		case r == 'Ä':
			t = "Ae"
		case r == 'Ö':
			t = "Oe"
		case r == 'Ü':
			t = "Ue"
		case r == 'ß':
			t = "ss"
		}
		if t == "" {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(t)
	}
	return b.String()
}

// newPlot returns a plot with a title, axis labels, sans-serif fonts and a
// light grid.
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sansFont(12)
	p.Title.Padding = vg.Points(8)
	p.X.Label.Text, p.Y.Label.Text = x, y
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sansFont(10)
		ax.Tick.Label.Font = sansFont(9)
		ax.Tick.Marker = plainTicks{}
		ax.Padding = 0
	}
	p.Legend.TextStyle.Font = sansFont(9)
	p.Legend.Padding = vg.Points(2)
	p.Legend.XOffs = -vg.Points(6)
	p.Legend.YOffs = -vg.Points(4)
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: color.Gray{Y: 0xe0}, Width: vg.Points(0.5)}
	g.Horizontal = g.Vertical
	p.Add(g)
	return p
}

// noData marks p as empty: a unit square with text in its middle.
func noData(p *plot.Plot, text string) {
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.X.Scale, p.X.Tick.Marker = plot.LinearScale{}, plot.ConstantTicks(nil)
	p.Y.Tick.Marker = plot.ConstantTicks(nil)
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: 0.5, Y: 0.5}}, Labels: []string{text}})
	if err != nil {
		panic(err) // unreachable: the point is finite
	}
	l.TextStyle[0].Font = sansFont(12)
	l.TextStyle[0].XAlign, l.TextStyle[0].YAlign = draw.XCenter, draw.YCenter
	p.Add(l)
}

// sansFont is Liberation Sans (metrically compatible with Arial) of the
// given size in points.
func sansFont(size vg.Length) font.Font {
	return font.From(font.Font{Typeface: "Liberation", Variant: "Sans"}, size)
}

// armColor returns the colour of arm a: the Okabe–Ito palette, which
// readers with colour-vision deficiencies can tell apart (Okabe & Ito,
// "Color Universal Design", 2002), blue for the baseline.
func armColor(a int) color.RGBA {
	palette := [...]color.RGBA{
		{0x00, 0x72, 0xB2, 0xff}, // blue
		{0xD5, 0x5E, 0x00, 0xff}, // vermillion
		{0x00, 0x9E, 0x73, 0xff}, // bluish green
		{0xCC, 0x79, 0xA7, 0xff}, // reddish purple
		{0xE6, 0x9F, 0x00, 0xff}, // orange
		{0x56, 0xB4, 0xE9, 0xff}, // sky blue
		{0x00, 0x00, 0x00, 0xff}, // black
	}
	return palette[a%len(palette)]
}

// armLine returns the line style of arm a: its colour, and a dash pattern
// that tells the arms apart in black and white.
func armLine(a int) draw.LineStyle {
	s := draw.LineStyle{Color: armColor(a), Width: vg.Points(1.75)}
	switch a % 4 {
	case 1:
		s.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
	case 2:
		s.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
	case 3:
		s.Dashes = []vg.Length{vg.Points(8), vg.Points(2), vg.Points(2), vg.Points(2)}
	}
	return s
}

// lighten mixes c with white: f = 0 leaves it, f = 1 gives white.
func lighten(c color.RGBA, f float64) color.RGBA {
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v) + f*(255-float64(v)))) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 0xff}
}

// withAlpha returns c with opacity a (non-premultiplied).
func withAlpha(c color.RGBA, a uint8) color.NRGBA {
	return color.NRGBA{c.R, c.G, c.B, a}
}

// logX puts p's x axis on a log scale from and to a multiple 1, 2 or 5 of
// a power of ten, with ticks at 1, 2, …, 9 times the powers of ten:
// labelled all within one power, 1, 2 and 5 up to three, only the powers
// beyond. The data must be positive.
func logX(p *plot.Plot) {
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = logTicks{}
	p.X.Min, p.X.Max = niceLog(p.X.Min, false), niceLog(p.X.Max, true)
}

// niceLog rounds x > 0 down (up if up) to the nearest of 1, 2 and 5
// times a power of ten.
func niceLog(x float64, up bool) float64 {
	p := math.Pow10(int(math.Floor(math.Log10(x)))) // p ≤ x < 10p
	steps := [...]float64{1, 2, 5, 10}
	if up {
		for _, m := range steps {
			if m*p >= x*(1-1e-12) {
				return m * p
			}
		}
	} else {
		for i := len(steps) - 1; i >= 0; i-- {
			if steps[i]*p <= x*(1+1e-12) {
				return steps[i] * p
			}
		}
	}
	return x
}

// plainTicks are plot.DefaultTicks with labels in their shortest form:
// "2500", not "2500.00".
type plainTicks struct{}

// Ticks returns the ticks between lo and hi.
func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i, t := range ts {
		if v, err := strconv.ParseFloat(t.Label, 64); err == nil {
			ts[i].Label = strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	return ts
}

// logTicks marks a logarithmic axis.
type logTicks struct{}

// Ticks returns the ticks between lo and hi.
func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	e0, e1 := int(math.Floor(math.Log10(lo))), int(math.Ceil(math.Log10(hi)))
	var ticks []plot.Tick
	for e := e0; e <= e1; e++ {
		for m := 1; m <= 9; m++ {
			v := float64(m) * math.Pow10(e)
			if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || e1-e0 <= 3 && (m == 2 || m == 5) || e1-e0 <= 1 {
				t.Label = strconv.FormatFloat(v, 'f', -1, 64)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

// percentTicks marks a 0–100 % axis every 10 %, labelled every 20 %.
func percentTicks() []plot.Tick {
	var ts []plot.Tick
	for v := 0; v <= 100; v += 10 {
		t := plot.Tick{Value: float64(v)}
		if v%20 == 0 {
			t.Label = strconv.Itoa(v)
		}
		ts = append(ts, t)
	}
	return ts
}

// formatSig formats x with three significant digits, without exponent
// for everyday magnitudes: 0.0123, 1.23, 123, 12300.
func formatSig(x float64) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return strconv.FormatFloat(x, 'g', -1, 64)
	case x == 0:
		return "0"
	}
	dec := max(0, 2-int(math.Floor(math.Log10(math.Abs(x)))))
	return strconv.FormatFloat(x, 'f', dec, 64)
}

// longest returns the length in runes of the longest of ss.
func longest(ss []string) int {
	n := 0
	for _, s := range ss {
		n = max(n, len([]rune(s)))
	}
	return n
}

// median returns the median of sorted-or-not xs (NaN if empty).
func median(xs []float64) float64 {
	var s stats.Samples
	for _, x := range xs {
		s.Add(x)
	}
	return s.Quantile(0.5)
}
