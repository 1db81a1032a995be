package scenarios

import (
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"zsa/models"
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
	// Its short name and labels: TestShortKeepsTheFileOrderOfAMix.
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

func TestStepFactorsScaleTheirSteps(t *testing.T) {
	t.Parallel()
	// effort_factor = 2 doubles the mean effort of every work step of the
	// service, delay_factor = 3 triples the mean of every external wait,
	// in its case types and in the arm's variants; each leaves the other
	// kind of step, the deadlines and the other service alone.
	for _, c := range []struct {
		key, service string
		factor       float64
	}{
		{"effort_factor", "Hundehaltung", 2},
		{"delay_factor", "Wohngeld", 3},
	} {
		load := func(factor float64) *Scenario {
			path := filepath.Join(t.TempDir(), "f.toml")
			os.WriteFile(path, fmt.Appendf(nil, "extends = \"sachsen-anhalt\"\nname = \"f\"\n[services.%s]\n%s = %v\n",
				c.service, c.key, factor), 0o644)
			sc, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			return sc
		}
		base, sc := load(1), load(c.factor)
		scaled := 0
		compare := func(where, service string, proc, baseProc models.Process) {
			for k, st := range proc {
				b := baseProc[k]
				effort, delay := 1.0, 1.0
				if service == c.service && c.key == "effort_factor" {
					effort = c.factor
				}
				if service == c.service && c.key == "delay_factor" {
					delay = c.factor
				}
				switch {
				case st.Effort != nil && math.Abs(st.Effort.Mean()-effort*b.Effort.Mean()) > 1e-9*b.Effort.Mean():
					t.Errorf("%s, %s/%s: mean effort %v, want %v × %v", c.key, where, st.Name, st.Effort.Mean(), effort, b.Effort.Mean())
				case st.Delay != nil && math.Abs(st.Delay.Mean()-delay*b.Delay.Mean()) > 1e-9*b.Delay.Mean():
					t.Errorf("%s, %s/%s: mean wait %v, want %v × %v", c.key, where, st.Name, st.Delay.Mean(), delay, b.Delay.Mean())
				case st.Deadline != b.Deadline:
					t.Errorf("%s, %s/%s: the deadline changed", c.key, where, st.Name)
				}
				if (st.Effort != nil && effort != 1) || (st.Delay != nil && delay != 1) {
					scaled++
				}
			}
		}
		for si, s := range sc.Model.Services {
			for ti, ty := range s.Types {
				compare(s.Name+"/"+ty.Name, s.Name, ty.Process, base.Model.Services[si].Types[ti].Process)
			}
		}
		for di, d := range sc.Arms[1].Delegations {
			for name, v := range d.Variants {
				compare(d.Service+"/variant "+name, d.Service, v, base.Arms[1].Delegations[di].Variants[name])
			}
		}
		if scaled == 0 {
			t.Errorf("%s: no step of %s to scale: the test checks nothing", c.key, c.service)
		}
	}
}

// TestShortKeepsTheFileOrderOfAMix: a case mix swept as tables is named
// and labelled with its types in the order the file writes them, not
// alphabetically.
func TestShortKeepsTheFileOrderOfAMix(t *testing.T) {
	t.Parallel()
	sc, err := Load("pilot-2025-sensitivity")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range sc.Sweep {
		if p.Path != "services.Hundehaltung.types" {
			continue
		}
		name, short := p.Short()
		want := "services.Hundehaltung.types: Anmeldung.share / Abmeldung.share / Aenderung.share / GefaehrlicherHund.share"
		if name != want {
			t.Errorf("name %q, want %q", name, want)
		}
		if got := short[ValueLabel(p.Values[0])]; got != "0.3 / 0.4 / 0.28 / 0.02" {
			t.Errorf("first value %q, want the file's order 0.3 / 0.4 / 0.28 / 0.02", got)
		}
		return
	}
	t.Fatal("no case-mix parameter")
}

// TestLargeGridIsCheckedValueByValue: a grid above maxCheckedGrid points
// is checked one value at a time, so a bad value is still found at load
// (here in the last of three parameters, 11 × 10 × 10 = 1,100 points),
// and a grid within the limit is checked point by point (all 1,000).
func TestLargeGridIsCheckedValueByValue(t *testing.T) {
	t.Parallel()
	list := func(n int, last string) string {
		var v []string
		for i := range n - 1 {
			v = append(v, fmt.Sprintf("%.2f", 0.5+0.01*float64(i)))
		}
		return "[" + strings.Join(append(v, last), ", ") + "]"
	}
	text := func(first int, last string) string {
		return "extends = \"pilot-2025\"\nname = \"grid\"\n[sweep.params]\n" +
			"\"services.Hundehaltung.learning.rate\" = " + list(first, "0.9") + "\n" +
			"\"services.Wohngeld.learning.rate\" = " + list(10, "0.9") + "\n" +
			"\"services.Wohngeld.learning.floor\" = " + list(10, last) + "\n"
	}
	_, err := loadText(t, text(11, "1.5"))
	if err == nil || !strings.Contains(err.Error(), "at the point services.Wohngeld.learning.floor = 1.5:") {
		t.Errorf("1,100-point grid with a bad value: %v", err)
	}
	sc, err := loadText(t, text(10, "0.3"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(sc.checkedPoints()); n != 1000 {
		t.Errorf("a 1,000-point grid: %d points checked, want all 1,000", n)
	}
	sc.Sweep[0].Values = append(sc.Sweep[0].Values, 0.95)
	if n := len(sc.checkedPoints()); n != 31 {
		t.Errorf("a 1,100-point grid: %d points checked, want 11 + 10 + 10", n)
	}
}
