package experiment

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"testing"

	"zsa/models/queue"
	"zsa/results"
	"zsa/scenarios"
)

// erlangCStaff returns the least number of servers c ≥ 1 of an M/M/c
// queue with λ = 76.8 and μ = 24 a day whose mean wait in queue (Erlang
// C, queue.MMcWait) is at most w days: the answer zsa plan must find on
// testdata/plan-mmc.toml.
func erlangCStaff(w float64) int {
	for c := 4; ; c++ { // below 4 the queue is unstable
		if queue.MMcWait(76.8, 24, c) <= w {
			return c
		}
	}
}

func TestPlanFindsTheErlangCStaff(t *testing.T) {
	t.Parallel()
	const minute = 1.0 / 1440
	for _, tc := range []struct {
		name     string
		wait     float64 // target: mean wait at most, days
		min, max int
		verdict  string
		staff    int // 0: erlangCStaff(wait)
	}{
		{"20 min", 20 * minute, 1, 12, results.Decided, 0},
		{"5 min", 5 * minute, 1, 12, results.Decided, 0},
		{"1.5 min", 1.5 * minute, 1, 12, results.Decided, 0},
		// The least staff allowed already meets the target: the answer is
		// the lower bound, and nothing below it is tried.
		{"at the lower bound", 20 * minute, 5, 12, results.Decided, 5},
		// The most staff allowed does not meet it.
		{"out of reach", 1.5 * minute, 1, 6, results.Unreachable, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sc, err := scenarios.Load("../scenarios/testdata/plan-mmc.toml")
			if err != nil {
				t.Fatal(err)
			}
			sc.Plan.Targets[0].Bound = tc.wait
			sc.Plan.Staff[0].Min, sc.Plan.Staff[0].Max = tc.min, tc.max
			sc.Plan.Staff[0].Start = min(max(sc.Plan.Staff[0].Start, tc.min), tc.max)
			want := tc.staff
			if want == 0 {
				want = erlangCStaff(tc.wait)
			}
			plan, cmp, err := Plan(context.Background(), sc, PlanOptions{Options: Options{Workers: 2}})
			if err != nil {
				t.Fatal(err)
			}
			sp := plan.Services[0]
			for _, c := range sp.Candidates {
				t.Logf("%2d clerks, %d replications: wait %.3f min [%.3f, %.3f] (Erlang C %.3f), %s", c.Staff, c.Replications,
					c.Targets[0].Mean/minute, c.Targets[0].Lo/minute, c.Targets[0].Hi/minute, queue.MMcWait(76.8, 24, c.Staff)/minute, c.Verdict)
			}
			if sp.Verdict != tc.verdict {
				t.Fatalf("verdict %s, want %s", sp.Verdict, tc.verdict)
			}
			if tc.verdict == results.Unreachable {
				if sp.Staff != 0 || cmp == nil || sp.Final.Verdict == results.Meets {
					t.Errorf("unreachable: staff %d, final %+v", sp.Staff, sp.Final)
				}
				return
			}
			if sp.Staff != want {
				t.Errorf("staff %d, Erlang C says %d", sp.Staff, want)
			}
			if sp.Final.Verdict != results.Meets || len(cmp.Arms) != 2 || cmp.Replications() != sc.Plan.Replications {
				t.Errorf("final %+v, %d arms × %d replications", sp.Final, len(cmp.Arms), cmp.Replications())
			}
			if len(sp.Monotonicity) > 0 {
				t.Errorf("monotonicity: %v", sp.Monotonicity)
			}
			if want > tc.min {
				// The level below was tried and did not meet the target.
				found := false
				for _, c := range sp.Candidates {
					found = found || c.Staff == want-1 && c.Verdict != results.Meets
				}
				if !found {
					t.Errorf("no candidate %d that does not meet", want-1)
				}
			}
			t.Logf("simulated %d replications, %d at the plan: ratio %.2f", plan.Simulated, plan.Replications,
				float64(plan.Simulated)/float64(plan.Replications))
		})
	}
}

// TestPlanIsTheSameWhateverTheWorkers: the search's decisions depend on
// the seeds only.
func TestPlanIsTheSameWhateverTheWorkers(t *testing.T) {
	t.Parallel()
	sc, err := scenarios.Load("../scenarios/testdata/plan-mmc.toml")
	if err != nil {
		t.Fatal(err)
	}
	var got [2]*results.StaffPlan
	for i, w := range []int{1, 2} {
		if got[i], _, err = Plan(context.Background(), sc, PlanOptions{Options: Options{Workers: w}}); err != nil {
			t.Fatal(err)
		}
	}
	// %v prints NaN alike, where == would not.
	text := func(p *results.StaffPlan) string {
		sp := p.Services[0]
		final := *sp.Final
		sp.Final = nil
		return fmt.Sprintf("%+v %+v %+v", sp, final, p.Simulated)
	}
	if a, b := text(got[0]), text(got[1]); a != b {
		t.Errorf("1 worker: %s\n2 workers: %s", a, b)
	}
}

