package scenarios

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestBrokenScenarioGolden loads every testdata/broken/*.toml and compares
// the complete error text with its .err golden file (go test -update
// rewrites them; inspect the diff).
func TestBrokenScenarioGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/broken/*.toml")
	if err != nil || len(files) < 15 {
		t.Fatalf("broken scenarios: %v (%v)", files, err)
	}
	for _, f := range files {
		_, err := Load(f)
		if err == nil {
			t.Errorf("%s: loaded without error", f)
			continue
		}
		got := err.Error() + "\n"
		golden := strings.TrimSuffix(f, ".toml") + ".err"
		if *update {
			os.WriteFile(golden, []byte(got), 0o644)
			continue
		}
		want, rerr := os.ReadFile(golden)
		if rerr != nil {
			t.Errorf("%s: %v (run go test -update)", f, rerr)
			continue
		}
		if got != string(want) {
			t.Errorf("%s: error text changed:\n got: %s\nwant: %s", f, got, want)
		}
	}
}

// load writes text to a scenario file in a temporary folder and loads it.
func load(t testing.TB, text string) error {
	t.Helper()
	_, err := loadText(t, text)
	return err
}

// loadText writes text to a scenario file s.toml in a temporary folder
// and loads it.
func loadText(t testing.TB, text string) (*Scenario, error) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "s.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return Load(path)
}

func TestBrokenScenariosGetPreciseErrors(t *testing.T) {
	t.Parallel()
	base := "extends = \"sachsen-anhalt\"\n"
	cases := []struct {
		text string
		want []string // each must appear in the error
	}{
		{base + "replicatons = 3\n", []string{`s.toml:2: replicatons: unknown key "replicatons" (did you mean "replications"?)`}},
		{base + "horizon = \"365\"\n", []string{"s.toml:2: horizon:", "has no unit"}},
		{base + "horizon = 365\n", []string{"s.toml:2: horizon:"}},
		{base + "replications = 1\n", []string{"s.toml:2: replications: missing or below 2"}},
		{base + "[services.Wohngeld]\nper_thousand = -5\n", []string{"s.toml:3: services.Wohngeld.per_thousand:"}},
		{base + "[services.Wohngeld]\nswitch = \"gamma(2,1)\"\n", []string{"s.toml:3:", "switch"}},
		{base + "[services.Wohngeld.types.Erstantrag]\nshare = 0.5\n", []string{"s.toml:2: services.Wohngeld.types: shares sum to 1.2, not 1"}},
		{base + "[services.Wohngeld.learning]\nrate = 1.5\n", []string{"s.toml:2: services.Wohngeld.learning:", "rate (1.5)"}},
		{base + "[arms.zsa.services.Wohngeld]\nmembers = [\"99999\"]\n", []string{"s.toml:3: arms.zsa.services.Wohngeld.members: \"99999\" is not an office of Wohngeld"}},
		{base + "[staffing.Hundehaltung]\nclerks = 0\n", []string{"s.toml:3: staffing.Hundehaltung.clerks: 0: every office needs at least one clerk"}},
		{base + "hours = { open = \"16:00\", close = \"7:30\" }\n", []string{"s.toml:2: hours: open"}},
		{base + "[[targets]]\nmetric = \"lead_dayz\"\nservice = \"Wohngeld\"\nvalue = 30\nsource = \"S38\"\n",
			[]string{`s.toml:2: targets[0].metric: "lead_dayz": unknown metric`}},
		{base + "[[targets]]\nmetric = \"lead_days\"\nservice = \"Wohngeld\"\nvalue = 30\nsource = \"S38\"\n" +
			"[[targets]]\nmetric = \"lead_days\"\nservice = \"Wohngeld\"\nrange = [42, 28]\n",
			[]string{"s.toml:7: targets[1].range: [42, 28]: the low end must not exceed the high end", "s.toml:7: targets[1].source: missing"}},
		{base + "[[targets]]\nmetric = \"lead_p90_days\"\nservice = \"Wohngeld\"\ntypes = [\"Erstantrag\", \"X\"]\nvalue = 30\nsource = \"S38\"\narm = \"zsb\"\n",
			[]string{`targets[0].types: the metric "lead_p90_days" is not kept per case type`, `targets[0].types: "X": unknown case type of Wohngeld`,
				`targets[0].arm: "zsb": unknown arm`}},
		{base + "[[targets]]\nmetric = \"lead_days\"\nservice = \"Wohngeld\"\noffice = \"15001\"\nvalue = 30\nsource = \"S38\"\n",
			[]string{`targets[0].office: "15001" is not an office of Wohngeld`}},
		{base + "[[calibration.params]]\nkey = \"seed\"\nmin = 2\nmax = 1\n",
			[]string{`s.toml:2: calibration.params[0].key: "seed" says how the scenario runs`, "calibration.params[0].min: needs finite bounds min < max"}},
		{base + "[services.Wohngeld]\neffort_factor = 0\n", []string{"s.toml:3: services.Wohngeld.effort_factor: 0: must be a positive number"}},
		{base + "[[targets]]\nmetric = \"effort_min\"\nservice = \"Wohngeld\"\nchange = true\nvalue = -0.39\nsource = \"S1\"\n",
			[]string{`s.toml:2: targets[0].change: a change against the status quo needs an arm`}},
		{base + "[services.Wohngeld]\ndelay_factor = -1\n", []string{"s.toml:3: services.Wohngeld.delay_factor: -1: must be a positive number"}},
		{base + "[staffing.Wohngeld]\nassignment = \"letters\"\n", []string{`s.toml:3: staffing.Wohngeld.assignment: "letters": must be one of (shared|owner)`}},
		{base + "[arms.zsa.zsa]\nassignment = \"x\"\n", []string{`s.toml:3: arms.zsa.zsa.assignment: "x": must be one of (shared|owner)`}},
		{base + "verteilzeit = 15\n", []string{"s.toml:2: verteilzeit: 15: must be a fraction in [0, 1]"}},
		{base + "verteilzeit = nan\n", []string{"s.toml:2: verteilzeit: NaN: must be a fraction in [0, 1]"}},
		{base + "[data]\ncommunes = \"nope.csv\"\n", []string{"s.toml:3: data.communes: cannot read ", "nope.csv"}},
		{base + "replications = 100000\n", []string{"s.toml:2: replications: 100000: at most 10000"}},
		{base + "[plan]\narm = \"zsb\"\n", []string{`s.toml:3: plan.arm: "zsb": unknown arm (arms: zsa)`}},
		{base + "[plan]\nconfidence = 1.5\nreplications = 1\n[plan.staff.Hundehaltung]\nmin = 0\nmax = 3\n[plan.staff.Katzen]\nmin = 1\nmax = 2\n",
			[]string{"s.toml:3: plan.confidence: 1.5: must be a probability between 0.5 and 1",
				"s.toml:4: plan.replications: 1: must be from 2 to 10000",
				"s.toml:6: plan.staff.Hundehaltung.min: min 0, max 3: need 1 ≤ min ≤ max ≤ 10000",
				`plan.staff.Katzen: unknown service "Katzen"`,
				"plan.targets: no target"}},
		{base + "[plan.staff.Wohngeld]\nmin = 1\nmax = 9\n[[plan.targets]]\nservice = \"Hundehaltung\"\nmetric = \"within\"\nat_least = 0.9\nat_most = 1\noffices = \"some\"\n",
			[]string{`s.toml:5: plan.targets[0].service: "Hundehaltung": not a service of [plan.staff] (Wohngeld)`,
				`s.toml:5: plan.targets[0].metric: "within": unknown metric`,
				"s.toml:5: plan.targets[0].at_least: give exactly one bound: at_least or at_most",
				`s.toml:5: plan.targets[0].offices: "some": must be one of (members|all)`}},
		{"extends = \"missing.toml\"\n", []string{"s.toml:1: extends:", "missing.toml"}},
		{base + "[services.Wohngeld.types.Erstantrag]\nbacklog = 1e9\n", []string{"s.toml:3: services.Wohngeld.types.Erstantrag.backlog: 1e+09: open cases per 1,000 inhabitants must be from 0 to 1000"}},
		{base + "[arms.zsa.zsa.clerks]\nWohngeld = 1000000\n", []string{"s.toml:3: arms.zsa.zsa.clerks.Wohngeld: 1000000: must be from 0 to 10000"}},
		{base + "[staffing.Wohngeld]\nprior = nan\n", []string{"s.toml:3: staffing.Wohngeld.prior: NaN: experience is counted in items from 1"}},
		{base + "[services.Hundehaltung]\nswitch = \"exp(mean=1e300min)\"\n", []string{`s.toml:3: services.Hundehaltung.switch:`, `is more than 100 years`}},
		{base + "[arms.zsa]\nname = \"=HYPERLINK(1)\"\n", []string{`s.toml:3: arms.zsa.name: "=HYPERLINK(1)": starts with =, which spreadsheets read as a formula`}},
		{base + "[arms.zsa]\nzsa = 5\n", []string{"s.toml:3: arms.zsa.zsa: a whole number where a table is expected"}},
		{base + "[data]\nonly = { district = [\"Landkreis Hrz\"] }\n", []string{`s.toml:3: data.only: no commune has district = "Landkreis Hrz"`}},
		{base + "[services.Wohngeld]\noffice_name_column = \"nope\"\n", []string{`s.toml:3: services.Wohngeld.office_name_column: "nope": the administrations table has no such column`}},
		{base + "weekdays = []\n", []string{"s.toml:2: weekdays: empty: the offices would never open"}},
		{base + "[data]\nonly = \"x\"\n", []string{"s.toml:3: data.only: a string where a table is expected"}},
		{base + "seed = -1\n", []string{"s.toml:2: seed: -1: must not be negative"}},
		{base + "[arms.zsa.services.Wohngeld]\nwaves = \"2026-04-01\"\n", []string{"s.toml:3: arms.zsa.services.Wohngeld.waves: a string where a table is expected"}},
		{base + "name = \"../../escaped\"\n", []string{`s.toml:2: name: "../../escaped": output folders are named after the scenario`}},
		{base + "name = \"a\\u0007b\"\n", []string{`s.toml:2: name: "a\ab": output folders`}},
		{base + "name = \"   \"\n", []string{`s.toml:2: name: "   ": output folders`}},
		{base + "[arms.zsa]\nname = \"Status Quo\"\n[arms.zsb]\nname = \"x\"\nzsa = { clerks = { Wohngeld = 1 } }\nservices.Wohngeld = { steps = [\"intake\"], members = [\"all\"] }\n[arms.zsc]\nname = \"X!\"\nzsa = { clerks = { Wohngeld = 1 } }\nservices.Wohngeld = { steps = [\"intake\"], members = [\"all\"] }\n",
			[]string{`arms.zsa.name: "Status Quo": too like the name of the status quo`, `arms.zsc.name: "X!": too like the name of arm "zsb"`}},
		{"extends = \"s.toml\"\nname = \"x\"\n", []string{"extends: a cycle: ", "s.toml → ", "s.toml"}},
		{"name = \"x\"\n", []string{"start: missing", "horizon: missing", "replications: missing", "seed: missing", "data: missing", "services: no service defined"}},
		{"name = [\n", []string{"s.toml:"}},
	}
	for i, c := range cases {
		err := load(t, c.text)
		if err == nil {
			t.Errorf("case %d: no error for\n%s", i, c.text)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("case %d: error\n%v\ndoes not contain %q", i, err, w)
			}
		}
	}
}

func TestVariantOverridesOnlyWhatItSays(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "v.toml")
	os.WriteFile(path, []byte("extends = \"sachsen-anhalt\"\nname = \"v\"\n[services.Wohngeld.learning]\nrate = 0.9\n"), 0o644)
	v, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load("sachsen-anhalt")
	if err != nil {
		t.Fatal(err)
	}
	var wv, wb float64
	var fv, fb float64
	for i, s := range v.Model.Services {
		if s.Name == "Wohngeld" {
			wv, wb = s.Learning.Rate, b.Model.Services[i].Learning.Rate
			fv, fb = s.Learning.Floor, b.Model.Services[i].Learning.Floor
		}
	}
	if wv != 0.9 || wb == 0.9 || fv != fb || v.Name != "v" || v.Replications != b.Replications || v.Hash == b.Hash {
		t.Errorf("override: rate %v (base %v), floor %v (base %v), name %q, reps %d/%d", wv, wb, fv, fb, v.Name, v.Replications, b.Replications)
	}
}

// FuzzLoad checks that no scenario text makes the loader panic.
func FuzzLoad(f *testing.F) {
	text, _ := Text("sachsen-anhalt")
	f.Add(text)
	f.Add("extends = \"sachsen-anhalt\"\nreplications = 3\n")
	f.Add("extends = \"sachsen-anhalt\"\n[services.Wohngeld.types.X]\nshare = 0\nsteps = [{name=\"a\", effort=\"1min\", next=[{to=\"a\", p=[0.5]}]}]\n")
	f.Fuzz(func(t *testing.T, s string) {
		load(t, s) // errors are fine; panics are not
	})
}

// TestModelErrorsAtScenarioKeys checks that problems the model finds are
// reported where the user wrote the value: a clerk's share at the
// staffing rule, a ZSA clerk's prior at the arm's ZSA (of a partitioned
// ZSA too), a commune's population at its row of the data table. The
// scenario extends testdata/pooling-mm1.toml, whose staffing fixes the
// share, copied with its data into a temporary folder.
func TestModelErrorsAtScenarioKeys(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"pooling-mm1.toml", "administrations-mm1.csv", "communes-mm1.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "communes-mm1.csv" {
			b = []byte(strings.Replace(string(b), "3,South,1000", "3,South,-5", 1))
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	child := filepath.Join(dir, "s.toml")
	text := "extends = \"pooling-mm1.toml\"\n[staffing.S]\nshare = 1.5\n[arms.unpooled.zsa]\nprior = 0.5\n"
	if err := os.WriteFile(child, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(child)
	if err == nil {
		t.Fatal("no error")
	}
	got := strings.Split(err.Error(), "\n")
	want := []string{
		"s.toml:3: staffing.S.share: 1.5: must be in (0, 1]",
		"s.toml:5: arms.unpooled.zsa.prior: 0.5: experience is counted in items from 1 (a novice)",
		"communes-mm1.csv:4: population: -5: must be a non-negative number",
	}
	if len(got) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(got), len(want), err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error\n%v\ndoes not contain %q", err, w)
		}
	}
}

// TestCSVSyntaxErrorAtItsLine: a quote out of place in the first field of
// a row is an error at the file and line (it panicked: the reader cannot
// say where a field is after a failed read).
func TestCSVSyntaxErrorAtItsLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"pooling-mm1.toml", "administrations-mm1.csv", "communes-mm1.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "communes-mm1.csv" {
			b = []byte(strings.Replace(string(b), "3,South,1000", `"3"x,South,1000`, 1))
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Load(filepath.Join(dir, "pooling-mm1.toml"))
	if err == nil || !strings.Contains(err.Error(), "communes-mm1.csv:4: ") {
		t.Errorf("error %v, want one at communes-mm1.csv:4", err)
	}
	// A commune listed twice in the administrations table: the second
	// row would win silently.
	adm := filepath.Join(dir, "administrations-mm1.csv")
	b, err := os.ReadFile(adm)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(adm, append(b, []byte("1,N,Office North again\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(filepath.Join(dir, "pooling-mm1.toml")); err == nil || !strings.Contains(err.Error(), `administrations-mm1.csv:6: ags: "1" is listed again (first at line 2)`) {
		t.Errorf("error %v, want one at administrations-mm1.csv:6", err)
	}
}

// TestOfficeNamesAtTheirRow: an office name that would break terminals
// and SVG, or read as a spreadsheet formula, and a commune without an
// office are reported at the administrations table's row and column, not
// at the scenario key that names the column (which may be in a bundled
// file the user did not write).
func TestOfficeNamesAtTheirRow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"pooling-mm1.toml", "communes-mm1.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	adm := "ags,office_key,office_name\n1,N,Office North\n2,E,Office\x1b[31mEast\n3,S,@South\n4,,Office West\n"
	if err := os.WriteFile(filepath.Join(dir, "administrations-mm1.csv"), []byte(adm), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(filepath.Join(dir, "pooling-mm1.toml"))
	for _, want := range []string{
		`administrations-mm1.csv:3: office_name: office name "Office\x1b[31mEast": has control characters`,
		`administrations-mm1.csv:4: office_name: office name "@South": starts with @, which spreadsheets read as a formula`,
		`administrations-mm1.csv:5: office_key: commune 4 (`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want %s", err, want)
		}
	}
}

// TestDataPathsMustBeRegularFiles: a FIFO would block the read forever,
// /dev/zero never end; both are errors at the data key.
func TestDataPathsMustBeRegularFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.csv")); err != nil {
		t.Skip("no symlinks here")
	}
	path := filepath.Join(dir, "s.toml")
	os.WriteFile(path, []byte("extends = \"sachsen-anhalt\"\n[data]\ncommunes = \"zero.csv\"\n"), 0o644)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "s.toml:3: data.communes: cannot read ") ||
		!strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("error %v", err)
	}
}

// TestDataPathsOutsideTheFolderAndTextFiles: a data table beside the
// scenario's folder ("../data/c.csv") is read; a file that is not a table
// (a text file, a link to /etc/passwd) is refused without echoing its
// first line; a table without a required column names its columns, quoted.
func TestDataPathsOutsideTheFolderAndTextFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	communes, err := fs.ReadFile(Bundled, "data/communes-sachsen-anhalt.csv")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("data/c.csv", string(communes))
	write("data/secret.txt", "root:x:0:0:root:/root:/bin/bash\nline two\n")
	write("data/wrong.csv", "ags,label,inhabitants\n1,a,2\n")
	if _, err := Load(write("sub/up.toml", "extends = \"teaching\"\n[data]\ncommunes = \"../data/c.csv\"\n")); err != nil {
		t.Errorf("../data/c.csv: %v", err)
	}
	_, err = Load(write("sub/text.toml", "extends = \"teaching\"\n[data]\ncommunes = \"../data/secret.txt\"\n"))
	if err == nil || strings.Contains(err.Error(), "root:x") || !strings.Contains(err.Error(), "not a header of comma-separated column names") {
		t.Errorf("a text file as a table: %v", err)
	}
	_, err = Load(write("sub/wrong.toml", "extends = \"teaching\"\n[data]\ncommunes = \"../data/wrong.csv\"\n"))
	if err == nil || !strings.Contains(err.Error(), `missing column "name" (columns: "ags", "label", "inhabitants")`) {
		t.Errorf("a table without the columns: %v", err)
	}
}
