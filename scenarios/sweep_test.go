package scenarios

import (
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A table-valued sweep parameter sets several keys together: the case mix
// of pilot-2025-sensitivity changes all shares of a service at once.
func TestSweepTableSetsKeysTogether(t *testing.T) {
	sc, err := Load("pilot-2025-sensitivity")
	if err != nil {
		t.Fatal(err)
	}
	pi := slices.IndexFunc(sc.Sweep, func(p Param) bool { return p.Path == "services.Hundehaltung.types" })
	if pi < 0 {
		t.Fatal("no case-mix parameter for Hundehaltung")
	}
	param := sc.Sweep[pi]
	for _, v := range param.Values {
		pt := make([]any, len(sc.Sweep))
		pt[pi] = v
		at, err := sc.At(pt)
		if err != nil {
			t.Fatal(err)
		}
		// The point's shares as the file says them, read back from the
		// model, must be exactly the table's.
		want := map[string]float64{}
		for typ, tab := range v.(map[string]any) {
			want[typ] = tab.(map[string]any)["share"].(float64)
		}
		got := map[string]float64{}
		for _, s := range at.Model.Services {
			if s.Name == "Hundehaltung" {
				for _, ct := range s.Types {
					got[ct.Name] = ct.Share
				}
			}
		}
		if !maps.Equal(got, want) {
			t.Errorf("shares at %s: got %v, want %v", ValueLabel(v), got, want)
		}
	}
	name, short := param.Short()
	if name != "services.Hundehaltung.types: Abmeldung.share / Aenderung.share / Anmeldung.share / GefaehrlicherHund.share" {
		t.Errorf("short name %q", name)
	}
	if got := short[ValueLabel(param.Values[0])]; got != "0.4 / 0.28 / 0.3 / 0.02" {
		t.Errorf("short label of the first value %q, want 0.4 / 0.28 / 0.3 / 0.02", got)
	}
}

func TestValueLabel(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{nil, ""},
		{0.85, "0.85"},
		{"30d", "30d"},
		{map[string]any{}, "{}"},
		{map[string]any{"b": 2.0, "a": map[string]any{"x": "5min"}}, "a.x = 5min, b = 2"},
	} {
		if got := ValueLabel(c.v); got != c.want {
			t.Errorf("ValueLabel(%v) = %q, want %q", c.v, got, c.want)
		}
	}
	// Tables with different keys keep their full labels.
	p := Param{Path: "x", Values: []any{map[string]any{"a": 1.0}, map[string]any{"b": 1.0}}}
	if name, short := p.Short(); name != "x" || short["a = 1"] != "a = 1" {
		t.Errorf("Short of mixed tables: %q %v", name, short)
	}
}

func TestLearningPerStepKey(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/per-step.toml"
	text := "extends = \"pilot-2025\"\n[services.Wohngeld.learning]\nper_step = true\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sc.Model.Services {
		if want := s.Name == "Wohngeld"; s.LearnPerStep != want {
			t.Errorf("%s: LearnPerStep %v, want %v", s.Name, s.LearnPerStep, want)
		}
	}
}

func TestEffortFactorScalesEveryStep(t *testing.T) {
	t.Parallel()
	// effort_factor = 2 doubles the mean effort of every work step of the
	// service, in its case types and in the arm's variants, and leaves the
	// other service and the external waits alone.
	base, err := Load("sachsen-anhalt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "f.toml")
	os.WriteFile(path, []byte("extends = \"sachsen-anhalt\"\nname = \"f\"\n[services.Hundehaltung]\neffort_factor = 2\n"), 0o644)
	sc, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for si, s := range sc.Model.Services {
		want := 1.0
		if s.Name == "Hundehaltung" {
			want = 2
		}
		for ti, ty := range s.Types {
			for k, st := range ty.Process {
				b := base.Model.Services[si].Types[ti].Process[k]
				switch {
				case st.Effort != nil && math.Abs(st.Effort.Mean()-want*b.Effort.Mean()) > 1e-9*b.Effort.Mean():
					t.Errorf("%s/%s/%s: mean effort %v, want %v × %v", s.Name, ty.Name, st.Name, st.Effort.Mean(), want, b.Effort.Mean())
				case st.Delay != nil && st.Delay.Mean() != b.Delay.Mean():
					t.Errorf("%s/%s/%s: the external wait changed", s.Name, ty.Name, st.Name)
				}
			}
		}
	}
	v := sc.Arms[1].Delegations[0].Variants["Anmeldung"][0]
	bv := base.Arms[1].Delegations[0].Variants["Anmeldung"][0]
	if sc.Arms[1].Delegations[0].Service != "Hundehaltung" || math.Abs(v.Effort.Mean()-2*bv.Effort.Mean()) > 1e-9*bv.Effort.Mean() {
		t.Errorf("variant %s: mean effort %v, want 2 × %v", v.Name, v.Effort.Mean(), bv.Effort.Mean())
	}
}

func TestDelayFactorScalesEveryWait(t *testing.T) {
	t.Parallel()
	// delay_factor = 3 triples the mean of every external wait of the
	// service and leaves its efforts, its deadlines and the other service
	// alone.
	load := func(factor float64) *Scenario {
		path := filepath.Join(t.TempDir(), "f.toml")
		os.WriteFile(path, fmt.Appendf(nil, "extends = \"sachsen-anhalt\"\nname = \"f\"\n[services.Wohngeld]\ndelay_factor = %v\n", factor), 0o644)
		sc, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	base, sc := load(1), load(3)
	waits := 0
	for si, s := range sc.Model.Services {
		want := 1.0
		if s.Name == "Wohngeld" {
			want = 3
		}
		for ti, ty := range s.Types {
			for k, st := range ty.Process {
				b := base.Model.Services[si].Types[ti].Process[k]
				switch {
				case st.Delay != nil && math.Abs(st.Delay.Mean()-want*b.Delay.Mean()) > 1e-9*b.Delay.Mean():
					t.Errorf("%s/%s/%s: mean wait %v, want %v × %v", s.Name, ty.Name, st.Name, st.Delay.Mean(), want, b.Delay.Mean())
				case st.Effort != nil && st.Effort.Mean() != b.Effort.Mean():
					t.Errorf("%s/%s/%s: the effort changed", s.Name, ty.Name, st.Name)
				case st.Deadline != b.Deadline:
					t.Errorf("%s/%s/%s: the deadline changed", s.Name, ty.Name, st.Name)
				}
				if st.Delay != nil && want == 3 {
					waits++
				}
			}
		}
	}
	if waits == 0 {
		t.Fatal("no external wait in Wohngeld: the test checks nothing")
	}
}
