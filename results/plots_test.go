package results

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"

	"zsa/models"
	"zsa/models/learning"
	"zsa/sim"
	"zsa/sim/stats"
)

// checkSVG checks that b is well-formed XML with an <svg> root of a
// reasonable size.
func checkSVG(t *testing.T, name string, b []byte) {
	t.Helper()
	if len(b) < 1024 {
		t.Errorf("%s: SVG has %d bytes, want > 1 KB", name, len(b))
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Errorf("%s: SVG does not parse: %v", name, err)
			return
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Errorf("%s: root element %q, want svg", name, root)
	}
}

// checkPNG checks that b decodes as a PNG of w × h pixels with more than
// a few distinct colours (not blank).
func checkPNG(t *testing.T, name string, b []byte, w, h int) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Errorf("%s: PNG does not decode: %v", name, err)
		return nil
	}
	if got := img.Bounds().Size(); w > 0 && (got.X != w || got.Y != h) {
		t.Errorf("%s: PNG is %d × %d pixels, want %d × %d", name, got.X, got.Y, w, h)
	}
	if n := distinctColours(img, 16); n <= 8 {
		t.Errorf("%s: PNG has %d distinct colours, want more than 8 (blank?)", name, n)
	}
	return img
}

// distinctColours counts the distinct colours of img, stopping at limit.
func distinctColours(img image.Image, limit int) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// pngSize is the pixel size of a plot's PNG: PlotWidth × PlotHeight at
// PlotDPI, rounded as vgimg rounds.
func pngSize() (w, h int) {
	fw, fh := float64(PlotWidth/vg.Inch)*PlotDPI, float64(PlotHeight/vg.Inch)*PlotDPI
	return int(fw + 0.5), int(fh + 0.5)
}

func TestFigures(t *testing.T) {
	t.Parallel()
	figs, err := Figures(testComparison(t))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range figs {
		names = append(names, f.Name)
	}
	want := []string{"effort", "lead-time-W", "lead-time-H", "monthly-W", "monthly-H", "backlog-W", "backlog-H",
		"learning-W", "learning-H", "quality-W", "quality-H", "utilisation"}
	if !slices.Equal(names, want) {
		t.Fatalf("figures %q, want %q", names, want)
	}
	w, h := pngSize()
	if w != 945 || h != 591 {
		t.Errorf("PNG size %d × %d, want 945 × 591 (16 cm × 10 cm at 150 dpi)", w, h)
	}
	for _, f := range figs {
		if f.Title == "" || f.Caption == "" || f.Group == "" {
			t.Errorf("%s: title %q, caption %q, group %q: want all set", f.Name, f.Title, f.Caption, f.Group)
		}
		svg, err := renderSVG(f.Plot)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		checkSVG(t, f.Name, svg)
		if bytes.Contains(svg, []byte("no completed cases")) || bytes.Contains(svg, []byte("no work recorded")) {
			t.Errorf("%s: plot is empty", f.Name)
		}
		b, err := renderPNG(f.Plot)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		checkPNG(t, f.Name, b, w, h)
	}
}

func TestWritePlots(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	names, err := WritePlots(dir, testComparison(t))
	if err != nil {
		t.Fatal(err)
	}
	// effort, utilisation, and per service (2) lead time, months,
	// backlog, learning and quality: 12 plots as SVG and PNG.
	if len(names) != 24 {
		t.Errorf("%d files, want 24 (12 plots as SVG and PNG): %q", len(names), names)
	}
	sorted := slices.Sorted(slices.Values(names))
	if got := dirNames(t, dir); !slices.Equal(got, sorted) {
		t.Errorf("directory holds %q, want %q", got, sorted)
	}
	checkPlotFiles(t, dir, names)
	if _, err := WritePlots(dir, &Comparison{}); !errors.Is(err, ErrNoArms) {
		t.Errorf("WritePlots(no arms) = %v, want %v", err, ErrNoArms)
	}
}

