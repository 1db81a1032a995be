package scenarios

import (
	"strings"
	"testing"

	"zsa/models"
)

// pilot-2025 simulates Wohngeld up to the entered application: the scope
// keeps intake, check, request, citizen and entry, in order, and a case
// that would go on to the decision ends there, approved.
func TestScopeKeepsTheStepsNamed(t *testing.T) {
	t.Parallel()
	sc, err := Load("pilot-2025")
	if err != nil {
		t.Fatal(err)
	}
	full, err := Load("sachsen-anhalt")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sc.Model.Services {
		if s.Name != "Wohngeld" {
			continue
		}
		for _, ty := range s.Types {
			var names []string
			for _, st := range ty.Process {
				names = append(names, st.Name)
			}
			if ty.Name == "Aenderung" {
				if got := strings.Join(names, " "); got != "intake" {
					t.Errorf("Aenderung: steps %q, want intake alone", got)
				}
				continue
			}
			if got := strings.Join(names, " "); got != "intake check request citizen entry" {
				t.Errorf("%s: steps %q", ty.Name, got)
			}
			last := ty.Process[len(ty.Process)-1]
			if len(last.Next) != 1 || last.Next[0].To != models.Done {
				t.Errorf("%s: after entry %+v, want done", ty.Name, last.Next)
			}
			// The steps kept are the full model's, with the same efforts.
			for _, st := range ty.Process {
				for _, ft := range fullType(full, ty.Name).Process {
					if ft.Name == st.Name && st.Effort != nil && st.Effort.Mean() != ft.Effort.Mean() {
						t.Errorf("%s/%s: effort %v, the full model's %v", ty.Name, st.Name, st.Effort.Mean(), ft.Effort.Mean())
					}
				}
			}
		}
	}
}

func fullType(sc *Scenario, name string) models.CaseType {
	for _, s := range sc.Model.Services {
		if s.Name == "Wohngeld" {
			for _, ty := range s.Types {
				if ty.Name == name {
					return ty
				}
			}
		}
	}
	return models.CaseType{}
}

func TestScopeErrors(t *testing.T) {
	t.Parallel()
	base := "extends = \"sachsen-anhalt\"\n"
	for _, c := range []struct{ text, want string }{
		{base + "[services.Wohngeld]\nscope = [\"intake\", \"decidee\"]\n", `s.toml:3: services.Wohngeld.scope: "decidee": no process of Wohngeld has this step`},
		{base + "[services.Wohngeld]\nscope = [\"check\", \"entry\"]\n", `s.toml:3: services.Wohngeld.scope: "intake", the first step of`},
	} {
		err := load(t, c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.text, err, c.want)
		}
	}
}
