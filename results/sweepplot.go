package results

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"zsa/models"
	"zsa/models/dist"
	"zsa/sim/stats"
)

// Sweep is the outcome of a parameter sweep: per point, arm, service and
// metric the mean over replications with its 95 % half-width, and the
// paired relative change against the status quo at the same point.
type Sweep struct {
	Scenario string
	Seed     uint64
	// Replications is the number of replications per point and arm.
	Replications int
	// Mode is "grid" (every combination of the parameters' values) or
	// "one-at-a-time" (each parameter's values in turn, the others at the
	// scenario's values).
	Mode string
	// Params are the swept key paths, in order.
	Params []string
	// Rows list every point, arm, service and metric. The first arm in
	// Rows is the status quo (the baseline), as zsa sweep writes them.
	Rows []SweepRow
}

// SweepRow is one point × arm × service × metric of a Sweep.
type SweepRow struct {
	// Point is the point's number from 0.
	Point int
	// Values hold one formatted value per parameter ("30d", "0.8"), ""
	// where a one-at-a-time point keeps the scenario's value.
	Values               []string
	Arm, Service, Metric string // Metric is a Metric's Name, e.g. "effort_min"
	// Mean is the mean over the replications, HalfWidth the half-width of
	// its 95 % confidence interval (NaN with one replication).
	Mean, HalfWidth float64
	// Rel is the paired relative change of the mean against the status
	// quo at the same point (−0.2 = −20 %), RelLo and RelHi the limits of
	// its 95 % confidence interval; all NaN for the status quo.
	Rel, RelLo, RelHi float64
}

// Decomposition attributes an arm's change to mechanisms: for every
// service and metric, the relative change of the arm against the status
// quo split into a Shapley value per mechanism and the change that remains
// with all of them switched off (Shapley 1953; see zsa decompose).
type Decomposition struct {
	Scenario, Arm string
	Seed          uint64
	// Replications is the number of replications per combination of
	// mechanisms.
	Replications int
	// Mechanisms are the mechanisms' names, in the order to show them.
	Mechanisms []string
	Rows       []DecompositionRow
}

// DecompositionRow is the attribution of one mechanism (or the rest, or
// the total) for one service and metric of a Decomposition.
type DecompositionRow struct {
	Service, Metric string // Metric is a Metric's Name, e.g. "effort_min"
	// Mechanism is one of Decomposition.Mechanisms, "(none)" for the
	// change with every mechanism off, or "(total)" for the change with
	// all on. The Shapley values of the mechanisms and (none) add up to
	// (total).
	Mechanism string
	// Shapley is the mechanism's Shapley value, a relative change
	// (−0.2 = −20 %), for (none) and (total) the change itself;
	// ShapleyHalfWidth is the half-width of its 95 % confidence interval
	// over the replications.
	Shapley, ShapleyHalfWidth float64
	// Alone is the change of switching the mechanism on alone,
	// v({m}) − v(∅), Last that of switching it on last, v(all) −
	// v(all∖{m}); both NaN for (none) and (total).
	Alone, Last float64
}

// Names of the rows of a Decomposition that are no mechanism.
const (
	MechanismNone  = "(none)"
	MechanismTotal = "(total)"
)

// Errors of malformed sweeps and decompositions.
var (
	ErrNoSweepRows         = errors.New("results: sweep has no rows")
	ErrNoDecompositionRows = errors.New("results: decomposition has no rows")
)

// Sweep modes, the values of Sweep.Mode (those of the scenario's
// [sweep] mode).
const (
	sweepGrid       = "grid"
	sweepOneAtATime = "one-at-a-time"
)

// maxSweepLines is the most lines a sweep plot draws: with more arms ×
// combinations of the other parameters, it averages over the combinations.
const maxSweepLines = 6

// plotMetric is a metric the sweep and decomposition plots show.
type plotMetric struct {
	name  string // the Metric's Name
	slug  string // its part of file names
	group string // the Figure group
	label string // in titles and axis labels: "effort per case"
	what  string // in captions
}

// plotMetrics are the metrics SweepPlots and WriteDecompositionPlots draw,
// in order.
func plotMetrics() []plotMetric {
	return []plotMetric{
		{"effort_min", "effort", groupEffort, "effort per case",
			"the mean effort per completed case (touch time of all steps, set-up and rework included)"},
		{"lead_days", "lead", groupLead, "mean lead time",
			"the mean lead time per completed case (calendar days from application to decision)"},
	}
}

// metricInfo describes metric for plots: one of plotMetrics, or one named
// by its Doc.
func metricInfo(metric string) plotMetric {
	for _, m := range plotMetrics() {
		if m.name == metric {
			return m
		}
	}
	m := plotMetric{name: metric, slug: slugify(metric), group: metric, label: metric, what: metric}
	for _, x := range Metrics() {
		if x.Name == metric {
			m.what = x.Doc
		}
	}
	if m.slug == "" {
		m.slug = "metric"
	}
	return m
}

