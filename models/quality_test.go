package models

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"zsa/models/dist"
	"zsa/models/learning"
	"zsa/sim"
)

// The tests in this file check errors, rework and questions back by their
// rates, against the model's laws computed here, with enough items to see
// a change of a tenth.
//
// Deliberate breakage they catch (each tried alone):
//   - errors never made (c.erred always false in clerk.start):
//     TestErrorRateFollowsTheQualityCurve;
//   - the rework factor ignored (no work *= ReworkFactor for a rework):
//     TestReworkCostsTheFactorTimesTheEffort;
//   - the question-back probability multiplied by 0.9 in engine.enter:
//     TestQuestionBackRate.
//
// Every other model test passed with each of them.

// reworkModel is one clerk around the clock, experience 1 at the start, on
// a two-step process: "a" with deterministic effort 10 min and errors
// following the quality curve q, found by "b" (10 min, no errors), which
// sends the case back to "a" for a rework costing the rework factor 0.3
// times the effort. No learning of effort (rate 1), no forgetting: the
// clerk's experience at its k-th item (k = 1, 2, …) is 1 + (k − 1), items
// of both steps counting (experience is per service). 30 cases a day keep
// the clerk busy 45 % of the time; in the 120 days simulated the clerk's
// experience grows to about 8,000 items.
func reworkModel(q learning.Quality) *Model {
	m := mmcModel(1, 30, 10)
	m.Horizon = 120 * sim.Day
	s := &m.Services[0]
	s.ReworkFactor = 0.3
	s.Types[0].Process = Process{
		{Name: "a", Effort: must(dist.Deterministic(10)), Quality: q},
		{Name: "b", Effort: must(dist.Deterministic(10))},
	}
	return m
}

// item is a work item in a reworkModel run with what the log tells about
// it: the clerk's experience when it started, and for an item of "a"
// whether it erred (known), and if so whether it did.
type item struct {
	Task
	exp          float64
	known, erred bool
	rework       bool // an item of "a" redone after an error
}

