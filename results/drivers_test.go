package results

import (
	"bytes"
	"html"
	"math"
	"strings"
	"testing"

	"zsa/sim/stats"
)

func TestLeadPartsAreTheMeasuredTimesAndTheDriverIsTheLargestMove(t *testing.T) {
	t.Parallel()
	c := testComparison(t)
	s, err := Summarize(c)
	if err != nil {
		t.Fatal(err)
	}
	svc := s.Services[0]
	total := svc.Offices[0]
	parts := leadParts(nil, total, 1)
	// The measured queue, hand-over and external times of the model never
	// exceed the lead time (the work part needs no clamping), and the work
	// part is what they leave of it.
	for arm := range 2 {
		m := func(i int) float64 { return total.Arms[arm].Metrics[i].Value.Mean }
		rest := m(mLeadDays) - m(mWaitDays) - m(mHandOverDays) - m(mExternalDays)
		work := parts[3].base
		if arm == 1 {
			work = parts[3].arm
		}
		if rest < 0 || math.Abs(work-rest) > 1e-12 {
			t.Errorf("arm %d: lead %v d less queues, hand-overs and external waits is %v d, the work part %v d",
				arm, m(mLeadDays), rest, work)
		}
	}
	if h := parts[1]; h.base != 0 || h.arm != total.Arms[1].Metrics[mHandOverDays].Value.Mean || h.arm <= 0 {
		t.Errorf("hand-overs %v → %v d, want 0 → the ZSA arm's handover_days > 0", h.base, h.arm)
	}
	why := leadDrivers(s, svc.Offices[0], 1)
	p := total.Arms[1].Metrics[mLeadDays].Paired
	// The named driver: the part that moved most in the direction of a
	// clear change, computed here independently.
	best, bestD := "", 0.0
	for _, x := range parts {
		d := x.arm - x.base
		if (p.RelLo > 0 && d > bestD) || (p.RelHi < 0 && d < bestD) {
			best, bestD = x.what, d
		}
	}
	switch {
	case p.RelLo > 0 && !strings.Contains(why, "lengthens the lead time") || p.RelHi < 0 && !strings.Contains(why, "shortens the lead time"):
		t.Errorf("the sentence misses the direction of %+v: %s", p, why)
	case best != "" && !strings.Contains(why, "most of all "+best):
		t.Errorf("the sentence should name %q: %s", best, why)
	}
	var b bytes.Buffer
	if err := WriteTable(&b, c); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Where the lead time goes:\n- W: "+why) {
		t.Errorf("the table lacks the lead-time sentence:\n%s", b.String())
	}
	b.Reset()
	if err := WriteReport(&b, c); err != nil {
		t.Fatal(err)
	}
	// The first arm's sentence is under the key numbers (every office
	// joins here, so it is about all offices).
	if !strings.Contains(b.String(), "<li>W, all offices: "+html.EscapeString(why)+"</li>") {
		t.Error("the report lacks the lead-time sentence")
	}
}

func TestLeadDriversNameTheLargestMove(t *testing.T) {
	t.Parallel()
	// Hand-made summaries: lead = queues + hand-overs + external + work.
	summary := func(lead, wait, handOver, external [2]float64, relLo, relHi float64) (*Summary, ServiceSummary) {
		arms := make([]ArmSummary, 2)
		for a := range arms {
			arms[a] = ArmSummary{Arm: []string{"status quo", "ZSA"}[a], Metrics: make([]MetricSummary, numMetrics)}
			for m, v := range map[int]float64{mLeadDays: lead[a], mWaitDays: wait[a], mHandOverDays: handOver[a], mExternalDays: external[a]} {
				arms[a].Metrics[m].Value.Mean = v
			}
		}
		arms[1].Metrics[mLeadDays].Paired = &stats.PairedSummary{Rel: lead[1]/lead[0] - 1, RelLo: relLo, RelHi: relHi}
		svc := ServiceSummary{Service: "W", Offices: []OfficeSummary{{Office: TotalOffice, Arms: arms}}}
		return &Summary{Arms: []string{"status quo", "ZSA"}, Services: []ServiceSummary{svc}}, svc
	}
	for _, c := range []struct {
		name                           string
		lead, wait, handOver, external [2]float64
		relLo, relHi                   float64
		want                           string
	}{
		// 10 → 12 d: queues −1, hand-overs +2.5, external +0.5, work 0.
		{"longer", [2]float64{10, 12}, [2]float64{4, 3}, [2]float64{0, 2.5}, [2]float64{5, 5.5}, 0.1, 0.3,
			"ZSA lengthens the lead time (10.0 d → 12.0 d, +20.0 % [10.0, 30.0]), most of all in hand-overs between ZSA and local office: +2.50 d per case."},
		// 10 → 7 d: queues −2, hand-overs +1, external 0, work −2.
		{"shorter", [2]float64{10, 7}, [2]float64{5, 3}, [2]float64{0, 1}, [2]float64{2, 2}, -0.4, -0.2,
			"ZSA shortens the lead time (10.0 d → 7.00 d, −30.0 % [−40.0, −20.0]), most of all in queues: −2.00 d per case."},
		{"unclear", [2]float64{10, 10.5}, [2]float64{5, 5.5}, [2]float64{0, 0}, [2]float64{2, 2}, -0.1, 0.2,
			"Lead time 10.0 d → 10.5 d. Per completed case, status quo → ZSA: in queues 5.00 → 5.50 d; in external waits"},
	} {
		s, svc := summary(c.lead, c.wait, c.handOver, c.external, c.relLo, c.relHi)
		if got := leadDrivers(s, svc.Offices[0], 1); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s…", c.name, got, c.want)
		}
	}
}