// sweepKey finds a row of a sweep.
type sweepKey struct {
	point                int
	arm, service, metric string
}

// sweepIndex is a validated Sweep, indexed.
type sweepIndex struct {
	s        *Sweep
	arms     []string // in order of first appearance: the baseline first
	services []string // in order of first appearance
	points   []int    // ascending
	values   map[int][]string
	rows     map[sweepKey]*SweepRow
	short    []string // short names of the parameters
}

// indexSweep validates s and indexes its rows.
func indexSweep(s *Sweep) (*sweepIndex, error) {
	if s == nil || len(s.Rows) == 0 {
		return nil, ErrNoSweepRows
	}
	if len(s.Params) == 0 {
		return nil, errors.New("results: sweep has no parameters")
	}
	if s.Mode != sweepGrid && s.Mode != sweepOneAtATime {
		return nil, fmt.Errorf("results: sweep mode %q: must be one of (%s|%s)", s.Mode, sweepGrid, sweepOneAtATime)
	}
	ix := &sweepIndex{s: s, values: map[int][]string{}, rows: map[sweepKey]*SweepRow{}, short: shortNames(s.Params)}
	for i := range s.Rows {
		r := &s.Rows[i]
		if len(r.Values) != len(s.Params) {
			return nil, fmt.Errorf("results: sweep row %d has %d values for %d parameters", i+1, len(r.Values), len(s.Params))
		}
		if r.Point < 0 {
			return nil, fmt.Errorf("results: sweep row %d: point %d is negative", i+1, r.Point)
		}
		if v, ok := ix.values[r.Point]; !ok {
			ix.values[r.Point] = r.Values
			ix.points = append(ix.points, r.Point)
		} else if !slices.Equal(v, r.Values) {
			return nil, fmt.Errorf("results: sweep row %d: point %d has values %q, earlier rows %q", i+1, r.Point+1, r.Values, v)
		}
		k := sweepKey{r.Point, r.Arm, r.Service, r.Metric}
		if ix.rows[k] != nil {
			return nil, fmt.Errorf("results: sweep row %d repeats point %d, arm %q, service %q, metric %q",
				i+1, r.Point+1, r.Arm, r.Service, r.Metric)
		}
		ix.rows[k] = r
		if !slices.Contains(ix.arms, r.Arm) {
			ix.arms = append(ix.arms, r.Arm)
		}
		if !slices.Contains(ix.services, r.Service) {
			ix.services = append(ix.services, r.Service)
		}
	}
	slices.Sort(ix.points)
	return ix, nil
}

// shortNames returns, for every key path, its shortest suffix of at least
// two dot-separated parts (all of it if it has fewer) that no other path
// ends in: "learning.rate" for "services.Wohngeld.learning.rate".
func shortNames(names []string) []string {
	paths := make([]string, len(names))
	parts := make([][]string, len(paths))
	for i, n := range names {
		// A parameter that sets several keys is named "path: keys";
		// its short name comes from the path.
		paths[i], _, _ = strings.Cut(n, ": ")
		parts[i] = strings.Split(paths[i], ".")
	}
	suffix := func(i, k int) string {
		ps := parts[i]
		return strings.Join(ps[max(0, len(ps)-k):], ".")
	}
	out := make([]string, len(paths))
	for i := range paths {
		for k := 2; ; k++ {
			s := suffix(i, k)
			unique := true
			for j := range paths {
				if j != i && strings.HasSuffix("."+paths[j], "."+s) {
					unique = false
				}
			}
			if unique || k >= len(parts[i]) {
				out[i] = s
				break
			}
		}
	}
	return out
}

// sweepAxis places the values of a swept parameter on an x axis.
type sweepAxis struct {
	// numeric reports whether the values are numbers or durations, placed
	// by value; otherwise they are categories at 0, 1, 2, ….
	numeric bool
	// unit is the unit durations are shown in ("d", "h" or "min"), "" for
	// numbers and categories.
	unit string
	// labels are the distinct values in order of first appearance, x
	// their positions.
	labels []string
	x      []float64
}

// durationUnits are the units of durations on an axis: the first of days,
// hours and minutes in which the largest value is at least 1 day, 2 hours
// or anything.
func durationUnits() []durationUnit {
	return []durationUnit{
		{"d", "days", 1440, 1440},
		{"h", "hours", 60, 120},
		{"min", "minutes", 1, 0},
	}
}

// durationUnit is a unit of durations on an axis.
type durationUnit struct {
	name, long string
	min        float64 // minutes per unit
	from       float64 // the largest value from which the unit is used, in minutes
}

