package models

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"zsa/models/calendar"
	"zsa/models/dist"
	"zsa/models/learning"
	"zsa/sim"
)

// partitionedOrg is zsaOrg with two ZSA clerks and the ZSA split into one
// unit per member office.
func partitionedOrg() *Organisation {
	org := zsaOrg()
	org.ZSA.Clerks = append(org.ZSA.Clerks, Clerk{Name: "z2", FTE: 0.5, Share: 1, Skills: []string{"W"}, Prior: 20})
	org.Partitioned = true
	return org
}

func TestPartitionSplitsStaffByWorkload(t *testing.T) {
	t.Parallel()
	p, err := compile(officeModel(), partitionedOrg())
	if err != nil {
		t.Fatal(err)
	}
	// One service: the split follows the catchment populations of
	// officeModel, A 20,000 and B 8,000 + 4,000.
	share := map[string]float64{"ZSA/A": 20000.0 / 32000, "ZSA/B": 12000.0 / 32000}
	fte := map[string]float64{"z1": 1, "z2": 0.5}
	// z1 and z2 differ in FTE: two groups of one clerk, neither of them
	// whole for a unit. McNaughton's rule gives A the first 62.5 % of each
	// clerk's block and B the rest: B's slices start where A's end.
	start := map[string]float64{"ZSA/A/z1": 0, "ZSA/B/z1": 0.625, "ZSA/A/z2": 0, "ZSA/B/z2": 0.625 * 0.5}
	units := 0
	for _, o := range p.offices {
		if !o.zsa {
			continue
		}
		units++
		if o.member < 0 || p.zsaOf[o.member] != o.idx || !strings.HasSuffix(o.office.Key, "/"+p.m.Offices[o.member].Key) {
			t.Errorf("unit %q: member %d, zsaOf %v", o.office.Key, o.member, p.zsaOf)
		}
		if len(o.office.Clerks) != 2 {
			t.Fatalf("unit %q has %d clerks, want 2", o.office.Key, len(o.office.Clerks))
		}
		for _, c := range o.office.Clerks {
			if want := fte[c.Name] * share[o.office.Key]; math.Abs(c.FTE-want) > 1e-12 {
				t.Errorf("unit %q, clerk %s: FTE %v, want %v", o.office.Key, c.Name, c.FTE, want)
			}
			if want := start[o.office.Key+"/"+c.Name]; math.Abs(c.Start-want) > 1e-12 {
				t.Errorf("unit %q, clerk %s: start %v, want %v", o.office.Key, c.Name, c.Start, want)
			}
		}
	}
	if units != 2 || p.zsa != -1 {
		t.Errorf("%d ZSA units (want 2), pooled ZSA index %d (want -1)", units, p.zsa)
	}
}

func TestPartitionWithOneMemberIsThePool(t *testing.T) {
	t.Parallel()
	// With one member, its unit has the whole staff: the runs are the
	// same but for the unit's name.
	pooled, split := zsaOrg(), zsaOrg()
	pooled.Delegations[0].Members = []Member{{Office: "A"}}
	split.Delegations[0].Members = []Member{{Office: "A"}}
	split.Partitioned = true
	a := must(Run(officeModel(), pooled, 3))
	b := must(Run(officeModel(), split, 3))
	if a.Events != b.Events || a.Tasks != b.Tasks {
		t.Fatalf("events %d vs %d, tasks %d vs %d", a.Events, b.Events, a.Tasks, b.Tasks)
	}
	for i, o := range a.Services[0].Offices {
		q := b.Services[0].Offices[i]
		if o.Effort != q.Effort || o.WorkDone != q.WorkDone || o.Completed != q.Completed {
			t.Errorf("office %s / %s: effort %v vs %v, work %v vs %v", o.Office, q.Office, o.Effort, q.Effort, o.WorkDone, q.WorkDone)
		}
	}
	if got := b.Services[0].Offices[2].Office; got != "ZSA/A" {
		t.Errorf("unit key %q, want ZSA/A", got)
	}
}

