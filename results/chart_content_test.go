package results

import (
	"bytes"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot/plotter"
)

// Content checks of the chart families: each compares what a chart draws
// with the data it comes from, recomputed here from the replications'
// results without the chart's helpers. A chart that plotted the wrong arm,
// another service, a median instead of a mean, or unscaled values fails.

func TestEffortPlotShowsEachArmsMeanEffort(t *testing.T) {
	t.Parallel()
	// The value written above every bar is the mean over the replications
	// of the service total's effort per case: Σ touch / Σ completed per
	// replication, from the offices' tallies.
	c := testComparison(t)
	p, err := EffortPlot(c)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := renderSVG(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, arm := range c.Arms {
		for si := range arm.Results[0].Services {
			var sum float64
			for _, r := range arm.Results {
				var touch float64
				var n int
				for _, o := range r.Services[si].Offices {
					touch += o.Effort.Sum()
					n += o.Effort.Count()
				}
				sum += touch / float64(n)
			}
			label := ">" + formatSig(sum/float64(len(arm.Results))) + "<"
			if !bytes.Contains(svg, []byte(label)) {
				t.Errorf("%s, service %d: effort plot lacks the bar label %s", arm.Name, si, label)
			}
		}
	}
}

func TestLeadTimeLineIsThePooledDistribution(t *testing.T) {
	t.Parallel()
	// The line's point at 50 % is the type-7 median of every completed
	// case's lead time of all replications together, and its last point
	// their maximum at 100 %.
	c := testComparison(t)
	f := mustFold(t, c)
	for a, arm := range c.Arms {
		var all []float64
		for _, r := range arm.Results {
			for _, o := range r.Services[0].Offices {
				all = append(all, o.LeadTimes.Values()...)
			}
		}
		slices.Sort(all)
		h := 0.5 * float64(len(all)-1)
		j := int(h)
		median := all[j] + (h-float64(j))*(all[j+1]-all[j])
		pts := pooledECDF(t, f, 0, a)
		var at50 float64
		for _, p := range pts {
			if p.Y == 50 {
				at50 = p.X
			}
		}
		if math.Abs(at50-median) > 1e-12*median {
			t.Errorf("%s: line at 50 %% is at %v days, the pooled median is %v", arm.Name, at50, median)
		}
		if last := pts[len(pts)-1]; last.X != all[len(all)-1] || last.Y != 100 {
			t.Errorf("%s: last point %v, want (%v, 100)", arm.Name, last, all[len(all)-1])
		}
	}
}

func TestBacklogLinesAreTheWeeklyOpenCases(t *testing.T) {
	t.Parallel()
	// With 3 replications the band spans the full range: the mean line is
	// the mean of Weekly[w].Open, the band its minimum and maximum.
	c := testComparison(t)
	f := mustFold(t, c)
	for a, arm := range c.Arms {
		mean, lo, hi := backlogSeries(&f.svc[0].arms[a], 0, 1)
		weekly := arm.Results[0].Services[0].Weekly
		if len(mean) != len(weekly) {
			t.Fatalf("%s: %d points, %d weeks", arm.Name, len(mean), len(weekly))
		}
		for w := range weekly {
			var sum float64
			mn, mx := math.Inf(1), math.Inf(-1)
			for _, r := range arm.Results {
				x := float64(r.Services[0].Weekly[w].Open)
				sum += x
				mn, mx = min(mn, x), max(mx, x)
			}
			want := sum / float64(len(arm.Results))
			if mean[w].X != float64(w) || math.Abs(mean[w].Y-want) > 1e-12*max(1, want) || lo[w].Y != mn || hi[w].Y != mx {
				t.Errorf("%s, week %d: mean %v [%v, %v], want %v [%v, %v]", arm.Name, w, mean[w], lo[w].Y, hi[w].Y, want, mn, mx)
			}
		}
	}
}

func TestLearningAndQualityLinesAreTheTraces(t *testing.T) {
	t.Parallel()
	// The first point of the local offices' learning line: the count-
	// weighted mean effort of the traces' first bin over all replications;
	// the quality line is the error probability in %, so its values are
	// 100 times the traces'.
	c := testComparison(t)
	arm := c.Arms[0]
	var n int
	var sum float64
	for _, r := range arm.Results {
		pts := r.Services[0].LocalLearning.Points()
		n += pts[0].Count
		sum += pts[0].MeanEffort * float64(pts[0].Count)
	}
	traces := &mustFold(t, c).svc[0].arms[0].traces
	pts := traceSeries(&traces[traceLocalLearning], 1)
	if want := sum / float64(n); math.Abs(pts[0].Y-want) > 1e-12*want {
		t.Errorf("first learning point %v, want mean effort %v", pts[0].Y, want)
	}
	q := &traces[traceLocalQuality]
	raw, pct := traceSeries(q, 1), traceSeries(q, 100)
	if len(raw) == 0 || len(raw) != len(pct) {
		t.Fatalf("quality lines of %d and %d points", len(raw), len(pct))
	}
	for i := range raw {
		if math.Abs(pct[i].Y-100*raw[i].Y) > 1e-12*pct[i].Y || !(pct[i].Y > 0 && pct[i].Y <= 100) {
			t.Errorf("quality point %d: %v %%, from probability %v", i, pct[i].Y, raw[i].Y)
		}
	}
}

func TestBusyShareIsBusyOverAvailableByOffice(t *testing.T) {
	t.Parallel()
	// Each office's bar: 100 × Σ busy ÷ Σ available of its clerks over the
	// replications; the office named as in the results; the ZSA only in
	// the arm that has it.
	c := testComparison(t)
	u := utilisations(mustFold(t, c))
	for a, arm := range c.Arms {
		busy, avail := map[string]float64{}, map[string]float64{}
		for _, r := range arm.Results {
			for _, k := range r.Clerks {
				busy[k.Office] += float64(k.Busy)
				avail[k.Office] += float64(k.Available)
			}
		}
		for i, key := range u.offices {
			want := math.NaN()
			if avail[key] > 0 {
				want = 100 * busy[key] / avail[key]
			}
			if got := u.util[a][i]; !near(got, want, 1e-12) {
				t.Errorf("%s, office %s: %v %%, want %v %%", arm.Name, key, got, want)
			}
		}
	}
	if !slices.Equal(u.names, []string{"Office A", "Office B", "ZSA"}) {
		t.Errorf("office names %q", u.names)
	}
	p, err := UtilisationPlot(c)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := renderSVG(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte(">Office A<")) {
		t.Error("busy-share chart does not name the offices")
	}
}

// mustFold returns the fold of c's results, released when the test ends.
func mustFold(t *testing.T, c *Comparison) *fold {
	t.Helper()
	f, err := c.folded(false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.release(f) })
	return f
}

// pooledECDF returns the points of the distribution function of the lead
// times of service's total in arm a of f, as LeadTimePlot draws them.
func pooledECDF(t *testing.T, f *fold, service, a int) plotter.XYs {
	t.Helper()
	ps := make([]float64, ecdfPoints)
	for i := range ps {
		ps[i] = float64(i+1) / ecdfPoints
	}
	q, err := f.svc[service].arms[a].lead.quantiles(f.leads, ps)
	if err != nil {
		t.Fatal(err)
	}
	return ecdf(q)
}
