package results

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Table is a text table: a header row and rows of cells, printed with
// aligned columns. Cells that look like numbers are right-aligned, all
// others left-aligned; a header aligns like its column. Put units in the header: "wait (h)".
type Table struct {
	Header []string
	Rows   [][]string
}

// AddRow appends a row of cells, formatting each with fmt.Sprint.
func (t *Table) AddRow(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = fmt.Sprint(c)
	}
	t.Rows = append(t.Rows, row)
}

// WriteTo writes the table to w, columns separated by two spaces and the
// header underlined. It returns the number of bytes written.
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	width := make([]int, cols)
	numeric := make([]bool, cols)
	for i := range numeric {
		numeric[i] = len(t.Rows) > 0
	}
	measure := func(r []string, body bool) {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
			if body && c != "" && !looksNumeric(c) {
				numeric[i] = false
			}
		}
	}
	measure(t.Header, false)
	for _, r := range t.Rows {
		measure(r, true)
	}
	var b strings.Builder
	line := func(r []string) {
		var l strings.Builder
		for i := range cols {
			c := ""
			if i < len(r) {
				c = r[i]
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				l.WriteString("  ")
			}
			if numeric[i] {
				l.WriteString(pad + c)
			} else {
				l.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	if len(t.Header) > 0 {
		line(t.Header)
		rule := make([]string, cols)
		for i := range rule {
			rule[i] = strings.Repeat("-", width[i])
		}
		line(rule)
	}
	for _, r := range t.Rows {
		line(r)
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// looksNumeric reports whether a cell reads as a number, possibly with a
// sign, a ± half-width, a percent sign or a trailing unit-free suffix.
func looksNumeric(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+-−.,eE %±()[]", r):
		default:
			return false
		}
	}
	return digits > 0
}
