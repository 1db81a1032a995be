package scenarios

import (
	"slices"
	"strconv"
	"strings"
)

// sweep reads the sweep, if the scenario declares one: its mode (grid by
// default, or one-at-a-time) and the parameters in key order, each with
// at least one value, every value a number, string, boolean or table.
// Whether each point loads is Load's check.
func (b *builder) sweep() {
	sw := b.f.Sweep
	if sw == nil {
		return
	}
	switch sw.Mode {
	case "", Grid:
		b.sc.SweepMode = Grid
	case OneAtATime:
		b.sc.SweepMode = OneAtATime
	default:
		b.err(p("sweep", "mode"), "%q: must be one of (%s|%s)", sw.Mode, Grid, OneAtATime)
	}
	if len(sw.Params) == 0 {
		b.err(p("sweep", "params"), "no parameter to sweep")
	}
	for _, path := range sortedKeys(sw.Params) {
		vals := sw.Params[path]
		if len(vals) == 0 {
			b.err(p("sweep", "params"), "%s: no values", path)
		}
		for _, v := range vals {
			switch v.(type) {
			case int64, float64, string, bool:
			case map[string]any: // several keys below path set together
			default:
				b.err(p("sweep", "params"), "%s: value %v: want numbers, strings, booleans or tables", path, v)
			}
		}
		b.sc.Sweep = append(b.sc.Sweep, Param{Path: path, Values: vals, Order: b.keyOrder([]string{"sweep", "params", path})})
	}
	if n, sizes := b.sc.sweepSize(); n > maxSweepPoints {
		b.err(p("sweep", "params"), "%s = %.3g points: at most %d (every point is one or more runs of every arm)",
			sizes, n, maxSweepPoints)
	}
}

// maxSweepPoints bounds a sweep: at about 0.1 s per point and replication
// for a small scenario, 100,000 points are days of runs; more (a grid of
// four parameters with 100 values each has 10⁸) only exhaust the memory
// that lists them.
const maxSweepPoints = 100_000

// sweepSize returns the number of the sweep's points, as a float64 that
// cannot overflow, and how it comes about ("4 × 3 × 3", "4 + 3 + 3").
func (sc *Scenario) sweepSize() (float64, string) {
	n, op := 1.0, " × "
	if sc.SweepMode == OneAtATime {
		n, op = 0, " + "
	}
	var sizes []string
	for _, p := range sc.Sweep {
		if sc.SweepMode == OneAtATime {
			n += float64(len(p.Values))
		} else {
			n *= float64(len(p.Values))
		}
		sizes = append(sizes, strconv.Itoa(len(p.Values)))
	}
	return n, strings.Join(sizes, op)
}

// decomposition reads the decomposition, if the scenario declares one:
// the arm it explains, which must be one, and its mechanisms (one to
// eight), in the given order, which must list each once, or by name.
// Whether each mechanism's patch applies is Load's check.
func (b *builder) decomposition() {
	d := b.f.Decomposition
	if d == nil {
		return
	}
	sc := b.sc
	sc.decomposition = d
	arms := sortedKeys(b.f.Arms)
	idx := slices.Index(arms, d.Arm)
	if idx < 0 {
		b.err(p("decomposition", "arm"), "%q is not an arm (arms: %s)", d.Arm, strings.Join(arms, ", "))
	}
	sc.DecomposedArm = idx + 1 // after the status quo
	if len(d.Off) == 0 {
		b.err(p("decomposition", "off"), "no mechanism")
	}
	sc.Mechanisms = sortedKeys(d.Off)
	if len(d.Order) > 0 {
		if !slices.Equal(slices.Sorted(slices.Values(d.Order)), sc.Mechanisms) {
			b.err(p("decomposition", "order"), "must list each mechanism of decomposition.off once (%s)", strings.Join(sc.Mechanisms, ", "))
		}
		sc.Mechanisms = d.Order
	}
	if len(d.Off) > 8 {
		b.err(p("decomposition", "off"), "%d mechanisms: at most 8 (2^n combinations are run)", len(d.Off))
	}
}

// keyOrder returns the dotted keys below key in the order the file that
// defines key writes them (the first occurrence of each).
func (b *builder) keyOrder(key []string) []string {
	var out []string
	for _, src := range b.l.sources {
		if !src.md.IsDefined(key...) {
			continue
		}
		for _, k := range src.md.Keys() {
			if len(k) <= len(key) || !slices.Equal(k[:len(key)], key) {
				continue
			}
			if sub := strings.Join(k[len(key):], "."); !slices.Contains(out, sub) {
				out = append(out, sub)
			}
		}
		break
	}
	return out
}
