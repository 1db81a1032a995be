package results

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Swept key paths of the test sweeps.
const (
	pRate       = "services.Wohngeld.learning.rate"
	pForgetting = "services.Wohngeld.forgetting"
	pBatch      = "services.Wohngeld.batch"
)

// testSweep builds a sweep of the given points by hand: arms "status quo"
// and the others named, services Wohngeld and Elterngeld, metrics
// effort_min, lead_days and fte. The numbers are small and realistic
// (about 95 min and 21 days in the status quo, 10–20 % less in the other
// arms) and follow testRel, so that tests can recompute them.
func testSweep(mode string, params []string, points [][]string, arms ...string) *Sweep {
	s := &Sweep{Scenario: "pilot-2025-sensitivity", Seed: 42, Replications: 5, Mode: mode, Params: params}
	arms = append([]string{"status quo"}, arms...)
	for pt, vals := range points {
		for a, arm := range arms {
			for si, svc := range []string{"Wohngeld", "Elterngeld"} {
				for mi, metric := range []string{"effort_min", "lead_days", "work_fte"} {
					base := []float64{95, 21, 12}[mi] * (1 + 0.1*float64(si)) * (1 + 0.02*float64(pt))
					r := SweepRow{Point: pt, Values: vals, Arm: arm, Service: svc, Metric: metric,
						Mean: base, HalfWidth: 0.02 * base, Rel: math.NaN(), RelLo: math.NaN(), RelHi: math.NaN()}
					if a > 0 {
						r.Rel = testRel(pt, a, si, mi)
						r.Mean = base * (1 + r.Rel)
						r.RelLo = r.Rel - (0.015 + 0.005*float64(mi))
						r.RelHi = r.Rel + (0.015 + 0.005*float64(mi))
					}
					s.Rows = append(s.Rows, r)
				}
			}
		}
	}
	return s
}

// testRel is the relative change of arm a at point pt in testSweep.
func testRel(pt, a, si, mi int) float64 {
	return -0.10 - 0.02*float64(pt) - 0.03*float64(a-1) + 0.01*float64(si) - 0.02*float64(mi)
}

// oatSweep is a one-at-a-time sweep of a learning rate (two values) and a
// forgetting time (three durations).
func oatSweep() *Sweep {
	return testSweep("one-at-a-time", []string{pRate, pForgetting},
		[][]string{{"0.8", ""}, {"0.9", ""}, {"", "30d"}, {"", "90d"}, {"", "180d"}}, "ZSA")
}

// gridSweep is a 2 × 2 grid of the learning rate and the forgetting time
// with two arms after the status quo (4 lines per plot).
func gridSweep() *Sweep {
	return testSweep("grid", []string{pRate, pForgetting},
		[][]string{{"0.8", "30d"}, {"0.8", "180d"}, {"0.9", "30d"}, {"0.9", "180d"}}, "ZSA", "ZSA + digital")
}

// bigGridSweep is a 2 × 2 × 2 grid with two arms after the status quo: 8
// lines per plot, too many, so the plots average.
func bigGridSweep() *Sweep {
	var points [][]string
	for _, r := range []string{"0.8", "0.9"} {
		for _, f := range []string{"30d", "180d"} {
			for _, b := range []string{"fifo", "batch of 5"} {
				points = append(points, []string{r, f, b})
			}
		}
	}
	return testSweep("grid", []string{pRate, pForgetting, pBatch}, points, "ZSA", "ZSA + digital")
}

// checkFigures renders every figure and checks its SVG and PNG, and that
// it is not marked empty.
func checkFigures(t *testing.T, figs []Figure) {
	t.Helper()
	w, h := pngSize()
	for _, f := range figs {
		if f.Title == "" || f.Caption == "" || f.Group == "" || f.Plot == nil {
			t.Errorf("%s: title %q, caption %q, group %q, plot %v: want all set", f.Name, f.Title, f.Caption, f.Group, f.Plot)
			continue
		}
		svg, err := renderSVG(f.Plot)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		checkSVG(t, f.Name, svg)
		if bytes.Contains(svg, []byte(">no ")) {
			t.Errorf("%s: plot is empty", f.Name)
		}
		b, err := renderPNG(f.Plot)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		checkPNG(t, f.Name, b, w, h)
	}
}

