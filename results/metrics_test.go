package results

import (
	"errors"
	"io"
	"math"
	"slices"
	"testing"

	"zsa/models"
)

// near reports whether got is within a relative tolerance tol of want
// (both NaN counts as equal).
func near(got, want, tol float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return math.IsNaN(got) && math.IsNaN(want)
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func TestMetricNamesAreStable(t *testing.T) {
	t.Parallel()
	// The names are an API: scripts read them from summary.json and
	// replications.csv. Changing this list breaks them.
	want := []string{
		"effort_min", "lead_days", "lead_p50_days", "lead_p90_days", "lead_p95_days",
		"lead_workdays", "wait_days", "within_level", "arrived", "completed", "open",
		"rework_rate", "staff_fte", "work_fte", "utilisation", "busy_share", "pb_fte", "cost_eur", "backlog_growth", "cases_per_fte",
		"handover_days", "external_days",
	}
	ms := Metrics()
	if len(ms) != len(want) {
		t.Fatalf("%d metrics, want %d", len(ms), len(want))
	}
	for i, m := range ms {
		if m.Name != want[i] || m.Unit == "" || m.Doc == "" {
			t.Errorf("metric %d = %+v, want name %q with unit and doc", i, m, want[i])
		}
	}
	r := testComparison(t).Arms[0].Results[0]
	for i, v := range Measure(r, 0, -1) {
		if v.Name != ms[i].Name || v.Unit != ms[i].Unit {
			t.Errorf("value %d is %s (%s), want %s (%s)", i, v.Name, v.Unit, ms[i].Name, ms[i].Unit)
		}
	}
}

func TestMeasureRecomputesFromOffices(t *testing.T) {
	t.Parallel()
	c := testComparison(t)
	for _, a := range c.Arms {
		for i, r := range a.Results {
			for si := range r.Services {
				sr := &r.Services[si]
				// The service total, recomputed from the offices' raw
				// counts and sums (not through ServiceResult.Total).
				var arrived, completed, within, reworks, n, start, end int
				var effort, lead float64
				var work, staff, avail float64
				for _, o := range sr.Offices {
					arrived += o.Arrived
					completed += o.Completed
					within += o.WithinLevel
					reworks += o.Reworks
					n += o.Effort.Count()
					effort += o.Effort.Sum()
					lead += o.Lead.Sum()
					work += float64(o.WorkDone)
					staff += o.StaffFTE
					avail += float64(o.AvailableMinutes)
					start += o.OpenAtWarmUp
					end += o.OpenAtEnd
				}
				v := Measure(r, si, -1)
				// Work done in full-time posts; the Personalbemessung adds
				// the Verteilzeit and divides by the net minutes of a post
				// (the staff's available minutes per FTE).
				fte := work / float64(r.FTEMinutes)
				pb := work * (1 + r.Verteilzeit) / (avail / staff)
				for _, tc := range []struct {
					m    int
					want float64
				}{
					{mEffortMin, effort / float64(n)},
					{mLeadDays, lead / float64(n)},
					{mWithinLevel, float64(within) / float64(completed)},
					{mArrived, float64(arrived)},
					{mCompleted, float64(completed)},
					{mOpen, float64(arrived - completed)},
					{mReworkRate, float64(reworks) / float64(completed)},
					{mStaffFTE, staff},
					{mWorkFTE, fte},
					{mUtilisation, fte / staff},
					{mBusyShare, work / avail},
					{mPBFTE, pb},
					{mCostEUR, staff * r.CostPerFTE * r.YearShare},
					{mBacklogGrowth, float64(end-start) / float64(arrived)},
					{mCasesPerFTE, float64(arrived) / r.YearShare / staff},
				} {
					// Sums in a different order: rounding only.
					if got := v[tc.m].X; !near(got, tc.want, 1e-12) {
						t.Errorf("%s rep %d %s: %s = %v, want %v", a.Name, i+1, sr.Name, v[tc.m].Name, got, tc.want)
					}
				}
				if n != completed {
					t.Errorf("%s rep %d %s: %d effort observations, %d completed", a.Name, i+1, sr.Name, n, completed)
				}
				// Quantiles: the type-7 sample quantile of all completed
				// cases' lead times, recomputed here by sorting a copy.
				var all []float64
				for _, o := range sr.Offices {
					all = append(all, o.LeadTimes.Values()...)
				}
				slices.Sort(all)
				if len(all) != completed {
					t.Errorf("%s rep %d %s: %d lead times, %d completed", a.Name, i+1, sr.Name, len(all), completed)
				}
				h := 0.9 * float64(len(all)-1)
				j := int(h)
				if want := all[j] + (h-float64(j))*(all[j+1]-all[j]); !near(v[mLeadP90Days].X, want, 1e-12) {
					t.Errorf("%s rep %d %s: lead_p90_days = %v, want %v", a.Name, i+1, sr.Name, v[mLeadP90Days].X, want)
				}
				if p50, p90, p95 := v[mLeadP50Days].X, v[mLeadP90Days].X, v[mLeadP95Days].X; !(p50 <= p90 && p90 <= p95) {
					t.Errorf("%s rep %d %s: quantiles %v, %v, %v not increasing", a.Name, i+1, sr.Name, p50, p90, p95)
				}
			}
		}
	}
}

func TestMeasureUndefinedIsNaN(t *testing.T) {
	t.Parallel()
	// An office without completed cases, a model without a cost per FTE.
	r := &models.Result{Seed: 1, FTEMinutes: 1000, YearShare: 1, Services: []models.ServiceResult{{
		Name: "S", NetFTEMinutes: 800,
		Offices: []models.OfficeResult{{Office: "A", Arrived: 4, WorkDone: 250, StaffFTE: 0.5, AvailableMinutes: 400}},
	}}}
	v := Measure(r, 0, 0)
	for _, m := range []int{mEffortMin, mLeadDays, mLeadP50Days, mLeadP90Days, mLeadP95Days, mLeadWorkdays, mWaitDays, mWithinLevel, mReworkRate, mCostEUR} {
		if !math.IsNaN(v[m].X) {
			t.Errorf("%s = %v, want NaN", v[m].Name, v[m].X)
		}
	}
	for _, tc := range []struct {
		m    int
		want float64
	}{{mArrived, 4}, {mCompleted, 0}, {mOpen, 4}, {mWorkFTE, 0.25}, {mStaffFTE, 0.5}, {mUtilisation, 0.5},
		{mBusyShare, 0.625}, {mPBFTE, 250.0 / 800}, {mBacklogGrowth, 0}} {
		if got := v[tc.m].X; got != tc.want {
			t.Errorf("%s = %v, want %v", v[tc.m].Name, got, tc.want)
		}
	}
}

func TestSummaryMeansAndPairedChanges(t *testing.T) {
	t.Parallel()
	c := testComparison(t)
	s, err := Summarize(c)
	if err != nil {
		t.Fatal(err)
	}
	mean := func(xs []float64) float64 {
		var sum float64
		for _, x := range xs {
			sum += x
		}
		return sum / float64(len(xs))
	}
	values := func(a, si, oi, m int) []float64 {
		var xs []float64
		for _, r := range c.Arms[a].Results {
			xs = append(xs, Measure(r, si, oi)[m].X)
		}
		return xs
	}
	for si, svc := range s.Services {
		total := svc.Offices[0]
		if total.Office != TotalOffice {
			t.Fatalf("%s: first office %q, want %q", svc.Service, total.Office, TotalOffice)
		}
		for _, m := range []int{mEffortMin, mLeadDays, mWorkFTE, mStaffFTE, mOpen} {
			a, b := values(0, si, -1, m), values(1, si, -1, m)
			base, alt := total.Arms[0].Metrics[m], total.Arms[1].Metrics[m]
			if base.Paired != nil {
				t.Errorf("%s: baseline has a paired difference", svc.Service)
			}
			if !near(base.Value.Mean, mean(a), 1e-12) || !near(alt.Value.Mean, mean(b), 1e-12) {
				t.Errorf("%s %s: means %v, %v, want %v, %v", svc.Service, base.Name, base.Value.Mean, alt.Value.Mean, mean(a), mean(b))
			}
			if base.Value.N != len(a) {
				t.Errorf("%s %s: n = %d, want %d", svc.Service, base.Name, base.Value.N, len(a))
			}
			p := alt.Paired
			if want := mean(b)/mean(a) - 1; !near(p.Rel, want, 1e-12) {
				t.Errorf("%s %s: rel = %v, want mean(b)/mean(a) − 1 = %v", svc.Service, base.Name, p.Rel, want)
			}
			if want := mean(b) - mean(a); !near(p.Diff.Mean, want, 1e-12) {
				t.Errorf("%s %s: diff = %v, want %v", svc.Service, base.Name, p.Diff.Mean, want)
			}
			if !(p.RelLo <= p.Rel && p.Rel <= p.RelHi) || !(p.Diff.HalfWidth >= 0) {
				t.Errorf("%s %s: half-width %v, relative interval [%v, %v] around %v", svc.Service, base.Name,
					p.Diff.HalfWidth, p.RelLo, p.RelHi, p.Rel)
			}
		}
	}
	// W: offices A and B, and the ZSA of the second arm (staff, no
	// arrivals; its metrics are NaN in the status quo). H: only A offers
	// it.
	for si, want := range [][]string{{"all", "A", "B", "ZSA"}, {"all", "A"}} {
		var got []string
		for _, o := range s.Services[si].Offices {
			got = append(got, o.Office)
		}
		if !slices.Equal(got, want) {
			t.Errorf("service %s: offices %q, want %q", s.Services[si].Service, got, want)
		}
	}
}

func TestSinglePairHasNoHalfWidth(t *testing.T) {
	t.Parallel()
	p := paired([]float64{4}, []float64{3})
	if p.Diff.Mean != -1 || p.Rel != -0.25 || !math.IsNaN(p.Diff.HalfWidth) || !math.IsNaN(p.RelLo) || !math.IsNaN(p.RelHi) {
		t.Errorf("paired(4, 3) = %+v, want diff −1, rel −0.25, NaN half-widths", p)
	}
	if p := paired([]float64{0}, []float64{3}); !math.IsNaN(p.Rel) {
		t.Errorf("rel against 0 = %v, want NaN", p.Rel)
	}
}

func TestMalformedComparisons(t *testing.T) {
	t.Parallel()
	c := testComparison(t)
	sq, zsa := c.Arms[0].Results, c.Arms[1].Results
	for i, tc := range []struct {
		c    *Comparison
		want error
	}{
		{&Comparison{}, ErrNoArms},
		{&Comparison{Arms: []Arm{{Name: "a"}}}, ErrNoReplications},
		{&Comparison{Arms: []Arm{{Name: "a", Results: sq}, {Name: "b", Results: zsa[:2]}}}, ErrMismatch},
		{&Comparison{Arms: []Arm{{Name: "a", Results: sq[:2]}, {Name: "b", Results: zsa[1:]}}}, ErrMismatch}, // seeds
		{&Comparison{Arms: []Arm{{Name: "a", Results: sq[:1]}, {Name: "b", Results: []*models.Result{nil}}}}, ErrMismatch},
		{&Comparison{Arms: []Arm{{Name: "a", Results: sq}, {Name: "b", Results: zsa}}}, nil},
	} {
		if _, err := Summarize(tc.c); !errors.Is(err, tc.want) {
			t.Errorf("case %d: Summarize error %v, want %v", i, err, tc.want)
		}
		if err := WriteWeeklyCSV(io.Discard, tc.c); !errors.Is(err, tc.want) {
			t.Errorf("case %d: WriteWeeklyCSV error %v, want %v", i, err, tc.want)
		}
	}
}
