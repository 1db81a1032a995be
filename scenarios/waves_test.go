package scenarios

import (
	"slices"
	"strings"
	"testing"

	"zsa/models"
	"zsa/sim"
)

// TestWavesByDistrict: a wave named by a district sets the joining date
// of every member office in it; an office's own wave wins; offices
// elsewhere join at the start.
func TestWavesByDistrict(t *testing.T) {
	t.Parallel()
	sc, err := loadText(t, `extends = "sachsen-anhalt"
[arms.zsa.services.Hundehaltung]
members = ["all"]
waves = { "Landkreis Harz" = "2026-07-01", "15085330" = "2026-04-01" }
`)
	if err != nil {
		t.Fatal(err)
	}
	var members []models.Member
	for _, d := range sc.Arms[1].Delegations {
		if d.Service == "Hundehaltung" {
			members = d.Members
		}
	}
	from := func(office string) sim.Time {
		i := slices.IndexFunc(members, func(m models.Member) bool { return m.Office == office })
		if i < 0 {
			t.Fatalf("%s is not a member", office)
		}
		return members[i].From
	}
	july, april := 181*sim.Day, 90*sim.Day    // 2026-07-01 and 2026-04-01 after 2026-01-01
	if got := from("15085040"); got != july { // Ballenstedt, Landkreis Harz
		t.Errorf("Ballenstedt joins at %v, want %v", got, july)
	}
	if got := from("15085330"); got != april { // Thale, its own wave
		t.Errorf("Thale joins at %v, want %v", got, april)
	}
	if got := from("15001000"); got != 0 { // Dessau-Roßlau
		t.Errorf("Dessau-Roßlau joins at %v, want 0", got)
	}
	_, err = loadText(t, `extends = "sachsen-anhalt"
[arms.zsa.services.Hundehaltung]
waves = { "Landkreis Nirgendwo" = "2026-07-01", "Altmarkkreis Salzwedel" = "2026-07-01" }
`)
	for _, want := range []string{`arms.zsa.services.Hundehaltung.waves.Landkreis Nirgendwo: "Landkreis Nirgendwo" is neither an office of Hundehaltung nor a district`,
		`waves.Altmarkkreis Salzwedel: no member office lies in the district "Altmarkkreis Salzwedel"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want %q", err, want)
		}
	}
}
