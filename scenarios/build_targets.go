package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"zsa/models"
	"zsa/results"
)

// uncalibrated are keys a calibration parameter cannot be: they say how
// the scenario runs rather than what it models.
var uncalibrated = []string{"name", "description", "extends", "start", "horizon", "warmup", "replications", "seed"}

// targets reads the observed figures: for each, a known metric of a known
// service, an arm key or the status quo, an office of the service or the
// total, case types of the service (only for the service total and the
// metrics kept per type), a value or a range with low ≤ high, a tolerance
// in [0, 1) and a source.
func (b *builder) targets() {
	metrics := map[string]bool{}
	for _, m := range results.Metrics() {
		metrics[m.Name] = true
	}
	for i, tf := range b.f.Targets {
		e := func(key, format string, args ...any) { b.targetErr(i, key, format, args...) }
		t := results.Target{Metric: tf.Metric, Service: tf.Service, Office: tf.Office, Types: tf.Types,
			Source: tf.Source, Note: tf.Note}
		if !metrics[tf.Metric] {
			e("metric", "%q: unknown metric (metrics: %s)", tf.Metric, strings.Join(sortedKeys(metrics), ", "))
		}
		svc := b.serviceOf(tf.Service)
		if svc < 0 {
			e("service", "%q: unknown service (services: %s)", tf.Service, strings.Join(sortedKeys(b.f.Services), ", "))
		}
		setIf(&t.Change, tf.Change)
		switch {
		case tf.Arm == "" || tf.Arm == b.sc.Arms[0].Name:
			if t.Change {
				e("change", "a change against the status quo needs an arm: set arm to one of %s", strings.Join(sortedKeys(b.f.Arms), ", "))
			}
		case b.f.Arms[tf.Arm] != nil:
			t.Arm = b.sc.Arms[1+slices.Index(sortedKeys(b.f.Arms), tf.Arm)].Name
		default:
			e("arm", "%q: unknown arm (arms: %q and %s)", tf.Arm, b.sc.Arms[0].Name, strings.Join(sortedKeys(b.f.Arms), ", "))
		}
		if tf.Office != "" && tf.Office != results.TotalOffice && svc >= 0 && !b.offers(tf.Office, tf.Service) {
			e("office", "%q is not an office of %s (or \"all\" for the service total)", tf.Office, tf.Service)
		}
		b.targetTypes(i, tf, svc)
		t.Min, t.Max = b.targetRange(i, tf)
		if tf.Tolerance != nil {
			t.Tolerance = *tf.Tolerance
			if !(t.Tolerance >= 0 && t.Tolerance < 1) {
				e("tolerance", "%v: must be a share in [0, 1), e.g. 0.1 for ±10 %%", t.Tolerance)
			}
		}
		if strings.TrimSpace(tf.Source) == "" {
			e("source", "missing: the key of the observation's source in scenarios/data/sources.md")
		}
		b.sc.Targets = append(b.sc.Targets, t)
	}
}

// targetTypes checks the case types of target i: known types of the
// service, only for the service total and a metric kept per type.
func (b *builder) targetTypes(i int, tf TargetFile, svc int) {
	if len(tf.Types) == 0 || svc < 0 {
		return
	}
	if !slices.Contains(results.TypeMetrics(), tf.Metric) {
		b.targetErr(i, "types", "the metric %q is not kept per case type (with types: %s)", tf.Metric,
			strings.Join(results.TypeMetrics(), ", "))
	}
	if tf.Office != "" && tf.Office != results.TotalOffice {
		b.targetErr(i, "types", "case types are counted over all offices: leave out office or set it to \"all\"")
	}
	for _, name := range tf.Types {
		if _, ok := b.f.Services[tf.Service].Types[name]; !ok {
			b.targetErr(i, "types", "%q: unknown case type of %s (types: %s)", name, tf.Service,
				strings.Join(sortedKeys(b.f.Services[tf.Service].Types), ", "))
		}
	}
}

