package experiment

import (
	"context"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
)

// TestMemberFiguresAreTheirOfficesCases runs the pooling scenario with
// only North and East joining the pooled ZSA, and checks the summary's
// member figures against the two offices' own counts, added up here: the
// cases filed, and the share done within the service level.
// northAndEast runs the pooling scenario (four M/M/1 offices) with only
// North and East joining the pooled ZSA, reps replications.
func northAndEast(t *testing.T, reps int) *results.Comparison {
	t.Helper()
	cmp, err := Replicate(context.Background(), northAndEastScenario(t, reps), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmp.Close() })
	return cmp
}

// northAndEastScenario is the scenario of northAndEast.
func northAndEastScenario(t *testing.T, reps int) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load("../scenarios/testdata/pooling-mm1.toml")
	if err != nil {
		t.Fatal(err)
	}
	if sc, err = sc.With(scenarios.Setting{Key: "arms.pooled.services.S.members", Value: []any{"N", "E"}},
		scenarios.Setting{Key: "replications", Value: int64(reps)}); err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestMemberFiguresAreTheirOfficesCases(t *testing.T) {
	t.Parallel()
	sc := northAndEastScenario(t, 3)
	cmp := northAndEast(t, 3)
	s, err := results.Summarize(cmp)
	if err != nil {
		t.Fatal(err)
	}
	// The runs again, kept, for the offices' own counts.
	runs, err := models.RunBatch(t.Context(), replicationJobs(sc, ShardPoints(sc.Replications, 0, 1)), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	ms := s.Services[0].Members
	// The unpooled arm has every office as a member: no extra figures.
	if len(ms) != 1 || s.Arms[ms[0].Arm] != "pooled" || ms[0].Of != 4 || len(ms[0].Offices) != 2 {
		t.Fatalf("member summaries %+v", ms)
	}
	metric := func(name string) int {
		for i, m := range results.Metrics() {
			if m.Name == name {
				return i
			}
		}
		t.Fatalf("no metric %s", name)
		return 0
	}
	for a, arm := range cmp.Arms {
		var arrived, within, completed float64
		for rep := range sc.Replications {
			r := runs[rep*len(cmp.Arms)+a]
			for _, o := range r.Services[0].Offices {
				if o.Office == "N" || o.Office == "E" {
					arrived += float64(o.Arrived)
					within += float64(o.WithinLevel)
					completed += float64(o.Completed)
				}
			}
		}
		n := float64(sc.Replications)
		got := ms[0].Arms[a].Metrics
		if g := got[metric("arrived")].Value.Mean; g != arrived/n {
			t.Errorf("%s: %v cases filed in the member offices, their own counts say %v", arm.Name, g, arrived/n)
		}
		// The mean of the replications' shares against the pooled share:
		// close, not equal (each replication has about 12,800 cases).
		if g := got[metric("within_level")].Value.Mean; math.Abs(g-within/completed) > 0.01 {
			t.Errorf("%s: within level %v, counts say %v", arm.Name, g, within/completed)
		}
	}
}

// TestOfficesThatDoNotJoinAreUntouched: in the pooling scenario the
// offices South and West do not join the ZSA of North and East; they keep
// their own clerk and see the same citizens (common random numbers), so
// their figures with the ZSA, staff included, are those of the status
// quo, exactly.
func TestOfficesThatDoNotJoinAreUntouched(t *testing.T) {
	t.Parallel()
	cmp := northAndEast(t, 2)
	s, err := results.Summarize(cmp)
	if err != nil {
		t.Fatal(err)
	}
	others := s.Services[0].Members[0].Others
	if others.Office != results.NonMembersOffice {
		t.Fatalf("office %q", others.Office)
	}
	for m, metric := range results.Metrics() {
		a, b := others.Arms[0].Metrics[m].Value.Mean, others.Arms[1].Metrics[m].Value.Mean
		if a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
			t.Errorf("%s: %v in the status quo, %v beside the ZSA", metric.Name, a, b)
		}
	}
}

// TestGainsRankTheMemberOffices: with North and East joining the pooled
// ZSA, the ranking lists exactly those two offices, the larger cut of the
// mean lead time first, each change the ratio of the means less 1.
func TestGainsRankTheMemberOffices(t *testing.T) {
	t.Parallel()
	cmp := northAndEast(t, 3)
	s, err := results.Summarize(cmp)
	if err != nil {
		t.Fatal(err)
	}
	svc := s.Services[0]
	gains := results.Gains(svc, svc.Members[0])
	if len(gains) != 2 || gains[0].Rel > gains[1].Rel {
		t.Fatalf("gains %+v", gains)
	}
	for _, g := range gains {
		if g.Office != "N" && g.Office != "E" {
			t.Errorf("office %s is not a member", g.Office)
		}
		// Pooling two M/M/1 queues at ρ = 0.8 into an M/M/2 cuts the
		// wait from 240 to about 107 min (Erlang C): the lead time falls.
		if want := g.LeadArm/g.LeadBase - 1; math.Abs(g.Rel-want) > 1e-12 || !(g.Rel < 0) {
			t.Errorf("%s: change %v, means say %v", g.Office, g.Rel, want)
		}
	}
}

// TestMonthlyGroupsAddUp writes monthly.csv of the pooling scenario with
// North and East joining: in every replication, arm and month, the cases
// filed and completed by all offices are those of the members plus the
// non-members.
func TestMonthlyGroupsAddUp(t *testing.T) {
	t.Parallel()
	cmp := northAndEast(t, 2)
	var b strings.Builder
	if err := results.WriteMonthlyCSV(&b, cmp); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// key: rep, arm, month → offices → arrived, completed
	sums := map[string]map[string][2]int{}
	for _, row := range rows[1:] {
		k := row[0] + "/" + row[2] + "/" + row[6]
		if sums[k] == nil {
			sums[k] = map[string][2]int{}
		}
		a, _ := strconv.Atoi(row[10])
		c, _ := strconv.Atoi(row[11])
		sums[k][row[4]] = [2]int{a, c}
	}
	// 2 replications × 3 arms × 12 months of 2025.
	if len(sums) != 72 {
		t.Fatalf("%d rep/arm/month keys, want 72", len(sums))
	}
	for k, g := range sums {
		all, m, n := g["all"], g["members"], g["non-members"]
		if all[0] != m[0]+n[0] || all[1] != m[1]+n[1] || all[0] == 0 {
			t.Errorf("%s: all %v, members %v, non-members %v", k, all, m, n)
		}
	}
}
