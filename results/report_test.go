package results

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// hostile is text from a scenario file that must reach the page as text.
const hostile = `<script>alert(1)</script> & co`

// renamedComparison returns a copy of c with the scenario, description,
// scenario text, the second arm and the first service renamed to contain
// hostile text; c's results are not changed.
func renamedComparison(c *Comparison) *Comparison {
	d := *c
	d.Scenario = "small " + hostile
	d.Description = "A description " + hostile
	d.ScenarioText = "name = \"small\"\n# " + hostile + "\n"
	d.Arms = slices.Clone(c.Arms)
	for a := range d.Arms {
		d.Arms[a].Results = slices.Clone(d.Arms[a].Results)
		for i, r := range d.Arms[a].Results {
			cp := *r
			cp.Services = slices.Clone(r.Services)
			cp.Services[0].Name = "W " + hostile
			d.Arms[a].Results[i] = &cp
		}
	}
	d.Arms[1].Name = "ZSA " + hostile
	return &d
}

func TestWriteReport(t *testing.T) {
	t.Parallel()
	c := renamedComparison(testComparison(t))
	var b bytes.Buffer
	if err := WriteReport(&b, c); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	figs, err := Figures(c)
	if err != nil {
		t.Fatal(err)
	}
	escaped := html.EscapeString(hostile) // &lt;script&gt;alert(1)&lt;/script&gt; &amp; co
	for _, want := range []string{
		"<!DOCTYPE html>", "<style>", "@media print",
		"status quo", "ZSA " + escaped, "W " + escaped, ">H<", // arms and services
		"small " + escaped, "A description " + escaped, "# " + escaped, // scenario name, description, text
		"seed 1", "version test", "3f2a9c0d5e6b", // seed, version, hash
		"3 replications", "95 % confidence interval", "paired",
		"What was compared", "Key results", "Scenario and run",
		"effort per case (min)", "lead time mean (d)", "(%)", // units
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if n := strings.Count(page, "<svg"); n != len(figs) {
		t.Errorf("report has %d <svg elements, want %d (one per plot)", n, len(figs))
	}
	if strings.Contains(page, "<?xml") {
		t.Error("report contains an XML prolog")
	}
	lower := strings.ToLower(page)
	for _, bad := range []string{
		"<script", "alert(1)</", " & co", // hostile text unescaped
		`src="http`, `href="http`, "<link", "url(", "@import", "<iframe", "<img", // external resources
	} {
		if strings.Contains(lower, strings.ToLower(bad)) {
			i := strings.Index(lower, strings.ToLower(bad))
			t.Errorf("report contains %q: …%s…", bad, page[max(0, i-60):min(len(page), i+60)])
		}
	}

	if m := regexp.MustCompile(`\b(NaN|[+-]?Inf)\b`).FindString(page); m != "" {
		t.Errorf("report shows an unformatted number %q", m)
	}

	// The same Comparison gives the same bytes.
	var again bytes.Buffer
	if err := WriteReport(&again, c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Errorf("two reports of the same comparison differ:\n%s", firstDiff(b.Bytes(), again.Bytes()))
	}
}

func TestReportHasTheTableNumbers(t *testing.T) {
	t.Parallel()
	// Every number cell of WriteTable is a cell of the report's summary.
	c := testComparison(t)
	var text, page bytes.Buffer
	if err := WriteTable(&text, c); err != nil {
		t.Fatal(err)
	}
	if err := WriteReport(&page, c); err != nil {
		t.Fatal(err)
	}
	cell := regexp.MustCompile(`[+−-]?[0-9][0-9.]* (± [0-9.]+|% \[[−0-9., ]+\])`)
	cells := cell.FindAllString(text.String(), -1)
	if len(cells) < 20 {
		t.Fatalf("found only %d cells in the text table", len(cells))
	}
	unescaped := html.UnescapeString(page.String()) // html/template writes + as &#43;
	for _, want := range cells {
		if !strings.Contains(unescaped, `class="num">`+want+`</td>`) {
			t.Errorf("report lacks the table cell %q", want)
		}
	}
}

func TestWriteReportOneReplication(t *testing.T) {
	t.Parallel()
	c, err := runComparison(1)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteReport(&b, c); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"1 replication", "single replication"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if err := WriteReport(&b, &Comparison{}); !errors.Is(err, ErrNoArms) {
		t.Errorf("WriteReport(no arms) = %v, want %v", err, ErrNoArms)
	}
	one := &Comparison{Scenario: "one arm", Arms: c.Arms[:1]}
	b.Reset()
	if err := WriteReport(&b, one); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "only one arm") {
		t.Error("single-arm report does not say there is nothing to compare")
	}
}

