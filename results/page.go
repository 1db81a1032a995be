package results

import (
	"bytes"
	"embed"
	"html/template"
	"io"
	"strings"
	"sync"
)

type figureGroup struct {
	Heading string
	Figures []figureHTML
}

type figureHTML struct {
	ID, Title, Caption string
	SVG                template.HTML
}

type param struct{ Key, Value string }

// htmlTable is a table with an optional row of column groups above the
// header.
type htmlTable struct {
	Class   string // of the <table>
	Caption string
	Groups  []htmlCell // Span gives each group's width in columns
	Header  []htmlCell
	Rows    []htmlRow
}

type htmlRow struct {
	Class string
	Cells []htmlCell
}

type htmlCell struct {
	Text  string
	Title string // a tooltip
	Num   bool   // right-aligned, tabular figures
	Span  int
}

// The page templates and style sheets, embedded: report.html.tmpl defines
// "report", sweep.html.tmpl "sweep", and table.html.tmpl the "table" both
// use.
//
//go:embed templates
var templateFS embed.FS

// pages parses the page templates once.
var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(templateFS, "templates/*.html.tmpl"))
})

// styleSheet returns the style sheet of a page: the report's, then each of
// the extra sheets named (files in templates/), each after a newline.
func styleSheet(extra ...string) template.CSS {
	var b strings.Builder
	for _, name := range append([]string{"report.css"}, extra...) {
		css, err := templateFS.ReadFile("templates/" + name)
		if err != nil {
			panic("results: style sheet: " + err.Error()) // embedded: programmer error
		}
		b.WriteString("\n")
		b.Write(css)
	}
	return template.CSS(b.String())
}

// executePage writes the page template name filled with data to w.
func executePage(w io.Writer, name string, data any) error {
	var b bytes.Buffer
	if err := pages().ExecuteTemplate(&b, name, data); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// figureGroups embeds figs as inline SVG, grouped by their Group in order.
func figureGroups(figs []Figure) ([]figureGroup, error) {
	rendered, err := renderFigures(figs)
	if err != nil {
		return nil, err
	}
	return renderedGroups(rendered), nil
}

// renderedGroups embeds figures drawn already as inline SVG, grouped by
// their Group in order.
func renderedGroups(figs []renderedFigure) []figureGroup {
	var groups []figureGroup
	for _, f := range figs {
		svg := f.SVG
		if i := bytes.Index(svg, []byte("<svg")); i >= 0 {
			svg = svg[i:] // drop the XML prolog and comment
		}
		if n := len(groups); n == 0 || groups[n-1].Heading != f.Group {
			groups = append(groups, figureGroup{Heading: f.Group})
		}
		g := &groups[len(groups)-1]
		// The SVG comes from vgsvg, which escapes its text.
		g.Figures = append(g.Figures, figureHTML{ID: "fig-" + f.Name, Title: f.Title,
			Caption: f.Caption, SVG: template.HTML(svg)})
	}
	return groups
}

// htmlTableOf turns a text Table into an HTML table with the given class
// and caption; cells that read as numbers are right-aligned, the first
// column is the row's heading.
func htmlTableOf(t *Table, class, caption string) htmlTable {
	h := htmlTable{Class: class, Caption: caption}
	for _, c := range t.Header {
		h.Header = append(h.Header, htmlCell{Text: c})
	}
	for _, r := range t.Rows {
		var row htmlRow
		for _, c := range r {
			row.Cells = append(row.Cells, htmlCell{Text: c, Num: c != "" && looksNumeric(c)})
		}
		h.Rows = append(h.Rows, row)
	}
	return h
}