func figureNames(figs []Figure) []string {
	var names []string
	for _, f := range figs {
		names = append(names, f.Name)
	}
	return names
}

func TestSweepPlotsOneAtATime(t *testing.T) {
	t.Parallel()
	s := oatSweep()
	figs, err := SweepPlots(s)
	if err != nil {
		t.Fatal(err)
	}
	const rate, forg = "services-Wohngeld-learning-rate", "services-Wohngeld-forgetting"
	// Per metric and service, the tornado chart first, then one chart per
	// parameter (none is flat here); then the metric's levels per service
	// and parameter. The sweep has no service level: no chart of it.
	want := []string{
		"tornado-effort-Wohngeld", "sweep-effort-Wohngeld-" + rate, "sweep-effort-Wohngeld-" + forg,
		"tornado-effort-Elterngeld", "sweep-effort-Elterngeld-" + rate, "sweep-effort-Elterngeld-" + forg,
		"sweep-abs-effort-Wohngeld-" + rate, "sweep-abs-effort-Wohngeld-" + forg,
		"sweep-abs-effort-Elterngeld-" + rate, "sweep-abs-effort-Elterngeld-" + forg,
		"tornado-lead-Wohngeld", "sweep-lead-Wohngeld-" + rate, "sweep-lead-Wohngeld-" + forg,
		"tornado-lead-Elterngeld", "sweep-lead-Elterngeld-" + rate, "sweep-lead-Elterngeld-" + forg,
		"sweep-abs-lead-Wohngeld-" + rate, "sweep-abs-lead-Wohngeld-" + forg,
		"sweep-abs-lead-Elterngeld-" + rate, "sweep-abs-lead-Elterngeld-" + forg,
	}
	if got := figureNames(figs); !slices.Equal(got, want) {
		t.Fatalf("figures %q, want %q", got, want)
	}
	checkFigures(t, figs)
	for _, f := range figs {
		if strings.HasPrefix(f.Name, "tornado-") {
			continue
		}
		if !strings.Contains(f.Caption, "keep the scenario's values") || !strings.Contains(f.Caption, "seed 42") {
			t.Errorf("%s: caption %q does not say that the other parameter stays, or the seed", f.Name, f.Caption)
		}
	}

	// The forgetting times are durations: plotted in days, at 30, 90 and
	// 180, with the change of testRel at points 2, 3 and 4.
	ix, err := indexSweep(s)
	if err != nil {
		t.Fatal(err)
	}
	res := ix.response(1, "Wohngeld", "effort_min", sweepView{scale: 100, unit: "%"})
	if !res.axis.numeric || res.axis.unit != "d" {
		t.Errorf("forgetting axis: numeric %v, unit %q, want numeric in d", res.axis.numeric, res.axis.unit)
	}
	if len(res.series) != 1 || len(res.series[0].pts) != 3 {
		t.Fatalf("forgetting: %d lines, want 1 with 3 points: %+v", len(res.series), res.series)
	}
	for i, pt := range res.series[0].pts {
		wantX := []float64{30, 90, 180}[i]
		wantY := 100 * testRel(2+i, 1, 0, 0)
		if pt.x != wantX || math.Abs(pt.y-wantY) > 1e-12 || math.Abs(pt.lo-(wantY-1.5)) > 1e-12 || math.Abs(pt.hi-(wantY+1.5)) > 1e-12 {
			t.Errorf("forgetting point %d = %+v, want x %v, y %v ± 1.5", i, pt, wantX, wantY)
		}
	}
	// The levels against the forgetting time: the status quo and the ZSA,
	// each mean ± its half-width as testSweep builds them.
	lv := ix.response(1, "Wohngeld", "effort_min", sweepView{abs: true, scale: 1, unit: "min"})
	if len(lv.series) != 2 {
		t.Fatalf("levels: %d lines, want 2 (status quo and ZSA)", len(lv.series))
	}
	for a, ser := range lv.series {
		for i, pt := range ser.pts {
			base := 95 * (1 + 0.02*float64(2+i))
			mean := base
			if a == 1 {
				mean = base * (1 + testRel(2+i, 1, 0, 0))
			}
			if math.Abs(pt.y-mean) > 1e-9 || math.Abs(pt.hi-pt.y-0.02*base) > 1e-9 || math.Abs(pt.y-pt.lo-0.02*base) > 1e-9 {
				t.Errorf("level of arm %d at point %d = %+v, want %v ± %v", a, i, pt, mean, 0.02*base)
			}
		}
	}
	p := figs[2].Plot // after the tornado chart and the rate's
	if !(p.X.Min < 30 && p.X.Min > 0 && p.X.Max > 180 && p.X.Max < 200) {
		t.Errorf("forgetting x axis [%v, %v], want just around [30, 180] days", p.X.Min, p.X.Max)
	}
	if !(p.Y.Min < 100*testRel(4, 1, 0, 0)-1.5 && p.Y.Max > 0) {
		t.Errorf("y axis [%v, %v] does not hold the changes and 0", p.Y.Min, p.Y.Max)
	}
	svg, err := renderSVG(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Wohngeld: forgetting horizon (days)", "change in effort per case vs status quo (%)", ">180<", ">ZSA<"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("forgetting plot lacks %q", want)
		}
	}
	if bytes.Contains(svg, []byte("status quo<")) {
		t.Error("forgetting plot has a line for the status quo")
	}
}

