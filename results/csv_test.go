package results

import (
	"bytes"
	"encoding/csv"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestCSVFilesAreTidyAndCarryTheSeed(t *testing.T) {
	t.Parallel()
	c := testComparison(t)
	// Expected row counts from the results themselves.
	var weekly, learning, clerks, values int
	for _, a := range c.Arms {
		for _, r := range a.Results {
			clerks += len(r.Clerks)
			for _, s := range r.Services {
				weekly += len(s.Weekly)
				learning += len(s.ZSALearning.Points()) + len(s.LocalLearning.Points())
				values += (len(s.Offices) + 1) * len(Metrics())
			}
		}
	}
	for _, tc := range []struct {
		name   string
		write  func(io.Writer, *Comparison) error
		header string
		rows   int
	}{
		{"replications", WriteReplicationsCSV, "rep,seed,arm,service,office,office_name,metric,value", values},
		{"weekly", WriteWeeklyCSV, "rep,seed,arm,service,week,week_start,measured,open,arrived,completed", weekly},
		{"learning", WriteLearningCSV, "rep,seed,arm,service,where,experience,mean_effort_min,count", learning},
		{"clerks", WriteClerksCSV, "rep,seed,arm,office,office_name,clerk,fte,share,staff_fte,busy_h,available_h,busy_share,items", clerks},
	} {
		var b bytes.Buffer
		if err := tc.write(&b, c); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		recs, err := csv.NewReader(&b).ReadAll() // also checks equal field counts
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := recs[0]; !slices.Equal(got, strings.Split(tc.header, ",")) {
			t.Errorf("%s: header %q, want %q", tc.name, got, tc.header)
		}
		if len(recs)-1 != tc.rows || tc.rows == 0 {
			t.Errorf("%s: %d rows, want %d", tc.name, len(recs)-1, tc.rows)
		}
		for _, rec := range recs[1:] {
			rep, err := strconv.Atoi(rec[0])
			if err != nil || rep < 1 || rep > c.Replications() {
				t.Fatalf("%s: bad rep in %q", tc.name, rec)
			}
			if want := strconv.FormatUint(c.Arms[0].Results[rep-1].Seed, 10); rec[1] != want {
				t.Fatalf("%s: seed %s in %q, want %s", tc.name, rec[1], rec, want)
			}
		}
	}
}

func TestCSVLearningAndClerks(t *testing.T) {
	t.Parallel()
	c := testComparison(t)
	var b bytes.Buffer
	if err := WriteLearningCSV(&b, c); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Only the ZSA arm has work done at the ZSA.
	where := map[string]int{}
	for _, rec := range recs[1:] {
		where[rec[2]+"/"+rec[4]]++
	}
	if where["status quo/zsa"] != 0 || where["ZSA/zsa"] == 0 || where["status quo/local"] == 0 || where["ZSA/local"] == 0 {
		t.Errorf("learning rows per arm/where: %v", where)
	}

	b.Reset()
	if err := WriteClerksCSV(&b, c); err != nil {
		t.Fatal(err)
	}
	recs, err = csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	r := c.Arms[1].Results[0]
	for _, rec := range recs[1:] {
		if rec[0] != "1" || rec[2] != "ZSA" || rec[5] != "z1" {
			continue
		}
		k := r.Clerks[len(r.Clerks)-1]
		busy, _ := strconv.ParseFloat(rec[9], 64)
		u, _ := strconv.ParseFloat(rec[11], 64)
		// Hours of the clerk's busy minutes, and Busy/Available, to the 10
		// significant digits written; the office's key and name.
		if !near(busy, k.Busy.Hours(), 1e-9) || !near(u, k.Utilisation(), 1e-9) || rec[3] != "ZSA" || rec[4] != "ZSA" || rec[8] != "1" {
			t.Errorf("clerk row %q, want busy %v h, utilisation %v", rec, k.Busy.Hours(), k.Utilisation())
		}
		return
	}
	t.Error("no row for the ZSA's clerk z1")
}

func TestFormatFloat(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{math.NaN(), ""}, {0, "0"}, {333, "333"}, {1.0 / 3, "0.3333333333"}, {123456789012, "1.23456789e+11"},
	} {
		if got := formatFloat(tc.x); got != tc.want {
			t.Errorf("formatFloat(%v) = %q, want %q", tc.x, got, tc.want)
		}
	}
}
