package models

import (
	"math"
	"slices"
	"testing"

	"zsa/models/dist"
	"zsa/sim"
)

// littleDeadline is the deadline of the citizen's answer in littleModel:
// the citizen always takes longer (20 days), so every case sent a
// document request is rejected this long after the request.
const littleDeadline = 10 * sim.Day

// littleModel is officeModel with an initial backlog (1 first
// application and 2 changes per 1,000 inhabitants) and a process whose
// every case's end can be read from the event log: no errors (so no
// rework after the last step); a first application whose completeness
// check requests documents (40 %) is rejected at the deadline, 10 days
// after the request, as the citizen never answers in time; all other
// cases end with the end of their last work step (notice, or decide for a
// change).
func littleModel() *Model {
	m := officeModel()
	s := &m.Services[0]
	s.Types[0].Backlog = 1
	s.Types[1].Backlog = 2
	p := s.Types[0].Process
	p[1].Next = []Branch{{To: "request", Prob: []float64{0.4}}, {To: "decide", Prob: []float64{0.6}}}
	p[3].Delay = must(dist.Deterministic(float64(20 * sim.Day)))
	p[3].Deadline = littleDeadline
	p[4].Quality.Initial, p[4].Quality.Floor = 0, 0
	return m
}

// TestLittlesLawAgainstTheEventLog checks the result's number of cases in
// system against an independent count: the event log's filings (a case
// enters at the End of its "filed" record, 0 for the initial backlog) and
// its ends, read from the log as littleModel allows (the end of the last
// step's work item, or a request's end plus the deadline for a rejected
// case). From these it computes, independently of the engine's
// accumulators,
//
//   - the time integral of N(t), the number of cases in system, over
//     [0, horizon], by sweeping the entries and ends in time order, which
//     must equal the result's InSystemArea;
//   - the summed time in system within [0, horizon], which must equal
//     SojournArea, and with λ = cases entered/horizon and W their mean
//     time in system gives L = λ·W = InSystemArea/horizon (Little's law on
//     the sample path: El-Taha and Stidham, Sample-Path Analysis of
//     Queueing Systems, 1999, ch. 2);
//   - the cases open at the horizon, and the completed and rejected cases
//     filed after the warm-up, which must equal the result's counts.
//
// The areas agree to rounding (1e-9 relative), the counts exactly; both
// arms, status quo and ZSA (with hand-overs and questions back).
//
// Deliberate breakage it catches: engine.complete returning at once for a
// rejected case, which then never leaves. TestLittlesLawHoldsOnEveryRun
// still passed (InSystemArea and SojournArea err alike); this fails.
func TestLittlesLawAgainstTheEventLog(t *testing.T) {
	t.Parallel()
	for _, org := range []*Organisation{nil, zsaOrg()} {
		for seed := range uint64(2) {
			m := littleModel()
			h := m.Horizon
			entered := map[uint64]sim.Time{}
			ended := map[uint64]sim.Time{}
			rejected := map[uint64]bool{}
			last := map[string]string{"first": "notice", "change": "decide"}
			r, err := RunWith(m, org, seed, Options{Log: func(task Task) {
				switch {
				case task.Activity == "filed":
					entered[task.Case] = task.End
				case task.Activity == "request":
					ended[task.Case] = task.End + littleDeadline
					rejected[task.Case] = true
				case task.Activity == last[task.Type]:
					ended[task.Case] = task.End
				}
			}})
			if err != nil {
				t.Fatal(err)
			}
			type change struct {
				at sim.Time
				d  int
			}
			var changes []change
			var sojourn float64
			open, completed, rejects := 0, 0, 0
			for id, in := range entered {
				changes = append(changes, change{in, +1})
				out, ok := ended[id]
				if !ok || out > h {
					out = h
					open++
				} else {
					changes = append(changes, change{out, -1})
					if in >= m.WarmUp {
						completed++
						rejects += btoi(rejected[id])
					}
				}
				sojourn += float64(out - in)
			}
			slices.SortFunc(changes, func(a, b change) int { return cmpTime(a.at, b.at) })
			var area float64
			n, prev := 0, sim.Time(0)
			for _, c := range changes {
				area += float64(n) * float64(c.at-prev)
				n += c.d
				prev = c.at
			}
			area += float64(n) * float64(h-prev)

			s := r.Services[0]
			tot := s.Total()
			name := "status quo"
			if org != nil {
				name = org.Name
			}
			if math.Abs(s.InSystemArea-area) > 1e-9*area {
				t.Errorf("%s, seed %d: ∫N dt = %.9g, the log's count %.9g", name, seed, s.InSystemArea, area)
			}
			if math.Abs(s.SojournArea-sojourn) > 1e-9*sojourn {
				t.Errorf("%s, seed %d: Σ W = %.9g, the log's %.9g", name, seed, s.SojournArea, sojourn)
			}
			lambda, w := float64(len(entered))/float64(h), sojourn/float64(len(entered))
			if l := s.InSystemArea / float64(h); math.Abs(l-lambda*w) > 1e-9*l {
				t.Errorf("%s, seed %d: L = %.6g, λ·W = %.6g·%.6g = %.6g", name, seed, l, lambda, w, lambda*w)
			}
			if s.Open != open || tot.Completed != completed || tot.Rejected != rejects {
				t.Errorf("%s, seed %d: open %d, completed %d, rejected %d; the log says %d, %d, %d",
					name, seed, s.Open, tot.Completed, tot.Rejected, open, completed, rejects)
			}
			if backlog := count0(entered); rejects < 100 || backlog < 50 || open == 0 {
				t.Fatalf("%s, seed %d: %d rejected, %d backlog cases, %d open: too few to check", name, seed, rejects, backlog, open)
			}
		}
	}
}

// cmpTime orders times.
func cmpTime(a, b sim.Time) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// count0 counts the cases that entered at time 0: the initial backlog.
func count0(entered map[uint64]sim.Time) int {
	n := 0
	for _, at := range entered {
		n += btoi(at == 0)
	}
	return n
}
