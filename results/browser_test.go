package results

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// findChromium returns the Chromium binary: $CHROMIUM, or chromium or
// chromium-browser on PATH; "" if there is none.
func findChromium() string {
	if c := os.Getenv("CHROMIUM"); c != "" {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// runChromium runs headless Chromium on url with the extra arguments and
// returns its standard output and standard error. It may be called from
// any goroutine.
func runChromium(t *testing.T, bin, url string, args ...string) (stdout, stderr []byte, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	all := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0",
	}, args...)
	cmd := exec.CommandContext(ctx, bin, append(all, url)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = 5 * time.Second // helper processes may hold the pipes
	if err := cmd.Run(); err != nil {
		return nil, nil, fmt.Errorf("%s %s: %w\n%s", bin, strings.Join(args, " "), err, errb.Bytes())
	}
	return out.Bytes(), errb.Bytes(), nil
}

// pageErrors returns the lines of Chromium's log that report a problem of
// the page: console messages and uncaught errors, or lines naming the
// report file. Chromium logs much unrelated noise (D-Bus, GPU, …), which
// is ignored.
func pageErrors(log []byte, report string) []string {
	var bad []string
	sc := bufio.NewScanner(bytes.NewReader(log))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if strings.Contains(l, "CONSOLE") || strings.Contains(l, "Uncaught") ||
			strings.Contains(l, filepath.Base(report)) && !strings.Contains(l, "bytes written to file") {
			bad = append(bad, l)
		}
	}
	return bad
}

func TestReportInChromium(t *testing.T) {
	t.Parallel()
	bin := findChromium()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium found (chromium, chromium-browser or $CHROMIUM): " +
				".ci/run must install the Debian package chromium (apt-get install -y chromium)")
		}
		t.Skip("no Chromium found (chromium, chromium-browser or $CHROMIUM)")
	}
	c := renamedComparison(testComparison(t))
	dir := t.TempDir()
	report := filepath.Join(dir, ReportFile)
	if err := WriteFileAtomic(report, func(w io.Writer) error { return WriteReport(w, c) }); err != nil {
		t.Fatal(err)
	}
	figs, err := Figures(c)
	if err != nil {
		t.Fatal(err)
	}
	url := "file://" + report

	// The screenshot and the DOM, concurrently: each Chromium takes a few
	// seconds to start.
	shot := filepath.Join(dir, "shot.png")
	type result struct {
		stdout, stderr []byte
		err            error
	}
	dom := make(chan result, 1)
	go func() {
		var r result
		r.stdout, r.stderr, r.err = runChromium(t, bin, url, "--dump-dom")
		dom <- r
	}()
	_, shotLog, shotErr := runChromium(t, bin, url, "--screenshot="+shot, "--window-size=1280,2000")
	r := <-dom
	if err := errors.Join(shotErr, r.err); err != nil {
		t.Fatal(err)
	}

	for _, l := range append(pageErrors(shotLog, report), pageErrors(r.stderr, report)...) {
		t.Errorf("Chromium reports a problem of the page: %s", l)
	}

	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	checkPNG(t, "screenshot", b, 1280, 2000)

	// The DOM holds every plot as an <svg> of positive size, and the
	// hostile text as text.
	page := string(r.stdout)
	svgs := regexp.MustCompile(`<svg[^>]*>`).FindAllString(page, -1)
	if len(svgs) != len(figs) {
		t.Errorf("DOM has %d <svg> elements, want %d", len(svgs), len(figs))
	}
	size := regexp.MustCompile(`\b(width|height)="([0-9.]+)pt"`)
	for i, s := range svgs {
		m := size.FindAllStringSubmatch(s, -1)
		if len(m) != 2 {
			t.Errorf("svg %d: %d of width and height found in %s", i, len(m), s)
			continue
		}
		for _, wh := range m {
			if v, err := strconv.ParseFloat(wh[2], 64); err != nil || v <= 0 {
				t.Errorf("svg %d: %s=%q, want positive", i, wh[1], wh[2])
			}
		}
	}
	if strings.Contains(page, "<script") {
		t.Error("DOM contains a <script> element")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("DOM lacks the scenario's hostile text as text")
	}
}