// reworkItems runs m (one clerk) with seed and returns its work items in
// the order they started. An item of "a" erred if and only if the case's
// next items are "b" (which finds the error) and then "a" again (the
// rework); it is known when that "b" ended at least a day before the
// horizon: the rework joins the queue then, and at 45 % utilisation with
// 10-minute items it starts within the day.
func reworkItems(t *testing.T, m *Model, prior float64, seed uint64) []item {
	t.Helper()
	var items []item
	byCase := map[uint64][]int{}
	_, err := RunWith(m, nil, seed, Options{Log: func(task Task) {
		if task.Kind != TaskWork {
			return
		}
		byCase[task.Case] = append(byCase[task.Case], len(items))
		items = append(items, item{Task: task, exp: prior + float64(len(items))})
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, idx := range byCase {
		for j, i := range idx {
			if items[i].Activity != "a" {
				continue
			}
			if j >= 2 && items[idx[j-1]].Activity == "b" && items[idx[j-2]].Activity == "a" {
				items[i].rework = true
			}
			if j+1 >= len(idx) {
				continue // "b" not begun by the horizon
			}
			b := items[idx[j+1]]
			if b.Activity != "b" {
				t.Fatalf("case %d: %s after a", b.Case, b.Activity)
			}
			if b.End <= m.Horizon-sim.Day {
				items[i].known = true
				items[i].erred = j+2 < len(idx) && items[idx[j+2]].Activity == "a"
			}
		}
	}
	return items
}

// TestErrorRateFollowsTheQualityCurve checks that a clerk errs at each
// item with the probability the quality curve gives for its experience
// (learning.Quality, De Jong's form, computed here from the formula):
//
//	p(e) = Floor + (Initial − Floor)·e^(log₂ Rate)
//
// The errors of different items are independent Bernoulli draws (each from
// its case's own uniforms), so the number of errors among n items is
// Σ p(e_i) with variance Σ p(e_i)(1 − p(e_i)); checked within 4 standard
// errors in bins of experience, over the clerk's first items (steep part)
// to the later ones (near the floor), and in total.
func TestErrorRateFollowsTheQualityCurve(t *testing.T) {
	t.Parallel()
	q := learning.Quality{Initial: 0.4, Floor: 0.05, Rate: 0.7}
	p := func(e float64) float64 { return q.Floor + (q.Initial-q.Floor)*math.Pow(e, math.Log2(q.Rate)) }
	type bin struct {
		lo, hi         float64
		n, errs        int
		want, variance float64
	}
	bins := []bin{{lo: 1, hi: 30}, {lo: 30, hi: 300}, {lo: 300, hi: 3000}, {lo: 3000, hi: math.Inf(1)}}
	total := bin{lo: 1, hi: math.Inf(1)}
	for seed := range uint64(10) {
		for _, it := range reworkItems(t, reworkModel(q), 1, seed) {
			if it.Activity != "a" || !it.known {
				continue
			}
			pe := p(it.exp)
			for _, b := range []*bin{&bins[0], &bins[1], &bins[2], &bins[3], &total} {
				if it.exp >= b.lo && it.exp < b.hi {
					b.n++
					b.errs += btoi(it.erred)
					b.want += pe
					b.variance += pe * (1 - pe)
				}
			}
		}
	}
	for _, b := range append(bins, total) {
		se := math.Sqrt(b.variance)
		if b.n < 50 || math.Abs(float64(b.errs)-b.want) > 4*se {
			t.Errorf("experience [%v, %v): %d errors in %d items, quality curve %.1f ± %.1f", b.lo, b.hi, b.errs, b.n, b.want, se)
		}
	}
}

// TestReworkCostsTheFactorTimesTheEffort checks the cost of a rework in
// the same runs: an item of "a" redone after an error takes the rework
// factor times the step's effort, 0.3 × 10 min (no learning: the effort
// is the draw), every other item the whole effort, 10 min; and the
// clerk's experience counts rework items as items.
func TestReworkCostsTheFactorTimesTheEffort(t *testing.T) {
	t.Parallel()
	q := learning.Quality{Initial: 0.3, Floor: 0.3, Rate: 1}
	items := reworkItems(t, reworkModel(q), 1, 7)
	reworks := 0
	for i, it := range items {
		want := 10.0
		if it.rework {
			want = 0.3 * 10
			reworks++
		}
		if math.Abs(float64(it.Work)-want) > 1e-9 {
			t.Fatalf("item %d (%s, case %d, rework %v): work %v, want %v", i, it.Activity, it.Case, it.rework, it.Work, want)
		}
	}
	// About 0.3/(1 − 0.3) reworks per case, of some 3,600 cases.
	if reworks < 1000 {
		t.Fatalf("only %d reworks", reworks)
	}
}

// questionModel is two offices' worth of cases (A and B, 33 a day in all)
// around the clock, with a ZSA doing "intake" and the local office
// "decide", and ample staff everywhere, so that nothing waits for a
// clerk. Every time a local office receives a case from the ZSA it sends
// a question back with probability q, which the ZSA answers before it
// hands the case over again.
func questionModel(q float64) (*Model, *Organisation) {
	m := mmcModel(1, 33, 5)
	s := &m.Services[0]
	s.Types[0].Process = Process{
		{Name: "intake", Effort: must(dist.Exponential(5))},
		{Name: "decide", Effort: must(dist.Exponential(5))},
	}
	m.Communes = append(m.Communes, Commune{AGS: "2", Name: "D", Population: 1000, Office: map[string]string{"S": "B"}})
	s.PerThousand /= 2
	m.Offices = []Office{{Key: "O", Name: "A", Clerks: staff("S", 5)}, {Key: "B", Name: "B", Clerks: staff("S", 5)}}
	org := &Organisation{
		Name: "ZSA",
		ZSA:  &Office{Key: "ZSA", Name: "ZSA", Clerks: staff("S", 5)},
		Delegations: []Delegation{{
			Service: "S", Steps: []string{"intake"},
			Members:      []Member{{Office: "O"}, {Office: "B"}},
			HandOver:     must(dist.Exponential(30)),
			QuestionBack: q, QuestionEffort: must(dist.Exponential(5)),
		}},
	}
	return m, org
}

func staff(skill string, n int) []Clerk {
	var cs []Clerk
	for j := range n {
		cs = append(cs, Clerk{Name: fmt.Sprintf("c%d", j), FTE: 1, Share: 1, Skills: []string{skill}, Prior: 1})
	}
	return cs
}

// TestQuestionBackRate checks the question-back probability q: each
// receipt of a case by a local office from the ZSA (in the log, an item at
// the ZSA followed by a local item or by a question) is an independent
// Bernoulli(q) trial (each from the case's own uniforms, keyed by its
// items done), so the share of receipts that are questions estimates q
// with standard error √(q(1 − q)/N). Checked within 4 standard errors,
// with N large enough (8 standard errors at most a tenth of q, asserted)
// that a probability off by a tenth fails.
func TestQuestionBackRate(t *testing.T) {
	t.Parallel()
	const q = 0.3
	m, org := questionModel(q)
	last := map[uint64]Task{}
	trials, asked := 0, 0
	_, err := RunWith(m, org, 5, Options{Log: func(task Task) {
		if task.Kind != TaskWork {
			return
		}
		if p, ok := last[task.Case]; ok && strings.HasPrefix(p.Office, "ZSA") &&
			(task.Activity == "question" || !strings.HasPrefix(task.Office, "ZSA")) {
			trials++
			asked += btoi(task.Activity == "question")
		}
		last[task.Case] = task
	}})
	if err != nil {
		t.Fatal(err)
	}
	se := math.Sqrt(q * (1 - q) / float64(trials))
	if 8*se > 0.1*q {
		t.Fatalf("only %d receipts: standard error %.4f, too large to see a tenth of q", trials, se)
	}
	if got := float64(asked) / float64(trials); math.Abs(got-q) > 4*se {
		t.Errorf("%d questions in %d receipts: rate %.4f ± %.4f, want %v", asked, trials, got, se, q)
	}
}
