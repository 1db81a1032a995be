package models

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"zsa/models/learning"
	"zsa/sim/stats"
)

// runAsOne runs org on m with seed as Run does, but with every office and
// source in one group: one event queue for all offices, the simulation as
// it was before groups.
func runAsOne(t *testing.T, m *Model, org *Organisation, seed uint64) (*Result, int) {
	t.Helper()
	p, err := compile(m, org)
	if err != nil {
		t.Fatal(err)
	}
	groups := len(p.groups)
	var all group
	for oi := range p.offices {
		all.offices = append(all.offices, oi)
	}
	for si := range p.sources {
		all.sources = append(all.sources, si)
	}
	p.groups = []group{all}
	e := newEngine(p, seed)
	e.run()
	return e.res, groups
}

// TestGroupsSimulateAsOne checks that simulating the groups of offices one
// after the other (group) changes nothing but the rounding of the
// service-wide sums: no case moves between groups, so every office sees
// the same events in the same order as in one simulation of all offices.
// Each office's measures and each clerk's are the same bit for bit; the
// service-wide counts are the same, and their sums and means the same up
// to rounding.
func TestGroupsSimulateAsOne(t *testing.T) {
	t.Parallel()
	members := func(org *Organisation, keys ...string) *Organisation {
		org.Delegations[0].Members = nil
		for _, k := range keys {
			org.Delegations[0].Members = append(org.Delegations[0].Members, Member{Office: k})
		}
		return org
	}
	for _, c := range []struct {
		name   string
		org    *Organisation
		groups int
	}{
		{"status quo", nil, 2},                             // A; B
		{"ZSA for all", zsaOrg(), 1},                       // A, B and the ZSA
		{"ZSA for A", members(zsaOrg(), "A"), 2},           // A and the ZSA; B
		{"ZSA in units", partitionedOrg(), 2},              // A and its unit; B and its unit
		{"ZSA for B", members(zsaOrg(), "B"), 2},           // A; B and the ZSA
		{"units for B", members(partitionedOrg(), "B"), 2}, // A; B and its unit
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m := officeModel()
			got, err := Run(m, c.org, 11)
			if err != nil {
				t.Fatal(err)
			}
			want, groups := runAsOne(t, m, c.org, 11)
			if groups != c.groups {
				t.Fatalf("%d groups, want %d", groups, c.groups)
			}
			if got.Tasks != want.Tasks || got.Tasks == 0 {
				t.Errorf("%d work items in groups, %d in one", got.Tasks, want.Tasks)
			}
			if !reflect.DeepEqual(got.Clerks, want.Clerks) {
				t.Errorf("clerks differ:\n%+v\n%+v", got.Clerks, want.Clerks)
			}
			for si := range want.Services {
				g, w := &got.Services[si], &want.Services[si]
				if len(g.Offices) != len(w.Offices) {
					t.Fatalf("%d offices in groups, %d in one", len(g.Offices), len(w.Offices))
				}
				for oi := range w.Offices {
					if !reflect.DeepEqual(g.Offices[oi], w.Offices[oi]) {
						t.Errorf("office %s differs:\n%+v\n%+v", w.Offices[oi].Office, g.Offices[oi], w.Offices[oi])
					}
				}
				compareServiceWide(t, g, w)
			}
		})
	}
}

// compareServiceWide compares the service-wide measures of g, added up
// from groups, with w, measured in one simulation.
func compareServiceWide(t *testing.T, g, w *ServiceResult) {
	t.Helper()
	close := func(what string, a, b float64) {
		if math.Abs(a-b) > 1e-9*math.Max(1, math.Abs(b)) {
			t.Errorf("%s: %v in groups, %v in one", what, a, b)
		}
	}
	tally := func(what string, a, b stats.Tally) {
		if a.Count() != b.Count() || a.Count() == 0 {
			t.Errorf("%s: %d observations in groups, %d in one", what, a.Count(), b.Count())
			return
		}
		close(what+" mean", a.Mean(), b.Mean())
		close(what+" variance", a.Variance(), b.Variance())
		if a.Min() != b.Min() || a.Max() != b.Max() {
			t.Errorf("%s: range [%v, %v] in groups, [%v, %v] in one", what, a.Min(), a.Max(), b.Min(), b.Max())
		}
	}
	for i := range w.Types {
		a, b := g.Types[i], w.Types[i]
		if a.Arrived != b.Arrived || a.Completed != b.Completed || a.WithinLevel != b.WithinLevel {
			t.Errorf("type %s: %+v in groups, %+v in one", b.Name, a, b)
		}
		tally(b.Name+" effort", a.Effort, b.Effort)
		tally(b.Name+" lead", a.Lead, b.Lead)
		tally(b.Name+" lead in working days", a.LeadWork, b.LeadWork)
		tally(b.Name+" wait", a.Wait, b.Wait)
		tally(b.Name+" hand-over", a.HandOver, b.HandOver)
		tally(b.Name+" external", a.External, b.External)
	}
	if !slices.Equal(g.Weekly, w.Weekly) || len(w.Weekly) == 0 {
		t.Errorf("weekly points differ:\n%v\n%v", g.Weekly, w.Weekly)
	}
	if g.Open != w.Open {
		t.Errorf("%d open in groups, %d in one", g.Open, w.Open)
	}
	close("cases in system", g.InSystemArea, w.InSystemArea)
	close("sojourn", g.SojournArea, w.SojournArea)
	if g.NetFTEMinutes != w.NetFTEMinutes {
		t.Errorf("net FTE minutes %v in groups, %v in one", g.NetFTEMinutes, w.NetFTEMinutes)
	}
	traces := func(what string, a, b learning.Trace) {
		pa, pb := a.Points(), b.Points()
		if len(pa) != len(pb) || what == "local learning" && len(pb) == 0 {
			t.Errorf("%s: %d points in groups, %d in one", what, len(pa), len(pb))
			return
		}
		for i := range pb {
			if pa[i].Count != pb[i].Count {
				t.Errorf("%s point %d: %d items in groups, %d in one", what, i, pa[i].Count, pb[i].Count)
			}
			close(what+" experience", pa[i].Experience, pb[i].Experience)
			close(what+" effort", pa[i].MeanEffort, pb[i].MeanEffort)
		}
	}
	traces("local learning", g.LocalLearning, w.LocalLearning)
	traces("ZSA learning", g.ZSALearning, w.ZSALearning)
	traces("local quality", g.LocalQuality, w.LocalQuality)
	traces("ZSA quality", g.ZSAQuality, w.ZSAQuality)
}