// newSweepAxis returns the axis of values (distinct, non-empty): numeric
// if every value is a finite number (strconv.ParseFloat) or every value a
// duration (dist.ParseDuration, shown in days, hours or minutes),
// categorical otherwise.
func newSweepAxis(values []string) sweepAxis {
	ax := sweepAxis{labels: values, x: make([]float64, len(values))}
	numbers, durations := true, true
	mins := make([]float64, len(values))
	for i, v := range values {
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
			numbers = false
		}
		ax.x[i] = x
		d, err := dist.ParseDuration(v)
		if err != nil {
			durations = false
		}
		mins[i] = float64(d)
	}
	switch {
	case len(values) == 0:
	case numbers:
		ax.numeric = true
		return ax
	case durations:
		ax.numeric = true
		top := slices.Max(mins)
		for _, u := range durationUnits() {
			if top >= u.from {
				ax.unit = u.name
				for i, m := range mins {
					ax.x[i] = m / u.min
				}
				return ax
			}
		}
	}
	for i := range ax.x {
		ax.x[i] = float64(i)
	}
	return ax
}

// unitName is the long name of the axis's duration unit ("days").
func (ax sweepAxis) unitName() string {
	for _, u := range durationUnits() {
		if u.name == ax.unit {
			return u.long
		}
	}
	return ""
}

// sweepSeries is one line of a sweep plot.
type sweepSeries struct {
	arm   int // index into sweepIndex.arms
	combo int // index of the combination of the other parameters
	label string
	pts   []sweepPoint // ascending in x
}

// sweepPoint is a point of a line: the relative change y in %, with the
// confidence limits lo and hi in %.
type sweepPoint struct{ x, y, lo, hi float64 }

// sweepResponse is what a sweep plot of one parameter, service and metric
// shows.
type sweepResponse struct {
	axis   sweepAxis
	series []sweepSeries
	// combos is the number of combinations of the other parameters'
	// values; averaged reports whether the lines average over them.
	combos   int
	averaged bool
}

// response collects the relative changes of metric in service against
// parameter pi: the points where pi has a value, one line per arm after
// the baseline and combination of the other parameters' values, or per
// arm averaged over the combinations if that gives more than
// maxSweepLines lines.
func (ix *sweepIndex) response(pi int, service, metric string) sweepResponse {
	var pts []int
	var labels, comboKeys []string
	var comboVals [][]string
	comboOf := map[int]int{}
	for _, pt := range ix.points {
		v := ix.values[pt]
		if v[pi] == "" {
			continue
		}
		pts = append(pts, pt)
		if !slices.Contains(labels, v[pi]) {
			labels = append(labels, v[pi])
		}
		others := slices.Clone(v)
		others[pi] = ""
		key := strings.Join(others, "\x00")
		c := slices.Index(comboKeys, key)
		if c < 0 {
			c = len(comboKeys)
			comboKeys, comboVals = append(comboKeys, key), append(comboVals, others)
		}
		comboOf[pt] = c
	}
	res := sweepResponse{axis: newSweepAxis(labels), combos: len(comboKeys)}
	nArms := len(ix.arms) - 1
	res.averaged = res.combos > 1 && nArms*res.combos > maxSweepLines
	nLines := res.combos
	if res.averaged {
		nLines = 1
	}
	for a := 1; a <= nArms; a++ {
		for c := range nLines {
			type acc struct {
				n                  int
				sumY, sumLo, sumHi float64
			}
			accs := make([]acc, len(labels))
			for _, pt := range pts {
				if !res.averaged && comboOf[pt] != c {
					continue
				}
				r := ix.rows[sweepKey{pt, ix.arms[a], service, metric}]
				if r == nil || math.IsNaN(r.Rel) || math.IsInf(r.Rel, 0) {
					continue
				}
				k := slices.Index(labels, ix.values[pt][pi])
				accs[k].n++
				accs[k].sumY += 100 * r.Rel
				accs[k].sumLo += 100 * r.RelLo // NaN or Inf spreads: no whisker
				accs[k].sumHi += 100 * r.RelHi
			}
			s := sweepSeries{arm: a, combo: c, label: ix.arms[a]}
			switch {
			case res.averaged:
				s.label += fmt.Sprintf(", mean over %d combinations", res.combos)
			case res.combos > 1:
				var parts []string
				for j, v := range comboVals[c] {
					if j != pi && v != "" {
						parts = append(parts, ix.short[j]+" = "+v)
					}
				}
				s.label += ", " + strings.Join(parts, ", ")
			}
			for k, ac := range accs {
				if ac.n > 0 {
					n := float64(ac.n)
					s.pts = append(s.pts, sweepPoint{x: res.axis.x[k], y: ac.sumY / n, lo: ac.sumLo / n, hi: ac.sumHi / n})
				}
			}
			slices.SortStableFunc(s.pts, func(p, q sweepPoint) int { return cmp.Compare(p.x, q.x) })
			res.series = append(res.series, s)
		}
	}
	return res
}

