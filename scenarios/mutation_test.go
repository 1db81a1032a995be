package scenarios

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hostileValues are values a hostile or careless file puts where a number,
// duration, distribution or name belongs.
var hostileValues = []string{
	"0", "-1", "1e308", "-1e308", "nan", "inf", "-inf", "1e-320", `""`, `"x"`, "true", "[]", "{}", "[1,2]",
	`"-5min"`, `"0min"`, `"1e9d"`, `"9999999h"`, `"-0d"`, `"1.5d"`, "99999999999", "0.0000001", "1.5",
	`"lognormal(median=0min, p90=0min)"`, `"gamma(mean=-1h, cv=0.5)"`, `"exp(mean=0min)"`,
	`"tri(min=5min, mode=1min, max=3min)"`, `"empirical(0:5min, 0.5:1min, 1:60min)"`,
	`"lognormal(median=1min, p90=0.5min)"`, `"2026-13-45"`, `"💥"`, `"a\u0000b"`, `"../../../etc/passwd"`,
	`"/dev/zero"`, `"%s%n"`,
}

// TestMutatedScenariosFailCleanly changes one to eight lines of the
// bundled scenarios at random (a value replaced by a hostile one, a line
// deleted, repeated or cut; fixed seed) and loads each: a problem must be
// an error whose every line names the file and line ("file:line: key:
// message"), never a panic. This is how a learning reference of -1e308
// was found to panic in the staffing rule.
func TestMutatedScenariosFailCleanly(t *testing.T) {
	t.Parallel()
	n := 600
	if testing.Short() {
		n = 60
	}
	keyLine := regexp.MustCompile(`^\s*([\w."-]+\s*=\s*)`)
	located := regexp.MustCompile(`^(bundled:)?[^\s:]+(\.toml|\.csv):\d+: `)
	rng := rand.New(rand.NewPCG(2026, 12))
	names := []string{"teaching", "pilot-2025", "sachsen-anhalt", "rollout"}
	texts := map[string][]string{}
	for _, name := range names {
		text, err := Text(name)
		if err != nil {
			t.Fatal(err)
		}
		texts[name] = strings.Split(text, "\n")
	}
	dir := t.TempDir()
	failed := 0
	for i := range n {
		lines := append([]string(nil), texts[names[rng.IntN(len(names))]]...)
		for range 1 + rng.IntN(8) {
			k := rng.IntN(len(lines))
			switch op := rng.Float64(); {
			case op < 0.7:
				if m := keyLine.FindString(lines[k]); m != "" {
					lines[k] = m + hostileValues[rng.IntN(len(hostileValues))]
				}
			case op < 0.8:
				lines = append(lines[:k], lines[k+1:]...)
			case op < 0.9:
				lines = append(lines[:k], append([]string{lines[rng.IntN(len(lines))]}, lines[k:]...)...)
			default:
				lines[k] = lines[k][:rng.IntN(len(lines[k])+1)]
			}
		}
		file := filepath.Join(dir, "m.toml")
		text := strings.Join(lines, "\n")
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("mutation %d panics: %v\n%s", i, r, text)
				}
			}()
			_, err := Load(file)
			if err == nil {
				return
			}
			failed++
			for _, l := range strings.Split(err.Error(), "\n") {
				if !located.MatchString(l) {
					t.Errorf("mutation %d: a message without file:line: %q", i, l)
				}
			}
		}()
	}
	if failed < n/2 {
		t.Errorf("only %d of %d mutations failed to load: the mutations are too gentle to test anything", failed, n)
	}
}