func TestPlotsAreDeterministic(t *testing.T) {
	t.Parallel()
	// The same seeds, run again from scratch: the same SVG and PNG bytes.
	c2, err := runComparison(3)
	if err != nil {
		t.Fatal(err)
	}
	f1, err := Figures(testComparison(t))
	if err != nil {
		t.Fatal(err)
	}
	f2, err := Figures(c2)
	if err != nil {
		t.Fatal(err)
	}
	sameFigures(t, f1, f2)
}

// sameFigures checks that two builds of the same figures, f1 and f2,
// render to the same SVG and PNG bytes, and f1 twice too.
func sameFigures(t *testing.T, f1, f2 []Figure) {
	t.Helper()
	if len(f1) != len(f2) {
		t.Fatalf("%d figures, then %d", len(f1), len(f2))
	}
	for i := range f1 {
		for _, r := range []struct {
			ext    string
			render func(*Figure) ([]byte, error)
		}{
			{"svg", func(f *Figure) ([]byte, error) { return renderSVG(f.Plot) }},
			{"png", func(f *Figure) ([]byte, error) { return renderPNG(f.Plot) }},
		} {
			b1, err1 := r.render(&f1[i])
			b2, err2 := r.render(&f2[i])
			again, err3 := r.render(&f1[i])
			if err := errors.Join(err1, err2, err3); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b1, b2) || !bytes.Equal(b1, again) {
				t.Errorf("%s.%s: differs between two builds of the same data", f1[i].Name, r.ext)
			}
		}
	}
}

// syntheticResult is a result with one service without any case and the
// given clerks.
func syntheticResult(seed uint64, clerks []models.ClerkResult) *models.Result {
	return &models.Result{
		Seed: seed,
		Services: []models.ServiceResult{{Name: "X", Offices: []models.OfficeResult{
			{Office: "A"},
		}}},
		Clerks: clerks,
	}
}

func TestFiguresWithoutData(t *testing.T) {
	t.Parallel()
	// No cases, no weekly series, no traces, no clerks: every plot is
	// still drawn, marked as empty.
	c := &Comparison{Scenario: "empty", Arms: []Arm{
		{Name: "status quo", Results: []*models.Result{syntheticResult(1, nil)}},
		{Name: "ZSA", Results: []*models.Result{syntheticResult(1, nil)}},
	}}
	figs, err := Figures(c)
	if err != nil {
		t.Fatal(err)
	}
	// effort, utilisation, and for the one service lead time, months,
	// backlog, learning and quality.
	if len(figs) != 7 {
		t.Errorf("%d figures, want 7", len(figs))
	}
	for _, f := range figs {
		svg, err := renderSVG(f.Plot)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		checkSVG(t, f.Name, svg)
		if !bytes.Contains(svg, []byte(">no ")) {
			t.Errorf("%s: empty plot not marked", f.Name)
		}
	}
	var b bytes.Buffer
	if err := WriteReport(&b, c); err != nil {
		t.Fatal(err)
	}
}

func TestUtilisationPlotManyOffices(t *testing.T) {
	t.Parallel()
	// 40 offices of one clerk each, and a ZSA in the second arm: the plot
	// ranks the local offices and draws the ZSA as a line.
	clerks := func(zsa bool, scale float64) []models.ClerkResult {
		var ks []models.ClerkResult
		for i := range 40 {
			ks = append(ks, models.ClerkResult{Office: "O" + string(rune('A'+i/26)) + string(rune('a'+i%26)),
				Name: "k", Busy: sim.Time(scale * float64(10+i)), Available: 100})
		}
		if zsa {
			ks = append(ks, models.ClerkResult{Office: "ZSA", Name: "z", Busy: 85, Available: 100})
		}
		return ks
	}
	c := &Comparison{Scenario: "many", Arms: []Arm{
		{Name: "status quo", Results: []*models.Result{syntheticResult(1, clerks(false, 1)), syntheticResult(2, clerks(false, 1))}},
		{Name: "ZSA", Results: []*models.Result{syntheticResult(1, clerks(true, 0.8)), syntheticResult(2, clerks(true, 0.8))}},
	}}
	p, err := UtilisationPlot(c)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := renderSVG(p)
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, "utilisation", svg)
	for _, want := range []string{"ranked from the busiest", "status quo: 40 local offices, median 29.5 %",
		"ZSA: 40 local offices, median 23.6 %", "ZSA: office ZSA, 85.0 %"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("utilisation plot lacks %q", want)
		}
	}
	u := utilisations(mustFold(t, c))
	if len(u.offices) != 41 || !u.extra[40] || u.extra[0] {
		t.Errorf("offices %d, extra %v…%v: want 41, the ZSA last and extra", len(u.offices), u.extra[0], u.extra[len(u.extra)-1])
	}
	if got := u.util[0][5]; math.Abs(got-15) > 1e-12 {
		t.Errorf("utilisation of office 5 = %v %%, want 15 %%", got)
	}
	if !math.IsNaN(u.util[0][40]) {
		t.Errorf("ZSA utilisation in the status quo = %v, want NaN", u.util[0][40])
	}
}