func TestSweepAxis(t *testing.T) {
	t.Parallel()
	for i, tc := range []struct {
		values  []string
		numeric bool
		unit    string
		x       []float64
	}{
		{[]string{"0.8", "0.9"}, true, "", []float64{0.8, 0.9}},
		{[]string{"3", "1", "2"}, true, "", []float64{3, 1, 2}},
		{[]string{"30d", "90d", "180d"}, true, "d", []float64{30, 90, 180}},
		{[]string{"12h", "2d"}, true, "d", []float64{0.5, 2}},
		{[]string{"30min", "4h"}, true, "h", []float64{0.5, 4}},
		{[]string{"5min", "90s", "1h"}, true, "min", []float64{5, 1.5, 60}},
		{[]string{"fifo", "lifo", "edd"}, false, "", []float64{0, 1, 2}},
		{[]string{"30d", "0.5"}, false, "", []float64{0, 1}}, // mixed: categories
		{[]string{"true", "false"}, false, "", []float64{0, 1}},
		{[]string{"NaN", "1"}, false, "", []float64{0, 1}},
	} {
		ax := newSweepAxis(tc.values)
		if ax.numeric != tc.numeric || ax.unit != tc.unit || !slices.Equal(ax.x, tc.x) {
			t.Errorf("case %d: axis of %q = numeric %v, unit %q, x %v; want %v, %q, %v",
				i, tc.values, ax.numeric, ax.unit, ax.x, tc.numeric, tc.unit, tc.x)
		}
	}
}

func TestSweepPlotsGrid(t *testing.T) {
	t.Parallel()
	s := gridSweep()
	figs, err := SweepPlots(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 16 {
		t.Fatalf("%d figures, want 16 (2 metrics × 2 services × 2 parameters, changes and levels)", len(figs))
	}
	checkFigures(t, figs)
	ix, err := indexSweep(s)
	if err != nil {
		t.Fatal(err)
	}
	// Against the rate: one line per arm and forgetting time, each with
	// both rates.
	res := ix.response(0, "Wohngeld", "effort_min", sweepView{scale: 100, unit: "%"})
	if res.averaged || res.combos != 2 || len(res.series) != 4 {
		t.Fatalf("grid: averaged %v, %d combinations, %d lines; want false, 2, 4", res.averaged, res.combos, len(res.series))
	}
	var labels []string
	for _, l := range res.series {
		labels = append(labels, l.label)
		if len(l.pts) != 2 {
			t.Errorf("line %q has %d points, want 2", l.label, len(l.pts))
		}
	}
	want := []string{"ZSA, Wohngeld: forgetting horizon = 30d", "ZSA, Wohngeld: forgetting horizon = 180d",
		"ZSA + digital, Wohngeld: forgetting horizon = 30d", "ZSA + digital, Wohngeld: forgetting horizon = 180d"}
	if !slices.Equal(labels, want) {
		t.Errorf("line labels %q, want %q", labels, want)
	}
	// The line of ZSA + digital at forgetting 180d: points 1 (rate 0.8)
	// and 3 (rate 0.9).
	for i, pt := range res.series[3].pts {
		if w := 100 * testRel(1+2*i, 2, 0, 0); pt.x != []float64{0.8, 0.9}[i] || math.Abs(pt.y-w) > 1e-12 {
			t.Errorf("point %d = %+v, want y %v", i, pt, w)
		}
	}
	svg, err := renderSVG(figs[0].Plot)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !bytes.Contains(svg, []byte(html.EscapeString(w))) {
			t.Errorf("grid plot lacks the legend entry %q", w)
		}
	}
	if !strings.Contains(figs[0].Caption, "One line per combination") {
		t.Errorf("caption %q does not explain the lines", figs[0].Caption)
	}
}