func TestPageErrors(t *testing.T) {
	t.Parallel()
	// Lines as Chromium 156 logs them: noise, then a page's console
	// message and uncaught exception.
	log := `[1:1:1123/122831.394000:WARNING:ui/base/idle/idle_linux.cc:111] None of the known D-Bus ScreenSaver services could be used.
[1:1:1123/122547.457712:ERROR:dbus/bus.cc:405] Failed to connect to the bus
484219 bytes written to file /tmp/x/report.html.png
[1:1:1123/122832.390689:INFO:CONSOLE:1] "boom", source: file:///tmp/x/report.html (1)
[1:1:1123/122832.392478:INFO:CONSOLE:1] "Uncaught ReferenceError: f is not defined", source: file:///tmp/x/report.html (1)
[1:1:1123/122832.392478:ERROR:x.cc:1] Failed to load file:///tmp/x/report.html
`
	got := pageErrors([]byte(log), "/tmp/x/report.html")
	if len(got) != 3 {
		t.Errorf("pageErrors found %d lines, want 3: %q", len(got), got)
	}
}

// reportPages are the pages a reader opens, written from the test data:
// the run report in English and in German (and with a decomposition's
// section), the sweep page of a
// one-at-a-time sweep (in English and German) and of a grid sweep, and
// the decomposition page in English and German.
func reportPages(t *testing.T) map[string]string {
	t.Helper()
	pages := map[string]string{}
	for _, lang := range []Lang{English, German} {
		var b strings.Builder
		if err := WriteReport(&b, inLang(t, lang)); err != nil {
			t.Fatal(err)
		}
		pages["report-"+string(lang)] = b.String()
	}
	withDec := *inLang(t, German)
	withDec.Decomposition = testDecomposition(t)
	var rb strings.Builder
	if err := WriteReport(&rb, &withDec); err != nil {
		t.Fatal(err)
	}
	pages["report-mechanisms-de"] = rb.String()
	oatDE := oatSweep()
	oatDE.Lang = German
	for name, s := range map[string]*Sweep{"sweep-oat": oatSweep(), "sweep-grid": gridSweep(), "sweep-oat-de": oatDE} {
		var b strings.Builder
		if err := WriteSweepReport(&b, s); err != nil {
			t.Fatal(err)
		}
		pages[name] = b.String()
	}
	for _, lang := range []Lang{English, German} {
		d := *testDecomposition(t)
		d.Lang = lang
		var b strings.Builder
		if err := WriteDecompositionReport(&b, &d); err != nil {
			t.Fatal(err)
		}
		pages["decomposition-"+string(lang)] = b.String()
	}
	return pages
}

// TestReportPrintsEveryColumn prints every page of reportPages to PDF in
// headless Chromium, as a reader would, and checks with pdftotext (Debian
// poppler-utils) that every table column heading and the last cell of
// every row are in the printed text: no table is clipped at the page's
// edge or left out (collapsed sections print open).
func TestReportPrintsEveryColumn(t *testing.T) {
	t.Parallel()
	bin := findChromium()
	pdftotext, _ := exec.LookPath("pdftotext")
	if bin == "" || pdftotext == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium or pdftotext: .ci/run must install the Debian packages chromium and poppler-utils")
		}
		t.Skip("no Chromium or pdftotext")
	}
	for name, page := range reportPages(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			printsEveryColumn(t, bin, pdftotext, page)
		})
	}
}