// SweepPlots builds the plots of a sweep: for every metric (effort per
// case, "effort_min", then mean lead time, "lead_days"), service and
// swept parameter, the paired relative change of every arm after the
// baseline against the baseline at the same point (in %, with 95 %
// confidence intervals as whiskers) against the parameter's value:
//
//	sweep-effort-<service>-<param>
//	sweep-lead-<service>-<param>
//
// <service> and <param> are the service name and key path made safe for
// file names (see Figure.Name). A parameter's values are placed on a
// numeric axis if they are all numbers, or all durations ("30d", "5min",
// shown in days, hours or minutes); otherwise they are categories in the
// order of the sweep. One at a time, a parameter's points are those where
// it has a value. In a grid there is one line per arm and combination of
// the other parameters' values, labelled with them; when that gives more
// than 6 lines, one line per arm with the unweighted mean over the
// combinations (the caption says so). The same Sweep gives the same
// figures. SweepPlots returns an error if s is malformed.
func SweepPlots(s *Sweep) ([]Figure, error) {
	ix, err := indexSweep(s)
	if err != nil {
		return nil, err
	}
	svcSlugs := slugsOf(ix.services, "service")
	paths := make([]string, len(s.Params))
	for i, n := range s.Params {
		paths[i], _, _ = strings.Cut(n, ": ") // "path: keys" names a table parameter
	}
	paramSlugs := slugsOf(paths, "param")
	var figs []Figure
	for _, m := range plotMetrics() {
		for si, svc := range ix.services {
			for pi, param := range s.Params {
				name := "sweep-" + m.slug + "-" + svcSlugs[si] + "-" + paramSlugs[pi]
				res := ix.response(pi, svc, m.name)
				p, err := ix.responsePlot(res, pi, svc, m)
				if err != nil {
					return nil, fmt.Errorf("results: plot %s: %w", name, err)
				}
				figs = append(figs, Figure{Name: name, Group: m.group,
					Title:   svc + ": " + m.label + " against " + param,
					Caption: ix.responseCaption(res, pi, m), Plot: p})
			}
		}
	}
	return figs, nil
}

// slugsOf returns the file-name part of every name (serviceSlugs with
// kind instead of "service" for names with nothing left).
func slugsOf(names []string, kind string) []string {
	rs := make([]models.ServiceResult, len(names))
	for i, n := range names {
		rs[i].Name = n
	}
	out := serviceSlugs(rs)
	for i, s := range out {
		if s == "service"+strconv.Itoa(i+1) && slugify(names[i]) == "" {
			out[i] = kind + strconv.Itoa(i+1)
		}
	}
	return out
}

// responsePlot draws res, the response of metric m in service svc to
// parameter pi.
func (ix *sweepIndex) responsePlot(res sweepResponse, pi int, svc string, m plotMetric) (*plot.Plot, error) {
	param := ix.s.Params[pi]
	xLabel := param
	if u := res.axis.unitName(); u != "" {
		xLabel += " (" + u + ")"
	}
	p := newPlot(svc+": "+m.label+" against "+ix.short[pi], xLabel,
		"change in "+m.label+" vs "+ix.arms[0]+" (%)")
	ax := res.axis
	var drawn []sweepSeries
	for _, s := range res.series {
		if len(s.pts) > 0 {
			drawn = append(drawn, s)
		}
	}
	if len(drawn) == 0 {
		noData(p, "no changes to show")
		return p, nil
	}
	// Lines side by side at each value, so that whiskers do not hide
	// each other: by up to 1 % of the axis (0.08 of a category's slot).
	lo, hi := slices.Min(ax.x), slices.Max(ax.x)
	span := hi - lo
	if span == 0 {
		span = max(math.Abs(lo), 1)
	}
	step := 0.01 * span
	if !ax.numeric {
		step = min(0.08, 0.6/float64(len(drawn)))
	}
	yLo, yHi := 0.0, 0.0
	for i, s := range drawn {
		off := (float64(i) - float64(len(drawn)-1)/2) * step
		var xys plotter.XYs
		var errs struct {
			plotter.XYs
			plotter.YErrors
		}
		for _, pt := range s.pts {
			x := pt.x + off
			xys = append(xys, plotter.XY{X: x, Y: pt.y})
			yLo, yHi = min(yLo, pt.y), max(yHi, pt.y)
			if lo, hi := pt.y-pt.lo, pt.hi-pt.y; lo >= 0 && hi >= 0 && hi+lo > 0 && !math.IsInf(hi+lo, 0) {
				errs.XYs = append(errs.XYs, plotter.XY{X: x, Y: pt.y})
				errs.YErrors = append(errs.YErrors, struct{ Low, High float64 }{lo, hi})
				yLo, yHi = min(yLo, pt.lo), max(yHi, pt.hi)
			}
		}
		line, glyph := sweepStyle(s, len(ix.arms) == 2, res.combos > 1 && !res.averaged)
		l, sc, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, err
		}
		l.LineStyle, sc.GlyphStyle = line, glyph
		if len(errs.XYs) > 0 {
			eb, err := plotter.NewYErrorBars(errs)
			if err != nil {
				return nil, err
			}
			eb.LineStyle = draw.LineStyle{Color: line.Color, Width: vg.Points(1)}
			eb.CapWidth = vg.Points(5)
			p.Add(eb)
		}
		p.Add(l, sc)
		p.Legend.Add(s.label, l, sc)
	}
	// The baseline: no change.
	zero := plotter.NewFunction(func(float64) float64 { return 0 })
	zero.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x60}, Width: vg.Points(1),
		Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
	zero.Samples = 2
	p.Add(zero)

	spread := float64(len(drawn)-1) / 2 * step
	if ax.numeric {
		pad := 0.08*span + spread
		p.X.Min, p.X.Max = lo-pad, hi+pad
		if len(ax.x) <= 12 {
			p.X.Tick.Marker = plot.ConstantTicks(valueTicks(ax))
		}
	} else {
		p.X.Min, p.X.Max = -0.5, float64(len(ax.labels))-0.5
		p.X.Tick.Marker = plot.ConstantTicks(valueTicks(ax))
		if longest(ax.labels) > 10 {
			p.X.Tick.Label.Rotation = math.Pi / 6
			p.X.Tick.Label.XAlign = draw.XRight
			p.X.Tick.Label.YAlign = draw.YCenter
		}
	}
	// Some air around the data, and room above it for the legend: about
	// 7 % of the height per entry.
	ySpan := yHi - yLo
	if ySpan == 0 {
		ySpan = 1
	}
	yLo -= 0.08 * ySpan
	yHi += 0.08 * ySpan
	frac := min(0.6, 0.05+0.07*float64(len(drawn)))
	p.Y.Min, p.Y.Max = yLo, yHi+(yHi-yLo)*frac/(1-frac)
	p.Y.Tick.Marker = stepTicks{}
	p.Legend.Top = true
	return p, nil
}

