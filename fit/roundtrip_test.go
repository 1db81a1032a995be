package fit

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"zsa/experiment"
	"zsa/models"
	"zsa/scenarios"
)

// TestRoundTrip simulates testdata/roundtrip.toml (known parameters),
// writes its event log through the code path of zsa run --event-log
// csv.gz (experiment.Replicate), fits the first replication's log and
// checks that the fit recovers the truth:
//
//   - the learning rate within ±0.03, and inside its 95 % interval;
//   - every work step's median effort within 5 %, compared at the same
//     experience (the fit's reference: efforts are given for different
//     reference clerks, so each side is carried there by its own curve);
//   - every branch probability, at every visit, and every case type's
//     share within 4 standard errors (two-sided P ≈ 6e-5 each);
//
// and then simulates the fitted scenario: its mean lead time must lie
// within the 95 % interval (Welch's t) of the difference from the true
// scenario's, over independent replications of each.
//
// The test was checked to fail when the mechanism breaks: fixing the
// floor at 0 in the estimator (curveData.logLik) gave LR 0.9388 and
// failed on the rate; taking an item's span from start to end as its
// touch time (the closed hours not removed) gave efforts 7–8 % too high
// for intake and check and 15 % too low for request, and failed on them.
// Counting each clerk's experience from one item later (k+1) does not
// make this test fail (LR 0.8597): on this log it is the same as a prior
// of 2 instead of 1, which the fit itself reports as not identifiable
// (Curve.PriorIdentified); TestExperienceCount catches it on a nearly
// noiseless log.
func TestRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates a year of eight offices three times")
	}
	truth, err := scenarios.Load("testdata/roundtrip.toml")
	if err != nil {
		t.Fatal(err)
	}
	logs := t.TempDir()
	truth.Replications = 2
	if _, err := experiment.Replicate(context.Background(), truth, experiment.Options{
		EventLog: &experiment.EventLogRequest{Dir: logs, Format: "csv.gz"}}); err != nil {
		t.Fatal(err)
	}
	l, err := ReadFile(filepath.Join(logs, "status-quo-r01.csv.gz"), DefaultColumns(), 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Fit(l, Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := truth.Model.Services[0]

	// The learning rate.
	lr := svc.Learning.Rate
	c := r.Learning
	t.Logf("LR %.4f %v (truth %v), floor %.4f %v (truth %v)", c.Rate, c.RateCI, lr, c.Floor, c.FloorCI, svc.Learning.Floor)
	if math.Abs(c.Rate-lr) > 0.03 || lr < c.RateCI[0] || lr > c.RateCI[1] {
		t.Errorf("learning rate %.4f %v, want %v ± 0.03 inside the interval", c.Rate, c.RateCI, lr)
	}

	// Effort medians at the fit's reference experience.
	trueRel := func(e float64) float64 { return svc.Learning.Relative(e, svc.Reference) }
	fitted := map[string]Step{}
	for _, s := range r.Steps {
		fitted[s.Name] = s
	}
	checked := map[string]bool{}
	for _, ct := range svc.Types {
		for _, st := range ct.Process {
			if st.Effort == nil || checked[st.Name] {
				continue
			}
			checked[st.Name] = true
			for _, e := range []float64{c.Reference} {
				want := st.Effort.Quantile(0.5) * trueRel(e)
				got := fitted[st.Name].Fit.Best().Dist.Quantile(0.5) * c.Relative(e)
				t.Logf("step %s: median effort at experience %g: %.3f min, truth %.3f", st.Name, e, got, want)
				if math.Abs(got/want-1) > 0.05 {
					t.Errorf("step %s: median effort at experience %g: %.3f min, want %.3f ± 5 %%", st.Name, e, got, want)
				}
			}
		}
	}

	// Branch probabilities and shares.
	for _, ct := range svc.Types {
		ft := fitType(t, r, ct.Name)
		if se := ft.ShareSE; math.Abs(ft.Share-ct.Share) > 4*se {
			t.Errorf("type %s: share %.4f ± %.4f, want %v within 4 SE", ct.Name, ft.Share, se, ct.Share)
		}
		for _, st := range ct.Process {
			checkRoute(t, ct.Name, st, ct.Process, ft)
		}
	}

	// The fitted scenario, simulated against the truth.
	dir := t.TempDir()
	if err := r.WriteFiles(dir); err != nil {
		t.Fatal(err)
	}
	// The same measured window as the truth's; independent seeds.
	wrapper := "extends = \"" + ScenarioFile + "\"\nname = \"refit\"\nwarmup = \"28d\"\nreplications = 6\nseed = 99\n"
	if err := os.WriteFile(filepath.Join(dir, "refit.toml"), []byte(wrapper), 0o644); err != nil {
		t.Fatal(err)
	}
	refit, err := scenarios.Load(filepath.Join(dir, "refit.toml"))
	if err != nil {
		t.Fatal(err)
	}
	truth.Replications, truth.Seed = 6, 1234
	a, b := meanLeads(t, truth), meanLeads(t, refit)
	diff, half := welch(a, b)
	t.Logf("mean lead time: truth %v, fitted %v; difference %.4f ± %.4f d", a, b, diff, half)
	if math.Abs(diff) > half {
		t.Errorf("mean lead time differs by %.4f d, outside its 95 %% interval ± %.4f d", diff, half)
	}
}

// fitType returns the fitted case type of the name.
func fitType(t *testing.T, r *Result, name string) CaseType {
	t.Helper()
	for _, ct := range r.Types {
		if ct.Name == name {
			return ct
		}
	}
	t.Fatalf("no fitted case type %q", name)
	return CaseType{}
}

// checkRoute compares the ways out of the true step st with the fitted
// route: at every fitted visit entry, each target's probability within 4
// standard errors of the truth's at that visit.
func checkRoute(t *testing.T, typ string, st models.Step, proc models.Process, ft CaseType) {
	t.Helper()
	var rt *Route
	for i := range ft.Routes {
		if ft.Routes[i].Step == st.Name {
			rt = &ft.Routes[i]
		}
	}
	if rt == nil {
		t.Errorf("type %s: step %s not fitted", typ, st.Name)
		return
	}
	// The truth's probability of target to at visit v (from 0).
	trueP := func(to string, v int) float64 {
		if len(st.Next) == 0 {
			next := models.Done
			for i := range proc {
				if proc[i].Name == st.Name && i+1 < len(proc) {
					next = proc[i+1].Name
				}
			}
			if to == next {
				return 1
			}
			return 0
		}
		for _, b := range st.Next {
			if b.To == to {
				return b.Prob[min(v, len(b.Prob)-1)]
			}
		}
		return 0
	}
	if rt.Default {
		for v := range rt.N {
			if len(st.Next) > 0 && trueP(st.Next[0].To, v) != 1 {
				t.Errorf("type %s: step %s: fitted as always the next step, truth branches %v", typ, st.Name, st.Next)
			}
		}
		return
	}
	for _, br := range rt.Branches {
		for v, p := range br.P {
			want := trueP(br.To, v)
			// The standard error under the truth: the fitted one is 0
			// where the sample happened to take one way only.
			se := math.Sqrt(want * (1 - want) / float64(rt.N[v]))
			t.Logf("type %s: %s → %s at visit %d: %.4f (n = %d), truth %v", typ, st.Name, br.To, v+1, p, rt.N[v], want)
			if math.Abs(p-want) > 4*se+1e-4 { // 1e-4: p is rounded to 4 decimals
				t.Errorf("type %s: %s → %s at visit %d: p = %.4f, want %v ± 4·%.4f", typ, st.Name, br.To, v+1, p, want, se)
			}
		}
	}
}

// meanLeads runs sc and returns each replication's mean lead time (days)
// of the service's completed cases.
func meanLeads(t *testing.T, sc *scenarios.Scenario) []float64 {
	t.Helper()
	c, err := experiment.Replicate(context.Background(), sc, experiment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []float64
	for _, res := range c.Arms[0].Results {
		out = append(out, res.Services[0].Total().Lead.Mean())
	}
	return out
}

// welch returns mean(a) − mean(b) and the half-width of its 95 %
// interval by Welch's t (Welch 1947; Satterthwaite's degrees of freedom).
func welch(a, b []float64) (diff, half float64) {
	mv := func(x []float64) (m, v float64) {
		for _, y := range x {
			m += y
		}
		m /= float64(len(x))
		for _, y := range x {
			v += (y - m) * (y - m)
		}
		return m, v / float64(len(x)-1)
	}
	ma, va := mv(a)
	mb, vb := mv(b)
	sa, sb := va/float64(len(a)), vb/float64(len(b))
	df := (sa + sb) * (sa + sb) / (sa*sa/float64(len(a)-1) + sb*sb/float64(len(b)-1))
	return ma - mb, distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.975) * math.Sqrt(sa+sb)
}
