package scenarios

import (
	"context"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"

	"zsa/models"
	"zsa/models/queue"
	"zsa/sim"
	"zsa/sim/stats"
)

// armIndex returns the index in sc.Arms of the arm named name.
func armIndex(t *testing.T, sc *Scenario, name string) int {
	t.Helper()
	i := slices.IndexFunc(sc.Arms, func(o *models.Organisation) bool { return o.Name == name })
	if i < 0 {
		t.Fatalf("%s: no arm %q", sc.Name, name)
	}
	return i
}

// TestPoolingMatchesErlangC runs testdata/pooling-mm1.toml: four communes
// whose offices work around the clock, each an M/M/1 queue at ρ = 0.8 in
// the status quo; a ZSA of four clerks for all of them (M/M/4); and the
// same ZSA with pooling switched off, which must be four M/M/1 queues
// again: one whole clerk per unit, working when the pooled clerk would.
// The mean wait in queue of each arm is checked against Erlang C.
func TestPoolingMatchesErlangC(t *testing.T) {
	t.Parallel()
	sc, err := Load("testdata/pooling-mm1.toml")
	if err != nil {
		t.Fatal(err)
	}
	// The file as meant: no holidays, one full-time clerk per office
	// (staffing.S.share = 1).
	if !sc.Model.NoStateHolidays || len(sc.Model.Offices) != 4 {
		t.Fatalf("holidays off %v, %d offices", sc.Model.NoStateHolidays, len(sc.Model.Offices))
	}
	for _, o := range sc.Model.Offices {
		if len(o.Clerks) != 1 || o.Clerks[0].Share != 1 || o.Clerks[0].FTE != 1 {
			t.Fatalf("office %s: clerks %+v, want one with share 1", o.Key, o.Clerks)
		}
	}
	// Rates from the file, per minute: λ = 19.2 cases a day per commune
	// (per_thousand 7,008 × 1,000 inhabitants / 365 days), μ = 1/60 (effort
	// exp(mean=60min)). Wq from the Erlang C formula (queue.MMcWait, checked
	// against the Erlang B recursion in package queue; Kleinrock, Queueing
	// Systems I, 1975, §3.5): M/M/1 Wq = ρ/(μ − λ) = 240 min; M/M/4 with
	// 4λ: Wq = C(4, 3.2)/(4μ − 4λ) ≈ 44.7 min.
	const lambda, mu = 19.2 / 1440.0, 1 / 60.0
	want := map[string]float64{
		"status quo": queue.MMcWait(lambda, mu, 1),
		"pooled":     queue.MMcWait(4*lambda, mu, 4),
		"unpooled":   queue.MMcWait(lambda, mu, 1),
	}
	const reps = 100
	var jobs []models.Job
	for _, arm := range sc.Arms {
		for r := range reps {
			jobs = append(jobs, models.Job{Model: sc.Model, Org: arm, Seed: sim.Hash(sc.Seed, sim.NameKey("replication"), uint64(r))})
		}
	}
	res, err := models.RunBatch(context.Background(), jobs, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	byArm := map[string][]float64{}
	for a, arm := range sc.Arms {
		var waits []float64
		for _, r := range res[a*reps : (a+1)*reps] {
			tot := r.Services[0].Total()
			// λ·(horizon − warm-up) = 4 × 19.2 × 335 cases, less 5
			// standard errors.
			if n := 4 * 19.2 * 335.0; float64(tot.Completed) < n-5*math.Sqrt(n) {
				t.Fatalf("%s: only %d cases completed, want about %.0f", arm.Name, tot.Completed, n)
			}
			waits = append(waits, tot.Wait.Mean()*float64(sim.Day))
		}
		byArm[arm.Name] = waits
		s := stats.Summarize(waits)
		w := want[arm.Name]
		t.Logf("%-10s mean wait %6.2f ± %5.2f min (%d replications), Erlang C %6.2f min", arm.Name, s.Mean, s.StdErr, reps, w)
		// Tolerance: 4 standard errors over replications (the censoring
		// of cases open at the horizon is far smaller: they are about
		// 1 in 10,000).
		if d := math.Abs(s.Mean - w); d > 4*s.StdErr {
			t.Errorf("%s: mean wait %.2f ± %.2f min, Erlang C %.2f min", arm.Name, s.Mean, s.StdErr, w)
		}
	}
	// Under common random numbers the unpooled arm replays the status
	// quo: the same cases with the same efforts, and each unit's one whole
	// clerk works around the clock as the office's own does.
	for r, sq := range byArm["status quo"] {
		if u := byArm["unpooled"][r]; math.Abs(u-sq) > 1e-9*sq {
			t.Errorf("replication %d: mean wait %v unpooled, %v in the status quo", r, u, sq)
		}
	}
}

// TestPoolingOffSlicesClerks runs testdata/pooling-slices.toml, where the
// shares do not give whole clerks: 3 ZSA clerks for communes of 1,000,
// 1,700, 900 and 400 inhabitants. The units' shares are 0.75, 1.275,
// 0.675 and 0.3 clerks, so McNaughton's rule gives East's unit one whole
// clerk and every unit time slices. From the event log of the unpooled
// arm: at no time of day does a unit have more clerks at work than its
// whole clerks plus one; and the units' clerks together have the pooled
// ZSA's working time (3 FTE).
func TestPoolingOffSlicesClerks(t *testing.T) {
	t.Parallel()
	sc, err := Load("testdata/pooling-slices.toml")
	if err != nil {
		t.Fatal(err)
	}
	whole := map[string]int{"ZSA/N": 0, "ZSA/E": 1, "ZSA/S": 0, "ZSA/W": 0}
	// Each resource's hull in time of day (minutes after midnight): from
	// the earliest time of day an item of it starts to the latest one
	// ends. Every item lies within the clerk's daily block, so the hull
	// does too; with thousands of items it is about the block.
	type hull struct{ lo, hi float64 }
	hulls := map[string]map[string]*hull{} // unit → resource → hull
	tod := func(x sim.Time) float64 { return math.Mod(float64(x), float64(sim.Day)) }
	items := 0
	r, err := models.RunWith(sc.Model, sc.Arms[armIndex(t, sc, "unpooled")], 1, models.Options{Log: func(task models.Task) {
		if task.Kind != models.TaskWork || !strings.HasPrefix(task.Office, "ZSA/") {
			return
		}
		items++
		end := tod(task.End)
		if end == 0 {
			end = float64(sim.Day) // an item done at the end of the day
		}
		if hulls[task.Office] == nil {
			hulls[task.Office] = map[string]*hull{}
		}
		h := hulls[task.Office][task.Resource]
		if h == nil {
			h = &hull{lo: math.Inf(1), hi: math.Inf(-1)}
			hulls[task.Office][task.Resource] = h
		}
		h.lo, h.hi = min(h.lo, tod(task.Start)), max(h.hi, end)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if items < 3000 || len(hulls) != 4 {
		t.Fatalf("%d items at the units %v", items, slices.Sorted(maps.Keys(hulls)))
	}
	for unit, hs := range hulls {
		// The most hulls covering one time of day: sweep over their ends.
		type edge struct {
			at float64
			d  int
		}
		var edges []edge
		for _, h := range hs {
			edges = append(edges, edge{h.lo, +1}, edge{h.hi, -1})
		}
		slices.SortFunc(edges, func(a, b edge) int {
			if a.at != b.at {
				return int(math.Copysign(1, a.at-b.at))
			}
			return a.d - b.d // [lo, hi): an end before a start at the same time
		})
		n, most := 0, 0
		for _, e := range edges {
			n += e.d
			most = max(most, n)
		}
		t.Logf("%s: %d clerks, at most %d at work at a time of day, %d whole", unit, len(hs), most, whole[unit])
		if most > whole[unit]+1 {
			t.Errorf("%s: %d clerks at work at one time of day, want at most %d whole + 1", unit, most, whole[unit])
		}
	}
	// The units' working time is the pooled ZSA's: 3 full-time clerks
	// without absences, in FTE of the office calendar.
	var avail sim.Time
	for _, c := range r.Clerks {
		if strings.HasPrefix(c.Office, "ZSA/") {
			avail += c.Available
		}
	}
	if fte := r.FTE(avail); math.Abs(fte-3) > 1e-9 {
		t.Errorf("the units have %v FTE, the pooled ZSA 3", fte)
	}
}