// valueTicks marks every value of ax, labelled with the value as swept
// (numbers), in the axis's unit (durations), or the category.
func valueTicks(ax sweepAxis) []plot.Tick {
	ts := make([]plot.Tick, len(ax.x))
	for i, x := range ax.x {
		label := strings.TrimSpace(ax.labels[i])
		if ax.unit != "" {
			label = strconv.FormatFloat(x, 'f', -1, 64)
			if len(label) > 6 {
				label = formatSig(x)
			}
		}
		ts[i] = plot.Tick{Value: x, Label: label}
	}
	return ts
}

// stepTicks mark a linear axis at every multiple of a step of 1, 2 or 5
// times a power of ten, the smallest that gives at most 9 labels, with an
// unlabelled tick halfway between.
type stepTicks struct{}

// Ticks returns the ticks between lo and hi.
func (stepTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	step := niceLog((hi-lo)/8, true)
	var ts []plot.Tick
	for k := math.Ceil(lo / step * 2); k <= math.Floor(hi/step*2); k++ {
		v := k * step / 2 // from k, not by adding up steps
		t := plot.Tick{Value: v}
		if math.Mod(k, 2) == 0 {
			if math.Abs(v) < step*1e-9 {
				v = 0
			}
			t.Label = strconv.FormatFloat(v, 'f', -1, 64)
			if len(t.Label) > 8 {
				t.Label = formatSig(v)
			}
		}
		ts = append(ts, t)
	}
	return ts
}

// sweepStyle returns the style of a line of a sweep plot: with one arm
// after the baseline and several combinations, every combination has its
// own colour and dashes (the first those of the arm); with several arms,
// the arm gives the colour and the combination the dashes and marker.
func sweepStyle(s sweepSeries, oneArm, byCombo bool) (draw.LineStyle, draw.GlyphStyle) {
	shapes := [...]draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{},
		draw.RingGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}}
	line := armLine(s.arm)
	shape := 0
	switch {
	case byCombo && oneArm:
		line = armLine(s.arm + s.combo)
		shape = s.combo
	case byCombo:
		line.Dashes = armLine(s.combo).Dashes
		shape = s.combo
	}
	line.Width = vg.Points(1.5)
	return line, draw.GlyphStyle{Color: line.Color, Radius: vg.Points(2.5), Shape: shapes[shape%len(shapes)]}
}