// targetRange returns the observed value or range of target i: exactly
// one of value and range, finite, range = [low, high] with low ≤ high.
func (b *builder) targetRange(i int, tf TargetFile) (lo, hi float64) {
	switch {
	case tf.Value != nil && tf.Range != nil:
		b.targetErr(i, "value", "give either value or range, not both")
	case tf.Value != nil:
		lo, hi = *tf.Value, *tf.Value
	case len(tf.Range) == 2:
		lo, hi = tf.Range[0], tf.Range[1]
		if !(lo <= hi) {
			b.targetErr(i, "range", "[%v, %v]: the low end must not exceed the high end", lo, hi)
		}
	default:
		b.targetErr(i, "value", "missing: the observed value, or range = [low, high]")
		return math.NaN(), math.NaN()
	}
	if !finite(lo) || !finite(hi) {
		b.targetErr(i, "value", "%v to %v: must be finite numbers", lo, hi)
	}
	return lo, hi
}

// targetErr records a problem with key of the i-th target.
func (b *builder) targetErr(i int, key, format string, args ...any) {
	b.tableErr("targets", i, key, format, args...)
}

// tableErr records a problem with key of the i-th table of the array of
// tables name ("targets", "calibration.params"), at the line of its
// [[name]] header (or of the array, written inline).
func (b *builder) tableErr(name string, i int, key, format string, args ...any) {
	path := strings.Split(name, ".")
	src := b.sourceOf(path)
	line := nthTableLine(src, name, i)
	if line == 0 {
		line = lineOf(src, path)
	}
	b.errs = append(b.errs, fmt.Errorf("%s:%d: %s[%d].%s: %s", src.name, line, name, i, key, fmt.Sprintf(format, args...)))
}

// nthTableLine returns the line of the i-th (from 0) "[[name]]" header in
// src, or 0 if there is none.
func nthTableLine(src *source, name string, i int) int {
	n := 0
	for l, raw := range strings.Split(src.text, "\n") {
		line := strings.TrimSpace(raw)
		end := strings.Index(line, "]]")
		if !strings.HasPrefix(line, "[[") || end < 0 || strings.Join(splitKey(line[2:end]), ".") != name {
			continue
		}
		if n == i {
			return l + 1
		}
		n++
	}
	return 0
}

// finite reports whether x is a number, neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// serviceOf returns the index of service name in the model, or -1.
func (b *builder) serviceOf(name string) int {
	return slices.IndexFunc(b.m.Services, func(s models.Service) bool { return s.Name == name })
}

// offers reports whether office key handles service svc for some commune.
func (b *builder) offers(key, svc string) bool {
	for _, c := range b.m.Communes {
		if c.Office[svc] == key {
			return true
		}
	}
	return false
}

// CalibrationParam is a parameter zsa calibrate may change: a key path of
// the scenario format holding a number, its bounds, and why it is fitted.
type CalibrationParam struct {
	Key      string
	Min, Max float64
	Reason   string
}

// calibration reads the parameters zsa calibrate fits: each a key path
// (not one that says how the scenario runs, not twice) with finite bounds
// min < max and a reason. Whether the key holds a number, and whether the
// scenario builds at its bounds, is Calibrate's check.
func (b *builder) calibration() {
	c := b.f.Calibration
	if c == nil {
		return
	}
	if len(c.Params) == 0 {
		b.err(p("calibration", "params"), "no parameter to fit")
	}
	seen := map[string]bool{}
	for i, pf := range c.Params {
		e := func(key, format string, args ...any) { b.tableErr("calibration.params", i, key, format, args...) }
		switch {
		case pf.Key == "":
			e("key", "missing: the key path of the parameter, e.g. \"staffing.Wohngeld.utilisation\"")
		case slices.Contains(uncalibrated, pf.Key):
			e("key", "%q says how the scenario runs, not what it models: it cannot be fitted", pf.Key)
		case seen[pf.Key]:
			e("key", "%q listed twice", pf.Key)
		}
		seen[pf.Key] = true
		if pf.Min == nil || pf.Max == nil || !finite(*pf.Min) || !finite(*pf.Max) || !(*pf.Min < *pf.Max) {
			e("min", "needs finite bounds min < max")
			continue
		}
		if strings.TrimSpace(pf.Reason) == "" {
			e("reason", "missing: why the value is fitted rather than taken from a source")
		}
		b.sc.Calibration = append(b.sc.Calibration, CalibrationParam{Key: pf.Key, Min: *pf.Min, Max: *pf.Max, Reason: pf.Reason})
	}
}
