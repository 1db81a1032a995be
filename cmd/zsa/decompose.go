package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/spf13/pflag"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
	"zsa/sim/stats"
)

// decomposeMetrics are the metrics whose change is decomposed.
var decomposeMetrics = []string{"effort_min", "lead_days"}

var decomposeCmd = &command{
	name: "decompose", args: "SCENARIO [flags]",
	summary: "attribute an arm's effect to mechanisms: one at a time and Shapley values",
	example: "zsa decompose pilot-2025 --reps 20",
	setup: func(fs *pflag.FlagSet) runFunc {
		opt := &runOptions{}
		opt.addFlags(fs, "replications per combination")
		return func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("decompose takes one scenario")}
			}
			sc, err := scenarios.Load(args[0])
			if err != nil {
				return usageError{err}
			}
			if len(sc.Mechanisms) == 0 {
				return usageError{fmt.Errorf("%s declares no [decomposition]", sc.Source)}
			}
			progress, err := opt.apply(fs, sc, stderr)
			if err != nil {
				return err
			}
			d, err := decompose(ctx, sc, opt.workers, progress)
			if err != nil {
				return err
			}
			dir, err := newRunDir(opt.out, sc)
			if err != nil {
				return err
			}
			d.writeTable(stdout)
			if err := results.WriteFileAtomic(filepath.Join(dir, "decomposition.csv"), d.writeCSV); err != nil {
				return err
			}
			if _, err := results.WriteDecompositionPlots(dir, d.result()); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\nresults in %s\n", dir)
			return nil
		}
	},
}

// decomposition holds, per service and metric, the effect v(S) of the arm
// for every set S of mechanisms switched on, per replication: the relative
// change of the metric against the status quo run under the same
// mechanisms, v = arm/status quo − 1 (paired by replication seed).
type decomposition struct {
	sc         *scenarios.Scenario
	mechanisms []string
	services   []string
	// v[service][metric][mask][rep]
	v [][][][]float64
}

// decompose runs the status quo and the decomposed arm for every
// combination of mechanisms (2^n scenarios) and replication.
func decompose(ctx context.Context, sc *scenarios.Scenario, workers int, progress io.Writer) (*decomposition, error) {
	mech := sc.Mechanisms
	n, reps := len(mech), sc.Replications
	var jobs []models.Job
	for mask := range 1 << n {
		var off []string
		for i, m := range mech {
			if mask&(1<<i) == 0 {
				off = append(off, m)
			}
		}
		s := sc
		if len(off) > 0 {
			var err error
			if s, err = sc.Without(off...); err != nil {
				return nil, fmt.Errorf("mechanisms off %v: %w", off, err)
			}
		}
		for rep := range reps {
			seed := repSeed(sc.Seed, rep)
			jobs = append(jobs,
				models.Job{Model: s.Model, Org: s.Arms[0], Seed: seed},
				models.Job{Model: s.Model, Org: s.Arms[sc.DecomposedArm], Seed: seed})
		}
	}
	start, tty := time.Now(), isTerminal(progress)
	out, err := models.RunBatch(ctx, jobs, workers, func(done int) {
		reportProgress(progress, tty, done, len(jobs), start)
	})
	if tty {
		fmt.Fprintln(progress)
	}
	if err != nil {
		return nil, err
	}
	if slices.Contains(out, nil) {
		return nil, fmt.Errorf("interrupted: a decomposition needs every combination")
	}
	d := &decomposition{sc: sc, mechanisms: mech}
	names := results.Metrics()
	for si, s := range out[0].Services {
		d.services = append(d.services, s.Name)
		perMetric := make([][][]float64, len(decomposeMetrics))
		for mi, metric := range decomposeMetrics {
			k := slices.IndexFunc(names, func(m results.Metric) bool { return m.Name == metric })
			perMask := make([][]float64, 1<<n)
			for mask := range 1 << n {
				for rep := range reps {
					j := 2 * (mask*reps + rep)
					a := results.Measure(out[j], si, -1)[k].X
					b := results.Measure(out[j+1], si, -1)[k].X
					perMask[mask] = append(perMask[mask], b/a-1)
				}
			}
			perMetric[mi] = perMask
		}
		d.v = append(d.v, perMetric)
	}
	return d, nil
}

// shapley returns, per replication, the Shapley value of mechanism i:
//
//	φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S))
//
// (Shapley 1953). The values of all mechanisms add up to v(N) − v(∅).
func shapley(v [][]float64, n, i, rep int) float64 {
	var phi float64
	for mask := range 1 << n {
		if mask&(1<<i) != 0 {
			continue
		}
		s := bitsOn(mask)
		w := fact(s) * fact(n-s-1) / fact(n)
		phi += w * (v[mask|1<<i][rep] - v[mask][rep])
	}
	return phi
}

func bitsOn(m int) int {
	c := 0
	for ; m > 0; m &= m - 1 {
		c++
	}
	return c
}

func fact(k int) float64 {
	f := 1.0
	for i := 2; i <= k; i++ {
		f *= float64(i)
	}
	return f
}