func TestSweepPlotsAverageManyLines(t *testing.T) {
	t.Parallel()
	s := bigGridSweep()
	figs, err := SweepPlots(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 24 {
		t.Fatalf("%d figures, want 24 (2 metrics × 2 services × 3 parameters, changes and levels)", len(figs))
	}
	checkFigures(t, figs)
	ix, err := indexSweep(s)
	if err != nil {
		t.Fatal(err)
	}
	// 2 arms × 4 combinations of the other parameters are too many lines:
	// one per arm, the mean over the combinations.
	res := ix.response(2, "Elterngeld", "lead_days", sweepView{scale: 100, unit: "%"})
	if !res.averaged || res.combos != 4 || len(res.series) != 2 {
		t.Fatalf("averaged %v, %d combinations, %d lines; want true, 4, 2", res.averaged, res.combos, len(res.series))
	}
	if res.axis.numeric {
		t.Error("batch axis is numeric, want categories")
	}
	// "fifo" is at the even points 0, 2, 4, 6.
	var sum float64
	for _, pt := range []int{0, 2, 4, 6} {
		sum += 100 * testRel(pt, 1, 1, 1)
	}
	if got := res.series[0].pts[0]; got.x != 0 || math.Abs(got.y-sum/4) > 1e-12 || math.Abs(got.hi-got.y-2) > 1e-12 || math.Abs(got.y-got.lo-2) > 1e-12 {
		t.Errorf("mean point %+v, want x 0, y %v ± 2", got, sum/4)
	}
	f := figs[len(figs)-1]
	if !strings.Contains(f.Caption, "unweighted mean over the 4 combinations") {
		t.Errorf("%s: caption %q does not say the lines are averages", f.Name, f.Caption)
	}
	svg, err := renderSVG(f.Plot)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ZSA, mean over 4 combinations", ">batch of 5<", ">fifo<"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("%s lacks %q", f.Name, want)
		}
	}
}

func TestSweepPlotsAreDeterministic(t *testing.T) {
	t.Parallel()
	f1, err1 := SweepPlots(gridSweep())
	f2, err2 := SweepPlots(gridSweep())
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	d := testDecomposition(t)
	g1, err1 := DecompositionFigures(d)
	g2, err2 := DecompositionFigures(testDecomposition(t))
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	f1, f2 = append(f1, g1...), append(f2, g2...)
	sameFigures(t, f1, f2)
}

func TestWriteSweepPlots(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	names, err := WriteSweepPlots(dir, oatSweep())
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 40 {
		t.Errorf("%d files, want 40 (8 plots of changes, 8 of levels and 4 tornado charts as SVG and PNG): %q", len(names), names)
	}
	if got, want := dirNames(t, dir), slices.Sorted(slices.Values(names)); !slices.Equal(got, want) {
		t.Errorf("directory holds %q, want %q", got, want)
	}
	checkPlotFiles(t, dir, names)
	if _, err := WriteSweepPlots(dir, &Sweep{}); !errors.Is(err, ErrNoSweepRows) {
		t.Errorf("WriteSweepPlots(no rows) = %v, want %v", err, ErrNoSweepRows)
	}
}

