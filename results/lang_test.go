package results

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// englishKeys collects every English text the report code hands to a
// translator: the literal first argument of t.s and t.f, the words of
// t.plural, the fixed texts of the page templates ({{$.Text "…"}}), and
// the texts chosen at run time from fixed sets (metric descriptions,
// verdicts, figure groups, parts of the lead time).
func englishKeys(t *testing.T) []string {
	t.Helper()
	keys := map[string]bool{}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			var args []ast.Expr
			switch {
			case ok && (sel.Sel.Name == "s" || sel.Sel.Name == "f") && len(call.Args) > 0:
				args = call.Args[:1]
			case ok && sel.Sel.Name == "plural" && len(call.Args) == 3:
				args = call.Args[1:]
			case !ok:
				// part("in queues", m) in leadParts;
				// tracePlot(c, service, title, yLabel, scale, empty, …).
				if id, isID := call.Fun.(*ast.Ident); isID && id.Name == "part" && len(call.Args) == 2 {
					args = call.Args[:1]
				} else if isID && id.Name == "tracePlot" && len(call.Args) == 8 {
					args = []ast.Expr{call.Args[2], call.Args[3], call.Args[5]}
				}
			}
			for _, a := range args {
				if s, ok := literal(a); ok {
					keys[s] = true
				}
			}
			return true
		})
	}
	tmpls, err := filepath.Glob(filepath.Join("templates", "*.tmpl"))
	if err != nil || len(tmpls) == 0 {
		t.Fatalf("templates: %v", err)
	}
	for _, name := range tmpls {
		tmpl, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`\$\.Text "([^"]*)"`).FindAllStringSubmatch(string(tmpl), -1) {
			keys[m[1]] = true
		}
	}
	// The labels of scenario keys, units of duration axes, sweep modes and
	// the levels' metrics.
	for _, labels := range []map[string]string{zsaLabels, delegationLabels, learningLabels, serviceLabels, staffingLabels} {
		for _, l := range labels {
			keys[l] = true
		}
	}
	for _, u := range durationUnits() {
		keys[u.long] = true
	}
	for _, m := range absoluteMetrics() {
		keys[m.metric.label], keys[m.metric.what], keys[m.view.unit], keys[m.metric.group] = true, true, true, true
	}
	keys[sweepGrid], keys[sweepOneAtATime] = true, true
	for _, m := range monthNames {
		keys[m] = true
	}
	for _, m := range Metrics() {
		keys[strings.ReplaceAll(m.Doc, " (0 to 1)", "")] = true
		keys[m.Doc] = true
	}
	for _, k := range []string{Meets, Fails, Undecided, "pass", "miss", TotalOffice, "members",
		groupEffort, groupLead, groupBacklog, groupLearning, groupUtilisation, groupGains, groupMonthly, groupPlan, groupWithin,
		bandName(2), bandName(20)} {
		keys[k] = true
	}
	// A plan's targets name any metric: its label and description in the
	// plan's charts.
	for _, x := range Metrics() {
		m := metricInfo(x.Name)
		keys[m.label], keys[m.what] = true, true
	}
	out := make([]string, 0, len(keys))
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// literal returns the value of a string literal, or of a sum of them.
func literal(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, ok1 := literal(e.X)
		b, ok2 := literal(e.Y)
		return a + b, ok1 && ok2 && e.Op == token.ADD
	case *ast.ParenExpr:
		return literal(e.X)
	}
	return "", false
}

func TestGermanCatalogueIsComplete(t *testing.T) {
	var missing []string
	for _, k := range englishKeys(t) {
		if _, ok := catalogDE[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d English texts of the report have no German entry in catalogDE:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

func TestGermanFormatsTakeTheSameArguments(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d+\])?[-+#0]*[0-9]*(\.[0-9]+)?[sdvfgq%]`)
	count := func(s string) map[string]int {
		n := map[string]int{}
		for _, v := range verbs.FindAllString(s, -1) {
			v = regexp.MustCompile(`\[\d+\]`).ReplaceAllString(v, "")
			if v != "%%" { // a percent sign, not an argument
				n[v]++
			}
		}
		return n
	}
	for en, de := range catalogDE {
		a, b := count(en), count(de)
		if len(a) != len(b) {
			t.Errorf("%q → %q: verbs %v, German %v", en, de, a, b)
			continue
		}
		for v, n := range a {
			if b[v] != n {
				t.Errorf("%q → %q: verbs %v, German %v", en, de, a, b)
				break
			}
		}
	}
}

func TestNumbersInGerman(t *testing.T) {
	de := newTranslator(German)
	for _, c := range []struct{ in, want string }{
		{"−38.2 % [−40.1, −36.3]", "−38,2 % [−40,1; −36,3]"},
		{"11,700 cases", "11.700 cases"},
		{"7.41 ± 0.26", "7,41 ± 0,26"},
		{"1,234,567.5", "1.234.567,5"},
		{"2026-03-29 at 07:30, seed 42", "2026-03-29 at 07:30, seed 42"},
		{"lead time p90 (d)", "lead time p90 (d)"},
		{"a, b and 3", "a, b and 3"},
	} {
		if got := de.num(c.in); got != c.want {
			t.Errorf("num(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := newTranslator(English).num("7.41"); got != "7.41" {
		t.Errorf("English num changed %q", got)
	}
}

// TestGermanReportAsksForNoMissingText: writing a German report asks the
// catalogue for nothing it lacks, the texts chosen at run time included
// (metric descriptions, verdicts).
func TestGermanReportAsksForNoMissingText(t *testing.T) {
	c := inLang(t, German)
	var b strings.Builder
	tr, err := writeReport(&b, c)
	if err != nil {
		t.Fatal(err)
	}
	if m := tr.Missing(); len(m) > 0 {
		t.Errorf("texts without a German entry: %q", m)
	}
	for _, want := range []string{`<html lang="de">`, "Wichtigste Ergebnisse", "Durchlaufzeit"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the German report lacks %q", want)
		}
	}
}

// inLang returns a copy of the shared test comparison whose report is in
// lang (the shared one stays as it is for the tests that run beside).
func inLang(t *testing.T, lang Lang) *Comparison {
	c := *testComparison(t)
	c.Lang = lang
	return &c
}

// TestGermanCatalogueWritesNumbersInEnglish: the German texts write their
// numbers as English does ("1,000"), because the finished page is
// localised once (translator.num); "1.000" would come out as "1,000".
func TestGermanCatalogueWritesNumbersInEnglish(t *testing.T) {
	for en, de := range catalogDE {
		if regexp.MustCompile(`[0-9]\.[0-9]{3}\b`).MatchString(de) {
			t.Errorf("%q → %q: write the number as English does", en, de)
		}
	}
}
