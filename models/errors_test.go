package models

import (
	"errors"
	"slices"
	"testing"

	"zsa/sim"
)

// TestValidateReportsFieldErrors checks that every problem Validate finds
// is a *FieldError whose path locates the value, calendar and profile
// problems included.
func TestValidateReportsFieldErrors(t *testing.T) {
	t.Parallel()
	m := mmcModel(1, 10, 10)
	m.WarmUp = 400 * sim.Day
	m.Hours.Open, m.Hours.Close = 16*sim.Hour, 8*sim.Hour
	m.Services[0].Profile.OnlineShare = 1.5
	m.Services[0].Types[0].Process[0].Next = []Branch{{To: "nowhere", Prob: []float64{1}}}
	m.Offices[0].Clerks[0].Prior = 0.5
	m.Offices[0].Owned = []string{"S", "T"}
	m.Offices[0].Clerks = append(m.Offices[0].Clerks, Clerk{Name: "b", FTE: 1, Share: 1, Prior: 1, Skills: []string{"S/work"}})
	org := &Organisation{ZSA: &Office{Key: "ZSA", Clerks: []Clerk{{FTE: 1, Share: 2, Prior: 1, Skills: []string{"S"}}}},
		Delegations: []Delegation{{Service: "S", Steps: []string{"work"}, Members: []Member{{Office: "O"}}}}}
	err := Validate(m, org)
	var got []string
	for _, e := range unjoin(err) {
		var fe *FieldError
		if !errors.As(e, &fe) {
			t.Fatalf("%v: not a *FieldError", e)
		}
		got = append(got, fe.Path.String())
	}
	want := []string{
		"warmup",
		"hours",
		`services["S"].profile.online_share`,
		`services["S"].types["t"].process["work"].next[0].to`,
		`offices["O"].clerks[0].prior`,
		`offices["O"].clerks[1].skills`,
		`offices["O"].owned`,
		`organisation.zsa.clerks[0].share`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("paths = %q, want %q (error: %v)", got, want, err)
	}
}

func TestPathKeys(t *testing.T) {
	t.Parallel()
	for i, c := range []struct {
		path Path
		str  string
		keys []string
	}{
		{Path{"horizon"}, "horizon", []string{"horizon"}},
		{Path{"services"}.Key("Wohngeld").Field("types").Key(`a "b".c`).Field("share"),
			`services["Wohngeld"].types["a \"b\".c"].share`, []string{"services", "Wohngeld", "types", `a "b".c`, "share"}},
		{Path{"offices"}.Key("15001000").Field("clerks").Index(3).Field("prior"),
			`offices["15001000"].clerks[3].prior`, []string{"offices", "15001000", "clerks", "prior"}},
	} {
		if s := c.path.String(); s != c.str {
			t.Errorf("case %d: String() = %s, want %s", i, s, c.str)
		}
		if k := c.path.Keys(); !slices.Equal(k, c.keys) {
			t.Errorf("case %d: Keys() = %q, want %q", i, k, c.keys)
		}
	}
}

// Field, Key and Index never share the backing array of the path they
// extend.
func TestPathDoesNotAlias(t *testing.T) {
	t.Parallel()
	base := make(Path, 1, 8)
	base[0] = "offices"
	a, b := base.Key("A"), base.Key("B")
	if a.String() != `offices["A"]` || b.String() != `offices["B"]` {
		t.Errorf("a = %s, b = %s", a, b)
	}
}

// A partitioned ZSA is not split for a model with problems: the split
// needs valid workloads (a negative population used to make it panic).
func TestValidatePartitionedWithBadPopulation(t *testing.T) {
	t.Parallel()
	m := officeModel()
	m.Communes[0].Population = -5
	err := Validate(m, partitionedOrg())
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Path.String() != `communes["`+m.Communes[0].AGS+`"].population` {
		t.Errorf("error %v, want one at the first commune's population", err)
	}
}