func TestWriteSweepReport(t *testing.T) {
	t.Parallel()
	for _, s := range []*Sweep{oatSweep(), gridSweep()} {
		s.Scenario = "pilot " + hostile
		for i := range s.Rows {
			if s.Rows[i].Service == "Elterngeld" {
				s.Rows[i].Service = "E " + hostile
			}
			if s.Rows[i].Arm == "ZSA" {
				s.Rows[i].Arm = "ZSA " + hostile
			}
		}
		var b bytes.Buffer
		if err := WriteSweepReport(&b, s); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		figs, err := SweepPlots(s)
		if err != nil {
			t.Fatal(err)
		}
		escaped := html.EscapeString(hostile)
		for _, want := range []string{
			"<!DOCTYPE html>", "<style>", "@media print", "font: 15px/1.5", // the report's CSS
			"pilot " + escaped, "E " + escaped, "ZSA " + escaped, // scenario, service, arm
			"seed 42", "5 replications per point", s.Mode, pForgetting, "30d",
			"What was swept", "effort per case (min)", "lead time mean (d)", "vs status quo (%)",
			"95 % confidence interval",
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: page lacks %q", s.Mode, want)
			}
		}
		if n := strings.Count(page, "<svg"); n != len(figs) {
			t.Errorf("%s: page has %d <svg elements, want %d (one per plot)", s.Mode, n, len(figs))
		}
		if strings.Contains(page, "<?xml") {
			t.Errorf("%s: page contains an XML prolog", s.Mode)
		}
		lower := strings.ToLower(page)
		for _, bad := range []string{
			"<script", "alert(1)</", " & co", // hostile text unescaped
			`src="http`, `href="http`, "<link", "url(", "@import", "<iframe", "<img", "xlink:href=\"http", // external resources
			"zgotmpl", // html/template rejected a value
		} {
			if i := strings.Index(lower, strings.ToLower(bad)); i >= 0 {
				t.Errorf("%s: page contains %q: …%s…", s.Mode, bad, page[max(0, i-60):min(len(page), i+60)])
			}
		}
		if m := regexp.MustCompile(`\b(NaN|[+-]?Inf)\b`).FindString(page); m != "" {
			t.Errorf("%s: page shows an unformatted number %q", s.Mode, m)
		}
		// One table row per point, arm and service, and a header row per
		// service.
		ix, err := indexSweep(s)
		if err != nil {
			t.Fatal(err)
		}
		rows := len(ix.points) * len(ix.arms) * len(ix.services)
		if n := strings.Count(page, "<tr") - len(ix.services); n != rows {
			t.Errorf("%s: %d table rows, want %d", s.Mode, n, rows)
		}
		// A ZSA cell: the mean ± half-width and the change with its CI.
		r := s.Rows[3*2] // point 0, ZSA, Wohngeld, effort_min
		cell := fmt.Sprintf("%.1f %%", 100*r.Rel)
		if !strings.Contains(page, strings.ReplaceAll(cell, "-", "−")) {
			t.Errorf("%s: page lacks the change %q", s.Mode, cell)
		}

		var again bytes.Buffer
		if err := WriteSweepReport(&again, s); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), again.Bytes()) {
			t.Errorf("%s: two pages of the same sweep differ:\n%s", s.Mode, firstDiff(b.Bytes(), again.Bytes()))
		}
	}
}

func TestSweepErrors(t *testing.T) {
	t.Parallel()
	bad := func(f func(s *Sweep)) *Sweep {
		s := oatSweep()
		f(s)
		return s
	}
	for i, tc := range []struct {
		s    *Sweep
		want string
	}{
		{nil, "no rows"},
		{&Sweep{Mode: "grid", Params: []string{"a"}}, "no rows"},
		{bad(func(s *Sweep) { s.Params = nil }), "no parameters"},
		{bad(func(s *Sweep) { s.Mode = "random" }), `mode "random": must be one of (grid|one-at-a-time)`},
		{bad(func(s *Sweep) { s.Rows[4].Values = []string{"0.8"} }), "row 5 has 1 values for 2 parameters"},
		{bad(func(s *Sweep) { s.Rows[4].Values = []string{"0.7", ""} }), "point 1 has values"},
		{bad(func(s *Sweep) { s.Rows[4] = s.Rows[3] }), "row 5 repeats point 1"},
		{bad(func(s *Sweep) { s.Rows[0].Point = -1 }), "negative"},
	} {
		_, err := SweepPlots(tc.s)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("case %d: SweepPlots error %v, want one with %q", i, err, tc.want)
		}
		if err := WriteSweepReport(&bytes.Buffer{}, tc.s); err == nil {
			t.Errorf("case %d: WriteSweepReport of a malformed sweep succeeded", i)
		}
	}
}

