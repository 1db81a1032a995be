package models

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"zsa/models/dist"
	"zsa/models/learning"
	"zsa/sim"
)

// The tests in this file check common random numbers draw by draw: every
// random draw that belongs to a case — its effort at each visit of a step,
// the branch taken after a step (the completeness check's request or
// decision), the citizen's delay and whether it misses the deadline, the
// errors, the hand-over delays and the questions back — must be the same
// whoever works on the case. Two arms run with the same seed whose
// performers differ (the status quo against a ZSA, a pooled ZSA against
// one split into units) must show, case by case, the same draws in the
// event log.
//
// The models switch off everything through which the clerk legitimately
// changes what the log shows, so that the log shows the draws themselves:
// no learning (rate 1) and no forgetting, no set-up time, no IT savings,
// and error probabilities that do not fall with experience (quality rate
// 1). Then a work item's touch time is its effort draw (times the rework
// factor for a rework), and in a model whose clerks are never all busy
// (crnAmple) the time between two items of a case is the external wait or
// hand-over between them, exactly.
//
// Deliberate breakage they catch (each tried alone, by adding the office
// index to the draw's key):
//   - effort uniforms keyed by the performing office (st.key ^ o.idx in
//     clerk.start): "effort" fails;
//   - routing uniforms keyed by the last office (keyRoute ^ st.key ^
//     c.last in engine.route): all six fail, "branches" first;
//   - error uniforms keyed by the performing office: "errors" (and the
//     others, through the reworks);
//   - citizen-delay uniforms keyed by the last office: "citizen delay"
//     and "hand-over";
//   - hand-over uniforms keyed by the receiving office: "hand-over";
//   - question-back uniforms keyed by the last office: "question back"
//     and "hand-over".
//
// TestArmsSeeTheSameCitizens, TestPairedDifferenceIsNarrowerThanUnpaired
// and the pilot test all passed with the first two.

// neutral switches off in m what lets the clerk change a case's touch
// times and error probabilities: learning, forgetting, set-up time, and
// the fall of the error probability with experience (each step with errors
// errs with its Initial probability). With det, every effort becomes
// deterministic (its mean), so that a rework, which costs the rework factor
// times the effort, shows in the log.
func neutral(m *Model, det bool) *Model {
	for si := range m.Services {
		s := &m.Services[si]
		s.Learning = learning.Curve{Rate: 1}
		s.Forgetting = learning.Forgetting{}
		s.Switch = nil
		for ti := range s.Types {
			p := s.Types[ti].Process
			for i := range p {
				if p[i].Quality != (learning.Quality{}) {
					p[i].Quality = learning.Quality{Initial: p[i].Quality.Initial, Floor: p[i].Quality.Initial, Rate: 1}
				}
				if det && p[i].Effort != nil {
					p[i].Effort = must(dist.Deterministic(p[i].Effort.Mean()))
				}
			}
		}
	}
	return m
}

// crnLoaded is officeModel, neutral, with errors at the ZSA's step
// "check" too (10 %): real office hours, absences, queues and both
// dispatching policies.
func crnLoaded(det bool) *Model {
	m := officeModel()
	p := m.Services[0].Types[0].Process
	p[1].Quality = learning.Quality{Initial: 0.1, Floor: 0.1, Rate: 1}
	return neutral(m, det)
}

// crnAmple is crnLoaded around the clock with 30 full-time clerks in each
// office and no absences: nobody ever waits for a clerk, so every item
// starts when its case enters the step.
func crnAmple() *Model {
	m := crnLoaded(false)
	m.Weekdays = []time.Weekday{0, 1, 2, 3, 4, 5, 6}
	m.NoStateHolidays = true
	m.Hours.Open, m.Hours.Close = 0, sim.Day
	for i := range m.Offices {
		m.Offices[i].Clerks = ampleStaff(m.Offices[i].Key)
	}
	return m
}

func ampleStaff(prefix string) []Clerk {
	var cs []Clerk
	for j := range 30 {
		cs = append(cs, Clerk{Name: fmt.Sprintf("%s%d", prefix, j), FTE: 1, Share: 1, Skills: []string{"W"}, Prior: 1})
	}
	return cs
}

// crnOrg is zsaOrg without IT savings; handOver and question say whether
// it keeps its hand-over delay (1 day; exp(mean = 1 day) with random) and
// its questions back (probability 0.3).
func crnOrg(handOver, random, question bool) *Organisation {
	org := zsaOrg()
	d := &org.Delegations[0]
	d.ITSavings = nil
	d.HandOver = nil
	if handOver {
		d.HandOver = must(dist.Deterministic(sim.Day.Minutes()))
		if random {
			d.HandOver = must(dist.Exponential(sim.Day.Minutes()))
		}
	}
	d.QuestionBack = 0
	if question {
		d.QuestionBack = 0.3
	}
	return org
}