// responseCaption says what the plot of res shows.
func (ix *sweepIndex) responseCaption(res sweepResponse, pi int, m plotMetric) string {
	s := ix.s
	base := ix.arms[0]
	var b strings.Builder
	fmt.Fprintf(&b, "Paired relative change of %s against %s at the same sweep point (in %%), as %s varies",
		m.what, "“"+base+"”", s.Params[pi])
	if res.axis.unit != "" {
		fmt.Fprintf(&b, " (the durations %s, in %s)", strings.Join(res.axis.labels, ", "), res.axis.unitName())
	}
	b.WriteString("; ")
	if s.Replications > 1 {
		fmt.Fprintf(&b, "points are means over %s, whiskers their 95 %% confidence intervals",
			plural(s.Replications, "replication", "replications"))
	} else {
		b.WriteString("a single replication per point: no confidence intervals")
	}
	fmt.Fprintf(&b, ". The dotted line at 0 is %s.", "“"+base+"”")
	var others []string
	for j, p := range s.Params {
		if j != pi {
			others = append(others, p)
		}
	}
	switch {
	case s.Mode == sweepOneAtATime && len(others) > 0:
		fmt.Fprintf(&b, " The other swept parameters (%s) keep the scenario's values.", join(others))
	case res.averaged:
		fmt.Fprintf(&b, " Each line is the unweighted mean over the %d combinations of the other swept "+
			"parameters (%s), too many to draw one line each; its whiskers are the mean of their half-widths, "+
			"an upper bound of the mean's.", res.combos, join(others))
	case res.combos > 1:
		fmt.Fprintf(&b, " One line per combination of the other swept parameters (%s).", join(others))
	}
	fmt.Fprintf(&b, " Scenario %s, seed %d.", "“"+s.Scenario+"”", s.Seed)
	return b.String()
}

// WriteSweepPlots writes every figure of s (SweepPlots) into dir, which
// must exist, as <name>.svg and <name>.png, each with WriteFileAtomic, and
// returns the file names written, in order.
func WriteSweepPlots(dir string, s *Sweep) ([]string, error) {
	figs, err := SweepPlots(s)
	if err != nil {
		return nil, err
	}
	return writeFigures(dir, figs)
}

