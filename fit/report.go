package fit

import (
	"bytes"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Chart size, as the run report's (results.PlotWidth × PlotHeight).
const (
	chartWidth  = 16 * vg.Centimeter
	chartHeight = 10 * vg.Centimeter
)

// Colours: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design",
// 2002), as the run report's charts.
var (
	blue       = color.RGBA{0x00, 0x72, 0xB2, 0xff}
	vermillion = color.RGBA{0xD5, 0x5E, 0x00, 0xff}
	green      = color.RGBA{0x00, 0x9E, 0x73, 0xff}
	grey       = color.RGBA{0x99, 0x99, 0x99, 0xff}
)

// WriteReport writes the fit report, an HTML page with the estimates,
// their diagnostics and charts (SVG, inline): the learning curve with its
// 95 % band against the observed relative efforts, and every step's
// fitted distribution functions against the observed one.
func (r *Result) WriteReport(w io.Writer) error {
	curve, err := r.learningChart()
	if err != nil {
		return err
	}
	type stepView struct {
		Step  Step
		Kind  string
		Chart template.HTML
	}
	var steps []stepView
	for _, s := range r.Steps {
		svg, err := stepChart(s, r.Learning.Reference)
		if err != nil {
			return err
		}
		kind := "work (effort at the reference experience)"
		if !s.Work {
			kind = "external wait (delay)"
		}
		steps = append(steps, stepView{Step: s, Kind: kind, Chart: svg})
	}
	return reportTemplate.Execute(w, struct {
		R     *Result
		Curve template.HTML
		Steps []stepView
	}{r, curve, steps})
}

// learningChart draws the observed relative efforts by experience and
// the fitted m(e)/m(e_ref) with its 95 % band.
func (r *Result) learningChart() (template.HTML, error) {
	c := r.Learning
	p := newChart(fmt.Sprintf("Learning curve of %s (LR %.3f, floor %.3f)", r.Service, c.Rate, c.Floor),
		"experience (items, log scale)", "effort relative to the reference")
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	obs := make(plotter.XYs, len(c.Bins))
	for i, b := range c.Bins {
		obs[i] = plotter.XY{X: b.Experience, Y: b.Relative}
	}
	lo, hi := c.Prior, c.Prior
	for _, b := range c.Bins {
		hi = max(hi, b.Experience)
	}
	var fit, bandLo, bandHi plotter.XYs
	for i := 0; i <= 100; i++ {
		e := lo * math.Pow(hi/lo, float64(i)/100)
		fit = append(fit, plotter.XY{X: e, Y: c.Relative(e)})
		if l, h, ok := c.relativeBand(e); ok {
			bandLo = append(bandLo, plotter.XY{X: e, Y: l})
			bandHi = append(bandHi, plotter.XY{X: e, Y: h})
		}
	}
	if len(bandLo) > 0 {
		poly := append(slices.Clone(bandLo), reversed(bandHi)...)
		band, err := plotter.NewPolygon(poly)
		if err != nil {
			return "", err
		}
		band.Color = color.NRGBA{0x00, 0x72, 0xB2, 0x40}
		band.LineStyle.Width = 0
		p.Add(band)
		p.Legend.Add("95 % band (delta method)", band)
	}
	line, err := plotter.NewLine(fit)
	if err != nil {
		return "", err
	}
	line.Color, line.Width = blue, vg.Points(1.5)
	sc, err := plotter.NewScatter(obs)
	if err != nil {
		return "", err
	}
	sc.Color, sc.Shape = vermillion, draw.CircleGlyph{}
	p.Add(line, sc)
	p.Legend.Add("fitted m(e)/m(e_ref)", line)
	p.Legend.Add("observed (geometric mean of a bin)", sc)
	p.Legend.Top = true
	return renderChart(p)
}

// stepChart draws a step's observed distribution function against the
// fitted families' (log time axis).
func stepChart(s Step, ref float64) (template.HTML, error) {
	title := fmt.Sprintf("%s: distribution of the durations (n = %d)", s.Name, s.Fit.N)
	if s.Work {
		title = fmt.Sprintf("%s: effort at experience %g (n = %d)", s.Name, ref, s.Fit.N)
	}
	p := newChart(title, "minutes (log scale)", "share at most")
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	xs := s.Fit.sample
	step := max(1, len(xs)/400)
	var emp plotter.XYs
	for i := 0; i < len(xs); i += step {
		emp = append(emp, plotter.XY{X: xs[i], Y: float64(i+1) / float64(len(xs))})
	}
	emp = append(emp, plotter.XY{X: xs[len(xs)-1], Y: 1})
	line, err := plotter.NewLine(emp)
	if err != nil {
		return "", err
	}
	line.Color, line.Width = grey, vg.Points(3)
	p.Add(line)
	p.Legend.Add("observed", line)
	colors := []color.RGBA{blue, vermillion, green}
	for i, f := range s.Fit.Families {
		cdf := f.cdf()
		if cdf == nil {
			continue
		}
		var pts plotter.XYs
		lo, hi := xs[0], xs[len(xs)-1]
		for k := 0; k <= 100; k++ {
			x := lo * math.Pow(hi/lo, float64(k)/100)
			pts = append(pts, plotter.XY{X: x, Y: cdf(x)})
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return "", err
		}
		l.Color, l.Width = colors[i%len(colors)], vg.Points(1)
		if i > 0 {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
		}
		p.Add(l)
		p.Legend.Add(fmt.Sprintf("%s (KS %.3f)", f.Name, f.KS), l)
	}
	p.Legend.Top = false
	p.Legend.Left = false
	return renderChart(p)
}

// cdf returns the family's distribution function at its
// maximum-likelihood parameters, nil for const.
func (f Family) cdf() func(float64) float64 {
	switch f.Name {
	case "exp":
		m := f.Params[0]
		return func(x float64) float64 { return 1 - math.Exp(-x/m) }
	case "lognormal":
		return distuv.LogNormal{Mu: f.Params[0], Sigma: f.Params[1]}.CDF
	case "gamma":
		return distuv.Gamma{Alpha: f.Params[0], Beta: 1 / f.Params[1]}.CDF
	}
	return nil
}

func reversed(xy plotter.XYs) plotter.XYs {
	out := slices.Clone(xy)
	slices.Reverse(out)
	return out
}

// newChart returns a plot with a title, axis labels, sans-serif fonts
// and a light grid, as the run report's charts.
func newChart(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(12)
	p.X.Label.Text, p.Y.Label.Text = x, y
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sans(10)
		ax.Tick.Label.Font = sans(9)
	}
	p.Legend.TextStyle.Font = sans(9)
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: color.Gray{Y: 0xe0}, Width: vg.Points(0.5)}
	g.Horizontal = g.Vertical
	p.Add(g)
	return p
}

