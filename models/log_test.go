package models

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"zsa/sim"
)

// TestLogTellsEveryCaseToItsEnd checks the event log hook on the status
// quo and a ZSA: a case's tasks come in time order, filed first; a case
// that ends has one TaskEnd, last, and the ends of the cases filed after
// the warm-up are the run's completed cases, rejections and lead times;
// external waits and hand-overs have no clerk, work items have.
func TestLogTellsEveryCaseToItsEnd(t *testing.T) {
	t.Parallel()
	for _, org := range []*Organisation{nil, zsaOrg()} {
		m := littleModel()
		type state struct {
			filed, last sim.Time
			ended       bool
			late        bool // the last external wait missed its deadline
		}
		cases := map[uint64]*state{}
		kinds := map[TaskKind]int{}
		var completed, rejected, late int
		var lead float64
		r, err := RunWith(m, org, 3, Options{Log: func(task Task) {
			kinds[task.Kind]++
			c := cases[task.Case]
			where := fmt.Sprintf("case %d %s %q", task.Case, kindName(task.Kind), task.Activity)
			if task.Kind == TaskFiled {
				if c != nil {
					t.Fatalf("%s: filed twice", where)
				}
				cases[task.Case] = &state{filed: task.Start, last: task.End}
				return
			}
			if c == nil || c.ended {
				t.Fatalf("%s: not filed, or after its end", where)
			}
			if task.Start < c.last || task.End < task.Start || task.Enabled > task.Start {
				t.Fatalf("%s: enabled %v, from %v to %v, after the case's previous task ended at %v",
					where, task.Enabled, task.Start, task.End, c.last)
			}
			if (task.Resource != "") != (task.Kind == TaskWork) || (task.ResourceID != "") != (task.Kind == TaskWork) {
				t.Fatalf("%s: resource %q (%q)", where, task.Resource, task.ResourceID)
			}
			if task.Office == "" || task.OfficeName == "" {
				t.Fatalf("%s: office %q %q", where, task.Office, task.OfficeName)
			}
			if task.WarmUp != (c.filed < m.WarmUp) {
				t.Fatalf("%s: warm-up %v for a case filed at %v", where, task.WarmUp, c.filed)
			}
			c.last = task.End
			switch task.Kind {
			case TaskExternal:
				c.late = task.Late
				if task.Late && math.Abs(float64(task.End-task.Start-littleDeadline)) > 1e-6 {
					t.Fatalf("%s: a late wait of %v, want the deadline", where, task.End-task.Start)
				}
			case TaskHandOver:
				if task.Activity != ActivityHandOver || math.Abs(float64(task.End-task.Start-sim.Day)) > 1e-6 {
					t.Fatalf("%s: a hand-over of %v", where, task.End-task.Start)
				}
			case TaskEnd:
				c.ended = true
				if task.Late != (c.late && task.Activity == Reject) {
					t.Fatalf("%s: late %v after a late wait %v", where, task.Late, c.late)
				}
				if task.WarmUp {
					return
				}
				completed++
				rejected += btoi(task.Activity == Reject)
				late += btoi(task.Late)
				lead += float64((task.Start - c.filed) / sim.Day)
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		tot := r.Services[0].Total()
		if completed != tot.Completed || rejected != tot.Rejected || late == 0 {
			t.Errorf("%v: %d cases end in the log (%d rejected, %d late), the run completed %d (%d rejected)",
				org != nil, completed, rejected, late, tot.Completed, tot.Rejected)
		}
		if got, want := lead/float64(completed), tot.Lead.Mean(); math.Abs(got-want) > 1e-12*want {
			t.Errorf("%v: mean lead time %v d from the log, %v d in the run", org != nil, got, want)
		}
		if kinds[TaskExternal] == 0 || (org != nil) != (kinds[TaskHandOver] > 0) {
			t.Errorf("%v: tasks by kind %v", org != nil, kinds)
		}
		// Logging changes nothing.
		r2, err := Run(m, org, 3)
		if err != nil {
			t.Fatal(err)
		}
		if r.Events != r2.Events || r.Tasks != r2.Tasks || r2.Services[0].Total().Lead != tot.Lead {
			t.Errorf("%v: a run with a log differs from one without", org != nil)
		}
	}
}

func kindName(k TaskKind) string {
	return [...]string{"work", "filed", "external", "hand-over", "end"}[k]
}

// Resource ids are unique in a run: clerks of the same name in two
// offices, or twice in one office, get different ids; the time slices of
// a partitioned ZSA's clerk are one person, one id.
func TestLogResourceIDs(t *testing.T) {
	t.Parallel()
	m := officeModel()
	m.Offices[0].Clerks[1].Name = "a1"  // twice in office A
	m.Offices[1].Clerks[0].Name = "a1"  // and once in B
	ids := map[string]map[string]bool{} // id → office/clerk index seen
	check := func(org *Organisation, want map[string]bool) {
		t.Helper()
		_, err := RunWith(m, org, 1, Options{Log: func(task Task) {
			if task.Kind != TaskWork {
				return
			}
			if ids[task.ResourceID] == nil {
				ids[task.ResourceID] = map[string]bool{}
			}
			ids[task.ResourceID][task.Office] = true
			if !strings.HasSuffix(strings.TrimSuffix(task.ResourceID, " (2)"), "/"+task.Resource) {
				t.Fatalf("resource id %q of clerk %q", task.ResourceID, task.Resource)
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		for id := range want {
			if ids[id] == nil {
				t.Errorf("no work by %q (ids %v)", id, ids)
			}
		}
		for id, offices := range ids {
			if !want[id] {
				t.Errorf("unexpected resource id %q", id)
			}
			if len(offices) > 1 && !strings.HasPrefix(id, "ZSA/") {
				t.Errorf("resource id %q in offices %v", id, offices)
			}
		}
		clear(ids)
	}
	check(nil, map[string]bool{"A/a1": true, "A/a1 (2)": true, "B/a1": true})
	// Partitioned: the units ZSA/A and ZSA/B share the persons z1 and z2.
	check(partitionedOrg(), map[string]bool{"A/a1": true, "A/a1 (2)": true, "B/a1": true, "ZSA/z1": true, "ZSA/z2": true})
}