// trail is a case's history in the event log: its filing and its work
// items in the order they started.
type trail struct {
	filed Task
	items []Task
}

// trails runs org on m with the given seed and returns every case's
// trail by citizen: the case's filing time, which is the same in every
// arm (case numbers count the cases of each group of offices simulated
// together, which differ between arms) and, drawn from a continuous
// distribution, tells the cases apart. The trails' tasks have case
// number 0.
func trails(t *testing.T, m *Model, org *Organisation, seed uint64) map[sim.Time]*trail {
	t.Helper()
	out := map[sim.Time]*trail{}
	byCase := map[uint64]*trail{}
	_, err := RunWith(m, org, seed, Options{Log: func(task Task) {
		id := task.Case
		task.Case = 0
		if task.Kind == TaskFiled {
			if out[task.Start] != nil {
				t.Fatalf("two cases filed at %v", task.Start)
			}
			tr := &trail{filed: task}
			out[task.Start], byCase[id] = tr, tr
		}
		if task.Kind != TaskWork {
			return
		}
		byCase[id].items = append(byCase[id].items, task)
	}})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// obs is one observation of a draw in a case's trail: what was observed
// and its value (0 if only the label counts).
type obs struct {
	what string
	x    float64
}

// compareDraws compares the observations proj makes of each case's trail
// in arms a and b, which must have filed the same cases. A case cut off
// by the horizon may have got further in one arm than in the other, so the
// shorter list must be a prefix of the longer. It returns the number of
// observations compared and fails the test on the first few differences.
func compareDraws(t *testing.T, a, b map[sim.Time]*trail, proj func(*trail) []obs) int {
	t.Helper()
	ids := slices.Sorted(func(yield func(sim.Time) bool) {
		for id := range a {
			if !yield(id) {
				return
			}
		}
	})
	compared, bad := 0, 0
	for _, id := range ids {
		ta, tb := a[id], b[id]
		if tb == nil || ta.filed != tb.filed {
			t.Fatalf("case filed at %v: %+v in one arm, %+v in the other", id, ta.filed, tb)
		}
		pa, pb := proj(ta), proj(tb)
		for i := range min(len(pa), len(pb)) {
			x, y := pa[i], pb[i]
			compared++
			if x.what != y.what || math.Abs(x.x-y.x) > 1e-9*max(1, math.Abs(x.x)) {
				bad++
				if bad <= 3 {
					t.Errorf("case filed at %v, observation %d: %s %v in one arm, %s %v in the other\n%s\n%s", id, i, x.what, x.x, y.what, y.x, describe(ta), describe(tb))
				}
				break
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d cases differ", bad, len(ids))
	}
	return compared
}

// describe writes a trail for failure messages.
func describe(tr *trail) string {
	var b strings.Builder
	for _, it := range tr.items {
		fmt.Fprintf(&b, " %s@%s[%.4g..%.4g, %.4g]", it.Activity, it.Office, float64(it.Start), float64(it.End), float64(it.Work))
	}
	return b.String()
}

// Projections of a trail.

// efforts: each item's activity and touch time.
func efforts(tr *trail) []obs {
	var o []obs
	for _, it := range tr.items {
		o = append(o, obs{it.Activity, float64(it.Work)})
	}
	return o
}

// route: the sequence of activities (questions left out): the branches
// taken, the revisits after a citizen's answer, the end at a missed
// deadline.
func route(tr *trail) []obs {
	var o []obs
	for _, it := range tr.items {
		if it.Activity != "question" {
			o = append(o, obs{what: it.Activity})
		}
	}
	return o
}

// reworks: for each item, its activity and whether it is a rework, known
// with deterministic efforts by its touch time: the rework factor (0.5)
// times the step's effort instead of the effort.
func reworks(m *Model) func(*trail) []obs {
	effort := map[string]float64{}
	for _, ct := range m.Services[0].Types {
		for _, st := range ct.Process {
			if st.Effort != nil {
				effort[st.Name] = st.Effort.Mean()
			}
		}
	}
	return func(tr *trail) []obs {
		var o []obs
		for _, it := range tr.items {
			if e, ok := effort[it.Activity]; ok {
				o = append(o, obs{it.Activity, btof(float64(it.Work) < 0.75*e)})
			}
		}
		return o
	}
}

func btof(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// gapsAfter: the time from the end of each item whose activity is in
// after (any activity if after is empty) to the start of the case's next
// item, with the two activities. With ample staff it is the external wait
// or the hand-over between them, or 0.
func gapsAfter(after ...string) func(*trail) []obs {
	return func(tr *trail) []obs {
		var o []obs
		for i := 1; i < len(tr.items); i++ {
			p, n := tr.items[i-1], tr.items[i]
			if len(after) == 0 || slices.Contains(after, p.Activity) {
				o = append(o, obs{p.Activity + "→" + n.Activity, float64(n.Start - p.End)})
			}
		}
		return o
	}
}

// questions: each item's activity with questions, and the questions'
// touch times.
func questions(tr *trail) []obs {
	var o []obs
	for _, it := range tr.items {
		x := 0.0
		if it.Activity == "question" {
			x = float64(it.Work)
		}
		o = append(o, obs{it.Activity, x})
	}
	return o
}

// count returns how many observations over all trails satisfy keep.
func count(trs map[sim.Time]*trail, proj func(*trail) []obs, keep func(obs) bool) int {
	n := 0
	for _, tr := range trs {
		for _, x := range proj(tr) {
			if keep(x) {
				n++
			}
		}
	}
	return n
}

// atZSA counts the work items done by a ZSA office (key "ZSA" or a unit
// "ZSA/…").
func atZSA(trs map[sim.Time]*trail) int {
	n := 0
	for _, tr := range trs {
		for _, it := range tr.items {
			if strings.HasPrefix(it.Office, "ZSA") {
				n++
			}
		}
	}
	return n
}

func TestCommonRandomNumbersPerDraw(t *testing.T) {
	t.Parallel()
	const seed = 21
	split := func(org *Organisation) *Organisation {
		org.ZSA.Clerks = append(org.ZSA.Clerks, Clerk{Name: "z2", FTE: 0.5, Share: 1, Skills: []string{"W"}, Prior: 20})
		org.Partitioned = true
		return org
	}
	ample := func(org *Organisation) *Organisation {
		org.ZSA.Clerks = ampleStaff("z")
		return org
	}
	loadedDet := crnLoaded(true)
	cases := []struct {
		kind string
		// The two arms compared, on model m.
		m    *Model
		a, b *Organisation
		proj func(*trail) []obs
		// seen counts the observations of the draw in arm b, which must
		// be at least min.
		seen func(obs) bool
		min  int
	}{
		// Effort draws at every visit, the ZSA's steps done by the ZSA's
		// clerk in one arm and by local clerks in the other.
		{"effort", crnLoaded(false), nil, crnOrg(false, false, false), efforts,
			func(x obs) bool { return x.what == "intake" || x.what == "check" }, 1000},
		// Branches: the completeness check's request or decision, the
		// citizen's answer in time or the case's end at the deadline.
		{"branches", crnLoaded(false), nil, crnOrg(false, false, false), route,
			func(x obs) bool { return x.what == "request" }, 200},
		// Errors of the ZSA's check and of the local decision, found by
		// the next step and redone.
		{"errors", loadedDet, nil, crnOrg(false, false, false), reworks(loadedDet),
			func(x obs) bool { return x.x == 1 }, 50},
		// The citizen's delay after a document request, with ample staff
		// the time from the request's end to the next check's start.
		{"citizen delay", crnAmple(), nil, ample(crnOrg(false, false, false)), gapsAfter("request"),
			func(x obs) bool { return x.x > 0 }, 300},
		// Hand-over delays between the ZSA and a local office, a pooled
		// ZSA against one split into units (other office numbers).
		{"hand-over", crnAmple(), ample(crnOrg(true, true, true)), split(ample(crnOrg(true, true, true))), gapsAfter(),
			func(x obs) bool { return x.what == "check→decide" && x.x > 0 }, 100},
		// Questions back and their efforts, pooled against split, with
		// queues and office hours.
		{"question back", crnLoaded(false), crnOrg(true, false, true), split(crnOrg(true, false, true)), questions,
			func(x obs) bool { return x.what == "question" }, 100},
	}
	for _, c := range cases {
		t.Run(c.kind, func(t *testing.T) {
			t.Parallel()
			a, b := trails(t, c.m, c.a, seed), trails(t, c.m, c.b, seed)
			if n := atZSA(b); n < 500 {
				t.Fatalf("only %d items at the ZSA: the arms hardly differ in who works", n)
			}
			if n := count(b, c.proj, c.seen); n < c.min {
				t.Fatalf("only %d observations of the draw, want at least %d", n, c.min)
			}
			if n := compareDraws(t, a, b, c.proj); n < c.min {
				t.Errorf("only %d observations compared, want at least %d", n, c.min)
			}
		})
	}
}