func TestSweepPlotWithoutChanges(t *testing.T) {
	t.Parallel()
	// Only the status quo, one replication: the plots are drawn, marked
	// empty.
	s := testSweep("one-at-a-time", []string{pRate}, [][]string{{"0.8"}, {"0.9"}})
	s.Replications = 1
	figs, err := SweepPlots(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		svg, err := renderSVG(f.Plot)
		if err != nil {
			t.Fatal(err)
		}
		checkSVG(t, f.Name, svg)
		if strings.HasPrefix(f.Name, "sweep-abs-") {
			// The levels: the status quo's line.
			if !bytes.Contains(svg, []byte(">status quo<")) {
				t.Errorf("%s: no line of the status quo", f.Name)
			}
		} else if !bytes.Contains(svg, []byte(">no changes to show<")) {
			t.Errorf("%s: empty plot not marked", f.Name)
		}
		if !strings.Contains(f.Caption, "no confidence intervals") {
			t.Errorf("%s: caption %q hides that there is one replication", f.Name, f.Caption)
		}
	}
	if err := WriteSweepReport(&bytes.Buffer{}, s); err != nil {
		t.Fatal(err)
	}
}

func TestShortNames(t *testing.T) {
	t.Parallel()
	for i, tc := range []struct{ in, want []string }{
		{[]string{pRate, pForgetting}, []string{"learning.rate", "Wohngeld.forgetting"}},
		{[]string{"services.A.learning.rate", "services.B.learning.rate"}, []string{"A.learning.rate", "B.learning.rate"}},
		{[]string{"seed", "a.b"}, []string{"seed", "a.b"}},
		{[]string{"x.y.z", "x.y.z"}, []string{"x.y.z", "x.y.z"}},
	} {
		if got := shortNames(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("case %d: shortNames(%q) = %q, want %q", i, tc.in, got, tc.want)
		}
	}
}

// testMechanisms are the mechanisms of testDecomposition.
var testMechanisms = []string{"learning", "specialisation", "digital intake", "batching"}

// testDecomposition builds a decomposition by hand: services Wohngeld
// and Elterngeld, metrics effort_min and lead_days, four mechanisms whose
// Shapley values and (none) add up to (total) (checked), some negative,
// some positive.
func testDecomposition(t *testing.T) *Decomposition {
	t.Helper()
	d := &Decomposition{Scenario: "pilot-2025", Arm: "ZSA", Seed: 7, Replications: 20, Mechanisms: testMechanisms}
	for si, svc := range []string{"Wohngeld", "Elterngeld"} {
		for mi, metric := range []string{"effort_min", "lead_days"} {
			// Shapley values of the mechanisms, then (none).
			phi := [][]float64{
				{-0.085, -0.045, -0.030, 0.010, -0.040}, // effort: -19 % in all
				{-0.100, -0.060, -0.120, 0.070, 0.050},  // lead: -16 % in all
			}[mi]
			scale := 1 - 0.2*float64(si)
			total := 0.0
			for i, m := range append(slices.Clone(testMechanisms), MechanismNone) {
				v := phi[i] * scale
				total += v
				r := DecompositionRow{Service: svc, Metric: metric, Mechanism: m, Shapley: v,
					ShapleyHalfWidth: 0.008 + 0.002*float64(i), Alone: 1.25 * v, Last: 0.8 * v}
				if m == MechanismNone {
					r.Alone, r.Last = math.NaN(), math.NaN()
				}
				d.Rows = append(d.Rows, r)
			}
			want := []float64{-0.19, -0.16}[mi] * scale
			if math.Abs(total-want) > 1e-12 {
				t.Fatalf("%s %s: parts add up to %v, want %v", svc, metric, total, want)
			}
			d.Rows = append(d.Rows, DecompositionRow{Service: svc, Metric: metric, Mechanism: MechanismTotal,
				Shapley: total, ShapleyHalfWidth: 0.02, Alone: math.NaN(), Last: math.NaN()})
		}
	}
	return d
}

