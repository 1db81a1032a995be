package results

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"zsa/models"
)

// overloadComparison runs smallModel's status quo against a ZSA for W
// whose single clerk has a tenth of a post: the ZSA can do about a third
// of the intake and check that both offices send it, so its queue grows
// until the end of the run.
func overloadComparison(t *testing.T) *Comparison {
	t.Helper()
	org := smallZSA()
	org.ZSA.Clerks[0].FTE = 0.1
	c := &Comparison{Scenario: "overload", Seed: 1, Arms: []Arm{{Name: "status quo"}, {Name: "small ZSA"}}}
	m := smallModel()
	for seed := uint64(1); seed <= 4; seed++ {
		for a, o := range []*models.Organisation{nil, org} {
			c.Arms[a].Results = append(c.Arms[a].Results, must(models.Run(m, o, seed)))
		}
	}
	return c
}

func TestOverloadedArmIsFlagged(t *testing.T) {
	t.Parallel()
	c := overloadComparison(t)
	s, err := Summarize(c)
	if err != nil {
		t.Fatal(err)
	}
	w := s.Services[0]
	if total, offices := w.Overloaded(1); !total || len(offices) == 0 {
		t.Errorf("small ZSA: total overloaded %v, offices %v; want the total and its members", total, offices)
	}
	if total, offices := w.Overloaded(0); total || len(offices) > 0 {
		t.Errorf("status quo: total overloaded %v, offices %v; want neither", total, offices)
	}
	// The evidence: growth of the backlog as the steady-state record says.
	st := w.Offices[0].Arms[1].Steady
	g := w.Offices[0].Arms[1].Metrics[mBacklogGrowth].Value.Mean
	if want := (st.OpenAtEnd - st.OpenAtWarmUp) / st.Arrived; math.Abs(g-want) > 0.05*want || !(g > 0.2) {
		t.Errorf("backlog growth %v, from the means %v; want the same, above 0.2", g, want)
	}
	var b bytes.Buffer
	if err := WriteTable(&b, c); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"small ZSA (overloaded)  ", "! small ZSA, W: not in steady state, the staff cannot keep up",
		"the clerks of ZSA are busy"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "status quo (overloaded)") || strings.Contains(out, "! status quo") {
		t.Errorf("table flags the status quo:\n%s", out)
	}
	b.Reset()
	if err := WriteSummaryJSON(&b, c); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Services []struct {
			Offices []struct {
				Arms []struct {
					Steady struct {
						Overloaded bool `json:"overloaded"`
					} `json:"steady_state"`
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if a := doc.Services[0].Offices[0].Arms; a[0].Steady.Overloaded || !a[1].Steady.Overloaded {
		t.Errorf("summary.json steady_state of the total: %+v, want the second arm overloaded only", a)
	}
}

func TestStableArmsAreNotFlagged(t *testing.T) {
	t.Parallel()
	s, err := Summarize(testComparison(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, svc := range s.Services {
		for a := range s.Arms {
			if total, offices := svc.Overloaded(a); total || len(offices) > 0 {
				t.Errorf("%s, arm %s: overloaded %v at %v", svc.Service, s.Arms[a], total, offices)
			}
		}
	}
}

func TestLeadTimeQuantilesCoverTheTruth(t *testing.T) {
	t.Parallel()
	// Lead times of 5,000 cases a replication, exponential with mean 1 day:
	// the true 90th percentile is ln 10 = 2.3026 days. Its sampling error
	// in one replication, √(0.9·0.1/n)/f(q), f(q) = 0.1, is 0.042 days
	// (1.8 %): the quantiles must differ from replication to replication,
	// and the 95 % interval over 5 replications must cover ln 10 in 95 %
	// of 400 trials, within 3 binomial standard errors (±3.3 points). A
	// quantile read off 2 %-wide histogram bins would put most
	// replications into the same bin and miss.
	const n, reps, trials = 5000, 5, 400
	truth := math.Ln10
	rng := rand.New(rand.NewPCG(11, 12))
	covered := 0
	for trial := range trials {
		c := &Comparison{Scenario: "exp", Arms: []Arm{{Name: "a"}}}
		for r := range reps {
			o := models.OfficeResult{Office: "A", Completed: n}
			for range n {
				o.LeadTimes.Add(rng.ExpFloat64())
			}
			o.LeadTimes.Sort()
			c.Arms[0].Results = append(c.Arms[0].Results, &models.Result{Seed: uint64(r),
				Services: []models.ServiceResult{{Name: "S", Offices: []models.OfficeResult{o}}}})
		}
		if trial == 0 {
			var p90 []float64
			for _, r := range c.Arms[0].Results {
				p90 = append(p90, Measure(r, 0, 0)[mLeadP90Days].X)
			}
			if slices.Sort(p90); len(slices.Compact(p90)) != reps {
				t.Errorf("per-replication p90 %v: want %d distinct values", p90, reps)
			}
		}
		s, err := Summarize(c)
		if err != nil {
			t.Fatal(err)
		}
		if s.Services[0].Offices[0].Arms[0].Metrics[mLeadP90Days].Value.Covers(truth) {
			covered++
		}
	}
	cov := float64(covered) / trials
	if tol := 3 * math.Sqrt(0.95*0.05/trials); math.Abs(cov-0.95) > tol {
		t.Errorf("coverage of the true p90: %.3f, want 0.95 ± %.3f", cov, tol)
	}
}
