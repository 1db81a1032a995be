package scenarios

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// pointsOf builds every sweep point of sc and the scenario with each
// mechanism off and with all off.
func pointsOf(t *testing.T, sc *Scenario) []*Scenario {
	t.Helper()
	var out []*Scenario
	for _, pt := range sc.Points() {
		p, err := sc.At(pt)
		if err != nil {
			t.Fatalf("point %v: %v", pt, err)
		}
		out = append(out, p)
	}
	for _, m := range append(sc.Mechanisms, "") {
		off := []string{m}
		if m == "" {
			off = sc.Mechanisms
		}
		p, err := sc.Without(off...)
		if err != nil {
			t.Fatalf("without %v: %v", off, err)
		}
		out = append(out, p)
	}
	return out
}

// A sweep point and a mechanism switched off are built from the loaded
// scenario, not from its files: they still build after the scenario file
// and its data tables are deleted, and give the same scenario as before.
// Building them leaves the loaded scenario as it was.
func TestPointsNeedNoFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "data"), 0o755)
	for _, name := range []string{"communes", "administrations"} {
		b, err := fs.ReadFile(Bundled, "data/"+name+"-sachsen-anhalt.csv")
		if err != nil {
			t.Fatal(err)
		}
		// Names the bundled tables do not have: nothing to fall back on.
		if err := os.WriteFile(filepath.Join(dir, "data", name+".csv"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "on-disk.toml")
	text := `extends = "pilot-2025"
name = "on-disk"
[data]
communes = "data/communes.csv"
administrations = "data/administrations.csv"
[sweep]
params = { "services.Wohngeld.learning.rate" = [0.8, 0.9], "services.Wohngeld.types" = [{ Erstantrag = { share = 0.6 }, Weiterleistung = { share = 0.4 } }] }
`
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	// The first point written out as a file of its own.
	direct := filepath.Join(dir, "direct.toml")
	text = `extends = "on-disk.toml"
[services.Wohngeld.learning]
rate = 0.8
[services.Wohngeld.types]
Erstantrag = { share = 0.6 }
Weiterleistung = { share = 0.4 }
`
	if err := os.WriteFile(direct, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Load(direct)
	if err != nil {
		t.Fatal(err)
	}
	before := pointsOf(t, sc)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	after := pointsOf(t, sc)
	if len(after) != 2+len(sc.Mechanisms)+1 {
		t.Fatalf("%d scenarios, want 2 points and %d mechanisms off", len(after), len(sc.Mechanisms)+1)
	}
	for i := range after {
		b, a := before[i], after[i]
		if !reflect.DeepEqual(a.Model, b.Model) || !reflect.DeepEqual(a.Arms, b.Arms) {
			t.Errorf("scenario %d (%s): the model differs after the files were deleted", i, a.loaded.sources[0].name)
		}
		if a.Hash != b.Hash || a.Text() != b.Text() || a.Source != b.Source {
			t.Errorf("scenario %d: hash %s, text or source differ after the files were deleted (before %s)", i, a.Hash, b.Hash)
		}
		if !slicesEqual(a.DataFiles, []string{filepath.ToSlash(filepath.Join(dir, "data/communes.csv")), filepath.ToSlash(filepath.Join(dir, "data/administrations.csv"))}) {
			t.Errorf("scenario %d: data files %v", i, a.DataFiles)
		}
	}
	if !reflect.DeepEqual(before[0].Model, want.Model) || !reflect.DeepEqual(before[0].Arms, want.Arms) {
		t.Error("the first sweep point differs from the same values written in a file")
	}
	if !reflect.DeepEqual(sc.loaded.file, ref.loaded.file) || !reflect.DeepEqual(sc.Model, ref.Model) {
		t.Error("building points changed the loaded scenario")
	}
	if reflect.DeepEqual(before[0].Model, before[1].Model) {
		t.Error("two sweep points with different learning rates have the same model")
	}
}

func slicesEqual(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

// A sweep or mechanism cannot name other data tables: the tables are read
// once, at loading.
func TestPointCannotNameDataTables(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "data-sweep.toml")
	text := `extends = "teaching"
[sweep]
params = { "data.communes" = ["data/communes-sachsen-anhalt.csv"] }
`
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	for _, want := range []string{"data-sweep.toml:3: sweep.params: at the point ", `data.communes = "data/communes-sachsen-anhalt.csv"`,
		": data: the data tables are read when the scenario is loaded"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want an error containing %q", err, want)
		}
	}
}

// A sweep point has the scenario's arms: its runs are paired with theirs.
func TestPointCannotAddArms(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "arm-sweep.toml")
	text := `extends = "teaching"
[sweep]
params = { "arms.extra" = [{ name = "extra", zsa = { clerks = { Hundehaltung = 1 } }, services = { Hundehaltung = { members = ["15085040"], steps = ["deregister"] } } }] }
`
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if want := ": 3 arms instead of 2: a sweep cannot add or remove arms"; err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "arm-sweep.toml:3: sweep.params: at the point ") {
		t.Errorf("got %v, want an error at line 3 containing %q", err, want)
	}
}
