package experiment

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"zsa/results"
	"zsa/scenarios"
)

// CalibratedFile says where a fit comes from, for WriteCalibrated.
type CalibratedFile struct {
	// Extends is what the file extends: the input scenario, as a path
	// relative to the file's folder or a bundled scenario's name.
	Extends string
	// Date is the day of the fit ("2026-12-02"), Version the program's.
	Date, Version string
}

// WriteCalibrated writes the scenario file of a fit: it extends the input
// and sets the fitted values (and nothing else), under comments that
// record the fit — the input's hash and seed, the seeds it was fitted and
// checked on, each parameter's bounds and reason, and each target against
// the model on the check seeds — so that the file can be run, committed
// and read later. The same fit and file data give the same bytes.
func WriteCalibrated(w io.Writer, sc *scenarios.Scenario, fit *Fit, f CalibratedFile) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Calibrated by zsa calibrate on %s (version %s).\n", f.Date, f.Version)
	// The input as extends names it, not as the user did: the file is the
	// same wherever the command ran (and after zsa merge of its shards).
	fmt.Fprintf(&b, "# Input: %s (scenario %q, sha256 %s), seed %d, %d replications.\n",
		f.Extends, sc.Name, sc.Hash, sc.Seed, sc.Replications)
	fmt.Fprintf(&b, "# Fitted on the seeds %s;\n", seedList(fit.FitSeeds))
	if len(fit.CheckSeeds) > 0 {
		fmt.Fprintf(&b, "# checked out of sample on the seeds %s.\n", seedList(fit.CheckSeeds))
	}
	if fit.Interrupted {
		b.WriteString("# INTERRUPTED: the best values found so far, checked on the fitting seeds.\n")
	}
	fmt.Fprintf(&b, "# %d settings tried; objective (sum of squared distances to the targets, in half ranges) %.4g.\n#\n",
		fit.Evaluations, fit.Objective)
	b.WriteString("# Parameters [bounds]: why they are fitted\n")
	for i, p := range fit.Params {
		fmt.Fprintf(&b, "#   %s = %s [%v, %v]: %s\n", p.Key, formatNumber(fit.Values[i]), p.Min, p.Max, oneLine(p.Reason))
	}
	b.WriteString("#\n# Targets: the model (mean ± half-width of its 95 % interval; a change with its interval) against the observation\n")
	var table strings.Builder
	results.TargetTable(fit.Checks, sc.Arms[0].Name).WriteTo(&table)
	for _, line := range strings.Split(strings.TrimRight(table.String(), "\n"), "\n") {
		fmt.Fprintf(&b, "#   %s\n", line)
	}
	for _, u := range fit.Unreachable {
		fmt.Fprintf(&b, "#   %s\n", u)
	}
	fmt.Fprintf(&b, "\nextends = %s\nname = %s\n\n", strconv.Quote(f.Extends), strconv.Quote(sc.Name+"-calibrated"))
	for i, p := range fit.Params {
		fmt.Fprintf(&b, "%s = %s\n", tomlKey(p.Key), formatNumber(fit.Values[i]))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// formatNumber writes x as a TOML float that reads back as x.
func formatNumber(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// tomlKey writes a dotted key path, quoting the parts that are not bare
// keys.
func tomlKey(path string) string {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		if !bareKey.MatchString(p) {
			parts[i] = strconv.Quote(p)
		}
	}
	return strings.Join(parts, ".")
}

func seedList(seeds []uint64) string {
	s := make([]string, len(seeds))
	for i, x := range seeds {
		s[i] = strconv.FormatUint(x, 10)
	}
	return strings.Join(s, ", ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
