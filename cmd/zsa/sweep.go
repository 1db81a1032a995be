package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
)

// sweepMetrics are the metrics a sweep reports per point, arm and service.
var sweepMetrics = []string{"effort_min", "lead_days", "lead_p90_days", "within_level",
	"staff_fte", "work_fte", "utilisation", "pb_fte", "backlog_growth"}

var sweepCmd = &command{
	name: "sweep", args: "SCENARIO [flags]",
	summary: "run a scenario's [sweep]: every grid point, every arm, with confidence intervals",
	example: "zsa sweep pilot-2025-sensitivity --reps 5 --workers 2",
	setup: func(fs *pflag.FlagSet) runFunc {
		sweepOpt := &runOptions{}
		sweepOpt.addFlags(fs, "replications per point")
		return func(ctx context.Context, fs *pflag.FlagSet, args []string, stdout, stderr io.Writer) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("sweep takes one scenario")}
			}
			sc, err := scenarios.Load(args[0])
			if err != nil {
				return usageError{err}
			}
			if len(sc.Sweep) == 0 {
				return usageError{fmt.Errorf("%s declares no [sweep]; add e.g.\n[sweep]\nparams = { \"services.Wohngeld.learning.rate\" = [0.8, 0.9] }", sc.Source)}
			}
			progress, err := sweepOpt.apply(fs, sc, stderr)
			if err != nil {
				return err
			}
			rows, runErr := sweep(ctx, sc, sweepOpt.workers, progress)
			if rows == nil {
				return runErr
			}
			dir, err := newRunDir(sweepOpt.out, sc)
			if err != nil {
				return err
			}
			writeSweepTable(stdout, sc, rows)
			if err := results.WriteFileAtomic(filepath.Join(dir, "sweep.csv"), func(w io.Writer) error {
				return writeSweepCSV(w, sc, rows)
			}); err != nil {
				return err
			}
			sw := sweepResult(sc, rows)
			if _, err := results.WriteSweepPlots(dir, sw); err != nil {
				return err
			}
			if err := results.WriteFileAtomic(filepath.Join(dir, "sweep.html"), func(w io.Writer) error {
				return results.WriteSweepReport(w, sw)
			}); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\nresults in %s\n", dir)
			return runErr
		}
	},
}

// sweepRow is one point × arm × service × metric.
type sweepRow struct {
	point             int
	values            []any
	arm, service, key string
	mean, half        float64
	rel, relLo, relHi float64 // vs the status quo at the same point; NaN for it
	overloaded        bool    // the arm is not in steady state at this point (results.SteadyState)
}

// sweep runs every point, arm and replication as one batch on workers, and
// reduces each point's results to rows as soon as they are all in, so that
// memory holds only the results of points in flight, not of the sweep. Replication r uses the same seed
// at every point (common random numbers across points), so the output does
// not depend on the number of workers.
func sweep(ctx context.Context, sc *scenarios.Scenario, workers int, progress io.Writer) ([]sweepRow, error) {
	points := sc.Points()
	nArms, nReps := len(sc.Arms), sc.Replications
	per := nArms * nReps
	var jobs []models.Job
	pointSc := make([]*scenarios.Scenario, len(points))
	for i, pt := range points {
		p, err := sc.At(pt)
		if err != nil {
			return nil, err
		}
		pointSc[i] = p
		for rep := range nReps {
			for _, arm := range p.Arms {
				jobs = append(jobs, models.Job{Model: p.Model, Org: arm, Seed: repSeed(sc.Seed, rep)})
			}
		}
	}
	// Reduce each point as soon as all its runs are in, and drop them.
	pending := make([][]*models.Result, len(points))
	count := make([]int, len(points))
	perPoint := make([][]sweepRow, len(points))
	var reduceErr error
	start, tty := time.Now(), isTerminal(progress)
	done := 0
	err := models.RunEach(ctx, jobs, workers, func(j int, r *models.Result) {
		done++
		reportProgress(progress, tty, done, len(jobs), start)
		i := j / per
		if pending[i] == nil {
			pending[i] = make([]*models.Result, per)
		}
		pending[i][j%per] = r
		if count[i]++; count[i] < per {
			return
		}
		rows, err := reducePoint(sc, pointSc[i], i, points[i], pending[i])
		if err != nil && reduceErr == nil {
			reduceErr = err
		}
		perPoint[i], pending[i] = rows, nil
	})
	if tty {
		fmt.Fprintln(progress)
	}
	if err == nil {
		err = reduceErr
	}
	if err != nil {
		return nil, err
	}
	var rows []sweepRow
	finished := 0
	for i := range points {
		if count[i] == per {
			rows = append(rows, perPoint[i]...)
			finished++
		}
	}
	if finished < len(points) {
		if finished == 0 {
			return nil, errors.New("interrupted before any sweep point finished")
		}
		return rows, fmt.Errorf("interrupted: kept %d of %d sweep points", finished, len(points))
	}
	return rows, nil
}