func TestPartitionKeepsMembersApart(t *testing.T) {
	t.Parallel()
	home := map[uint64]string{}
	worked := map[string]int{}
	_, err := RunWith(officeModel(), partitionedOrg(), 1, Options{Log: func(task Task) {
		if task.Kind == TaskFiled {
			home[task.Case] = task.Office
		}
		if task.Kind != TaskWork {
			return
		}
		if unit, ok := strings.CutPrefix(task.Office, "ZSA/"); ok {
			worked[unit]++
			if unit != home[task.Case] {
				t.Fatalf("case %d of office %s worked at %s", task.Case, home[task.Case], task.Office)
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if worked["A"] < 100 || worked["B"] < 100 {
		t.Errorf("work items at the units: %v", worked)
	}
}

// checkSplit checks splitPersons(n, w) against its contract: whole
// persons and the remaining persons' slices add up to each unit's
// x_u = n·w_u/Σw (up to 1e-8 of a person); each remaining person's
// slices fill its block exactly, none shorter than snapPerson; and a
// unit's slices (at most two, on consecutive persons) never overlap in
// time of day.
func checkSplit(t *testing.T, n int, w []float64) {
	t.Helper()
	whole, pieces := splitPersons(n, w)
	var tot float64
	for _, x := range w {
		tot += x
	}
	given := make([]float64, len(w))
	k := 0
	for u, h := range whole {
		given[u] = float64(h)
		k += h
	}
	if k+len(pieces) != n {
		t.Fatalf("n=%d, w=%v: %d whole persons and %d sliced, want %d in all", n, w, k, len(pieces), n)
	}
	type at struct {
		person   int
		from, to float64
	}
	slicesOf := make([][]at, len(w))
	for i, ps := range pieces {
		if len(ps) == 0 || ps[0].from != 0 || ps[len(ps)-1].to != 1 {
			t.Fatalf("n=%d, w=%v: person %d's slices %v do not fill [0, 1)", n, w, i, ps)
		}
		for j, pc := range ps {
			if j > 0 && pc.from != ps[j-1].to {
				t.Fatalf("n=%d, w=%v: person %d's slices %v leave a gap or overlap", n, w, i, ps)
			}
			if pc.to-pc.from < snapPerson {
				t.Fatalf("n=%d, w=%v: person %d has a slice %v shorter than %v", n, w, i, pc, snapPerson)
			}
			given[pc.unit] += pc.to - pc.from
			slicesOf[pc.unit] = append(slicesOf[pc.unit], at{i, pc.from, pc.to})
		}
	}
	for u := range w {
		if want := float64(n) * w[u] / tot; math.Abs(given[u]-want) > 1e-8 {
			t.Errorf("n=%d, w=%v: unit %d has %v persons, want %v", n, w, u, given[u], want)
		}
		switch s := slicesOf[u]; {
		case len(s) > 2:
			t.Errorf("n=%d, w=%v: unit %d has %d slices", n, w, u, len(s))
		case len(s) == 2 && (s[1].person != s[0].person+1 || s[1].to > s[0].from):
			t.Errorf("n=%d, w=%v: unit %d's slices %v overlap in time of day", n, w, u, s)
		}
	}
}

func TestSplitPersonsFollowsMcNaughton(t *testing.T) {
	t.Parallel()
	// Cases where rounding matters: shares a hair below or above whole
	// persons, tiny and zero shares, one unit.
	checkSplit(t, 4, []float64{1, 1, 1, 1})
	checkSplit(t, 3, []float64{1, 1, 1, 1})
	checkSplit(t, 3, []float64{0.1, 0.2, 0.3})
	checkSplit(t, 1, []float64{5})
	checkSplit(t, 7, []float64{0, 3, 0, 4, 0})
	checkSplit(t, 2, []float64{1 - 1e-13, 1 + 1e-13})
	checkSplit(t, 2, []float64{1 - 1e-9, 1 + 1e-9})
	checkSplit(t, 10, []float64{1e-12, 1, 1e-12, 2, 1e-10, 3})
	checkSplit(t, 3, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3, 1e-300})
	if whole, pieces := splitPersons(3, []float64{0, 0}); whole[0] != 0 || whole[1] != 0 || len(pieces) != 0 {
		t.Errorf("no work: whole %v, pieces %v", whole, pieces)
	}
	// Random workloads, as from populations.
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		w := make([]float64, 1+rng.IntN(12))
		for u := range w {
			w[u] = math.Round(rng.ExpFloat64() * 1e5)
		}
		w[rng.IntN(len(w))]++ // not all zero
		checkSplit(t, 1+rng.IntN(20), w)
	}
}

// setUpModel has two communes of equal size, each with its own office
// open 8:00–16:00 every day, filing 40 cases a day each of one service
// with 10 minutes of work and a set-up time of 5 minutes after other
// duties; no learning.
func setUpModel() *Model {
	m := mmcModel(1, 40, 10)
	m.Hours.Open, m.Hours.Close = 8*sim.Hour, 16*sim.Hour
	s := &m.Services[0]
	s.Types[0].Process[0].Effort = must(dist.Deterministic(10))
	s.Switch = must(dist.Deterministic(5))
	s.Learning = learning.Curve{Rate: 1}
	m.Communes = append(m.Communes, Commune{AGS: "2", Name: "D", Population: 1000, Office: map[string]string{"S": "P"}})
	p := m.Offices[0]
	p.Key, p.Name = "P", "Office P"
	m.Offices = append(m.Offices, p)
	return m
}

// The ZSA's one clerk, half of its time on the service (a block of
// [8:00, 12:00)), split between two equal members: O's unit gets
// [8:00, 10:00), P's [10:00, 12:00). The clerk turns to the service from
// other duties at 8:00 only: O's unit pays the set-up at its first item of
// every day, P's, which resumes the clerk's work, never.
func TestSlicesPaySetUpOnlyAfterOtherDuties(t *testing.T) {
	t.Parallel()
	m := setUpModel()
	org := &Organisation{Name: "split", Partitioned: true,
		ZSA: &Office{Key: "Z", Name: "ZSA", Clerks: []Clerk{{Name: "z", FTE: 1, Share: 0.5, Skills: []string{"S"}, Prior: 1}}},
		Delegations: []Delegation{{Service: "S", Steps: []string{"work"},
			Members: []Member{{Office: "O"}, {Office: "P"}}}},
	}
	day := func(x sim.Time) int { return int(math.Floor(float64(x / sim.Day))) }
	lastDay := map[string]int{}
	setUps := map[string]int{}
	_, err := RunWith(m, org, 1, Options{Log: func(task Task) {
		if task.Kind != TaskWork || !strings.HasPrefix(task.Office, "Z/") {
			return
		}
		clock := task.Start - sim.Time(day(task.Start))*sim.Day
		from := map[string]sim.Time{"Z/O": 8 * sim.Hour, "Z/P": 10 * sim.Hour}[task.Office]
		if clock < from || clock >= from+2*sim.Hour {
			t.Fatalf("%s works at %v, outside its slice from %v", task.Office, clock, from)
		}
		d, seen := lastDay[task.Office]
		first := !seen || day(task.Start) > d
		lastDay[task.Office] = day(task.Start)
		want := 10.0
		if first && task.Office == "Z/O" {
			want += 5
			setUps[task.Office]++
		}
		if math.Abs(float64(task.Work)-want) > 1e-9 {
			t.Fatalf("%s, item at %v: work %v, want %v", task.Office, task.Start, task.Work, want)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if setUps["Z/O"] < 300 || len(lastDay) != 2 {
		t.Errorf("set-ups %v, units %v", setUps, lastDay)
	}
}

// The parts of a ZSA clerk are one person: away on the same days as in the
// pooled ZSA, so that their available time adds up to the pooled clerk's.
func TestPartsOfAClerkShareItsAbsences(t *testing.T) {
	t.Parallel()
	m := setUpModel()
	zsa := &Office{Key: "Z", Name: "ZSA"}
	for j := range 3 {
		zsa.Clerks = append(zsa.Clerks, Clerk{Name: fmt.Sprint("z", j), FTE: 1, Share: 1, Skills: []string{"S"}, Prior: 1, LeaveDays: 30, SickRate: 0.1})
	}
	m.Communes[1].Population = 2500 // shares 1/3.5 and 2.5/3.5 of 3 clerks: 0.857 and 2.143
	org := func(split bool) *Organisation {
		return &Organisation{Name: "o", Partitioned: split, ZSA: zsa,
			Delegations: []Delegation{{Service: "S", Steps: []string{"work"},
				Members: []Member{{Office: "O"}, {Office: "P"}}}}}
	}
	avail := func(r *Result) map[string]sim.Time {
		a := map[string]sim.Time{}
		for _, c := range r.Clerks {
			if strings.HasPrefix(c.Office, "Z") {
				a[c.Name] += c.Available
			}
		}
		return a
	}
	pooled := avail(must(Run(m, org(false), 4)))
	split := avail(must(Run(m, org(true), 4)))
	full := must(calendar.New(calendar.Config{Start: m.Start, Open: m.Hours.Open, Close: m.Hours.Close,
		Weekdays: []time.Weekday{0, 1, 2, 3, 4, 5, 6}, NoStateHolidays: true})).WorkingTimeBetween(m.WarmUp, m.Horizon)
	for name, a := range pooled {
		if math.Abs(float64(split[name]-a)) > 1e-6 {
			t.Errorf("clerk %s: available %v in the units, %v in the pool", name, split[name], a)
		}
		if a > 0.95*full {
			t.Errorf("clerk %s: available %v of %v: absences missing", name, a, full)
		}
	}
	if len(pooled) != 3 || len(split) != 3 {
		t.Errorf("clerks: pooled %v, split %v", pooled, split)
	}
}
