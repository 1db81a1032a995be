package results

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

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

// writeFigures writes figs into dir, each as <name>.svg and <name>.png
// with WriteFileAtomic, and returns the file names written, in order.
func writeFigures(dir string, figs []Figure) ([]string, error) {
	rendered, err := renderFigures(figs)
	if err != nil {
		return nil, err
	}
	return writeRendered(dir, rendered)
}

// renderedFigure is a figure drawn as SVG and PNG.
type renderedFigure struct {
	Figure
	SVG, PNG []byte
}

// renderFigures draws every figure as SVG and PNG, several at a time (on
// GOMAXPROCS goroutines): drawing and PNG encoding are most of the time a
// run's outputs take. Each figure's bytes depend on it alone.
func renderFigures(figs []Figure) ([]renderedFigure, error) {
	out := make([]renderedFigure, len(figs))
	errs := make([]error, len(figs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(figs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f := figs[i]
				svg, err := renderSVG(f.Plot)
				var png []byte
				if err == nil {
					png, err = renderPNG(f.Plot)
				}
				if err != nil {
					errs[i] = fmt.Errorf("results: plot %s: %w", f.Name, err)
				}
				out[i] = renderedFigure{Figure: f, SVG: svg, PNG: png}
			}
		}()
	}
	for i := range figs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// writeRendered writes each figure as <name>.svg and <name>.png into
// dir, with WriteFileAtomic, and returns the file names, in order.
func writeRendered(dir string, figs []renderedFigure) ([]string, error) {
	var names []string
	for _, f := range figs {
		for _, file := range []struct {
			name string
			b    []byte
		}{{f.Name + ".svg", f.SVG}, {f.Name + ".png", f.PNG}} {
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

// serviceSlugs returns the file-name part of every service: its name
// with umlauts transliterated and every run of other characters than
// ASCII letters and digits replaced by '-'; "service<N>" if nothing is
// left, and "-<N>" appended (N the service's number from 1) to names
// already taken.
func serviceSlugs(services []string) []string {
	out := make([]string, len(services))
	taken := map[string]bool{}
	for i, s := range services {
		slug := Slug(s)
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

// Slug returns s as a part of a file name: umlauts transliterated (ä →
// ae, ß → ss) and every run of characters other than ASCII letters and
// digits replaced by a single '-', without leading or trailing '-'.
func Slug(s string) string {
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

// slugsOf returns the file-name part of every name (serviceSlugs with
// kind instead of "service" for names with nothing left).
func slugsOf(names []string, kind string) []string {
	out := serviceSlugs(names)
	for i, s := range out {
		if s == "service"+strconv.Itoa(i+1) && Slug(names[i]) == "" {
			out[i] = kind + strconv.Itoa(i+1)
		}
	}
	return out
}