// TestPlanJudgesByOneSidedBounds: the replications 1, 2, 3, 4 have mean
// 2.5 and standard error √(5/3)/2 = 0.6455; with α = 0.025 the one-sided
// bounds are 2.5 ∓ t(0.975, 3)·0.6455 = 2.5 ∓ 3.1824·0.6455 = 0.446 and
// 4.554 (t from the table of Student's t, e.g. Abramowitz & Stegun 26.10).
func TestPlanJudgesByOneSidedBounds(t *testing.T) {
	xs := []float64{1, 2, 3, 4}
	for _, tc := range []struct {
		atLeast bool
		bound   float64
		verdict string
	}{
		{false, 5, results.Meets}, {false, 4, results.Undecided}, {false, 0.4, results.Fails},
		{true, 0.4, results.Meets}, {true, 1, results.Undecided}, {true, 4.6, results.Fails},
	} {
		e := judge(xs, results.PlanTarget{AtLeast: tc.atLeast, Bound: tc.bound}, 0.025)
		if e.Verdict != tc.verdict {
			t.Errorf("at least %v, bound %v: %s (bound used %v), want %s", tc.atLeast, tc.bound, e.Verdict, e.Bound, tc.verdict)
		}
		if want := map[bool]float64{true: 0.446, false: 4.554}[tc.atLeast]; math.Abs(e.Bound-want) > 1e-3 {
			t.Errorf("at least %v: bound %v, want %v", tc.atLeast, e.Bound, want)
		}
	}
	if e := judge([]float64{0.93, 0.93, 0.93}, results.PlanTarget{AtLeast: true, Bound: 0.9}, 0.025); e.Verdict != results.Meets {
		t.Errorf("no spread above the bound: %s", e.Verdict)
	}
	if e := judge([]float64{math.NaN(), 1}, results.PlanTarget{Bound: 2}, 0.025); e.Verdict != results.Fails {
		t.Errorf("no figure: %s", e.Verdict)
	}
}

// TestPlanSearchBracketsAndBisects drives a search with verdicts from a
// known staircase: levels below 17 fail, 17 is undecided, 18 and above
// meet. From any start the search must end at 18, "undecided" (between
// 17 and 18), having tried 17; with 17 failing, "decided". A target out
// of reach is "unreachable" after trying the maximum.
func TestPlanSearchBracketsAndBisects(t *testing.T) {
	for _, tc := range []struct {
		start, min, max int
		undecided       int // the undecided level, 0: none
		staff           int
		verdict         string
	}{
		{1, 1, 100, 17, 18, results.Undecided},
		{100, 1, 100, 17, 18, results.Undecided},
		{40, 1, 100, 0, 18, results.Decided},
		{18, 18, 30, 17, 18, results.Decided}, // the lower bound meets: 17 is not tried
		{5, 1, 16, 0, 0, results.Unreachable},
	} {
		s := &search{staff: scenarios.PlanStaff{Min: tc.min, Max: tc.max, Start: tc.start},
			lo: tc.min - 1, hi: tc.max + 1, next: tc.start, step: 1, tried: map[int]*results.PlanCandidate{}}
		steps := 0
		for !s.done {
			v := results.Fails
			switch {
			case s.next >= 18:
				v = results.Meets
			case s.next == tc.undecided:
				v = results.Undecided
			}
			s.tried[s.next] = &results.PlanCandidate{Staff: s.next, Verdict: v}
			s.advance()
			if steps++; steps > 20 {
				t.Fatalf("start %d: no end after 20 steps", tc.start)
			}
		}
		sp := s.outcome(false, nil)
		if sp.Staff != tc.staff || sp.Verdict != tc.verdict {
			t.Errorf("start %d in [%d, %d]: %d clerks, %s after %d steps; want %d, %s", tc.start, tc.min, tc.max, sp.Staff, sp.Verdict, steps, tc.staff, tc.verdict)
		}
		// Galloping and bisection: about 2·log₂(range) levels at most.
		if steps > 2*bits.Len(uint(tc.max-tc.min+1))+1 {
			t.Errorf("start %d: %d levels tried", tc.start, steps)
		}
	}
}

// TestPlanKeepsWhatIsDecidedWhenInterrupted cancels the search after its
// first staff level: the plan comes back marked, with that level.
func TestPlanKeepsWhatIsDecidedWhenInterrupted(t *testing.T) {
	t.Parallel()
	sc, err := scenarios.Load("../scenarios/testdata/plan-mmc.toml")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := PlanOptions{Options: Options{Workers: 2}, OnCandidate: func(string, results.PlanCandidate) { cancel() }}
	plan, cmp, err := Plan(ctx, sc, opt)
	if err == nil || plan == nil || cmp != nil {
		t.Fatalf("plan %v, comparison %v, error %v", plan, cmp, err)
	}
	sp := plan.Services[0]
	if !plan.Interrupted || sp.Verdict != results.Unfinished || len(sp.Candidates) != 1 || sp.Candidates[0].Staff != 4 {
		t.Errorf("interrupted %v, %+v", plan.Interrupted, sp)
	}
}
