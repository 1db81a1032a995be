package scenarios

import (
	"encoding"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Key paths: TOML keys as lists of parts, e.g. services.Wohngeld.learning.

// lineOf returns the line of src that defines path, or the line of the
// closest enclosing table or inline table that does; 1 if none does. It
// reads the file's statements (see statements).
func lineOf(src *source, path []string) int {
	best, bestLen := 1, 0
	inside := 0 // first line defining something below path
	for st := range statements(src) {
		n := commonPrefix(st.path, path)
		if n == len(st.path) && n > bestLen {
			best, bestLen = st.line, n
		}
		if n == len(path) && inside == 0 {
			inside = st.line
		}
	}
	if bestLen < len(path) && inside > 0 {
		return inside // path is a table defined by its keys or sub-tables
	}
	return best
}

// statement is a table header ([a.b], [[a.b]]) or a "key = value" line of
// a scenario file: its line, the full key path it defines, and for a key
// its value's text.
type statement struct {
	line  int
	path  toml.Key
	value string // "" for a header
}

// statements yields the statements of src line by line, as scenario files
// are written: a header or a key on a line of its own.
func statements(src *source) iter.Seq[statement] {
	return func(yield func(statement) bool) {
		var table []string
		for i, raw := range strings.Split(src.text, "\n") {
			line := strings.TrimSpace(raw)
			if line == "" || line[0] == '#' {
				continue
			}
			st := statement{line: i + 1}
			switch {
			case strings.HasPrefix(line, "[["):
				end := strings.Index(line, "]]")
				if end < 0 {
					continue
				}
				table = splitKey(line[2:end])
				st.path = table
			case line[0] == '[':
				end := strings.Index(line, "]")
				if end < 0 {
					continue
				}
				table = splitKey(line[1:end])
				st.path = table
			default:
				k, v, ok := strings.Cut(line, "=")
				if !ok {
					continue
				}
				st.path = append(append(toml.Key{}, table...), splitKey(k)...)
				st.value = strings.TrimSpace(v)
			}
			if !yield(st) {
				return
			}
		}
	}
}

// splitKey splits a dotted TOML key, honouring quotes.
func splitKey(s string) []string {
	var parts []string
	var cur strings.Builder
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		case c == ' ' || c == '\t':
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

func commonPrefix(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// unknownKey reports a key the scenario structure does not have: the first
// part of its path that is unknown, with a suggestion.
func unknownKey(src *source, k toml.Key) error {
	bad := len(k) - 1
	for i := range k {
		known := knownKeys(reflect.TypeFor[File](), k[:i])
		if known != nil && !slices.Contains(known, k[i]) {
			bad = i
			break
		}
	}
	known := knownKeys(reflect.TypeFor[File](), k[:bad])
	last := k[bad]
	msg := fmt.Sprintf("unknown key %q", last)
	if s := suggest(last, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	} else if len(known) > 0 {
		msg += fmt.Sprintf(" (known here: %s)", strings.Join(known, ", "))
	}
	return fmt.Errorf("%s:%d: %s: %s", src.name, lineOf(src, k), strings.Join(k[:bad+1], "."), msg)
}

// knownKeys lists the keys allowed under path in a value of type t.
func knownKeys(t reflect.Type, path []string) []string {
	// Arrays of tables add no part to a key path; a map's part is a free
	// name (a service, a case type, …).
	elem := func(t reflect.Type) reflect.Type {
		t = deref(t)
		for t.Kind() == reflect.Slice {
			t = deref(t.Elem())
		}
		return t
	}
	for _, p := range path {
		t = elem(t)
		switch t.Kind() {
		case reflect.Struct:
			f, ok := fieldByTag(t, p)
			if !ok {
				return nil
			}
			t = f.Type
		case reflect.Map:
			t = t.Elem()
		default:
			return nil
		}
	}
	t = elem(t)
	if t.Kind() != reflect.Struct {
		return nil // a map (any name) or a value
	}
	var keys []string
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func fieldByTag(t reflect.Type, tag string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if t.Field(i).Tag.Get("toml") == tag {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

// suggest returns the known key closest to k by edit distance, if it is
// close enough to be a likely typo.
func suggest(k string, known []string) string {
	best, bestD := "", 1<<30
	for _, c := range known {
		if d := editDistance(strings.ToLower(k), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= max(2, len(k)/3) {
		return best
	}
	return ""
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// overlay copies into dst every value that md says src's file defined:
// tables merge key by key, an empty table ({}) clears the table, anything
// else (values, arrays) is replaced. It copies every table of dst on its
// way to a key before changing it (copy on write), so a shallow copy of a
// File can be overlaid without changing the File it was copied from:
// sweep points and mechanisms patch the loaded scenario's File that way.
func overlay(dst, src *File, md toml.MetaData) {
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for _, k := range md.Keys() {
		overlayPath(d, s, k)
	}
}

func overlayPath(d, s reflect.Value, path []string) {
	switch s.Kind() {
	case reflect.Pointer:
		if s.IsNil() {
			return
		}
		if s.Elem().Kind() != reflect.Struct || s.Type().Implements(textUnmarshaler) {
			d.Set(s) // a value (number, duration, distribution, …)
			return
		}
		c := reflect.New(d.Type().Elem())
		if !d.IsNil() {
			c.Elem().Set(d.Elem())
		}
		d.Set(c)
		overlayPath(c.Elem(), s.Elem(), path)
	case reflect.Struct:
		if len(path) == 0 {
			return // the keys below it follow
		}
		f, ok := fieldByTag(s.Type(), path[0])
		if !ok {
			return
		}
		overlayPath(d.FieldByIndex(f.Index), s.FieldByIndex(f.Index), path[1:])
	case reflect.Map:
		if len(path) == 0 {
			if s.Len() == 0 && !s.IsNil() {
				d.Set(reflect.MakeMap(d.Type())) // an empty table clears the base's
			}
			return
		}
		if s.IsNil() {
			return
		}
		key := reflect.ValueOf(path[0])
		sv := s.MapIndex(key)
		if !sv.IsValid() {
			return
		}
		c := reflect.MakeMap(d.Type())
		for it := d.MapRange(); it.Next(); {
			c.SetMapIndex(it.Key(), it.Value())
		}
		d.Set(c)
		if sv.Kind() != reflect.Pointer {
			c.SetMapIndex(key, sv)
			return
		}
		dv := reflect.New(sv.Type()).Elem() // a settable copy of the entry
		if old := c.MapIndex(key); old.IsValid() && !old.IsNil() {
			dv.Set(old)
		} else {
			dv.Set(reflect.New(sv.Type().Elem()))
		}
		overlayPath(dv, sv, path[1:])
		c.SetMapIndex(key, dv)
	default:
		d.Set(s)
	}
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// inlineExtensions reports every table header or dotted key that adds to
// a table written inline (k = { … }). TOML 1.0 says an inline table is
// complete within its braces ("Inline tables are fully self-contained and
// define all keys and sub-tables within them"), but the TOML library
// accepts such additions, so a file that other TOML readers refuse would
// run here. It reads the text as lineOf does and reports only what md
// confirms: a table that is defined and a key inside it that is.
func inlineExtensions(src *source, md toml.MetaData) []error {
	defined := map[string]bool{}
	for _, k := range md.Keys() {
		defined[k.String()] = true
	}
	var inlines []statement
	var errs []error
	for st := range statements(src) {
		if !defined[st.path.String()] {
			continue
		}
		for _, in := range inlines {
			if len(st.path) > len(in.path) && commonPrefix(st.path, in.path) == len(in.path) {
				errs = append(errs, fmt.Errorf("%s:%d: %s: adds to the inline table %s of line %d; an inline table is complete within its braces (TOML 1.0): write %s inside them",
					src.name, st.line, st.path, in.path, in.line, st.path[len(in.path):]))
				break
			}
		}
		if strings.HasPrefix(st.value, "{") {
			inlines = append(inlines, st)
		}
	}
	return errs
}
