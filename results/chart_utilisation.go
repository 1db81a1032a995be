package results

import (
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// UtilisationPlot plots the utilisation of every office (touch time over
// working time available, its clerks' after the warm-up summed over the
// replications) per arm. Up to 15 offices (all arms together) it draws
// grouped bars with the office keys; with more it draws, for every arm,
// the local offices sorted from the busiest down against their rank (the
// distribution of utilisation over offices) and each office that is not
// in the baseline (the ZSA) as a dashed horizontal line.
func UtilisationPlot(c *Comparison) (*plot.Plot, error) {
	f, err := c.folded(false)
	if err != nil {
		return nil, err
	}
	defer c.release(f)
	return utilisationPlot(f)
}

// utilisationPlot is UtilisationPlot from a fold.
func utilisationPlot(f *fold) (*plot.Plot, error) {
	c := f.c
	u := utilisations(f)
	if len(u.offices) == 0 {
		t := newTranslator(c.Lang)
		p := newPlot(t.s("Busy share of offices"), "", t.s("busy share of available time (%)"))
		noData(p, t.s("no working time"))
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

// utilisations computes the utilisation of every office of f.
func utilisations(f *fold) officeUtil {
	var u officeUtil
	index := map[string]int{}
	for a := range f.util {
		fu := &f.util[a]
		for i, office := range fu.offices {
			if _, ok := index[office]; !ok {
				index[office] = len(u.offices)
				u.offices = append(u.offices, office)
				u.names = append(u.names, fu.names[i])
				u.extra = append(u.extra, a > 0)
			}
		}
	}
	u.util = make([][]float64, len(f.util))
	for a := range f.util {
		fu := &f.util[a]
		u.util[a] = make([]float64, len(u.offices))
		for i, office := range u.offices {
			u.util[a][i] = math.NaN()
			if j, ok := fu.index[office]; ok && fu.avail[j] > 0 {
				u.util[a][i] = 100 * fu.busy[j] / fu.avail[j]
			}
		}
	}
	return u
}

// utilisationBars draws the utilisation of a few offices as grouped bars.
func utilisationBars(c *Comparison, u officeUtil) (*plot.Plot, error) {
	t := newTranslator(c.Lang)
	p := newPlot(t.s("Busy share of offices"), t.s("office"), t.s("busy share of available time (%)"))
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
			p.Legend.Add(t.name(arm.Name), first)
		}
	}
	p.Y.Min, p.Y.Max = 0, 1.3*max(top, 50)
	p.Legend.Top = true
	return p, nil
}

// utilisationRanks draws the utilisation of many offices sorted by rank.
func utilisationRanks(c *Comparison, u officeUtil) (*plot.Plot, error) {
	t := newTranslator(c.Lang)
	p := newPlot(t.s("Busy share of offices"), t.s("office, ranked from the busiest (1) down"), t.s("busy share of available time (%)"))
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
		p.Legend.Add(t.num(t.f("%s: %d local offices, median %s %%", t.name(arm.Name), len(vs),
			formatSig(median(vs)))), l, s)
	}
	for _, z := range zsas {
		l, err := plotter.NewLine(plotter.XYs{{X: 1, Y: z.v}, {X: float64(max(ranks, 2)), Y: z.v}})
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: armColor(z.arm), Width: vg.Points(2),
			Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
		p.Add(l)
		p.Legend.Add(t.num(t.f("%s: office %s, %s %%", t.name(c.Arms[z.arm].Name), z.name, formatSig(z.v))), l)
	}
	p.X.Min, p.X.Max = 0, float64(ranks)+1
	p.Y.Min, p.Y.Max = 0, 1.35*max(top, 50)
	p.Legend.Top = true
	return p, nil
}
