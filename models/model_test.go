package models

import (
	"cmp"
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"zsa/models/arrivals"
	"zsa/models/calendar"
	"zsa/models/dist"
	"zsa/models/learning"
	"zsa/models/queue"
	"zsa/sim"
	"zsa/sim/stats"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

var start2025 = calendar.Date{Year: 2025, Month: time.January, Day: 1}

// flatProfile is a profile with a constant daily rate over 2025 (monthly
// factors proportional to the days of the month) and all arrivals online,
// i.e. uniform over the 24 hours: a homogeneous Poisson process.
func flatProfile() arrivals.Profile {
	days := [12]float64{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	var p arrivals.Profile
	for i, d := range days {
		p.Monthly[i] = 12 * d / 365
	}
	for i := range p.Weekday {
		p.Weekday[i] = 1
	}
	p.OnlineShare = 1
	return p
}

// mmcModel is an office of c clerks working around the clock on one
// single-step service with exponential effort (mean in minutes), no
// learning, no calendar: an M/M/c queue with arrival rate perDay.
func mmcModel(c int, perDay, mean float64) *Model {
	m := &Model{
		Start: start2025, Horizon: 365 * sim.Day, WarmUp: 30 * sim.Day,
		Weekdays:        []time.Weekday{0, 1, 2, 3, 4, 5, 6},
		NoStateHolidays: true,
	}
	m.Hours.Open, m.Hours.Close = 0, sim.Day
	m.Services = []Service{{
		Name: "S", Profile: flatProfile(),
		Types: []CaseType{{Name: "t", Share: 1, Process: Process{
			{Name: "work", Effort: must(dist.Exponential(mean))},
		}}},
		Learning: learning.Curve{Rate: 1}, Reference: 1,
	}}
	// 1,000 inhabitants filing perDay·365 cases a year.
	m.Services[0].PerThousand = perDay * 365
	m.Communes = []Commune{{AGS: "1", Name: "C", Population: 1000, Office: map[string]string{"S": "O"}}}
	o := Office{Key: "O", Name: "Office"}
	for i := range c {
		o.Clerks = append(o.Clerks, Clerk{Name: string(rune('a' + i)), FTE: 1, Share: 1, Skills: []string{"S"}, Prior: 1})
	}
	m.Offices = []Office{o}
	return m
}

func TestSingleOfficeIsMMcQueue(t *testing.T) {
	t.Parallel()
	for _, c := range []int{1, 3} {
		const mean = 60.0 // minutes per case
		rho := 0.8
		lambda := rho * float64(c) / mean // per minute
		m := mmcModel(c, lambda*float64(sim.Day), mean)
		// Wq from the Erlang C formula (queue.MMcWait, itself checked
		// against the Erlang B recursion in package queue), in minutes.
		want := queue.MMcWait(lambda, 1/mean, c)
		var waits []float64
		for seed := range uint64(10) {
			r, err := Run(m, nil, seed+1)
			if err != nil {
				t.Fatal(err)
			}
			o := r.Services[0].Offices[0]
			waits = append(waits, o.Wait.Mean()*float64(sim.Day))
			// λ·(horizon − warm-up), less 5 standard errors.
			if n := lambda * float64(335*sim.Day); float64(o.Arrived) < n-5*math.Sqrt(n) {
				t.Fatalf("only %d arrivals, want about %.0f", o.Arrived, n)
			}
		}
		s := stats.Summarize(waits)
		// Tolerance: 4 standard errors over replications, plus 2 % for the
		// censoring at the horizon (cases still open are not counted).
		if d := math.Abs(s.Mean - want); d > 4*s.StdErr+0.02*want {
			t.Errorf("c=%d: mean wait %.2f ± %.2f min, Erlang C %.2f min", c, s.Mean, s.StdErr, want)
		}
	}
}

func TestOwnedCasesWaitForTheirClerk(t *testing.T) {
	t.Parallel()
	// Three clerks, ρ = 0.8. Shared, the office is an M/M/3 queue; owned,
	// each case belongs to one clerk drawn in equal proportion (equal
	// time), so each clerk is an M/M/1 queue of a third of the cases: Wq =
	// ρ/(μ(1 − ρ)) = 240 min against Erlang C's 64.7 min.
	const mean, rho = 60.0, 0.8
	lambda := rho * 3 / mean // per minute
	for _, tc := range []struct {
		name  string
		owned bool
		want  float64
	}{
		{"shared", false, queue.MMcWait(lambda, 1/mean, 3)},
		{"owned", true, rho * mean / (1 - rho)},
	} {
		m := mmcModel(3, lambda*float64(sim.Day), mean)
		if tc.owned {
			m.Offices[0].Owned = []string{"S"}
		}
		var waits []float64
		for seed := range uint64(10) {
			r, err := Run(m, nil, seed+1)
			if err != nil {
				t.Fatal(err)
			}
			waits = append(waits, r.Services[0].Offices[0].Wait.Mean()*float64(sim.Day))
		}
		s := stats.Summarize(waits)
		// 4 standard errors over replications, plus 3 % for the censoring
		// at the horizon (the slower queues have longer memories).
		if d := math.Abs(s.Mean - tc.want); d > 4*s.StdErr+0.03*tc.want {
			t.Errorf("%s: mean wait %.1f ± %.1f min, want %.1f", tc.name, s.Mean, s.StdErr, tc.want)
		}
	}
}

func TestOwnersGetCasesByTheirTime(t *testing.T) {
	t.Parallel()
	// Owned cases are divided in proportion to FTE × share: clerks of 1,
	// 0.5 and 0.25 × 1 FTE get 4/7, 2/7 and 1/7 of the cases. Each
	// clerk's count is binomial(n, p): within 4 standard errors.
	m := mmcModel(3, 20, 10)
	m.Offices[0].Owned = []string{"S"}
	m.Offices[0].Clerks[1].FTE = 0.5
	m.Offices[0].Clerks[2].FTE, m.Offices[0].Clerks[2].Share = 0.5, 0.5
	r, err := Run(m, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range r.Clerks {
		n += c.Items
	}
	for i, p := range []float64{4.0 / 7, 2.0 / 7, 1.0 / 7} {
		got, want := float64(r.Clerks[i].Items), p*float64(n)
		if se := math.Sqrt(float64(n) * p * (1 - p)); math.Abs(got-want) > 4*se {
			t.Errorf("clerk %s: %v of %d cases, want %.0f ± %.0f", r.Clerks[i].Name, got, n, want, 4*se)
		}
	}
}

// officeModel is a realistic small model: Mon–Fri 7:30–16:00 with the
// holidays of Sachsen-Anhalt, two local offices and one service whose
// process has a completeness check with document requests (an external
// wait with a deadline), a decision with errors and rework.
func officeModel() *Model {
	m := &Model{Start: start2025, Horizon: 365 * sim.Day, WarmUp: 28 * sim.Day, CostPerFTE: 70000}
	m.Hours.Open, m.Hours.Close = 7*sim.Hour+30*sim.Minute, 16*sim.Hour
	prof := flatProfile()
	prof.OnlineShare = 0.3
	prof.Weekday = [7]float64{1, 1, 1, 1, 0.8, 0, 0} // Monday..Sunday
	m.Services = []Service{{
		Name: "W", PerThousand: 50, Profile: prof,
		Types: []CaseType{
			{Name: "first", Share: 0.6, Process: Process{
				{Name: "intake", Effort: must(dist.LogNormalMedianP90(15, 30))},
				{Name: "check", Effort: must(dist.GammaMeanCV(20, 0.5)), Next: []Branch{
					{To: "request", Prob: []float64{0.5, 0.2}},
					{To: "decide", Prob: []float64{0.5, 0.8}},
				}},
				{Name: "request", Effort: must(dist.Deterministic(10))},
				{Name: "citizen", Delay: must(dist.LogNormalMedianP90(14*1440, 40*1440)), Deadline: 30 * sim.Day, OnTimeout: Reject,
					Next: []Branch{{To: "check", Prob: []float64{1}}}},
				{Name: "decide", Effort: must(dist.Triangular(30, 60, 150)), Quality: learning.Quality{Initial: 0.1, Floor: 0.02, Rate: 0.9}},
				{Name: "notice", Effort: must(dist.Exponential(10))},
			}},
			{Name: "change", Share: 0.4, Process: Process{
				{Name: "intake", Effort: must(dist.LogNormalMedianP90(10, 20))},
				{Name: "decide", Effort: must(dist.Exponential(30))},
			}},
		},
		Learning: learning.Curve{Rate: 0.85, Floor: 0.5}, Reference: 200,
		Forgetting:   learning.Forgetting{Horizon: 90 * sim.Day},
		ReworkFactor: 0.5, ServiceLevel: 20,
	}}
	m.Communes = []Commune{
		{AGS: "01", Name: "A", Population: 20000, Office: map[string]string{"W": "A"}},
		{AGS: "02", Name: "B", Population: 8000, Office: map[string]string{"W": "B"}},
		{AGS: "03", Name: "B2", Population: 4000, Office: map[string]string{"W": "B"}},
	}
	m.Offices = []Office{
		{Key: "A", Name: "Office A", Clerks: []Clerk{
			{Name: "a1", FTE: 1, Share: 0.8, Skills: []string{"W"}, Prior: 300, LeaveDays: 30, SickRate: 0.05},
			{Name: "a2", FTE: 0.5, Share: 1, Skills: []string{"W"}, Prior: 100, LeaveDays: 30, SickRate: 0.05},
		}},
		{Key: "B", Name: "Office B", Policy: StartedFirst, Clerks: []Clerk{
			{Name: "b1", FTE: 1, Share: 0.6, Skills: []string{"W"}, Prior: 50, LeaveDays: 30, SickRate: 0.05},
		}},
	}
	return m
}

// zsaOrg delegates intake, check and request of W to a ZSA for both offices.
func zsaOrg() *Organisation {
	return &Organisation{
		Name: "ZSA",
		ZSA: &Office{Key: "ZSA", Name: "ZSA", Clerks: []Clerk{
			{Name: "z1", FTE: 1, Share: 1, Skills: []string{"W"}, Prior: 20},
		}},
		Delegations: []Delegation{{
			Service: "W", Steps: []string{"intake", "check", "request"},
			Members:      []Member{{Office: "A"}, {Office: "B", From: 90 * sim.Day}},
			ITSavings:    map[string]float64{"intake": 0.8},
			HandOver:     must(dist.Deterministic(sim.Day.Minutes())),
			QuestionBack: 0.1, QuestionEffort: must(dist.Exponential(10)),
		}},
	}
}

func TestLittlesLawHoldsOnEveryRun(t *testing.T) {
	t.Parallel()
	for _, org := range []*Organisation{nil, zsaOrg()} {
		for seed := range uint64(3) {
			r, err := Run(officeModel(), org, seed)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range r.Services {
				// L·T = Σ W on the sample path: the area under the number of
				// open cases equals the summed time in system.
				if d := math.Abs(s.InSystemArea - s.SojournArea); d > 1e-9*s.InSystemArea {
					t.Errorf("seed %d, %s: ∫N dt = %.6g, Σ W = %.6g", seed, s.Name, s.InSystemArea, s.SojournArea)
				}
				if s.InSystemArea == 0 {
					t.Errorf("seed %d: nothing happened", seed)
				}
			}
		}
	}
}

func TestNoClerkWorksOutsideTheCalendar(t *testing.T) {
	t.Parallel()
	m := officeModel()
	cal := must(calendar.New(calendar.Config{Start: m.Start, Open: m.Hours.Open, Close: m.Hours.Close}))
	n := 0
	log := func(task Task) {
		if task.Kind != TaskWork {
			return
		}
		n++
		// The clerk starts at a working minute of the office calendar, and
		// between start and end there is at least the touch time of office
		// working time (more if the clerk works part-time or is absent).
		if !cal.IsWorking(task.Start) {
			t.Fatalf("%s %s starts at %v (%v), outside working time", task.Resource, task.Activity, task.Start, cal.CivilTime(task.Start))
		}
		if w := cal.WorkingTimeBetween(task.Start, task.End); w < task.Work-1e-6 {
			t.Fatalf("%s %s: %v of work in %v of working time", task.Resource, task.Activity, task.Work, w)
		}
	}
	for _, org := range []*Organisation{nil, zsaOrg()} {
		if _, err := RunWith(m, org, 7, Options{Log: log}); err != nil {
			t.Fatal(err)
		}
	}
	if n < 1000 {
		t.Fatalf("only %d tasks checked", n)
	}
}

func TestArmsSeeTheSameCitizens(t *testing.T) {
	t.Parallel()
	// Common random numbers: the cases filed in the status quo and under
	// the ZSA are the same, at the same times, in the same offices. Their
	// numbers and the order in which they are logged depend on the groups
	// of offices simulated together, which differ: they are compared in
	// order of filing, without their numbers.
	filed := func(org *Organisation) []Task {
		var tasks []Task
		_, err := RunWith(officeModel(), org, 3, Options{Log: func(task Task) {
			if task.Activity == "filed" {
				task.Case = 0
				tasks = append(tasks, task)
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		slices.SortStableFunc(tasks, func(a, b Task) int { return cmp.Compare(a.Start, b.Start) })
		return tasks
	}
	a, b := filed(nil), filed(zsaOrg())
	if len(a) < 1000 || !slices.Equal(a, b) {
		t.Fatalf("arms saw different cases (%d and %d filed)", len(a), len(b))
	}
}

func TestPairedDifferenceIsNarrowerThanUnpaired(t *testing.T) {
	t.Parallel()
	var sq, zs []float64
	for seed := range uint64(8) {
		a := must(Run(officeModel(), nil, seed))
		b := must(Run(officeModel(), zsaOrg(), seed))
		sq = append(sq, a.Services[0].Offices[1].Effort.Mean())
		zs = append(zs, b.Services[0].Offices[1].Effort.Mean())
	}
	paired := must(stats.PairedDiff(sq, zs))
	// Unpaired: Welch's half-width from the two arms' standard errors,
	// with the smaller t quantile (df = n−1) to favour it.
	sa, sb := stats.Summarize(sq), stats.Summarize(zs)
	unpaired := math.Hypot(sa.StdErr, sb.StdErr) * (sa.HalfWidth / sa.StdErr)
	if !(paired.Diff.HalfWidth < unpaired/2) {
		t.Errorf("paired half-width %.3f, unpaired %.3f: common random numbers should at least halve it", paired.Diff.HalfWidth, unpaired)
	}
}

func TestSameSeedSameResult(t *testing.T) {
	t.Parallel()
	a := must(Run(officeModel(), zsaOrg(), 5))
	b := must(Run(officeModel(), zsaOrg(), 5))
	c := must(Run(officeModel(), zsaOrg(), 6))
	ea, eb, ec := a.Services[0].Offices[0].Effort, b.Services[0].Offices[0].Effort, c.Services[0].Offices[0].Effort
	if ea != eb || a.Events != b.Events {
		t.Error("same seed, different results")
	}
	if ea == ec {
		t.Error("different seeds, same results")
	}
}

// workItems runs m's status quo with seed 1 and returns its work items
// in the order they started.
func workItems(t *testing.T, m *Model) []Task {
	t.Helper()
	var tasks []Task
	if _, err := RunWith(m, nil, 1, Options{Log: func(task Task) {
		if task.Kind == TaskWork {
			tasks = append(tasks, task)
		}
	}}); err != nil {
		t.Fatal(err)
	}
	return tasks
}

// replayModel is one clerk around the clock on services with deterministic
// effort, so that every item's touch time follows from the learning,
// forgetting and switching formulas alone.
func replayModel(services ...string) *Model {
	m := mmcModel(1, 0.5, 10)
	var svcs []Service
	for _, name := range services {
		s := m.Services[0]
		s.Name = name
		s.PerThousand = 0.3 * 365 // 0.3 cases a day from 1,000 inhabitants
		s.Types = []CaseType{{Name: "t", Share: 1, Process: Process{
			{Name: "work", Effort: must(dist.Deterministic(10))},
		}}}
		s.Learning = learning.Curve{Rate: 0.8, Floor: 0.3}
		s.Reference = 4
		s.Forgetting = learning.Forgetting{Horizon: 10 * sim.Day}
		s.Switch = must(dist.Deterministic(5))
		svcs = append(svcs, s)
		m.Communes[0].Office[name] = "O"
	}
	m.Services = svcs
	delete(m.Communes[0].Office, "S")
	m.Offices[0].Clerks[0].Skills = services
	m.Offices[0].Clerks[0].Prior = 3
	return m
}

func TestEffortFollowsLearningForgettingAndSwitching(t *testing.T) {
	t.Parallel()
	m := replayModel("A", "B")
	tasks := workItems(t, m)
	// Replay the clerk's history with the formulas, independently of the
	// learning package: De Jong's multiplier m(e) = M + (1−M)·e^(−b),
	// b = −log2(LR), relative to the reference experience; linear
	// forgetting to a novice (e = 1) over the horizon; a set-up time
	// whenever the service changes.
	const base, lr, floor, ref, setup = 10.0, 0.8, 0.3, 4.0, 5.0
	horizon := float64(10 * sim.Day)
	mult := func(e float64) float64 { return floor + (1-floor)*math.Pow(e, math.Log2(lr)) }
	exp := map[string]float64{"A": 3, "B": 3}
	lastAt := map[string]float64{}
	lastSvc := ""
	novices, switches := 0, 0
	for i, task := range tasks {
		e := exp[task.Service]
		if at, ok := lastAt[task.Service]; ok {
			// The clerk takes the item when it is filed or when the previous
			// one ends; with work around the clock Start is that moment.
			gap := float64(task.Start) - at
			e = 1 + (e-1)*math.Max(0, 1-gap/horizon)
			if gap >= horizon {
				novices++
			}
		}
		want := base * mult(e) / mult(ref)
		if lastSvc != "" && lastSvc != task.Service {
			want += setup
			switches++
		}
		if math.Abs(float64(task.Work)-want) > 1e-9 {
			t.Fatalf("task %d (%s at %v): work %.12f, formula %.12f", i, task.Service, task.Start, task.Work, want)
		}
		exp[task.Service] = e + 1
		lastAt[task.Service] = float64(task.End)
		lastSvc = task.Service
	}
	if len(tasks) < 100 || novices < 3 || switches < 30 {
		t.Fatalf("replay too weak: %d tasks, %d back to novice, %d switches", len(tasks), novices, switches)
	}
}

// With LearnPerStep, experience and forgetting count per step: replay a
// two-step process with the formulas, keyed by step.
func TestEffortFollowsPerStepLearning(t *testing.T) {
	t.Parallel()
	m := replayModel("A")
	m.Services[0].LearnPerStep = true
	m.Services[0].Types[0].Process = Process{
		{Name: "x", Effort: must(dist.Deterministic(10))},
		{Name: "y", Effort: must(dist.Deterministic(20))},
	}
	tasks := workItems(t, m)
	// As in TestEffortFollowsLearningForgettingAndSwitching, but each
	// step has its own experience (prior 3) and its own last time.
	const lr, floor, ref = 0.8, 0.3, 4.0
	base := map[string]float64{"x": 10, "y": 20}
	horizon := float64(10 * sim.Day)
	mult := func(e float64) float64 { return floor + (1-floor)*math.Pow(e, math.Log2(lr)) }
	exp := map[string]float64{"x": 3, "y": 3}
	lastAt := map[string]float64{}
	novices := 0
	for i, task := range tasks {
		step := task.Activity
		e := exp[step]
		if at, ok := lastAt[step]; ok {
			gap := float64(task.Start) - at
			e = 1 + (e-1)*math.Max(0, 1-gap/horizon)
			if gap >= horizon {
				novices++
			}
		}
		want := base[step] * mult(e) / mult(ref)
		if math.Abs(float64(task.Work)-want) > 1e-9 {
			t.Fatalf("task %d (%s at %v): work %.12f, formula %.12f", i, step, task.Start, task.Work, want)
		}
		exp[step] = e + 1
		lastAt[step] = float64(task.End)
	}
	if len(tasks) < 100 || novices < 2 {
		t.Fatalf("replay too weak: %d tasks, %d back to novice", len(tasks), novices)
	}
}

// A clerk with other duties (Share < 1) turns to the service from them
// at the first item of each working day, the run's first included, and
// pays the set-up time then, and only then; a clerk without other duties
// never pays it for one service, not even for the run's first item.
func TestSetUpAfterOtherDuties(t *testing.T) {
	t.Parallel()
	for _, share := range []float64{0.5, 1} {
		m := replayModel("A")
		m.Hours.Open, m.Hours.Close = 8*sim.Hour, 16*sim.Hour
		m.Services[0].Learning = learning.Curve{Rate: 1}
		m.Services[0].Forgetting = learning.Forgetting{}
		m.Services[0].PerThousand = 40 * 365 // 40 cases a day: the clerk is never short of work
		m.Offices[0].Clerks[0].Share = share
		tasks := workItems(t, m)
		const base, setup = 10.0, 5.0
		day := func(x sim.Time) int { return int(math.Floor(float64(x / sim.Day))) }
		setUps := 0
		for i, task := range tasks {
			// From the log alone: the first item of the run, or the
			// first begun on a later day than the previous one.
			first := i == 0 || day(task.Start) > day(tasks[i-1].Start)
			want := base
			if first && share < 1 {
				want += setup
				setUps++
			}
			if math.Abs(float64(task.Work)-want) > 1e-9 {
				t.Fatalf("share %v, task %d at %v: work %v, want %v", share, i, task.Start, task.Work, want)
			}
		}
		if share < 1 && setUps < 300 {
			t.Fatalf("only %d set-ups after other duties in a year", setUps)
		}
	}
}

func TestKthItemEffortMatchesTheLearningCurve(t *testing.T) {
	t.Parallel()
	// One service, no forgetting, exponential effort: the mean effort of a
	// clerk's k-th item over many replications is base·m(e)/m(ref), with
	// e = prior + k − 1.
	m := replayModel("A")
	m.Services[0].Forgetting = learning.Forgetting{}
	m.Services[0].Switch = nil
	m.Services[0].Types[0].Process[0].Effort = must(dist.Exponential(10))
	const reps, prior = 300, 3.0
	ks := []int{1, 10, 50}
	sums := make([]stats.Tally, len(ks))
	for seed := range uint64(reps) {
		k := 0
		_, err := RunWith(m, nil, seed, Options{Log: func(task Task) {
			if task.Kind != TaskWork {
				return
			}
			k++
			for i, kk := range ks {
				if k == kk {
					sums[i].Add(float64(task.Work))
				}
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, k := range ks {
		e := prior + float64(k-1)
		mult := func(e float64) float64 { return 0.3 + 0.7*math.Pow(e, math.Log2(0.8)) }
		want := 10 * mult(e) / mult(4)
		got, se := sums[i].Mean(), sums[i].StdDev()/math.Sqrt(float64(sums[i].Count()))
		if math.Abs(got-want) > 4*se {
			t.Errorf("item %d: mean effort %.3f ± %.3f, formula %.3f", k, got, se, want)
		}
	}
}

func TestTotalMergesOffices(t *testing.T) {
	t.Parallel()
	r := must(Run(officeModel(), zsaOrg(), 2))
	s := r.Services[0]
	tot := s.Total()
	var arrived, completed int
	var effort, work float64
	for _, o := range s.Offices {
		arrived += o.Arrived
		completed += o.Completed
		effort += o.Effort.Sum()
		work += float64(o.WorkDone)
	}
	if tot.Arrived != arrived || tot.Completed != completed || tot.Effort.Count() != completed ||
		math.Abs(tot.Effort.Sum()-effort) > 1e-6*effort || math.Abs(float64(tot.WorkDone)-work) > 1e-6*work {
		t.Errorf("total %+v does not add up the offices", tot)
	}
	if tot.LeadTimes.Len() != completed {
		t.Errorf("lead times count %d, want %d", tot.LeadTimes.Len(), completed)
	}
}

func TestRunBatchIsIndependentOfWorkers(t *testing.T) {
	t.Parallel()
	var jobs []Job
	for seed := range uint64(4) {
		jobs = append(jobs, Job{Model: officeModel(), Seed: seed}, Job{Model: officeModel(), Org: zsaOrg(), Seed: seed})
	}
	one := must(RunBatch(t.Context(), jobs, 1, nil))
	three := must(RunBatch(t.Context(), jobs, 3, nil))
	for i := range jobs {
		a, b := one[i].Services[0].Offices[0], three[i].Services[0].Offices[0]
		if a.Effort != b.Effort || one[i].Events != three[i].Events {
			t.Fatalf("job %d differs between 1 and 3 workers", i)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	none, err := RunBatch(ctx, jobs, 2, nil)
	if err != nil || slices.ContainsFunc(none, func(r *Result) bool { return r != nil }) {
		t.Errorf("a cancelled batch ran jobs (err %v)", err)
	}
}

func TestWeeklySeriesAddUp(t *testing.T) {
	t.Parallel()
	r := must(Run(officeModel(), zsaOrg(), 4))
	s := r.Services[0]
	if len(s.Weekly) != 53 {
		t.Fatalf("%d weekly points over 365 days, want 53", len(s.Weekly))
	}
	arrived, completed := 0, 0
	for w, pt := range s.Weekly {
		sum := 0
		for _, o := range s.Offices {
			sum += o.Weekly[w]
		}
		if sum != pt.Open || pt.Week != w {
			t.Fatalf("week %d: offices' open cases sum to %d, service says %d", w, sum, pt.Open)
		}
		// Flow balance: next week's backlog is this week's plus the cases
		// filed minus the cases completed in the week.
		next := s.Open
		if w+1 < len(s.Weekly) {
			next = s.Weekly[w+1].Open
		}
		if pt.Open+pt.Arrived-pt.Completed != next {
			t.Fatalf("week %d: %d open + %d filed − %d completed ≠ %d open next", w, pt.Open, pt.Arrived, pt.Completed, next)
		}
		arrived, completed = arrived+pt.Arrived, completed+pt.Completed
	}
	if arrived == 0 || completed == 0 || arrived-completed != s.Open {
		t.Errorf("weekly throughput: %d filed, %d completed, %d open at the end", arrived, completed, s.Open)
	}
}

func TestBacklogReapplicationsAndWaves(t *testing.T) {
	t.Parallel()
	m := officeModel()
	m.Horizon = 200 * sim.Day
	m.WarmUp = 0
	// A backlog of 2 open "change" cases per 1,000 inhabitants: office A
	// (20,000 inhabitants) starts with 40, office B (12,000) with 24.
	m.Services[0].Types[1].Backlog = 2
	org := zsaOrg()
	org.Delegations[0].Members = []Member{{Office: "A"}, {Office: "B", From: 100 * sim.Day}}
	filed := func(m *Model) map[uint64]Task {
		cases := map[uint64]Task{}
		zsaB := [2]int{} // office B cases at the ZSA, filed before/after joining
		_, err := RunWith(m, org, 9, Options{Log: func(task Task) {
			if task.Activity == "filed" {
				cases[task.Case] = task
				return
			}
			if f := cases[task.Case]; task.Activity == "intake" && task.Office == "ZSA" && f.Office == "B" {
				zsaB[btoi(f.Start >= 100*sim.Day)]++
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		// Waves: office B's cases go to the ZSA only if filed after it
		// joined.
		if zsaB[0] != 0 || zsaB[1] == 0 {
			t.Errorf("office B at the ZSA: %d cases filed before joining, %d after", zsaB[0], zsaB[1])
		}
		return cases
	}
	plain := filed(m)
	var backlog [2]int
	for _, c := range plain {
		if c.Start < 0 {
			backlog[btoi(c.Office == "B")]++
		}
	}
	// Backlog: round(Backlog × population / 1,000) per office.
	if backlog != [2]int{40, 24} {
		t.Errorf("backlog cases filed before the start: %v, want [40 24]", backlog)
	}
	// Re-applications: every approved "change" is followed up 60 days
	// later. The generated arrivals are the same (common random numbers),
	// so the extra cases are exactly the follow-ups: all of type "change",
	// filed at 60 days or later.
	m2 := officeModel()
	m2.Horizon, m2.WarmUp = m.Horizon, 0
	m2.Services[0].Types[1].Backlog = 2
	m2.Services[0].Types[1].Reapply = &Reapply{Prob: 1, After: 60 * sim.Day, Type: "change"}
	with := filed(m2)
	count := func(cases map[uint64]Task) map[[2]any]int {
		n := map[[2]any]int{}
		for _, c := range cases {
			n[[2]any{c.Type, c.Start >= 60*sim.Day}]++
		}
		return n
	}
	a, b := count(plain), count(with)
	extra := b[[2]any{"change", true}] - a[[2]any{"change", true}]
	if extra < 100 || b[[2]any{"change", false}] != a[[2]any{"change", false}] || b[[2]any{"first", true}] != a[[2]any{"first", true}] {
		t.Errorf("re-applications: %d extra change cases after 60 days (want many); counts without %v, with %v", extra, a, b)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestQuestionsGoBackToTheZSA(t *testing.T) {
	t.Parallel()
	// With QuestionBack q, a local office receiving a case from the ZSA
	// sends a question back with probability q; after the answer the case
	// is handed over again and may be questioned again. So the number of
	// questions per completed hand-over (a ZSA task followed by a local
	// one in the log) is geometric with mean q/(1−q) and variance
	// q/(1−q)²; over H hand-overs allow 4 standard errors.
	const q = 0.3
	org := zsaOrg()
	org.Delegations[0].QuestionBack = q
	var questions, handovers int
	last := map[uint64]string{}
	_, err := RunWith(officeModel(), org, 12, Options{Log: func(task Task) {
		if task.Kind != TaskWork {
			return
		}
		if task.Activity == "question" {
			questions++
			if task.Office != "ZSA" {
				t.Errorf("question answered by %s, want the ZSA", task.Office)
			}
		}
		if prev, ok := last[task.Case]; ok && prev == "ZSA" && task.Office != "ZSA" {
			handovers++
		}
		last[task.Case] = task.Office
	}})
	if err != nil {
		t.Fatal(err)
	}
	h := float64(handovers)
	want, se := h*q/(1-q), math.Sqrt(h*q)/(1-q)
	if math.Abs(float64(questions)-want) > 4*se || questions == 0 {
		t.Errorf("%d questions in %d hand-overs, want %.0f ± %.0f", questions, handovers, want, 4*se)
	}
}

func TestClerkTracesCountEveryTask(t *testing.T) {
	t.Parallel()
	r := must(Run(officeModel(), zsaOrg(), 8))
	n := 0
	for _, c := range r.Clerks {
		for _, st := range c.Learning {
			for _, p := range st.Points {
				n += p.Count
			}
		}
	}
	if uint64(n) != r.Tasks || n == 0 {
		t.Errorf("clerks' traces count %d work items, the run started %d", n, r.Tasks)
	}
}
