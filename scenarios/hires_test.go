package scenarios

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"zsa/models"
	"zsa/sim"
)

// TestHiresStartOnTheirDate runs the pooled ZSA of the pooling scenario
// with 3 clerks from the start and 2 hired on 2025-07-01 (day 181): the
// hires do no work before that day, and the staff assigned counts them
// for the part of the measured window (days 30 to 365, around the clock)
// they are employed: 3 + 2 × 184/335 FTE.
func TestHiresStartOnTheirDate(t *testing.T) {
	t.Parallel()
	sc, err := loadText(t, `extends = "`+absTestdata(t, "pooling-mm1.toml")+`"
[arms.pooled.zsa]
clerks = { S = 3 }
[[arms.pooled.hires]]
date = "2025-07-01"
clerks = { S = 2 }
`)
	if err != nil {
		t.Fatal(err)
	}
	arm := sc.Arms[armIndex(t, sc, "pooled")]
	from := 181 * sim.Day
	hired := 0
	r, err := models.RunWith(sc.Model, arm, 3, models.Options{Log: func(task models.Task) {
		if task.Office == "ZSA" && (task.Resource == "S 4" || task.Resource == "S 5") {
			hired++
			if task.End <= from {
				t.Errorf("%s worked before being hired: %v", task.Resource, task.End)
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if hired == 0 {
		t.Error("the hires did no work")
	}
	for _, o := range r.Services[0].Offices {
		if o.ZSA {
			if want := 3 + 2*184.0/335; math.Abs(o.StaffFTE-want) > 1e-9 {
				t.Errorf("ZSA staff assigned %v FTE, want %v", o.StaffFTE, want)
			}
		}
	}
	_, err = loadText(t, `extends = "`+absTestdata(t, "pooling-mm1.toml")+`"
[[arms.pooled.hires]]
date = "2030-07-01"
clerks = { S = 2 }
[[arms.pooled.hires]]
date = "2025-07-01"
clerks = { T = 2 }
`)
	for _, want := range []string{"arms.pooled.hires[0].date: 2030-07-01: must lie within the run", `arms.pooled.hires[1].clerks: service "T" is not delegated`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want %q", err, want)
		}
	}
}

// absTestdata returns the absolute path of a file in testdata, for
// scenarios written to temporary folders that extend it.
func absTestdata(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(p)
}

// TestZeroDeadlineIsAnError: "0d" read as "no deadline"; now a deadline
// must be positive.
func TestZeroDeadlineIsAnError(t *testing.T) {
	t.Parallel()
	_, err := loadText(t, `extends = "`+absTestdata(t, "pooling-mm1.toml")+`"
[services.S.types.case]
steps = [ { name = "work", effort = "exp(mean=60min)", delay = "1d", deadline = "0d" } ]
`)
	if err == nil || !strings.Contains(err.Error(), `step "work": deadline 0m: must be positive`) {
		t.Errorf("error %v", err)
	}
}

// TestMonthlyStaffFollowsTheHires: the staff assigned per month counts a
// clerk hired on 2025-09-16 for the part of September's working time it is
// employed (the pooling scenario works around the clock: 15 of 30 days)
// and fully from October: 3 FTE before, 3.5 in September, 4 after.
func TestMonthlyStaffFollowsTheHires(t *testing.T) {
	t.Parallel()
	sc, err := loadText(t, `extends = "`+absTestdata(t, "pooling-mm1.toml")+`"
[arms.pooled.zsa]
clerks = { S = 3 }
[[arms.pooled.hires]]
date = "2025-09-16"
clerks = { S = 1 }
`)
	if err != nil {
		t.Fatal(err)
	}
	r, err := models.Run(sc.Model, sc.Arms[armIndex(t, sc, "pooled")], 3)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, o := range r.Services[0].Offices {
		if !o.ZSA {
			continue
		}
		for m, d := range r.Months {
			want := 3.0
			switch {
			case d.Year == 2025 && d.Month == 9:
				want = 3.5
			case d.Year > 2025 || d.Month > 9:
				want = 4
			}
			if got := o.Monthly[m].StaffFTE; math.Abs(got-want) > 1e-9 {
				t.Errorf("%v: ZSA staff %v FTE, want %v", d, got, want)
			}
			checked++
		}
	}
	if checked < 12 {
		t.Errorf("%d months checked", checked)
	}
}
