package results

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestTargetsAreCheckedAndShown(t *testing.T) {
	t.Parallel()
	base := testComparison(t)
	s0, err := Summarize(base)
	if err != nil {
		t.Fatal(err)
	}
	// The status quo's mean lead time of W, to place targets around it.
	lead := s0.Services[0].Offices[0].Arms[0].Metrics[mLeadDays].Value.Mean
	c := *base
	c.Targets = []Target{
		{Metric: "lead_days", Service: "W", Min: 0.9 * lead, Max: 1.05 * lead, Source: "S1", Note: "observed"},
		// Far beyond the model's interval (3.4 days wide with 3
		// replications around 4.7).
		{Metric: "lead_days", Service: "W", Min: 5 * lead, Max: 6 * lead, Tolerance: 0.2, Source: "S2"},
		// A single value: passes where the model's interval covers it.
		{Metric: "lead_days", Service: "W", Arm: "status quo", Office: "all", Min: 1.1 * lead, Max: 1.1 * lead},
		{Metric: "no_such_metric", Service: "W"},
		{Metric: "within_level", Service: "W", Arm: "ZSA", Office: "B", Min: 0, Max: 1},
		// W has one case type: its cases are the service's.
		{Metric: "lead_days", Service: "W", Types: []string{"first"}, Min: 0.9 * lead, Max: 1.05 * lead},
		{Metric: "lead_days", Service: "W", Types: []string{"second"}, Min: 0, Max: 1},
		{Metric: "lead_p90_days", Service: "W", Types: []string{"first"}, Min: 0, Max: 100},
	}
	s, err := Summarize(&c)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ch := range s.Checks {
		got = append(got, ch.Verdict())
	}
	if want := "ok miss ok n/a ok ok n/a n/a"; strings.Join(got, " ") != want {
		t.Errorf("verdicts %q, want %q", got, want)
	}
	if s.Checks[4].Model != s.Services[0].Offices[2].Arms[1].Metrics[mWithinLevel].Value {
		t.Errorf("ZSA arm at office B: model %+v", s.Checks[4].Model)
	}
	if m := s.Checks[5].Model; !near(m.Mean, lead, 1e-12) || m.N != 3 {
		t.Errorf("type-restricted lead time %+v, want the service's %v over 3 replications", m, lead)
	}
	var b bytes.Buffer
	if err := WriteTable(&b, &c); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "Does the model look like reality? 4 of 8 observed figures reproduced") ||
		!strings.Contains(out, "miss") {
		t.Errorf("table lacks the validation:\n%s", out)
	}
	b.Reset()
	if err := WriteSummaryJSON(&b, &c); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Targets []struct {
			Verdict string `json:"verdict"`
			Arm     string `json:"arm"`
			Model   struct {
				Mean *float64 `json:"mean"`
			} `json:"model"`
		} `json:"targets"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Targets) != 8 || doc.Targets[1].Verdict != "miss" || doc.Targets[0].Arm != "status quo" ||
		doc.Targets[3].Model.Mean != nil || !near(*doc.Targets[0].Model.Mean, lead, 1e-9) {
		t.Errorf("summary.json targets %+v", doc.Targets)
	}
	b.Reset()
	if err := WriteReport(&b, &c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`<section id="reality">`)) {
		t.Error("report lacks the section on reality")
	}
}

func TestChangeTargetsUseThePairedComparison(t *testing.T) {
	t.Parallel()
	base := testComparison(t)
	s0, err := Summarize(base)
	if err != nil {
		t.Fatal(err)
	}
	// The ZSA's relative change of W's effort, computed independently from
	// the replications (W has one case type): the ratio of the arms' mean
	// efforts, less 1.
	var sq, zsa float64
	for i := range base.Arms[0].Results {
		sq += base.Arms[0].Results[i].Services[0].Types[0].Effort.Mean()
		zsa += base.Arms[1].Results[i].Services[0].Types[0].Effort.Mean()
	}
	rel := zsa/sq - 1
	p := s0.Services[0].Offices[0].Arms[1].Metrics[mEffortMin].Paired
	c := *base
	c.Targets = []Target{
		// The observed change, ±2 points: must pass.
		{Metric: "effort_min", Service: "W", Arm: "ZSA", Change: true, Min: rel - 0.02, Max: rel + 0.02},
		// A value 1 point beyond each limit of the interval: misses.
		{Metric: "effort_min", Service: "W", Arm: "ZSA", Change: true, Min: p.RelLo - 0.01, Max: p.RelLo - 0.01},
		{Metric: "effort_min", Service: "W", Arm: "ZSA", Change: true, Min: p.RelHi + 0.01, Max: p.RelHi + 0.01},
		// The same by case type (W has one).
		{Metric: "effort_min", Service: "W", Arm: "ZSA", Change: true, Types: []string{"first"}, Min: rel, Max: rel},
		// No change of the baseline against itself.
		{Metric: "effort_min", Service: "W", Change: true, Min: 0, Max: 0},
	}
	s, err := Summarize(&c)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ch := range s.Checks {
		got = append(got, ch.Verdict())
	}
	if want := "ok miss miss ok n/a"; strings.Join(got, " ") != want {
		t.Errorf("verdicts %q, want %q", got, want)
	}
	for _, i := range []int{0, 3} {
		ch := s.Checks[i]
		if !near(ch.Model.Mean, rel, 1e-9) || !near(ch.Lo, p.RelLo, 1e-9) || !near(ch.Hi, p.RelHi, 1e-9) {
			t.Errorf("check %d: model %v [%v, %v], want %v [%v, %v]", i, ch.Model.Mean, ch.Lo, ch.Hi, rel, p.RelLo, p.RelHi)
		}
	}
	var b bytes.Buffer
	if err := WriteTable(&b, &c); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "effort_min vs status quo") || !strings.Contains(out, formatChange(rel, p.RelLo, p.RelHi)) {
		t.Errorf("table shows the change target wrongly:\n%s", out)
	}
}

func TestAcceptedWidensEachEndOutwards(t *testing.T) {
	t.Parallel()
	// A tolerance widens a range away from its middle, for negative
	// values (changes) as for positive ones.
	for _, c := range []struct {
		t      Target
		lo, hi float64
	}{
		{Target{Min: 28, Max: 42, Tolerance: 0.1}, 25.2, 46.2},
		{Target{Min: -0.42, Max: -0.36, Tolerance: 0.1}, -0.462, -0.324},
		{Target{Min: -0.1, Max: 0.1, Tolerance: 0.5}, -0.15, 0.15},
	} {
		lo, hi := c.t.Accepted()
		if !near(lo, c.lo, 1e-12) || !near(hi, c.hi, 1e-12) {
			t.Errorf("%+v: accepted [%v, %v], want [%v, %v]", c.t, lo, hi, c.lo, c.hi)
		}
	}
}