// printsEveryColumn is TestReportPrintsEveryColumn for one page.
func printsEveryColumn(t *testing.T, bin, pdftotext, html0 string) {
	dir := t.TempDir()
	report := filepath.Join(dir, ReportFile)
	if err := os.WriteFile(report, []byte(html0), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "report.pdf")
	if _, _, err := runChromium(t, bin, "file://"+report, "--no-pdf-header-footer", "--print-to-pdf="+pdf); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	collapse := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	text := collapse(string(out))
	page, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	// Every column heading, word by word: a heading may wrap within its
	// cell, so its words need not be adjacent in the text.
	words := map[string]bool{}
	for _, w := range strings.Fields(text) {
		words[w] = true
	}
	tags := regexp.MustCompile(`<[^>]+>`)
	headings := regexp.MustCompile(`(?s)<th scope="col"[^>]*>(.*?)</th>`).FindAllStringSubmatch(string(page), -1)
	if len(headings) < 3 {
		t.Fatalf("only %d column headings in the page", len(headings))
	}
	for _, h := range headings {
		for _, w := range strings.Fields(html.UnescapeString(tags.ReplaceAllString(h[1], ""))) {
			if !words[w] {
				t.Errorf("column heading %q: %q is not in the printed report", h[1], w)
			}
		}
	}
	// The last cell of every row, whole: a clipped table loses its right
	// edge ("−39.6 % [−40.3, −").
	rows := regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`).FindAllStringSubmatch(string(page), -1)
	cell := regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	checked := 0
	for _, r := range rows {
		cells := cell.FindAllStringSubmatch(r[1], -1)
		if len(cells) == 0 {
			continue
		}
		last := collapse(html.UnescapeString(tags.ReplaceAllString(cells[len(cells)-1][1], "")))
		if last == "" {
			continue
		}
		checked++
		if !strings.Contains(text, last) {
			t.Errorf("the last cell %q of a row is not in the printed report", last)
		}
	}
	if checked < 3 {
		t.Errorf("only %d rows checked", checked)
	}
}

// overflowScript, added to a copy of a page, records in the <body>'s
// data-overflow attribute the elements whose right edge lies beyond the
// page's width, except inside a table wrapper that scrolls.
const overflowScript = `<script>
(function () {
  var width = document.documentElement.clientWidth, bad = [];
  document.querySelectorAll("body *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) return;
    var wrap = e.closest(".tablewrap");
    if (wrap && wrap !== e && getComputedStyle(wrap).overflowX !== "visible") return;
    bad.push(e.tagName + " " + (e.textContent || "").trim().slice(0, 50) + " (right edge " + Math.round(r.right) + " px)");
  });
  document.body.setAttribute("data-width", width);
  document.body.setAttribute("data-overflow", JSON.stringify(bad.slice(0, 10)));
})();
</script>`

// TestReportFitsThePage lays every page of reportPages out in headless
// Chromium, on a 1280-pixel screen and as printed on A4 (the print style
// applied to a window as wide as the printed page: 186 mm, 703 px), and
// checks in the DOM that no element reaches beyond the page's width:
// tables that do not fit scroll on screen and wrap in print.
func TestReportFitsThePage(t *testing.T) {
	t.Parallel()
	bin := findChromium()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium found: .ci/run must install the Debian package chromium")
		}
		t.Skip("no Chromium found (chromium, chromium-browser or $CHROMIUM)")
	}
	for name, page := range reportPages(t) {
		for _, media := range []struct {
			name  string
			width int
			page  string
		}{
			{"screen", 1280, page},
			{"print", 703, strings.ReplaceAll(page, "@media print {", "@media all {")},
		} {
			t.Run(name+"-"+media.name, func(t *testing.T) {
				t.Parallel()
				if !strings.Contains(media.page, "</body>") {
					t.Fatal("no </body>")
				}
				file := filepath.Join(t.TempDir(), ReportFile)
				if err := os.WriteFile(file, []byte(strings.Replace(media.page, "</body>", overflowScript+"</body>", 1)), 0o644); err != nil {
					t.Fatal(err)
				}
				out, _, err := runChromium(t, bin, "file://"+file, "--dump-dom", fmt.Sprintf("--window-size=%d,1000", media.width))
				if err != nil {
					t.Fatal(err)
				}
				m := regexp.MustCompile(`data-width="(\d+)" data-overflow="([^"]*)"`).FindStringSubmatch(string(out))
				if m == nil {
					t.Fatal("the overflow check did not run")
				}
				if w, _ := strconv.Atoi(m[1]); w < media.width-40 || w > media.width {
					t.Errorf("laid out %s px wide, want about %d", m[1], media.width)
				}
				if bad := html.UnescapeString(m[2]); bad != "[]" {
					t.Errorf("elements beyond the page's width: %s", bad)
				}
			})
		}
	}
}