func TestSlugs(t *testing.T) {
	t.Parallel()
	for i, tc := range []struct{ in, want string }{
		{"Wohngeld", "Wohngeld"},
		{"Hundehaltung & Steuer", "Hundehaltung-Steuer"},
		{"Führerschein/Umtausch", "Fuehrerschein-Umtausch"},
		{"Straße", "Strasse"},
		{"<script>alert(1)</script>", "script-alert-1-script"},
		{"  a  ", "a"},
		{"日本", ""},
	} {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("case %d: Slug(%q) = %q, want %q", i, tc.in, got, tc.want)
		}
	}
	services := []string{"a b", "a-b", "日本", ""}
	want := []string{"a-b", "a-b-2", "service3", "service4"}
	if got := serviceSlugs(services); !slices.Equal(got, want) {
		t.Errorf("serviceSlugs = %q, want %q", got, want)
	}
}

func TestLogAxis(t *testing.T) {
	t.Parallel()
	labels := func(lo, hi float64) []string {
		var ls []string
		for _, tk := range (logTicks{}).Ticks(lo, hi) {
			if tk.Label != "" {
				ls = append(ls, tk.Label)
			}
		}
		return ls
	}
	for i, tc := range []struct {
		lo, hi float64
		want   []string
	}{
		{200, 500, []string{"200", "300", "400", "500"}},                   // within a power of ten: all
		{0.2, 50, []string{"0.2", "0.5", "1", "2", "5", "10", "20", "50"}}, // up to three powers: 1, 2, 5
		{0.02, 50, []string{"0.1", "1", "10"}},                             // more: powers only
		{1, 100000, []string{"1", "10", "100", "1000", "10000", "100000"}}, // wide: powers only
	} {
		if got := labels(tc.lo, tc.hi); !slices.Equal(got, tc.want) {
			t.Errorf("case %d: labels on [%v, %v] = %q, want %q", i, tc.lo, tc.hi, got, tc.want)
		}
	}
	for i, tc := range []struct {
		x    float64
		up   bool
		want float64
	}{
		{0.037, false, 0.02}, {0.037, true, 0.05}, {37, true, 50}, {20, false, 20}, {20, true, 20},
		{600, true, 1000}, {1.5, false, 1},
	} {
		if got := niceLog(tc.x, tc.up); math.Abs(got-tc.want) > 1e-12*tc.want {
			t.Errorf("case %d: niceLog(%v, %v) = %v, want %v", i, tc.x, tc.up, got, tc.want)
		}
	}
}