// row is one mechanism's attribution for a service and metric, each a
// summary over replications: alone is v({i}) − v(∅), last is
// v(N) − v(N∖{i}), shapley the Shapley value.
type row struct {
	name                 string
	alone, last, shapley stats.Summary
}

func (d *decomposition) rows(si, mi int) (rows []row, base, total stats.Summary) {
	v := d.v[si][mi]
	n, reps := len(d.mechanisms), len(v[0])
	all := 1<<n - 1
	per := func(f func(rep int) float64) stats.Summary {
		xs := make([]float64, reps)
		for r := range xs {
			xs[r] = f(r)
		}
		return stats.Summarize(xs)
	}
	for i, m := range d.mechanisms {
		rows = append(rows, row{
			name:    m,
			alone:   per(func(r int) float64 { return v[1<<i][r] - v[0][r] }),
			last:    per(func(r int) float64 { return v[all][r] - v[all&^(1<<i)][r] }),
			shapley: per(func(r int) float64 { return shapley(v, n, i, r) }),
		})
	}
	return rows, per(func(r int) float64 { return v[0][r] }), per(func(r int) float64 { return v[all][r] })
}

func pct(s stats.Summary) string {
	return fmt.Sprintf("%+.1f %% ± %.1f", 100*s.Mean, 100*s.HalfWidth)
}

func (d *decomposition) writeTable(w io.Writer) {
	sc := d.sc
	fmt.Fprintf(w, "decomposition of %q against the status quo, scenario %s, seed %d, %d replications per combination, %d combinations, version %s\n",
		sc.Arms[sc.DecomposedArm].Name, sc.Name, sc.Seed, sc.Replications, 1<<len(d.mechanisms), version())
	for si, svc := range d.services {
		for mi, metric := range decomposeMetrics {
			rows, base, total := d.rows(si, mi)
			fmt.Fprintf(w, "\n%s, change of %s (relative to the status quo)\n", svc, metric)
			t := results.Table{Header: []string{"mechanism", "alone", "added last", "Shapley value", "share of the total"}}
			for _, r := range rows {
				t.AddRow(r.name, pct(r.alone), pct(r.last), pct(r.shapley), fmt.Sprintf("%.0f %%", 100*r.shapley.Mean/total.Mean))
			}
			t.AddRow("none of them (the rest: staffing, hand-overs)", "", "", pct(base), fmt.Sprintf("%.0f %%", 100*base.Mean/total.Mean))
			t.AddRow("total", "", "", pct(total), "100 %")
			t.WriteTo(w)
		}
	}
	fmt.Fprintln(w, "\nalone: v({m}) − v(∅); added last: v(all) − v(all without m); Shapley values and the")
	fmt.Fprintln(w, "\"none of them\" row add up to the total; ± is the 95 % confidence half-width over replications.")
}

func (d *decomposition) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"seed", "replications", "service", "metric", "mechanism", "alone", "alone_half_width", "last", "last_half_width", "shapley", "shapley_half_width"})
	f := func(x float64) string {
		if math.IsNaN(x) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', 10, 64)
	}
	seed, reps := strconv.FormatUint(d.sc.Seed, 10), strconv.Itoa(d.sc.Replications)
	for si, svc := range d.services {
		for mi, metric := range decomposeMetrics {
			rows, base, total := d.rows(si, mi)
			for _, r := range rows {
				cw.Write([]string{seed, reps, svc, metric, r.name, f(r.alone.Mean), f(r.alone.HalfWidth), f(r.last.Mean), f(r.last.HalfWidth), f(r.shapley.Mean), f(r.shapley.HalfWidth)})
			}
			cw.Write([]string{seed, reps, svc, metric, "(none)", "", "", "", "", f(base.Mean), f(base.HalfWidth)})
			cw.Write([]string{seed, reps, svc, metric, "(total)", "", "", "", "", f(total.Mean), f(total.HalfWidth)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// result converts the decomposition for the plots.
func (d *decomposition) result() *results.Decomposition {
	sc := d.sc
	out := &results.Decomposition{Scenario: sc.Name, Arm: sc.Arms[sc.DecomposedArm].Name, Seed: sc.Seed,
		Replications: sc.Replications, Mechanisms: d.mechanisms}
	for si, svc := range d.services {
		for mi, metric := range decomposeMetrics {
			rows, base, total := d.rows(si, mi)
			for _, r := range rows {
				out.Rows = append(out.Rows, results.DecompositionRow{Service: svc, Metric: metric, Mechanism: r.name,
					Shapley: r.shapley.Mean, ShapleyHalfWidth: r.shapley.HalfWidth, Alone: r.alone.Mean, Last: r.last.Mean})
			}
			for _, x := range []struct {
				name string
				s    stats.Summary
			}{{results.MechanismNone, base}, {results.MechanismTotal, total}} {
				out.Rows = append(out.Rows, results.DecompositionRow{Service: svc, Metric: metric, Mechanism: x.name,
					Shapley: x.s.Mean, ShapleyHalfWidth: x.s.HalfWidth, Alone: math.NaN(), Last: math.NaN()})
			}
		}
	}
	return out
}