// reducePoint summarises the runs of sweep point i (replication-major,
// arms inside) into rows.
func reducePoint(sc, pt *scenarios.Scenario, i int, values []any, res []*models.Result) ([]sweepRow, error) {
	nArms := len(pt.Arms)
	cmp := &results.Comparison{Scenario: sc.Name, Seed: sc.Seed}
	for a, org := range pt.Arms {
		arm := results.Arm{Name: org.Name}
		for rep := range len(res) / nArms {
			arm.Results = append(arm.Results, res[rep*nArms+a])
		}
		cmp.Arms = append(cmp.Arms, arm)
	}
	sum, err := results.Summarize(cmp)
	if err != nil {
		return nil, err
	}
	var rows []sweepRow
	for _, s := range sum.Services {
		total := s.Offices[0]
		for _, a := range total.Arms {
			for _, m := range a.Metrics {
				if !slices.Contains(sweepMetrics, m.Name) {
					continue
				}
				r := sweepRow{point: i, values: values, arm: a.Arm, service: s.Service, key: m.Name,
					mean: m.Value.Mean, half: m.Value.HalfWidth, rel: math.NaN(), relLo: math.NaN(), relHi: math.NaN(),
					overloaded: a.Steady.Overloaded}
				if m.Paired != nil {
					r.rel, r.relLo, r.relHi = m.Paired.Rel, m.Paired.RelLo, m.Paired.RelHi
				}
				rows = append(rows, r)
			}
		}
	}
	return rows, nil
}

func writeSweepCSV(w io.Writer, sc *scenarios.Scenario, rows []sweepRow) error {
	cw := csv.NewWriter(w)
	header := []string{"point"}
	for _, p := range sc.Sweep {
		header = append(header, p.Path)
	}
	header = append(header, "seed", "replications", "arm", "service", "metric", "mean", "half_width", "rel_change", "rel_lo", "rel_hi", "overloaded")
	cw.Write(header)
	for _, r := range rows {
		rec := []string{strconv.Itoa(r.point + 1)}
		for _, v := range r.values {
			rec = append(rec, scenarios.ValueLabel(v))
		}
		rec = append(rec, strconv.FormatUint(sc.Seed, 10), strconv.Itoa(sc.Replications), r.arm, r.service, r.key,
			ff(r.mean), ff(r.half), ff(r.rel), ff(r.relLo), ff(r.relHi), strconv.FormatBool(r.overloaded))
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// writeSweepTable prints, per service, the effort per case and the lead
// time of every arm at every point.
func writeSweepTable(w io.Writer, sc *scenarios.Scenario, rows []sweepRow) {
	fmt.Fprintf(w, "sweep of scenario %s, seed %d, %d replications per point, version %s\n", sc.Name, sc.Seed, sc.Replications, version())
	var services []string
	for _, r := range rows {
		if !slices.Contains(services, r.service) {
			services = append(services, r.service)
		}
	}
	for _, svc := range services {
		fmt.Fprintf(w, "\nservice %s\n", svc)
		t := results.Table{}
		oat := sc.SweepMode == scenarios.OneAtATime
		if oat {
			t.Header = append(t.Header, "parameter", "value")
		} else {
			for _, p := range sc.Sweep {
				t.Header = append(t.Header, p.Path)
			}
		}
		t.Header = append(t.Header, "arm", "effort per case (min)", "change vs status quo", "lead time mean (d)",
			"within service level (%)", "staff assigned (FTE)", "work done (FTE)")
		type key struct {
			point int
			arm   string
		}
		byKey := map[key]map[string]sweepRow{}
		var order []key
		for _, r := range rows {
			if r.service != svc {
				continue
			}
			k := key{r.point, r.arm}
			if byKey[k] == nil {
				byKey[k] = map[string]sweepRow{}
				order = append(order, k)
			}
			byKey[k][r.key] = r
		}
		for _, k := range order {
			m := byKey[k]
			e := m["effort_min"]
			var cells []any
			for i, v := range e.values {
				switch {
				case !oat:
					cells = append(cells, scenarios.ValueLabel(v))
				case v != nil:
					cells = append(cells, sc.Sweep[i].Path, scenarios.ValueLabel(v))
				}
			}
			change := ""
			if !math.IsNaN(e.rel) {
				change = strings.ReplaceAll(fmt.Sprintf("%+.1f %% [%.1f, %.1f]", 100*e.rel, 100*e.relLo, 100*e.relHi), "-", "−")
			}
			arm := k.arm
			if e.overloaded {
				arm += " (overloaded)"
			}
			w := m["within_level"]
			cells = append(cells, arm, pm(e.mean, e.half), change, pm(m["lead_days"].mean, m["lead_days"].half),
				pm(100*w.mean, 100*w.half), pm(m["staff_fte"].mean, m["staff_fte"].half), pm(m["work_fte"].mean, m["work_fte"].half))
			t.AddRow(cells...)
		}
		t.WriteTo(w)
	}
}

func pm(m, h float64) string { return fmt.Sprintf("%.2f ± %.2f", m, h) }

func ff(x float64) string {
	if x != x {
		return ""
	}
	return strconv.FormatFloat(x, 'g', 10, 64)
}

// sweepResult converts the rows for the plots and the sweep page.
func sweepResult(sc *scenarios.Scenario, rows []sweepRow) *results.Sweep {
	sw := &results.Sweep{Scenario: sc.Name, Seed: sc.Seed, Replications: sc.Replications, Mode: sc.SweepMode}
	var short []map[string]string
	for _, p := range sc.Sweep {
		name, s := p.Short()
		sw.Params = append(sw.Params, name)
		short = append(short, s)
	}
	for _, r := range rows {
		var values []string
		for i, v := range r.values {
			values = append(values, short[i][scenarios.ValueLabel(v)])
		}
		sw.Rows = append(sw.Rows, results.SweepRow{Point: r.point, Values: values, Arm: r.arm, Service: r.service,
			Metric: r.key, Mean: r.mean, HalfWidth: r.half, Rel: r.rel, RelLo: r.relLo, RelHi: r.relHi})
	}
	return sw
}