func TestECDF(t *testing.T) {
	t.Parallel()
	var h stats.Samples
	for i := 1; i <= 200; i++ {
		h.Add(float64(i) / 10) // 0.1 … 20 days
	}
	q := make([]float64, 1000)
	for i := range q {
		q[i] = h.Quantile(float64(i+1) / 1000)
	}
	pts := ecdf(q)
	if len(pts) < 50 {
		t.Fatalf("%d points, want many", len(pts))
	}
	for i := 1; i < len(pts); i++ {
		if !(pts[i].X > pts[i-1].X && pts[i].Y > pts[i-1].Y) {
			t.Fatalf("point %d (%v) does not rise from %v", i, pts[i], pts[i-1])
		}
	}
	// The last point is the maximum, all cases done; the point at the
	// median (10.05 days, type 7) has half of them.
	if last := pts[len(pts)-1]; last.Y != 100 || last.X != 20 {
		t.Errorf("last point %v, want (20, 100)", last)
	}
	for _, p := range pts {
		if p.Y == 50 && math.Abs(p.X-10.05) > 1e-12 {
			t.Errorf("median at %v days, want 10.05", p.X)
		}
	}
	if ecdf(nil) != nil {
		t.Error("ecdf of no lead times has points")
	}
}

func TestMergeTraces(t *testing.T) {
	t.Parallel()
	// Merging traces bin by bin equals one trace of all items.
	var t1, t2, all learning.Trace
	for i := 1; i <= 3000; i++ {
		e, effort := float64(i)*1.37, 100/math.Sqrt(float64(i))
		if i%3 == 0 {
			t1.Add(e, effort)
		} else {
			t2.Add(e, effort)
		}
		all.Add(e, effort)
	}
	var sum traceSum
	sum.add(&t1)
	sum.add(&t2)
	got := traceSeries(&sum, 1)
	want := all.Points()
	if len(got) != len(want) {
		t.Fatalf("%d merged points, want %d", len(got), len(want))
	}
	for i := range want {
		if math.Abs(got[i].X-want[i].Experience) > 1e-9*want[i].Experience ||
			math.Abs(got[i].Y-want[i].MeanEffort) > 1e-9*want[i].MeanEffort {
			t.Errorf("point %d = %v, want (%v, %v)", i, got[i], want[i].Experience, want[i].MeanEffort)
		}
	}
}

func TestFormatSig(t *testing.T) {
	t.Parallel()
	for i, tc := range []struct {
		x    float64
		want string
	}{
		{0, "0"}, {0.012345, "0.0123"}, {1.2345, "1.23"}, {12.345, "12.3"}, {123.45, "123"},
		{12345, "12345"}, {-2.5, "-2.50"}, {math.NaN(), "NaN"},
	} {
		if got := formatSig(tc.x); got != tc.want {
			t.Errorf("case %d: formatSig(%v) = %q, want %q", i, tc.x, got, tc.want)
		}
	}
	if !strings.HasPrefix(bandName(10), "10–90 %") || !strings.HasPrefix(bandName(3), "full range") {
		t.Errorf("bandName: %q, %q", bandName(10), bandName(3))
	}
}

// checkPlotFiles checks that every named file in dir is a plausible SVG or
// PNG plot.
func checkPlotFiles(t *testing.T, dir string, names []string) {
	t.Helper()
	w, h := pngSize()
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(n) {
		case ".svg":
			checkSVG(t, n, b)
		case ".png":
			checkPNG(t, n, b, w, h)
		default:
			t.Errorf("unexpected file %s", n)
		}
	}
}

func TestLeadTimeLegendAgreesWithTheTables(t *testing.T) {
	t.Parallel()
	// The legend's median and p90 are the tables' figures: the mean over
	// the replications of each replication's quantile, not a quantile of
	// all replications pooled.
	c := testComparison(t)
	s, err := Summarize(c)
	if err != nil {
		t.Fatal(err)
	}
	p, err := LeadTimePlot(c, 0)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := renderSVG(p)
	if err != nil {
		t.Fatal(err)
	}
	for a, arm := range s.Arms {
		ms := s.Services[0].Offices[0].Arms[a].Metrics
		want := arm + ": median " + formatSig(ms[mLeadP50Days].Value.Mean) + " d, p90 " +
			formatSig(ms[mLeadP90Days].Value.Mean) + " d"
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("lead-time legend lacks %q", want)
		}
	}
}
