package dist

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"zsa/sim"
)

// unitList names the duration units in error messages.
const unitList = "s|min|h|d|w"

// ParseDuration parses a non-negative duration with an explicit unit: a
// decimal number (as strconv.ParseFloat reads it) followed, optionally
// after spaces, by one of the units
//
//	s    seconds (1/60 min)
//	min  minutes
//	h    hours (60 min)
//	d    days (1,440 min: every simulated day has 24 hours)
//	w    weeks (7 d = 10,080 min)
//
// for example "25min", "1.5h", "30s", "90 d". A number without a unit is
// an error, and so are negative, NaN and infinite values and "m" (minute
// or month?). Seconds are divided by 60, not multiplied by sim.Second, so
// that "30s" is exactly 0.5 minutes.
func ParseDuration(s string) (sim.Time, error) {
	v, err := parseDuration(s)
	return sim.Time(v), err
}

func parseDuration(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errors.New("empty duration; write e.g. \"25min\" (units: " + unitList + ")")
	}
	lower := strings.ToLower(t)
	if strings.Contains(lower, "nan") || strings.Contains(lower, "inf") {
		return 0, fmt.Errorf("duration %q must be a finite number", s)
	}
	j := len(t)
	for j > 0 && isLetter(t[j-1]) {
		j--
	}
	num, unit := strings.TrimSpace(t[:j]), t[j:]
	if num == "" {
		return 0, fmt.Errorf("duration %q has no number; write e.g. \"25min\" (units: %s)", s, unitList)
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		if strings.IndexFunc(num, func(r rune) bool { return r < 128 && isLetter(byte(r)) }) >= 0 {
			return 0, fmt.Errorf("duration %q: invalid number %q; write one number and one unit, e.g. \"90min\"", s, num)
		}
		return 0, fmt.Errorf("duration %q: invalid number %q", s, num)
	}
	if unit == "" {
		return 0, fmt.Errorf("duration %q has no unit; write e.g. %q (units: %s)", s, num+"min", unitList)
	}
	switch unit {
	case "s":
		v /= 60
	case "min":
	case "h":
		v *= 60
	case "d":
		v *= 1440
	case "w":
		v *= 10080
	case "m":
		return 0, fmt.Errorf("duration %q: unit \"m\" is ambiguous; write \"min\" for minutes (units: %s)", s, unitList)
	default:
		return 0, fmt.Errorf("duration %q has unknown unit %q (units: %s)", s, unit, unitList)
	}
	switch {
	case math.Signbit(v) && v != 0:
		return 0, fmt.Errorf("duration %q is negative", s)
	case math.IsInf(v, 0) || v > MaxDuration:
		return 0, fmt.Errorf("duration %q is more than 100 years", s)
	}
	return v + 0, nil // + 0 turns −0 into +0
}

// MaxDuration is the longest duration a scenario may write, in minutes:
// 100 years of 365 days. Anything longer is a typo, and would overflow
// the calendars' arithmetic.
const MaxDuration = 100 * 365 * 1440

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// formatDuration formats a duration in minutes so that parseDuration reads
// back exactly the same float64: in the largest of w, d, h, min or s in
// which it is a whole number (while below 10¹⁵ units), otherwise in min.
func formatDuration(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return formatNumber(x)
	}
	if x < 0 {
		return "-" + formatDuration(-x)
	}
	if x == 0 {
		return "0min"
	}
	for _, u := range [...]struct {
		minutes float64
		name    string
	}{{10080, "w"}, {1440, "d"}, {60, "h"}, {1, "min"}} {
		v := x / u.minutes
		if v == math.Trunc(v) && v < 1e15 && v*u.minutes == x {
			return formatNumber(v) + u.name
		}
	}
	// Whole seconds below a minute (30s, not 0.5min) and where minutes
	// would need more than four decimals (20s, not 0.3333333333333333min);
	// otherwise minutes, as people write efforts (11.15min, not 669s).
	if v := x * 60; v == math.Trunc(v) && v < 1e15 && v/60 == x && (x < 1 || !shortDecimal(x, 4)) {
		return formatNumber(v) + "s"
	}
	return formatNumber(x) + "min"
}

// shortDecimal reports whether x, written shortest, has at most n digits
// after the decimal point and no exponent.
func shortDecimal(x float64, n int) bool {
	s := formatNumber(x)
	if strings.ContainsAny(s, "eE") {
		return false
	}
	_, frac, _ := strings.Cut(s, ".")
	return len(frac) <= n
}

// maxDepth limits the nesting of scaled, shifted and reduced in Parse.
const maxDepth = 16

