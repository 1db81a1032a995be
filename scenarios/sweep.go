package scenarios

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Param is a swept parameter: a key path and the values it takes.
type Param struct {
	Path   string
	Values []any
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

// Sweep modes.
const (
	Grid       = "grid"
	OneAtATime = "one-at-a-time"
)

// FormatValue writes a sweep value as TOML ("" for nil, the scenario's own
// value at a one-at-a-time point).
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
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

// At returns the scenario at a sweep point: the scenario with each swept
// key set to the point's value, loaded and validated afresh. Its Sweep is
// empty.
func (sc *Scenario) At(point []any) (*Scenario, error) {
	if len(point) != len(sc.Sweep) {
		return nil, fmt.Errorf("sweep point has %d values for %d parameters", len(point), len(sc.Sweep))
	}
	l, err := open(sc.name, nil)
	if err != nil {
		return nil, err
	}
	var text strings.Builder
	for i, p := range sc.Sweep {
		if point[i] != nil {
			fmt.Fprintf(&text, "%s = %s\n", p.Path, FormatValue(point[i]))
		}
	}
	src := &source{name: "sweep point", text: text.String()}
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
	src.md = md
	overlay(&l.file, &f, md)
	l.file.Sweep = nil
	l.sources = append([]*source{src}, l.sources...)
	return build(l)
}
