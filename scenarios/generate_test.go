package scenarios

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGenerateGermany: the synthetic study has Germany's size (10,786
// communes, 84.4 million inhabitants, 400 districts; Statistisches
// Bundesamt, Gemeindeverzeichnis 2023), plausible numbers of offices
// (about 4,600 administrations with their own Hundehaltung office in
// Germany's Gemeindeverzeichnis; some 600 Wohngeldbehörden), names that
// say it is synthetic, the same bytes from the same seed, and a scenario
// that loads.
func TestGenerateGermany(t *testing.T) {
	t.Parallel()
	g, err := GenerateGermany(1)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := GenerateGermany(1)
	other, _ := GenerateGermany(2)
	if !bytes.Equal(g.Communes, again.Communes) || !bytes.Equal(g.Scenario, again.Scenario) || !bytes.Equal(g.Administrations, again.Administrations) {
		t.Error("the same seed gives other bytes")
	}
	if bytes.Equal(g.Communes, other.Communes) {
		t.Error("another seed gives the same communes")
	}
	if g.NCommunes != 10786 || g.NDistricts != 400 || math.Abs(g.Population-84.4e6) > 0.001*84.4e6 {
		t.Errorf("%d communes, %d districts, %.0f inhabitants", g.NCommunes, g.NDistricts, g.Population)
	}
	if g.NHundehaltungOffices < 3000 || g.NHundehaltungOffices > 6000 || g.NWohngeldOffices < 400 || g.NWohngeldOffices > 800 {
		t.Errorf("%d Hundehaltung offices, %d Wohngeldbehörden", g.NHundehaltungOffices, g.NWohngeldOffices)
	}
	rows, err := csv.NewReader(bytes.NewReader(g.Communes)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var small int
	for _, r := range rows[1:] {
		if !strings.Contains(r[1], "Synthetisch") || r[4] != "true" {
			t.Fatalf("a commune not marked synthetic: %v", r)
		}
		if pop, err := strconv.ParseFloat(r[3], 64); err != nil || pop < 1 {
			t.Fatalf("population %q", r[3])
		} else if pop < 2000 {
			small++
		}
	}
	// About half the communes below 2,000 inhabitants, as in Germany.
	if f := float64(small) / float64(len(rows)-1); f < 0.35 || f > 0.65 {
		t.Errorf("%.0f %% of the communes below 2,000 inhabitants", 100*f)
	}
	dir := t.TempDir()
	for name, b := range map[string][]byte{"germany.toml": g.Scenario, "communes-germany.csv": g.Communes, "administrations-germany.csv": g.Administrations} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sc, err := Load(filepath.Join(dir, "germany.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Model.Communes) != 10786 || len(sc.Arms) != 2 {
		t.Errorf("loaded %d communes, %d arms", len(sc.Model.Communes), len(sc.Arms))
	}
}