// Parse parses a distribution in the notation of scenario files. Durations
// carry a unit (see ParseDuration); cv, factor and probabilities are plain
// numbers. The forms are
//
//	exp(mean=25min)                        Exponential
//	const(10min), det(10min)               Deterministic
//	lognormal(median=25min, p90=60min)     LogNormalMedianP90
//	gamma(mean=2h, cv=0.5)                 GammaMeanCV
//	tri(min=5min, mode=10min, max=30min)   Triangular
//	empirical(0:5min, 0.5:10min, 1:60min)  Empirical, points p:duration
//	scaled(exp(mean=25min), factor=0.8)    Scaled
//	shifted(tri(…), by=5min)               Shifted
//	reduced(gamma(…), by=5min)             Reduced
//	25min                                  a bare duration: Deterministic
//
// Parameters may also be given by position in the order shown
// (gamma(2h, 0.5)); positional ones come first. Names of distributions
// and parameters are case-insensitive; spaces around tokens are ignored.
// Every Dist of this package prints in this notation, and
// Parse(d.String()) returns an equal distribution. Errors name the
// distribution text, the parameter and the problem; Parse does not panic.
func Parse(s string) (Dist, error) {
	d, err := parse(s, 0)
	if err != nil {
		return nil, fmt.Errorf("distribution %q: %w", s, err)
	}
	return d, nil
}

// A form describes one distribution name of Parse.
type form struct {
	params []string // parameter names in positional order
	isDur  []bool   // whether each parameter is a duration
	build  func(v []float64, inner Dist) (Dist, error)
	inner  bool // first parameter ("dist") is a nested distribution
}

// forms returns the distributions known to Parse by name, aliases included.
// It is a function, not a package variable: the package has no globals.
func forms(name string) (form, bool) {
	switch name {
	case "exp":
		return form{params: []string{"mean"}, isDur: []bool{true},
			build: func(v []float64, _ Dist) (Dist, error) { return Exponential(v[0]) }}, true
	case "const", "det":
		return form{params: []string{"value"}, isDur: []bool{true},
			build: func(v []float64, _ Dist) (Dist, error) { return Deterministic(v[0]) }}, true
	case "lognormal":
		return form{params: []string{"median", "p90"}, isDur: []bool{true, true},
			build: func(v []float64, _ Dist) (Dist, error) { return LogNormalMedianP90(v[0], v[1]) }}, true
	case "gamma":
		return form{params: []string{"mean", "cv"}, isDur: []bool{true, false},
			build: func(v []float64, _ Dist) (Dist, error) { return GammaMeanCV(v[0], v[1]) }}, true
	case "tri":
		return form{params: []string{"min", "mode", "max"}, isDur: []bool{true, true, true},
			build: func(v []float64, _ Dist) (Dist, error) { return Triangular(v[0], v[1], v[2]) }}, true
	case "scaled":
		return form{params: []string{"dist", "factor"}, isDur: []bool{false, false}, inner: true,
			build: func(v []float64, d Dist) (Dist, error) { return Scaled(d, v[1]) }}, true
	case "shifted":
		return form{params: []string{"dist", "by"}, isDur: []bool{false, true}, inner: true,
			build: func(v []float64, d Dist) (Dist, error) { return Shifted(d, v[1]) }}, true
	case "reduced":
		return form{params: []string{"dist", "by"}, isDur: []bool{false, true}, inner: true,
			build: func(v []float64, d Dist) (Dist, error) { return Reduced(d, v[1]) }}, true
	}
	return form{}, false
}

// formNames lists the names of Parse for error messages.
const formNames = "const|det|empirical|exp|gamma|lognormal|reduced|scaled|shifted|tri"

func parse(s string, depth int) (Dist, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("distributions nested more than %d deep", maxDepth)
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return nil, errors.New("empty; want e.g. exp(mean=25min) or a duration like 25min")
	}
	open := strings.IndexByte(t, '(')
	if open < 0 {
		if isLetter(t[0]) {
			name := strings.ToLower(t)
			if _, ok := forms(name); ok || name == "empirical" {
				return nil, fmt.Errorf("%s: missing parameters in parentheses, e.g. %s", name, exampleOf(name))
			}
			return nil, fmt.Errorf("unknown distribution %q; want one of %s, or a duration like 25min", t, formNames)
		}
		v, err := parseDuration(t)
		if err != nil {
			return nil, err
		}
		return Deterministic(v)
	}
	name := strings.ToLower(strings.TrimSpace(t[:open]))
	if !strings.HasSuffix(t, ")") {
		if end := strings.LastIndexByte(t, ')'); end > open {
			return nil, fmt.Errorf("%s: unexpected text %q after ')'", name, t[end+1:])
		}
		return nil, fmt.Errorf("%s: missing closing parenthesis", name)
	}
	args, err := splitArgs(t[open+1 : len(t)-1])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if name == "empirical" {
		return parseEmpirical(args)
	}
	f, ok := forms(name)
	if !ok {
		return nil, fmt.Errorf("unknown distribution %q; want one of %s, or a duration like 25min", name, formNames)
	}
	vals, err := bindArgs(name, f.params, args)
	if err != nil {
		return nil, err
	}
	v := make([]float64, len(f.params))
	var inner Dist
	for i, text := range vals {
		switch {
		case i == 0 && f.inner:
			inner, err = parse(text, depth+1)
		case f.isDur[i]:
			v[i], err = parseDuration(text)
		default:
			v[i], err = parseNumber(text)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", name, f.params[i], err)
		}
	}
	return f.build(v, inner)
}

