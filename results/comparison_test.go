package results

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"zsa/models"
	"zsa/models/arrivals"
	"zsa/models/calendar"
	"zsa/models/dist"
	"zsa/models/learning"
	"zsa/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// smallModel is a small realistic model (after officeModel in package
// models' tests): Mon–Fri 7:30–16:00 with the holidays of Sachsen-Anhalt,
// 120 days with a 14-day warm-up, two local offices, and two services:
// W, a three-step process with errors found at the decision (rework) and a
// service level of 10 working days, and H, a single step filed only in
// office A's catchment, without a service level.
func smallModel() *models.Model {
	m := &models.Model{
		Start:   calendar.Date{Year: 2025, Month: time.January, Day: 1},
		Horizon: 120 * sim.Day, WarmUp: 14 * sim.Day, CostPerFTE: 70000,
	}
	m.Hours.Open, m.Hours.Close = 7*sim.Hour+30*sim.Minute, 16*sim.Hour
	var prof arrivals.Profile
	for i := range prof.Monthly {
		prof.Monthly[i] = 1
	}
	prof.Weekday = [7]float64{1, 1, 1, 1, 0.8, 0, 0} // Monday..Sunday
	prof.OnlineShare = 0.3
	m.Services = []models.Service{
		{
			Name: "W", PerThousand: 40, Profile: prof,
			Types: []models.CaseType{{Name: "first", Share: 1, Process: models.Process{
				{Name: "intake", Effort: must(dist.LogNormalMedianP90(15, 30))},
				{Name: "check", Effort: must(dist.GammaMeanCV(20, 0.5)),
					Quality: learning.Quality{Initial: 0.1, Floor: 0.02, Rate: 0.9}},
				{Name: "decide", Effort: must(dist.Triangular(30, 60, 150))},
			}}},
			Learning: learning.Curve{Rate: 0.85, Floor: 0.5}, Reference: 200,
			Forgetting:   learning.Forgetting{Horizon: 90 * sim.Day},
			ReworkFactor: 0.5, ServiceLevel: 10,
		},
		{
			Name: "H", PerThousand: 20, Profile: prof,
			Types: []models.CaseType{{Name: "register", Share: 1, Process: models.Process{
				{Name: "register", Effort: must(dist.LogNormalMedianP90(10, 25))},
			}}},
			Learning: learning.Curve{Rate: 0.9, Floor: 0.6}, Reference: 100,
		},
	}
	m.Communes = []models.Commune{
		{AGS: "01", Name: "A", Population: 20000, Office: map[string]string{"W": "A", "H": "A"}},
		{AGS: "02", Name: "B", Population: 8000, Office: map[string]string{"W": "B"}},
	}
	m.Offices = []models.Office{
		{Key: "A", Name: "Office A", Clerks: []models.Clerk{
			{Name: "a1", FTE: 1, Share: 0.8, Skills: []string{"W", "H"}, Prior: 300, LeaveDays: 30, SickRate: 0.05},
			{Name: "a2", FTE: 0.5, Share: 1, Skills: []string{"W"}, Prior: 100, LeaveDays: 30, SickRate: 0.05},
		}},
		{Key: "B", Name: "Office B", Clerks: []models.Clerk{
			{Name: "b1", FTE: 1, Share: 0.35, Skills: []string{"W"}, Prior: 50, LeaveDays: 30, SickRate: 0.05},
		}},
	}
	return m
}

// smallZSA delegates intake and check of W to a ZSA for both offices, B
// joining after 30 days.
func smallZSA() *models.Organisation {
	return &models.Organisation{
		Name: "ZSA",
		ZSA: &models.Office{Key: "ZSA", Name: "ZSA", Clerks: []models.Clerk{
			{Name: "z1", FTE: 1, Share: 1, Skills: []string{"W"}, Prior: 20},
		}},
		Delegations: []models.Delegation{{
			Service: "W", Steps: []string{"intake", "check"},
			Members:   []models.Member{{Office: "A"}, {Office: "B", From: 30 * sim.Day}},
			ITSavings: map[string]float64{"intake": 0.8},
			HandOver:  must(dist.Deterministic(sim.Day.Minutes())),
		}},
	}
}

// runComparison runs reps replications (seeds 1..reps) of the status quo
// and the ZSA on smallModel.
func runComparison(reps int) (*Comparison, error) {
	c := &Comparison{
		Scenario: "small",
		Hash:     "3f2a9c0d5e6b7a8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e",
		Seed:     1, Version: "test",
		Arms: []Arm{{Name: "status quo"}, {Name: "ZSA"}},
	}
	m := smallModel()
	for seed := uint64(1); seed <= uint64(reps); seed++ {
		for a, org := range []*models.Organisation{nil, smallZSA()} {
			r, err := models.Run(m, org, seed)
			if err != nil {
				return nil, err
			}
			c.Arms[a].Results = append(c.Arms[a].Results, r)
		}
	}
	return c, nil
}

// comparison is the shared 3-replication comparison of the tests; they must
// not modify it.
var comparison = sync.OnceValues(func() (*Comparison, error) { return runComparison(3) })

func testComparison(t *testing.T) *Comparison {
	t.Helper()
	c, err := comparison()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkGolden compares got with testdata/name, or rewrites the file with
// -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (go test -update rewrites it after inspection):\n%s", name, path, firstDiff(got, want))
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := range max(len(g), len(w)) {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + string(gl) + "\nwant: " + string(wl)
		}
	}
	return "no differing line"
}

func TestGolden(t *testing.T) {
	t.Parallel()
	c := testComparison(t)
	for _, tc := range []struct {
		name  string
		write func(w *bytes.Buffer, c *Comparison) error
	}{
		{"table.golden", func(w *bytes.Buffer, c *Comparison) error { return WriteTable(w, c) }},
		{"summary.json.golden", func(w *bytes.Buffer, c *Comparison) error { return WriteSummaryJSON(w, c) }},
		{"replications.csv.golden", func(w *bytes.Buffer, c *Comparison) error { return WriteReplicationsCSV(w, c) }},
	} {
		var b bytes.Buffer
		if err := tc.write(&b, c); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		checkGolden(t, tc.name, b.Bytes())
	}
}

func TestOutputIsDeterministic(t *testing.T) {
	t.Parallel()
	// Same seeds, run again from scratch: the same bytes in every file.
	c1 := testComparison(t)
	c2, err := runComparison(3)
	if err != nil {
		t.Fatal(err)
	}
	writers := map[string]func(*bytes.Buffer, *Comparison) error{
		"table":        func(w *bytes.Buffer, c *Comparison) error { return WriteTable(w, c) },
		"summary":      func(w *bytes.Buffer, c *Comparison) error { return WriteSummaryJSON(w, c) },
		"replications": func(w *bytes.Buffer, c *Comparison) error { return WriteReplicationsCSV(w, c) },
		"weekly":       func(w *bytes.Buffer, c *Comparison) error { return WriteWeeklyCSV(w, c) },
		"learning":     func(w *bytes.Buffer, c *Comparison) error { return WriteLearningCSV(w, c) },
		"clerks":       func(w *bytes.Buffer, c *Comparison) error { return WriteClerksCSV(w, c) },
	}
	for _, name := range []string{"table", "summary", "replications", "weekly", "learning", "clerks"} {
		var b1, b2 bytes.Buffer
		if err := writers[name](&b1, c1); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := writers[name](&b2, c2); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
			t.Errorf("%s: two runs with the same seeds differ:\n%s", name, firstDiff(b1.Bytes(), b2.Bytes()))
		}
		if b1.Len() == 0 {
			t.Errorf("%s: empty output", name)
		}
	}
}
