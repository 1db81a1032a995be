package scenarios

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Param is a swept parameter: a key path and the values it takes.
type Param struct {
	Path   string
	Values []any
	// Order lists the dotted keys below Path that table values set, in
	// the order the file writes them (e.g. a case mix's types as the
	// scenario lists them): how Short orders them.
	Order []string
}

// Points returns the sweep's points, one value per parameter: in a grid
// every combination, the last parameter varying fastest; one at a time,
// each parameter's values in turn with nil (the scenario's own value) for
// the others. Nil if there is no sweep.
func (sc *Scenario) Points() [][]any {
	if len(sc.Sweep) == 0 {
		return nil
	}
	if sc.SweepMode == OneAtATime {
		var points [][]any
		for i, p := range sc.Sweep {
			for _, v := range p.Values {
				pt := make([]any, len(sc.Sweep))
				pt[i] = v
				points = append(points, pt)
			}
		}
		return points
	}
	points := [][]any{{}}
	for _, p := range sc.Sweep {
		var next [][]any
		for _, pt := range points {
			for _, v := range p.Values {
				next = append(next, append(append([]any{}, pt...), v))
			}
		}
		points = next
	}
	return points
}

// maxCheckedGrid is the largest grid whose every point Load builds to
// check it (about 10 ms each). A larger grid is checked one value at a
// time: every value of every parameter with the others at the scenario's
// own values, which finds every bad key and every value that is wrong on
// its own, but not two values that are only wrong together.
const maxCheckedGrid = 1_000

// checkedPoints returns the points Load checks: all of them, or for a
// grid of more than maxCheckedGrid points each parameter's values one at
// a time.
func (sc *Scenario) checkedPoints() [][]any {
	if n, _ := sc.sweepSize(); sc.SweepMode == OneAtATime || n <= maxCheckedGrid {
		return sc.Points()
	}
	oneAtATime := *sc
	oneAtATime.SweepMode = OneAtATime
	return oneAtATime.Points()
}

// Sweep modes.
const (
	Grid       = "grid"
	OneAtATime = "one-at-a-time"
)

