package results

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"zsa/models/dist"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
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

// levelFigures are the plots of the levels of metric m: per service and
// parameter, every arm's mean against the parameter's values; parameters
// in flat (per metric and service) are left out.
func (ix *sweepIndex) levelFigures(m absoluteMetric, svcSlugs, paramSlugs []string, flat map[[2]string][]string) ([]Figure, error) {
	var figs []Figure
	for si, svc := range ix.services {
		if !ix.has(svc, m.metric.name) {
			continue
		}
		for pi := range ix.s.Params {
			if slices.Contains(flat[[2]string{m.metric.name, svc}], ix.short[pi]) {
				continue
			}
			name := "sweep-abs-" + m.metric.slug + "-" + svcSlugs[si] + "-" + paramSlugs[pi]
			res := ix.response(pi, svc, m.metric.name, m.view)
			p, err := ix.responsePlot(res, pi, svc, m.metric, m.view)
			if err != nil {
				return nil, fmt.Errorf("results: plot %s: %w", name, err)
			}
			figs = append(figs, Figure{Name: name, Group: ix.tr.s(m.metric.group),
				Title:   ix.tr.f("%s: %s (%s) against %s", svc, ix.tr.s(m.metric.label), ix.tr.s(m.view.unit), ix.short[pi]),
				Caption: ix.responseCaption(res, pi, m.metric, m.view), Plot: p})
		}
	}
	return figs, nil
}

// absoluteMetric is a metric whose levels SweepPlots draws: its means,
// in the view's unit.
type absoluteMetric struct {
	metric plotMetric
	view   sweepView
}

// absoluteMetrics are the metrics whose levels SweepPlots draws: the
// effort per case and the mean lead time (as plotMetrics, in order), and
// the share of cases done within the service level.
func absoluteMetrics() []absoluteMetric {
	m := plotMetrics()
	return []absoluteMetric{
		{m[0], sweepView{abs: true, scale: 1, unit: "min"}},
		{m[1], sweepView{abs: true, scale: 1, unit: "d"}},
		{plotMetric{name: MetricWithinLevel, slug: "within", group: groupWithin, label: "cases within the service level",
			what: "the share of completed cases done within the service level"}, sweepView{abs: true, scale: 100, unit: "%"}},
	}
}

// decompositionMetrics are the metrics the decomposition's tables and
// charts show: plotMetrics and the share within the service level.
func decompositionMetrics() []plotMetric {
	return append(plotMetrics(), absoluteMetrics()[2].metric)
}

// groupWithin is the figure group of the service level's charts.
const groupWithin = "Service level"

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
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

// MetricLabel names a metric as tables and charts do ("effort per case",
// "mean lead time"), or by its name where they have no label.
func MetricLabel(name string) string { return metricInfo(name).label }