func TestDecompositionPlot(t *testing.T) {
	t.Parallel()
	d := testDecomposition(t)
	figs, err := DecompositionFigures(d)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"decomposition-effort-Wohngeld", "decomposition-lead-Wohngeld",
		"decomposition-effort-Elterngeld", "decomposition-lead-Elterngeld"}
	if got := figureNames(figs); !slices.Equal(got, want) {
		t.Fatalf("figures %q, want %q", got, want)
	}
	checkFigures(t, figs)
	svg, err := renderSVG(figs[0].Plot)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range append(slices.Clone(testMechanisms),
		">none of them<", ">total<", "−19.0 %", "−8.5 %", "+1.0 %", "−4.0 %", // labels and values
		"Shapley value, 95 % CI", "switched on alone", "switched on last", // legend
		"change in effort per case, “ZSA” vs status quo (%)") {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("decomposition plot lacks %q", want)
		}
	}
	// Mechanisms from the top in their order, then none, then the total,
	// set apart.
	rows := decompositionRows(d, "Wohngeld", "lead_days")
	var order []string
	for _, r := range rows {
		order = append(order, r.Mechanism)
	}
	if w := append(slices.Clone(testMechanisms), MechanismNone, MechanismTotal); !slices.Equal(order, w) {
		t.Errorf("rows in order %q, want %q", order, w)
	}
	// The x axis holds every bar with its whisker: −19 % ± 2 and +1 %.
	p := figs[0].Plot
	if !(p.X.Min < -21 && p.X.Max > 0.010*100+0.014*100) {
		t.Errorf("x axis [%v, %v] does not hold the bars", p.X.Min, p.X.Max)
	}
	for _, f := range figs {
		if !strings.Contains(f.Caption, "add up to the total") || !strings.Contains(f.Caption, "20 replications") {
			t.Errorf("%s: caption %q", f.Name, f.Caption)
		}
	}

	if _, err := DecompositionPlot(d, "Kfz", "effort_min"); err == nil || !strings.Contains(err.Error(), `"Kfz"`) {
		t.Errorf("plot of an unknown service: error %v", err)
	}
	if _, err := DecompositionPlot(&Decomposition{}, "Wohngeld", "effort_min"); !errors.Is(err, ErrNoDecompositionRows) {
		t.Errorf("plot of an empty decomposition: error %v, want %v", err, ErrNoDecompositionRows)
	}
	// Other metrics can be plotted too, named by their doc.
	for i := range d.Rows {
		d.Rows[i].Metric = "fte"
	}
	p, err = DecompositionPlot(d, "Elterngeld", "fte")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title.Text != "Elterngeld: what makes up the change in fte" {
		t.Errorf("title %q", p.Title.Text)
	}
}

func TestWriteDecompositionPlots(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	names, err := WriteDecompositionPlots(dir, testDecomposition(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 8 {
		t.Errorf("%d files, want 8 (2 services × 2 metrics as SVG and PNG): %q", len(names), names)
	}
	if got, want := dirNames(t, dir), slices.Sorted(slices.Values(names)); !slices.Equal(got, want) {
		t.Errorf("directory holds %q, want %q", got, want)
	}
	w, h := pngSize()
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Ext(n) == ".svg" {
			checkSVG(t, n, b)
		} else {
			checkPNG(t, n, b, w, h)
		}
	}
	if _, err := WriteDecompositionPlots(dir, nil); !errors.Is(err, ErrNoDecompositionRows) {
		t.Errorf("WriteDecompositionPlots(nil) = %v, want %v", err, ErrNoDecompositionRows)
	}
}
