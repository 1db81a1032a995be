package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"zsa/models/queue"
)

// planJSON is the part of plan.json the tests read.
type planJSON struct {
	Services []struct {
		Service string `json:"service"`
		Staff   int    `json:"staff"`
		Verdict string `json:"verdict"`
		Final   struct {
			Targets []struct {
				Mean float64 `json:"mean"`
			} `json:"targets"`
		} `json:"final"`
	} `json:"services"`
	Simulated    int `json:"replications_simulated"`
	Replications int `json:"replications"`
}

// summaryJSON is the part of summary.json the tests read: the service
// totals' within_level per arm.
type summaryJSON struct {
	Services []struct {
		Service string `json:"service"`
		Offices []struct {
			Office string `json:"office"`
			Arms   []struct {
				Arm     string `json:"arm"`
				Metrics map[string]struct {
					Mean float64 `json:"mean"`
				} `json:"metrics"`
			} `json:"arms"`
		} `json:"offices"`
	} `json:"services"`
}

func readJSON(t *testing.T, pattern string, v any) {
	t.Helper()
	files, _ := filepath.Glob(pattern)
	if len(files) != 1 {
		t.Fatalf("%s: %d files", pattern, len(files))
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", files[0], err)
	}
}

// TestPlanReproducesInAPlainRun plans the bundled statewide scenario
// (every commune joins) as bundled (20 replications at the plan), checks
// the search's budget (at most 3× the replications at the plan), then runs
// it with zsa run at the staff found: the run has the same seeds, so its within_level of
// every service is the plan's final figure, exactly. All communes are
// members, so the plan's member figure is the run's service total.
func TestPlanReproducesInAPlainRun(t *testing.T) {
	if testing.Short() {
		t.Skip("statewide plan")
	}
	t.Parallel()
	out := t.TempDir()
	stdout, errOut, code := runArgs(t, "plan", "sachsen-anhalt-all", "--quiet", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Hundehaltung: ", "ZSA clerks meet within_level ≥ 0.9 (members) with 95 % confidence", "static Personalbemessung", "posts freed"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	var plan planJSON
	readJSON(t, filepath.Join(out, "*", "plan.json"), &plan)
	if plan.Replications != 20 || plan.Simulated > 3*plan.Replications {
		t.Errorf("%d replications simulated for %d at the plan: more than 3×", plan.Simulated, plan.Replications)
	}
	for _, f := range []string{"plan.csv", "report.html", "summary.json", "plan-Hundehaltung-1.svg", "plan-Wohngeld-1.png"} {
		if m, _ := filepath.Glob(filepath.Join(out, "*", f)); len(m) != 1 {
			t.Errorf("no %s", f)
		}
	}
	report, _ := filepath.Glob(filepath.Join(out, "*", "report.html"))
	if b, _ := os.ReadFile(report[0]); !strings.Contains(string(b), `<section id="plan"`) {
		t.Error("report.html has no staff plan section")
	}
	// The plain run at the found staff.
	dir := t.TempDir()
	staff := map[string]int{}
	for _, s := range plan.Services {
		if s.Verdict != "decided" && s.Verdict != "undecided" {
			t.Fatalf("%s: %s", s.Service, s.Verdict)
		}
		staff[s.Service] = s.Staff
	}
	file := filepath.Join(dir, "planned.toml")
	os.WriteFile(file, []byte(`extends = "sachsen-anhalt-all"
name = "planned"
[arms.zsa.zsa.clerks]
Hundehaltung = `+itoa(staff["Hundehaltung"])+`
Wohngeld = `+itoa(staff["Wohngeld"])+"\n"), 0o644)
	runOut := t.TempDir()
	if _, errOut, code := runArgs(t, "run", file, "--reps", "20", "--quiet", "--out", runOut); code != exitOK {
		t.Fatalf("zsa run: exit %d: %s", code, errOut)
	}
	var sum summaryJSON
	readJSON(t, filepath.Join(runOut, "*", "summary.json"), &sum)
	for i, s := range plan.Services {
		got := -1.0
		for _, ss := range sum.Services {
			if ss.Service == s.Service {
				got = ss.Offices[0].Arms[1].Metrics["within_level"].Mean
			}
		}
		if want := plan.Services[i].Final.Targets[0].Mean; relDiff(got, want) > 1e-8 {
			t.Errorf("%s: zsa run gives within_level %v at %d clerks, the plan %v", s.Service, got, s.Staff, want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func relDiff(a, b float64) float64 {
	d := a - b
	if d < 0 {
		d = -d
	}
	if b < 0 {
		b = -b
	}
	return d / b
}

func TestPlanRefusesWhatItCannotDo(t *testing.T) {
	t.Parallel()
	// No [plan]: a usage error.
	if _, errOut, code := runArgs(t, "plan", "teaching", "--quiet", "--out", t.TempDir()); code != exitUsage || !strings.Contains(errOut, "declares no [plan]") {
		t.Errorf("no plan: exit %d, %q", code, errOut)
	}
	// At most 6 clerks for a target only 7 meet: exit 1, saying so,
	// with the files of what was found.
	dir := t.TempDir()
	abs, _ := filepath.Abs(filepath.Join("..", "..", "scenarios", "testdata", "plan-mmc.toml"))
	path := filepath.Join(dir, "far.toml")
	os.WriteFile(path, []byte("extends = \""+filepath.ToSlash(abs)+"\"\nname = \"far\"\n[plan.staff.S]\nmax = 6\n"+
		"[[plan.targets]]\nservice = \"S\"\nmetric = \"wait_days\"\nat_most = 0.001\n"), 0o644)
	out := t.TempDir()
	stdout, errOut, code := runArgs(t, "plan", path, "--quiet", "--out", out)
	if code != exitFailure || !strings.Contains(errOut, "S: not reachable: even 6 ZSA clerks") || !strings.Contains(stdout, "even 6 ZSA clerks (the most allowed) do not meet") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errOut, stdout)
	}
	if m, _ := filepath.Glob(filepath.Join(out, "*", "plan.json")); len(m) != 1 {
		t.Error("no plan.json")
	}
}

// TestPlanForEachSetOfJoiningOffices plans the M/M/c scenario for two
// candidate sets of member offices: two of the four communes (one M/M/c
// queue of λ = 38.4 a day) and all four (λ = 76.8). The target, a mean
// wait of the members' cases of at most 20 min, needs the least c whose
// Erlang C wait is below it for each λ (μ = 24 a day).
func TestPlanForEachSetOfJoiningOffices(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	abs, _ := filepath.Abs(filepath.Join("..", "..", "scenarios", "testdata", "plan-mmc.toml"))
	path := filepath.Join(dir, "join.toml")
	os.WriteFile(path, []byte("extends = \""+filepath.ToSlash(abs)+"\"\nname = \"join\"\n"+
		"[[plan.join]]\nname = \"North and East\"\nmembers = { S = [\"N\", \"E\"] }\n"+
		"[[plan.join]]\nname = \"all four\"\nmembers = { S = [\"all\"] }\n"), 0o644)
	out := t.TempDir()
	stdout, errOut, code := runArgs(t, "plan", path, "--quiet", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	staff := func(lambda float64) int {
		for c := 1; ; c++ {
			if lambda < float64(c)*24 && queue.MMcWait(lambda, 24, c) <= 20.0/1440 {
				return c
			}
		}
	}
	want := []string{"join,service,staff,verdict",
		"North and East,S," + strconv.Itoa(staff(38.4)) + ",decided,",
		"all four,S," + strconv.Itoa(staff(76.8)) + ",decided,"}
	files, _ := filepath.Glob(filepath.Join(out, "*", "join.csv"))
	if len(files) != 1 {
		t.Fatalf("join.csv: %v", files)
	}
	b, _ := os.ReadFile(files[0])
	lines := strings.Split(string(b), "\n")
	for i, w := range want {
		if i >= len(lines) || !strings.HasPrefix(lines[i], w) {
			t.Errorf("join.csv line %d: %q, want it to start with %q", i+1, lines[min(i, len(lines)-1)], w)
		}
	}
	for _, sub := range []string{"1-North-and-East", "2-all-four"} {
		if m, _ := filepath.Glob(filepath.Join(out, "*", sub, "plan.json")); len(m) != 1 {
			t.Errorf("no %s/plan.json", sub)
		}
	}
	if !strings.Contains(stdout, "offices joining: North and East") || !strings.Contains(stdout, "posts freed") {
		t.Errorf("output:\n%s", stdout)
	}
}