// metricInfo describes metric for plots: one of plotMetrics, or one named
// by its Doc.
func metricInfo(metric string) plotMetric {
	for _, m := range decompositionMetrics() {
		if m.name == metric {
			return m
		}
	}
	m := plotMetric{name: metric, slug: Slug(metric), group: metric, label: metric, what: metric}
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

// sweepView is what a sweep plot shows of a metric: the paired relative
// change against the baseline in % (abs false), or the means themselves,
// times scale, in unit (abs true).
type sweepView struct {
	abs   bool
	scale float64
	unit  string
}

// response collects the relative changes of metric in service against
// parameter pi: the points where pi has a value, one line per arm after
// the baseline and combination of the other parameters' values, or per
// arm averaged over the combinations if that gives more than
// maxSweepLines lines. With v.abs, the means themselves (times v.scale)
// of every arm, the baseline included, with their confidence intervals.
func (ix *sweepIndex) response(pi int, service, metric string, v sweepView) sweepResponse {
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
	first := 1
	if v.abs {
		first = 0
	}
	nArms := len(ix.arms) - first
	res.averaged = res.combos > 1 && nArms*res.combos > maxSweepLines
	nLines := res.combos
	if res.averaged {
		nLines = 1
	}
	for a := first; a < len(ix.arms); a++ {
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
				if r == nil {
					continue
				}
				y, lo, hi := 100*r.Rel, 100*r.RelLo, 100*r.RelHi
				if v.abs {
					y, lo, hi = v.scale*r.Mean, v.scale*(r.Mean-r.HalfWidth), v.scale*(r.Mean+r.HalfWidth)
				}
				if math.IsNaN(y) || math.IsInf(y, 0) {
					continue
				}
				k := slices.Index(labels, ix.values[pt][pi])
				accs[k].n++
				accs[k].sumY += y
				accs[k].sumLo += lo // NaN or Inf spreads: no whisker
				accs[k].sumHi += hi
			}
			s := sweepSeries{arm: a, combo: c, label: ix.tr.name(ix.arms[a])}
			switch {
			case res.averaged:
				s.label += ix.tr.f(", mean over %d combinations", res.combos)
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
// then, after each metric's charts of changes, its levels — every arm's
// mean, the baseline's too, with its 95 % confidence interval — and the
// share of cases done within the service level where the sweep has it:
//
//	sweep-abs-effort-<service>-<param>   (min)
//	sweep-abs-lead-<service>-<param>     (d)
//	sweep-abs-within-<service>-<param>   (%)
//
// One at a time with more than one arm, each metric's charts begin with a
// tornado chart per service (tornado-<metric>-<service>); a parameter
// that moves the change by less than flatPoints is left out of that
// metric's charts, changes and levels, and the tornado's caption names it.
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
	oat := s.Mode == sweepOneAtATime
	// flatFor holds, per metric and service, the parameters that move its
	// change by less than flatPoints one at a time: left out.
	flatFor := map[[2]string][]string{}
	for mi, m := range plotMetrics() {
		for si, svc := range ix.services {
			var flat []string
			if oat && len(ix.arms) > 1 {
				p, left, err := ix.tornadoPlot(svc, m)
				if err != nil {
					return nil, fmt.Errorf("results: tornado plot: %w", err)
				}
				flat = left
				flatFor[[2]string{m.name, svc}] = left
				t := ix.tr
				caption := t.f("How far each parameter moves %s of %s against %s (the change in %%), over the "+
					"values swept, one parameter at a time with the others at the scenario's values; the widest on top.",
					t.s(m.label), t.name(ix.arms[1]), t.name(ix.arms[0]))
				if len(left) > 0 {
					caption += t.f(" Flat, so left out below (less than %s percentage points): %s.", formatSig(flatPoints), strings.Join(left, "; "))
				}
				figs = append(figs, Figure{Name: "tornado-" + m.slug + "-" + svcSlugs[si], Group: t.s(m.group),
					Title: t.f("%s: which parameters move %s", svc, t.s(m.label)), Caption: caption, Plot: p})
			}
			for pi := range s.Params {
				if slices.Contains(flat, ix.short[pi]) {
					continue
				}
				name := "sweep-" + m.slug + "-" + svcSlugs[si] + "-" + paramSlugs[pi]
				rel := sweepView{scale: 100, unit: "%"}
				res := ix.response(pi, svc, m.name, rel)
				p, err := ix.responsePlot(res, pi, svc, m, rel)
				if err != nil {
					return nil, fmt.Errorf("results: plot %s: %w", name, err)
				}
				figs = append(figs, Figure{Name: name, Group: ix.tr.s(m.group),
					Title:   ix.tr.f("%s: %s against %s", svc, ix.tr.s(m.label), ix.short[pi]),
					Caption: ix.responseCaption(res, pi, m, rel), Plot: p})
			}
		}
		// The levels themselves, every arm's mean (the baseline's too),
		// for the parameters that move the change.
		add, err := ix.levelFigures(absoluteMetrics()[mi], svcSlugs, paramSlugs, flatFor)
		if err != nil {
			return nil, err
		}
		figs = append(figs, add...)
	}
	// The share within the service level: its levels.
	for _, m := range absoluteMetrics()[2:] {
		add, err := ix.levelFigures(m, svcSlugs, paramSlugs, nil)
		if err != nil {
			return nil, err
		}
		figs = append(figs, add...)
	}
	return figs, nil
}

// responsePlot draws res, the response of metric m in service svc to
// parameter pi.
func (ix *sweepIndex) responsePlot(res sweepResponse, pi int, svc string, m plotMetric, v sweepView) (*plot.Plot, error) {
	t := ix.tr
	xLabel := ix.short[pi]
	if u := res.axis.unitName(); u != "" {
		xLabel += " (" + t.s(u) + ")"
	}
	yLabel := t.f("change in %s vs %s (%%)", t.s(m.label), t.name(ix.arms[0]))
	if v.abs {
		yLabel = t.s(m.label) + " (" + t.s(v.unit) + ")"
	}
	p := newPlot(t.f("%s: %s against %s", svc, t.s(m.label), ix.short[pi]), xLabel, yLabel)
	ax := res.axis
	var drawn []sweepSeries
	for _, s := range res.series {
		if len(s.pts) > 0 {
			drawn = append(drawn, s)
		}
	}
	if len(drawn) == 0 {
		noData(p, t.s("no changes to show"))
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
	if !v.abs {
		// The baseline: no change.
		zero := plotter.NewFunction(func(float64) float64 { return 0 })
		zero.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x60}, Width: vg.Points(1),
			Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
		zero.Samples = 2
		p.Add(zero)
	}

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
func (ix *sweepIndex) responseCaption(res sweepResponse, pi int, m plotMetric, v sweepView) string {
	s, t := ix.s, ix.tr
	base := t.f("“%s”", t.name(ix.arms[0]))
	var b strings.Builder
	if v.abs {
		b.WriteString(t.f("%s of every arm (in %s), as %s varies", upperFirst(t.s(m.what)), t.s(v.unit), ix.short[pi]))
	} else {
		b.WriteString(t.f("Paired relative change of %s against %s at the same sweep point (in %%), as %s varies",
			t.s(m.what), base, ix.short[pi]))
	}
	if res.axis.unit != "" {
		b.WriteString(t.f(" (the durations %s, in %s)", strings.Join(res.axis.labels, ", "), t.s(res.axis.unitName())))
	}
	b.WriteString("; ")
	if s.Replications > 1 {
		b.WriteString(t.f("points are means over %s, whiskers their 95 %% confidence intervals",
			t.plural(s.Replications, "replication", "replications")))
	} else {
		b.WriteString(t.s("a single replication per point: no confidence intervals"))
	}
	if !v.abs {
		b.WriteString(t.f(". The dotted line at 0 is %s.", base))
	} else {
		b.WriteString(".")
	}
	var others []string
	for j := range s.Params {
		if j != pi {
			others = append(others, ix.short[j])
		}
	}
	switch {
	case s.Mode == sweepOneAtATime && len(others) > 0:
		b.WriteString(t.f(" The other swept parameters (%s) keep the scenario's values.", t.join(others)))
	case res.averaged:
		b.WriteString(t.f(" Each line is the unweighted mean over the %d combinations of the other swept "+
			"parameters (%s), too many to draw one line each; its whiskers are the mean of their half-widths, "+
			"an upper bound of the mean's.", res.combos, t.join(others)))
	case res.combos > 1:
		b.WriteString(t.f(" One line per combination of the other swept parameters (%s).", t.join(others)))
	}
	b.WriteString(t.f(" Scenario %s, seed %d.", t.f("“%s”", s.Scenario), s.Seed))
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

// flatPoints is the range of the change, in percentage points, below
// which a one-at-a-time sweep's parameter counts as flat: its response
// chart is left out (the tornado chart names it).
const flatPoints = 0.5

// tornadoPlot draws, for a one-at-a-time sweep, the range of the first
// arm's relative change of metric m in service svc over each parameter's
// values as a horizontal bar, the widest on top, and returns the labels
// of the parameters whose range is below flatPoints.
func (ix *sweepIndex) tornadoPlot(svc string, m plotMetric) (*plot.Plot, []string, error) {
	type bar struct {
		label  string
		lo, hi float64
	}
	var bars []bar
	var flat []string
	for pi := range ix.s.Params {
		res := ix.response(pi, svc, m.name, sweepView{scale: 100, unit: "%"})
		b := bar{label: ix.short[pi], lo: math.Inf(1), hi: math.Inf(-1)}
		for _, sr := range res.series {
			if sr.arm != 1 {
				continue
			}
			for _, pt := range sr.pts {
				if !math.IsNaN(pt.y) {
					b.lo, b.hi = min(b.lo, pt.y), max(b.hi, pt.y)
				}
			}
		}
		if math.IsInf(b.lo, 0) {
			continue
		}
		if b.hi-b.lo < flatPoints {
			flat = append(flat, b.label)
		}
		bars = append(bars, b)
	}
	t := ix.tr
	p := newPlot(t.f("%s: which parameters move %s", svc, t.s(m.label)), t.f("change in %s vs %s (%%)", t.s(m.label), t.name(ix.arms[0])), "")
	if len(bars) == 0 {
		noData(p, t.s("no changes to show"))
		return p, flat, nil
	}
	slices.SortStableFunc(bars, func(a, b bar) int { return cmp.Compare(b.hi-b.lo, a.hi-a.lo) })
	lo, hi := math.Inf(1), math.Inf(-1)
	ticks := make([]plot.Tick, len(bars))
	for i, b := range bars {
		y := float64(len(bars) - 1 - i)
		ticks[i] = plot.Tick{Value: y, Label: b.label}
		w := max(b.hi-b.lo, 0.05) // a flat bar stays visible
		mid := (b.lo + b.hi) / 2
		poly, err := plotter.NewPolygon(plotter.XYs{{X: mid - w/2, Y: y - 0.35}, {X: mid + w/2, Y: y - 0.35},
			{X: mid + w/2, Y: y + 0.35}, {X: mid - w/2, Y: y + 0.35}})
		if err != nil {
			return nil, nil, err
		}
		poly.Color = lighten(armColor(1), 0.35)
		poly.LineStyle = draw.LineStyle{Color: armColor(1), Width: vg.Points(1)}
		p.Add(poly)
		lo, hi = min(lo, mid-w/2), max(hi, mid+w/2)
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = -0.6, float64(len(bars))-0.4
	span := max(hi-lo, 1)
	p.X.Min, p.X.Max = lo-0.1*span, hi+0.1*span
	return p, flat, nil
}