func TestWriteAllWritesReportAndPlots(t *testing.T) {
	t.Parallel()
	c := testComparison(t)
	dir := t.TempDir()
	if err := WriteAll(dir, c); err != nil {
		t.Fatal(err)
	}
	names := dirNames(t, dir)
	plots, err := WritePlots(t.TempDir(), c)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range append([]string{ReportFile, SummaryFile, ReplicationsFile}, plots...) {
		if !slices.Contains(names, want) {
			t.Errorf("WriteAll did not write %s", want)
		}
	}
	for _, n := range names {
		if strings.HasPrefix(n, ".") {
			t.Errorf("temporary file %s left behind", n)
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := WriteReport(&want, c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("report.html differs from WriteReport's output")
	}
}

func TestReportTextHelpers(t *testing.T) {
	t.Parallel()
	for i, tc := range []struct {
		ws   []string
		want string
	}{
		{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a and b"}, {[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := join(tc.ws); got != tc.want {
			t.Errorf("case %d: join(%q) = %q, want %q", i, tc.ws, got, tc.want)
		}
	}
	if got := plural(1, "case", "cases") + ", " + plural(2, "case", "cases"); got != "1 case, 2 cases" {
		t.Errorf("plural: %q", got)
	}
}

// TestReportHeadlineStatesTheFinding: the report's title is the first
// arm's change of the mean lead time per service with its interval, as
// the summary has it; the comparison's name follows beneath.
func TestReportHeadlineStatesTheFinding(t *testing.T) {
	t.Parallel()
	c := testComparison(t)
	s, err := Summarize(c)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteReport(&b, c); err != nil {
		t.Fatal(err)
	}
	p := s.Services[0].Offices[0].Arms[1].Metrics[mLeadDays].Paired
	// The sentence for a change whose interval lies below, above or
	// around 0.
	clause := "shows no clear change, " + formatChange(p.Rel, p.RelLo, p.RelHi)
	switch {
	case p.RelHi < 0:
		clause = fmt.Sprintf("falls by %.1f %% [%.1f, %.1f]", -100*p.Rel, -100*p.RelHi, -100*p.RelLo)
	case p.RelLo > 0:
		clause = fmt.Sprintf("rises by %.1f %% [%.1f, %.1f]", 100*p.Rel, 100*p.RelLo, 100*p.RelHi)
	}
	want := "With " + s.Arms[1] + ", the mean lead time for " + s.Services[0].Service + " " + clause + " (all offices)" // then the other services
	if !strings.Contains(b.String(), "<h1>"+html.EscapeString(want)) {
		t.Errorf("report title is not %q", want)
	}
	if !strings.Contains(b.String(), `<p class="subtitle">Scenario`) {
		t.Error("no subtitle naming the comparison")
	}
}

// TestReportShowsWhatMakesUpTheChange: with a decomposition, the report has
// the section with a table per service and metric (the decomposition
// page's), its charts, and under the key numbers the largest parts of the
// lead time's change by their Shapley values, computed here from the rows.
func TestReportShowsWhatMakesUpTheChange(t *testing.T) {
	t.Parallel()
	c := *testComparison(t)
	c.Decomposition = testDecomposition(t)
	var b strings.Builder
	if err := WriteReport(&b, &c); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if !strings.Contains(page, `<section id="mechanisms">`) || !strings.Contains(page, "What makes up the change") {
		t.Fatal("no section on what makes up the change")
	}
	for _, svc := range decompositionServices(c.Decomposition) {
		rows := decompositionRows(c.Decomposition, svc, MetricLeadDays)
		var total float64
		best, bestV := "", 0.0
		for _, r := range rows {
			switch {
			case r.Mechanism == MechanismTotal:
				total = r.Shapley
			case math.Abs(r.Shapley) > math.Abs(bestV):
				best, bestV = r.Mechanism, r.Shapley
			}
		}
		if best == MechanismNone {
			best = "none of them"
		}
		want := html.EscapeString(svc + ", mean lead time " + formatChange(total, math.NaN(), math.NaN()) + " with " +
			c.Decomposition.Arm + "; the largest parts: " + best + " " + formatChange(bestV, math.NaN(), math.NaN()))
		if !strings.Contains(page, want) {
			t.Errorf("the key numbers lack %q", want)
		}
	}
	if n := strings.Count(page, "what makes up the change in"); n < 4 {
		t.Errorf("%d tables and charts of the decomposition, want at least 4", n)
	}
}