// WriteSweepReport writes the HTML page of a sweep: one self-contained
// page (the CSS of WriteReport, inline SVG plots, no scripts, no external
// resources) with what was swept (scenario, seed, replications, mode,
// parameters and their values), the plots of SweepPlots with captions,
// and per service a table of every point and arm: the metrics with their
// 95 % confidence intervals and the paired changes of effort and lead
// time against the baseline. Every text from the sweep is escaped
// (html/template). The same Sweep gives the same bytes. WriteSweepReport
// returns an error if s is malformed.
func WriteSweepReport(w io.Writer, s *Sweep) error {
	ix, err := indexSweep(s)
	if err != nil {
		return err
	}
	figs, err := SweepPlots(s)
	if err != nil {
		return err
	}
	d := sweepReportData{
		Title:    "Sweep of scenario “" + s.Scenario + "”",
		Scenario: s.Scenario,
		Seed:     s.Seed,
		CSS:      template.CSS(reportCSS() + sweepCSS),
		Meta: []string{"seed " + strconv.FormatUint(s.Seed, 10),
			plural(s.Replications, "replication", "replications") + " per point and arm",
			plural(len(ix.points), "point", "points"), s.Mode},
		Swept:  sweptText(ix),
		Caveat: sweepCaveat(ix),
	}
	for pi, p := range s.Params {
		var vals []string
		for _, pt := range ix.points {
			if v := ix.values[pt][pi]; v != "" && !slices.Contains(vals, v) {
				vals = append(vals, v)
			}
		}
		d.Params = append(d.Params, param{p, strings.Join(vals, ", ")})
	}
	for _, f := range figs {
		svg, err := renderSVG(f.Plot)
		if err != nil {
			return fmt.Errorf("results: plot %s: %w", f.Name, err)
		}
		if i := bytes.Index(svg, []byte("<svg")); i >= 0 {
			svg = svg[i:] // drop the XML prolog and comment
		}
		if n := len(d.Groups); n == 0 || d.Groups[n-1].Heading != f.Group {
			d.Groups = append(d.Groups, figureGroup{Heading: f.Group})
		}
		g := &d.Groups[len(d.Groups)-1]
		// The SVG comes from vgsvg, which escapes its text.
		g.Figures = append(g.Figures, figureHTML{ID: "fig-" + f.Name, Title: f.Title,
			Caption: f.Caption, SVG: template.HTML(svg)})
	}
	for _, svc := range ix.services {
		d.Tables = append(d.Tables, sweepTable(ix, svc))
	}
	t, err := template.New("report").Parse(reportTemplate)
	if err == nil {
		_, err = t.New("sweep").Parse(sweepTemplate)
	}
	if err != nil {
		panic("results: sweep template: " + err.Error()) // constants: programmer error
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "sweep", d); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// sweepReportData is what the sweep template shows.
type sweepReportData struct {
	Title, Scenario string
	Seed            uint64
	CSS             template.CSS
	Meta            []string
	Swept, Caveat   string
	Params          []param
	Groups          []figureGroup
	Tables          []htmlTable
}

// reportCSS returns the style sheet of WriteReport's page.
func reportCSS() string {
	i := strings.Index(reportTemplate, "<style>")
	j := strings.Index(reportTemplate, "</style>")
	if i < 0 || j < i {
		return ""
	}
	return reportTemplate[i+len("<style>") : j]
}

// sweptText says in a paragraph what was swept.
func sweptText(ix *sweepIndex) string {
	s := ix.s
	arms := make([]string, len(ix.arms))
	for i, a := range ix.arms {
		arms[i] = "“" + a + "”"
	}
	var b strings.Builder
	if len(arms) > 1 {
		fmt.Fprintf(&b, "This page shows how the change of %s against %s (the baseline) depends on %s",
			join(arms[1:]), arms[0], plural(len(s.Params), "parameter", "parameters"))
	} else {
		fmt.Fprintf(&b, "This page shows how %s depends on %s", arms[0], plural(len(s.Params), "parameter", "parameters"))
	}
	if s.Mode == sweepOneAtATime {
		b.WriteString(", varied one at a time: at each point one parameter takes a value, the others keep the scenario's values")
	} else {
		b.WriteString(", varied together: every combination of their values")
	}
	fmt.Fprintf(&b, " (%s in all), for %s: %s. ", plural(len(ix.points), "point", "points"),
		plural(len(ix.services), "service", "services"), join(ix.services))
	fmt.Fprintf(&b, "At every point each arm was simulated %s", plural(s.Replications, "time", "times"))
	if len(arms) > 1 {
		b.WriteString("; the arms are compared replication by replication (paired) at the same point")
	}
	fmt.Fprintf(&b, ". The scenario seed is %d.", s.Seed)
	return b.String()
}

// sweepCaveat says how to read the figures.
func sweepCaveat(ix *sweepIndex) string {
	if ix.s.Replications < 2 {
		return "How to read the figures: with a single replication per point there are no confidence " +
			"intervals, and changes are not tested against chance."
	}
	return fmt.Sprintf("How to read the figures: every figure is the mean over the %d replications ± the "+
		"half-width of its 95 %% confidence interval; a change “vs %s” is the paired relative change with its "+
		"95 %% confidence interval [low, high]. Where that interval includes 0 (a whisker crosses the dotted "+
		"line), the simulation shows no clear change at that point.", ix.s.Replications, ix.arms[0])
}

// sweepTable is every point and arm of service svc: the point's number
// (from 1, as in sweep.csv) and values, the metrics of tableColumns
// present in the sweep, and the paired changes of effort and mean lead
// time against the baseline.
func sweepTable(ix *sweepIndex, svc string) htmlTable {
	s := ix.s
	oat := s.Mode == sweepOneAtATime
	t := htmlTable{Class: "sweep", Caption: svc + ", all offices", Header: []htmlCell{{Text: "point", Num: true}}}
	if oat {
		t.Header = append(t.Header, htmlCell{Text: "parameter"}, htmlCell{Text: "value"})
	} else {
		for _, p := range ix.short {
			t.Header = append(t.Header, htmlCell{Text: p})
		}
	}
	t.Header = append(t.Header, htmlCell{Text: "arm"})
	names := Metrics()
	present := map[string]bool{}
	for k := range ix.rows {
		if k.service == svc {
			present[k.metric] = true
		}
	}
	var cols []column
	for _, col := range append(caseColumns(), staffColumns()...) {
		name := names[col.m].Name
		if !present[name] {
			continue
		}
		cols = append(cols, col)
		t.Header = append(t.Header, htmlCell{Text: col.header + " (" + col.unit + ")", Num: true})
		if name == "effort_min" || name == "lead_days" {
			t.Header = append(t.Header, htmlCell{Text: "vs " + ix.arms[0] + " (%)", Num: true})
		}
	}
	for _, pt := range ix.points {
		vals := ix.values[pt]
		lead := []htmlCell{{Text: strconv.Itoa(pt + 1), Num: true}}
		if oat {
			name, value := "(scenario)", ""
			for i, v := range vals {
				if v != "" {
					name, value = s.Params[i], v
					break // one value per point one at a time
				}
			}
			lead = append(lead, htmlCell{Text: name}, htmlCell{Text: value})
		} else {
			for _, v := range vals {
				lead = append(lead, htmlCell{Text: v})
			}
		}
		first := true
		for _, arm := range ix.arms {
			row := htmlRow{Cells: append(slices.Clone(lead), htmlCell{Text: arm})}
			if !first {
				// The point and its values only on its first row.
				for i := range lead {
					row.Cells[i].Text = ""
				}
			}
			found := false
			for _, col := range cols {
				name := names[col.m].Name
				r := ix.rows[sweepKey{pt, arm, svc, name}]
				mean, change := "", ""
				if r != nil {
					found = true
					mean = formatMean(stats.Summary{Mean: r.Mean, HalfWidth: r.HalfWidth}, col.scale)
					change = formatChange(r.Rel, r.RelLo, r.RelHi)
				}
				row.Cells = append(row.Cells, htmlCell{Text: mean, Num: true})
				if name == "effort_min" || name == "lead_days" {
					row.Cells = append(row.Cells, htmlCell{Text: change, Num: true})
				}
			}
			if found {
				if first {
					row.Class = "point"
				}
				first = false
				t.Rows = append(t.Rows, row)
			}
		}
	}
	return t
}

// sweepCSS is added to the style sheet of WriteReport: a line above every
// point of a sweep table, and arms and values on one line.
const sweepCSS = `
table.sweep tr.point th, table.sweep tr.point td { border-top: 2px solid #b9c7d3; }
table.sweep tbody td, table.sweep tbody th { white-space: nowrap; }
`

// sweepTemplate is the sweep page; sweepReportData fills it. It is parsed
// together with reportTemplate and uses its "table".
const sweepTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="meta">{{range .Meta}}<span>{{.}}</span>{{end}}</p>
</header>
<nav><a href="#swept">What was swept</a><a href="#charts">Charts</a><a href="#tables">Tables</a></nav>

<section id="swept">
<h2>What was swept</h2>
<p>{{.Swept}}</p>
<dl class="params">
{{range .Params}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>
{{end}}</dl>
<p class="caveat">{{.Caveat}}</p>
</section>

<section id="charts">
<h2>Charts</h2>
{{range .Groups}}<h3>{{.Heading}}</h3>
{{range .Figures}}<figure id="{{.ID}}">
{{.SVG}}<figcaption><b>{{.Title}}.</b> {{.Caption}}</figcaption>
</figure>
{{end}}{{end}}</section>

<section id="tables">
<h2>Tables</h2>
<p>Service totals over all offices at every point. Mean ± half-width of the 95 % confidence interval over the replications; the columns “vs” give the paired relative change with its 95 % confidence interval.</p>
{{range .Tables}}{{template "table" .}}{{end}}</section>

<footer>Written by zsa for the sweep of scenario “{{.Scenario}}”, seed {{.Seed}}.</footer>
</body>
</html>
`

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
	p := newPlot(service+": what makes up the change in "+m.label, "change in "+m.label+", “"+d.Arm+
		"” vs status quo (%)", "")
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
		label := r.Mechanism
		switch label {
		case MechanismNone:
			label = "none of them"
		case MechanismTotal:
			label = "total"
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
		noData(p, "no values")
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
		p.Legend.Add("Shapley value, 95 % CI", legendBar)
	}
	for _, mk := range []struct {
		pts   plotter.XYs
		name  string
		shape draw.GlyphDrawer
	}{
		{alone, "switched on alone", draw.RingGlyph{}},
		{last, "switched on last", draw.TriangleGlyph{}},
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

// decompositionRows returns the rows of d for service and metric: the
// mechanisms in the order of d.Mechanisms, then any other mechanisms in
// the order of d.Rows, then (none), then (total).
func decompositionRows(d *Decomposition, service, metric string) []DecompositionRow {
	var rows []DecompositionRow
	for _, r := range d.Rows {
		if r.Service == service && r.Metric == metric {
			rows = append(rows, r)
		}
	}
	rank := func(r DecompositionRow) int {
		switch r.Mechanism {
		case MechanismNone:
			return len(d.Mechanisms) + 1
		case MechanismTotal:
			return len(d.Mechanisms) + 2
		}
		if i := slices.Index(d.Mechanisms, r.Mechanism); i >= 0 {
			return i
		}
		return len(d.Mechanisms)
	}
	slices.SortStableFunc(rows, func(a, b DecompositionRow) int { return rank(a) - rank(b) })
	return rows
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
		for _, m := range plotMetrics() {
			if len(decompositionRows(d, svc, m.name)) == 0 {
				continue
			}
			name := "decomposition-" + m.slug + "-" + slugs[si]
			p, err := DecompositionPlot(d, svc, m.name)
			if err != nil {
				return nil, fmt.Errorf("results: plot %s: %w", name, err)
			}
			figs = append(figs, Figure{Name: name, Group: m.group,
				Title:   svc + ": what makes up the change in " + m.label,
				Caption: decompositionCaption(d, m), Plot: p})
		}
	}
	return figs, nil
}

// decompositionCaption says what a decomposition plot of metric m shows.
func decompositionCaption(d *Decomposition, m plotMetric) string {
	var b strings.Builder
	fmt.Fprintf(&b, "The paired relative change of %s of “%s” against the status quo (in %%), split into "+
		"the Shapley value of each mechanism — its effect averaged over every order of switching the mechanisms "+
		"on (Shapley 1953) — and the change that remains with all of them off (“none of them”); together they "+
		"add up to the total. ", m.what, d.Arm)
	if d.Replications > 1 {
		fmt.Fprintf(&b, "Whiskers are 95 %% confidence intervals over %d replications per combination. ", d.Replications)
	} else {
		b.WriteString("A single replication per combination: no confidence intervals. ")
	}
	fmt.Fprintf(&b, "Markers give each mechanism's effect switched on alone and switched on last. Scenario “%s”, seed %d.",
		d.Scenario, d.Seed)
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