// exampleOf returns an example of the distribution name for messages.
func exampleOf(name string) string {
	switch name {
	case "exp":
		return "exp(mean=25min)"
	case "const", "det":
		return name + "(10min)"
	case "lognormal":
		return "lognormal(median=25min, p90=60min)"
	case "gamma":
		return "gamma(mean=2h, cv=0.5)"
	case "tri":
		return "tri(min=5min, mode=10min, max=30min)"
	case "empirical":
		return "empirical(0:5min, 0.5:10min, 1:60min)"
	default:
		return name + "(exp(mean=25min), …)"
	}
}

// splitArgs splits s at the commas outside parentheses and trims the
// parts. It reports unbalanced parentheses and empty arguments.
func splitArgs(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("no parameters")
	}
	var args []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return nil, errors.New("unbalanced parentheses: unexpected ')'")
			}
		case ',':
			if depth == 0 {
				args = append(args, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	if depth != 0 {
		return nil, errors.New("unbalanced parentheses: missing ')'")
	}
	args = append(args, strings.TrimSpace(s[start:]))
	for i, a := range args {
		if a == "" {
			return nil, fmt.Errorf("parameter %d is empty", i+1)
		}
	}
	return args, nil
}

// bindArgs matches positional and named arguments to the parameters and
// returns their texts in parameter order.
func bindArgs(name string, params, args []string) ([]string, error) {
	vals := make([]string, len(params))
	set := make([]bool, len(params))
	named := false
	for i, a := range args {
		key, val, ok := cutTopLevel(a, '=')
		if !ok {
			if named {
				return nil, fmt.Errorf("%s: parameter %d (%q) has no name, but follows a named one", name, i+1, a)
			}
			if i >= len(params) {
				return nil, fmt.Errorf("%s: too many parameters (%d); want %s", name, len(args), strings.Join(params, ", "))
			}
			vals[i], set[i] = a, true
			continue
		}
		named = true
		key = strings.ToLower(strings.TrimSpace(key))
		j := indexOf(params, key)
		if j < 0 {
			return nil, fmt.Errorf("%s: unknown parameter %q; want %s", name, key, strings.Join(params, "|"))
		}
		if set[j] {
			return nil, fmt.Errorf("%s: parameter %s given twice", name, key)
		}
		vals[j], set[j] = strings.TrimSpace(val), true
		if vals[j] == "" {
			return nil, fmt.Errorf("%s: parameter %s has no value", name, key)
		}
	}
	for j, ok := range set {
		if !ok {
			return nil, fmt.Errorf("%s: missing parameter %s; e.g. %s", name, params[j], exampleOf(name))
		}
	}
	return vals, nil
}

// cutTopLevel cuts s around the first sep outside parentheses.
func cutTopLevel(s string, sep byte) (before, after string, found bool) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case sep:
			if depth == 0 {
				return s[:i], s[i+1:], true
			}
		}
	}
	return s, "", false
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// parseNumber parses a plain finite number (no unit).
func parseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if n := len(t); n > 0 && isLetter(t[n-1]) {
			if _, derr := parseDuration(t); derr == nil {
				return 0, fmt.Errorf("%q must be a plain number, not a duration", s)
			}
		}
		return 0, fmt.Errorf("invalid number %q", s)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q must be a finite number", s)
	}
	return v + 0, nil
}

// parseEmpirical parses the points "p:duration" of empirical(…).
func parseEmpirical(args []string) (Dist, error) {
	ps := make([]float64, len(args))
	xs := make([]float64, len(args))
	for i, a := range args {
		pText, xText, ok := strings.Cut(a, ":")
		if !ok {
			return nil, fmt.Errorf("empirical: point %d (%q) must be p:duration, e.g. 0.5:10min", i+1, a)
		}
		var err error
		if ps[i], err = parseNumber(pText); err != nil {
			return nil, fmt.Errorf("empirical: point %d: probability: %w", i+1, err)
		}
		if xs[i], err = parseDuration(xText); err != nil {
			return nil, fmt.Errorf("empirical: point %d: %w", i+1, err)
		}
	}
	return Empirical(ps, xs)
}