func sans(size vg.Length) font.Font {
	return font.From(font.Font{Typeface: "Liberation", Variant: "Sans"}, size)
}

// renderChart draws p as inline SVG.
func renderChart(p *plot.Plot) (template.HTML, error) {
	c := vgsvg.New(chartWidth, chartHeight)
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return "", err
	}
	s := b.String()
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:] // drop the XML declaration
	}
	s = strings.ReplaceAll(s, "font-family:Liberation Sans;", "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")
	return template.HTML(s), nil
}

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"f":   func(format string, x float64) string { return fmt.Sprintf(format, x) },
	"sub": func(a, b float64) float64 { return a - b },
	"ci": func(x [2]float64) string {
		return fmt.Sprintf("[%.4f, %.4f]", x[0], x[1])
	},
	"se": func(x float64) string {
		if math.IsNaN(x) {
			return "n/a (on a bound)"
		}
		return fmt.Sprintf("%.4f", x)
	},
	"join": func(xs []float64) string { return joinG(xs) },
	"ses":  func(xs []float64) string { return joinFixed(xs) },
	"ints": func(xs []int) string { return joinInts(xs) },
	"wd": func(i int) string {
		return []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}[i]
	},
	"clock": clock,
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>zsa fit: {{.R.Service}}</title>
<style>
body{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:right}
th:first-child,td:first-child{text-align:left}svg{max-width:100%;height:auto}.note{color:#8a4b00}
</style></head><body>
<h1>Fit of service {{.R.Service}}</h1>
<p>From the event log <code>{{.R.Log}}</code>: {{.R.Events}} events, {{.R.Cases}} cases ({{.R.Open}} open at the end of the log),
filed on {{.R.Days}} days from {{.R.First}}. The fitted scenario is <code>scenario.toml</code> beside this page;
<code>zsa run scenario.toml</code> runs it.</p>
{{with .R.Notes}}<h2>What the log does not tell</h2><ul>{{range .}}<li class="note">{{.}}</li>{{end}}</ul>{{end}}

<h2>Learning curve</h2>
{{with .R.Learning}}
<p>De Jong's (1957) form of Wright's (1936) law, m(e) = M + (1 − M)·e<sup>−b</sup>, b = −log<sub>2</sub> LR, as the simulator applies it:
an item's touch time is the step's effort for the reference clerk × m(e)/m(e<sub>ref</sub>), e = n<sub>0</sub> + the items of the service
the clerk started before it, in log order. Estimated by maximum likelihood from ln(touch time) = a<sub>step</sub> + ln m(e) + ε,
ε normal with a variance per step ({{.N}} items of {{.Clerks}} clerks, n<sub>0</sub> = {{.Prior}} assumed, e<sub>ref</sub> = {{.Reference}},
the median experience of the items). Intervals: profile likelihood (the other parameter re-estimated, χ²₁ at 95 %);
standard errors: observed information (inverse Hessian of the profile log-likelihood). No forgetting was estimated.</p>
<table><tr><th>parameter</th><th>estimate</th><th>95 % interval</th><th>standard error</th></tr>
<tr><td>learning rate LR</td><td>{{f "%.4f" .Rate}}</td><td>{{ci .RateCI}}</td><td>{{se .RateSE}}</td></tr>
<tr><td>floor M</td><td>{{f "%.4f" .Floor}}</td><td>{{ci .FloorCI}}</td><td>{{se .FloorSE}}</td></tr>
</table>
<p>Log-likelihood {{f "%.1f" .LogLik}}. Prior experience: {{if .PriorIdentified}}the assumed n<sub>0</sub> fits better than the others tried.{{else}}<span class="note">other n<sub>0</sub> fit as well (within χ²₁/2 = 1.92 of the log-likelihood) or better, each with its own LR and floor: the log does not fix the prior at the assumed value (see the notes).</span>{{end}}</p>
<table><tr><th>n<sub>0</sub></th><th>log-likelihood</th><th>LR</th><th>floor</th></tr>
{{range .PriorProfile}}<tr><td>{{.Prior}}</td><td>{{f "%.1f" .LogLik}}</td><td>{{f "%.4f" .Rate}}</td><td>{{f "%.4f" .Floor}}</td></tr>{{end}}
</table>
{{end}}
{{.Curve}}
{{with .R.StepCurves}}<p>Per step, each fitted alone (steps with at least 500 items):</p>
<table><tr><th>step</th><th>items</th><th>LR</th><th>95 % interval</th><th>floor</th><th>95 % interval</th></tr>
{{range .}}<tr><td>{{.Step}}</td><td>{{.N}}</td><td>{{f "%.4f" .Rate}}</td><td>{{ci .RateCI}}</td><td>{{f "%.4f" .Floor}}</td><td>{{ci .FloorCI}}</td></tr>{{end}}
</table>{{end}}

<h2>Steps: efforts and external waits</h2>
<p>Each family of the scenario format that has a maximum-likelihood fit (exp, lognormal, gamma) is fitted; the smallest AIC
(Akaike 1974) is written to the scenario. KS is the Kolmogorov–Smirnov distance. Touch times are the clerk's working time
between an item's start and end: the closed hours between are left out. Efforts are divided by the fitted m(e)/m(e<sub>ref</sub>).</p>
{{range .Steps}}<h3>{{.Step.Name}}: {{.Kind}}</h3>
<table><tr><th>family</th><th>scenario</th><th>log-likelihood</th><th>AIC</th><th>KS</th></tr>
{{range .Step.Fit.Families}}<tr><td>{{.Name}}</td><td><code>{{.Dist}}</code></td><td>{{f "%.1f" .LogLik}}</td><td>{{f "%.1f" .AIC}}</td><td>{{f "%.4f" .KS}}</td></tr>{{end}}
</table><p>n = {{.Step.Fit.N}}, observed median {{f "%.4g" .Step.Fit.Median}} min.</p>
{{.Chart}}
{{end}}

<h2>Process</h2>
{{range .R.Types}}<h3>Case type {{.Name}}</h3>
<p>{{.Cases}} cases, share {{f "%.4f" .Share}} (standard error {{f "%.4f" .ShareSE}}). Steps: {{range $i, $s := .Steps}}{{if $i}} → {{end}}{{$s}}{{end}}.</p>
<table><tr><th>step</th><th>observations by visit</th><th>to</th><th>probability by visit</th><th>standard error</th></tr>
{{range .Routes}}{{$rt := .}}{{if .Default}}<tr><td>{{.Step}}</td><td>{{ints .N}}</td><td colspan="3">always the next step</td></tr>{{else}}{{range .Branches}}<tr><td>{{$rt.Step}}</td><td>{{ints $rt.N}}</td><td>{{.To}}</td><td>{{join .P}}</td><td>{{ses .SE}}</td></tr>{{end}}{{end}}{{end}}
</table>{{end}}

<h2>Arrivals</h2>
<p>Online share {{f "%.3f" .R.OnlineShare}} (filings outside office hours, scaled to all hours). Weekday weights of counter filings:
{{range $i, $w := .R.Weekday}}{{wd $i}} {{f "%.3f" $w}} {{end}}. Monthly factors: {{with .R.Monthly}}{{join .}}{{else}}none (the log does not cover every month){{end}}.</p>
<table><tr><th>office</th><th>name</th><th>cases</th><th>cases a year</th><th>clerks</th></tr>
{{range .R.Offices}}<tr><td>{{.Key}}</td><td>{{.Name}}</td><td>{{.Cases}}</td><td>{{f "%.1f" .Annual}}</td><td>{{.Clerks}}</td></tr>{{end}}
</table>

<h2>Staff</h2>
<p>Office hours {{clock .R.Hours.Open}}–{{clock .R.Hours.Close}}. A clerk's share is its daily window (to its latest work) over the office window;
utilisation its touch time over that window on the days it worked; busy share its touch time over the office window on every working day
from its first to its last. Absent working days in runs of 3 or more count as leave, shorter ones as sickness (an idle day looks the same).</p>
<table><tr><th>clerk</th><th>office</th><th>items</th><th>days present</th><th>working days</th><th>share</th><th>utilisation</th><th>busy share</th><th>leave days</th><th>sick days</th></tr>
{{range .R.Clerks}}<tr><td>{{.ID}}</td><td>{{.Office}}</td><td>{{.Items}}</td><td>{{.Present}}</td><td>{{.WorkingDays}}</td><td>{{f "%.2f" .Share}}</td><td>{{f "%.3f" .Utilisation}}</td><td>{{f "%.3f" .BusyShare}}</td><td>{{.LeaveDays}}</td><td>{{.SickDays}}</td></tr>{{end}}
</table>
</body></html>
`))