// FormatValue writes a sweep or patch value as TOML ("" for nil, the
// scenario's own value at a one-at-a-time point).
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case map[string]any:
		if len(x) == 0 {
			return "{}"
		}
		var parts []string
		for _, k := range sortedKeys(x) {
			parts = append(parts, strconv.Quote(k)+" = "+FormatValue(x[k]))
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	case []any:
		var parts []string
		for _, e := range x {
			parts = append(parts, FormatValue(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case string:
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// ValueLabel writes a sweep value for tables, charts and CSV cells: a
// scalar as in TOML without quotes, a table as its flattened keys, e.g.
// "Erstantrag.share = 0.3, Weiterleistung.share = 0.7" ("" for nil).
func ValueLabel(v any) string {
	x, ok := v.(map[string]any)
	if !ok || len(x) == 0 {
		return strings.Trim(FormatValue(v), `"`)
	}
	var keys, vals, parts []string
	leaves("", x, &keys, &vals)
	for i := range keys {
		parts = append(parts, keys[i]+" = "+vals[i])
	}
	return strings.Join(parts, ", ")
}

// leaves flattens a table value into its dotted keys and scalar values,
// in key order.
func leaves(prefix string, m map[string]any, keys, vals *[]string) {
	for _, k := range sortedKeys(m) {
		if sub, ok := m[k].(map[string]any); ok && len(sub) > 0 {
			leaves(prefix+k+".", sub, keys, vals)
			continue
		}
		*keys = append(*keys, prefix+k)
		*vals = append(*vals, strings.Trim(FormatValue(m[k]), `"`))
	}
}

// Short returns a compact name and value labels for charts: the path and
// ValueLabel of each value, except that a parameter whose values are all
// tables setting the same keys is named by those keys and its values by
// theirs, e.g. "services.Wohngeld.types: Erstantrag.share / Weiterleistung.share"
// with values "0.3 / 0.7". Short(v) maps ValueLabel(v) to the compact label.
func (p Param) Short() (name string, short map[string]string) {
	short = map[string]string{}
	var first []string
	for i, v := range p.Values {
		m, ok := v.(map[string]any)
		var keys, vals []string
		if ok {
			leaves("", m, &keys, &vals)
		}
		if !ok || len(keys) == 0 || i > 0 && !slices.Equal(keys, first) {
			clear(short)
			for _, v := range p.Values {
				short[ValueLabel(v)] = ValueLabel(v)
			}
			return p.Path, short
		}
		first = keys
		short[ValueLabel(v)] = strings.Join(p.ordered(keys, vals), " / ")
	}
	return p.Path + ": " + strings.Join(p.ordered(first, first), " / "), short
}

// ordered returns vals, which belong to keys, in the order of p.Order;
// keys Order lacks keep their place after those it has.
func (p Param) ordered(keys, vals []string) []string {
	rank := func(k string) int {
		if i := slices.Index(p.Order, k); i >= 0 {
			return i
		}
		return len(p.Order)
	}
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return rank(keys[a]) - rank(keys[b]) })
	out := make([]string, len(vals))
	for i, j := range idx {
		out[i] = vals[j]
	}
	return out
}

// At returns the scenario at a sweep point: the scenario with each swept
// key set to the point's value, built and validated afresh from the
// loaded scenario, without reading any file again. Its Sweep is empty.
func (sc *Scenario) At(point []any) (*Scenario, error) {
	if len(point) != len(sc.Sweep) {
		return nil, fmt.Errorf("sweep point has %d values for %d parameters", len(point), len(sc.Sweep))
	}
	var text strings.Builder
	for i, p := range sc.Sweep {
		if point[i] != nil {
			fmt.Fprintf(&text, "%s = %s\n", p.Path, FormatValue(point[i]))
		}
	}
	return sc.patched("sweep point", text.String())
}

// Setting is a value for a key path of the scenario format.
type Setting struct {
	Key   string
	Value any
}

// With returns the scenario with each key set to its value, built and
// validated afresh from the loaded scenario, without reading any file
// again (as At): what zsa calibrate tries. Its Sweep is empty.
func (sc *Scenario) With(settings ...Setting) (*Scenario, error) {
	var text strings.Builder
	for _, s := range settings {
		fmt.Fprintf(&text, "%s = %s\n", s.Key, FormatValue(s.Value))
	}
	return sc.patched("settings", text.String())
}

// Without returns the scenario with the named mechanisms of its
// decomposition switched off (their patches applied), built and validated
// afresh from the loaded scenario, without reading any file again.
func (sc *Scenario) Without(mechanisms ...string) (*Scenario, error) {
	var text strings.Builder
	for _, m := range mechanisms {
		patch, ok := sc.decomposition.Off[m]
		if !ok {
			return nil, fmt.Errorf("no mechanism %q in the decomposition (mechanisms: %s)", m, strings.Join(sc.Mechanisms, ", "))
		}
		for _, k := range sortedKeys(patch) {
			fmt.Fprintf(&text, "%s = %s\n", k, FormatValue(patch[k]))
		}
	}
	return sc.patched("mechanisms off: "+strings.Join(mechanisms, ", "), text.String())
}

// patched builds the scenario with text (TOML) overlaid on a copy of its
// merged file, the data tables as loaded: a pure function of the loaded
// scenario. The text is a source of its own, first among the scenario's
// sources (Text, Hash).
func (sc *Scenario) patched(name, text string) (*Scenario, error) {
	src := &source{name: name, text: text}
	var f File
	md, err := toml.Decode(src.text, &f)
	if err != nil {
		return nil, decodeError(src, err)
	}
	var errs []error
	for _, k := range md.Undecoded() {
		errs = append(errs, unknownKey(src, k))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if f.Data != nil && (f.Data.Communes != nil || f.Data.Administrations != nil) {
		return nil, errors.New("data: the data tables are read when the scenario is loaded; a sweep point or a mechanism cannot name others (data.only can change)")
	}
	src.md = md
	l := &loaded{file: sc.loaded.file, sources: append([]*source{src}, sc.loaded.sources...)}
	overlay(&l.file, &f, md) // copies what it changes: sc's file stays as it is
	l.file.Sweep = nil
	l.file.Decomposition = nil
	return build(l)
}
