package models

import (
	"math"
	"strings"
	"testing"
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
		if task.Activity == "filed" {
			home[task.Case] = task.Office
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
