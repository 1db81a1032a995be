package results

import (
	"math"
	"slices"
	"strings"

	"zsa/models"
	"zsa/sim/stats"
)

// Target is a figure the real system is known to show, which the model
// should reproduce: a sourced observation such as "Wohngeld takes 4–6
// weeks in Sachsen-Anhalt". A scenario lists them in [[targets]].
type Target struct {
	// Metric is a Metric's Name, e.g. "lead_days".
	Metric string
	// Service is the service's name; Arm the arm's name ("" for the
	// baseline, the status quo); Office an office key, or "" or
	// TotalOffice for the service total.
	Service, Arm, Office string
	// Types, if not empty, restricts the figure to the cases of these
	// case types, over all offices (TypeMetrics lists the metrics this
	// works for): "Wohngeld applications" without the changes.
	Types []string
	// Change makes the figure the arm's relative change of the metric
	// against the baseline (−0.39: 39 % less), with the interval of the
	// paired comparison, instead of the arm's own level.
	Change bool
	// Min and Max are the observed value (Min == Max) or range, in the
	// metric's unit (shares from 0 to 1), or as a relative change.
	Min, Max float64
	// Tolerance widens the observed range by this share of each end: the
	// accepted range is [Min − Tolerance·|Min|, Max + Tolerance·|Max|].
	// It expresses how well the observation is known.
	Tolerance float64
	// Source names where the observation comes from (a key of the
	// scenario's sources); Note says in words what was observed.
	Source, Note string
}

// Accepted returns the range of model means that pass: the observed range
// widened by the tolerance.
func (t Target) Accepted() (lo, hi float64) {
	return t.Min - t.Tolerance*math.Abs(t.Min), t.Max + t.Tolerance*math.Abs(t.Max)
}

// TargetCheck is a Target compared with the model.
type TargetCheck struct {
	Target
	// Metric describes the target's metric (unit, doc).
	Info Metric
	// Model is the metric over the replications of the arm at the office:
	// its mean with a 95 % confidence interval [Lo, Hi] (for a Change,
	// the relative change of the means with the interval of the paired
	// comparison, and HalfWidth half its width). Found is false if the
	// scenario has no such service, arm, office or metric.
	Model  stats.Summary
	Lo, Hi float64
	Found  bool
	// Pass reports that the model agrees with the observation: the 95 %
	// confidence interval of its mean overlaps the accepted range (with a
	// single replication, the mean lies in it). A model whose figure is
	// known precisely must so hit the range; a noisy one is not called
	// wrong where the noise could explain the difference.
	Pass bool
}

// TypeMetrics are the metrics a Target restricted to case types can name:
// those the results keep per case type (models.TypeResult).
func TypeMetrics() []string {
	return []string{MetricEffortMin, MetricLeadDays, MetricLeadWorkdays, MetricWaitDays, MetricHandOverDays,
		MetricExternalDays, MetricWithinLevel, MetricArrived, MetricCompleted}
}

// typeMetric returns metric for the cases of the given types of service
// si in r, over all offices; false if it is not one of TypeMetrics or a
// type is unknown.
func typeMetric(r *models.Result, si int, types []string, metric string) (float64, bool) {
	var arrived, completed, within int
	var effort, lead, work, wait, handOver, external stats.Tally
	for _, name := range types {
		i := slices.IndexFunc(r.Services[si].Types, func(t models.TypeResult) bool { return t.Name == name })
		if i < 0 {
			return 0, false
		}
		t := &r.Services[si].Types[i]
		arrived += t.Arrived
		completed += t.Completed
		within += t.WithinLevel
		effort.Merge(t.Effort)
		lead.Merge(t.Lead)
		work.Merge(t.LeadWork)
		wait.Merge(t.Wait)
		handOver.Merge(t.HandOver)
		external.Merge(t.External)
	}
	switch metric {
	case MetricEffortMin:
		return effort.Mean(), true
	case MetricLeadDays:
		return lead.Mean(), true
	case MetricLeadWorkdays:
		return work.Mean(), true
	case MetricWaitDays:
		return wait.Mean(), true
	case MetricHandOverDays:
		return handOver.Mean(), true
	case MetricExternalDays:
		return external.Mean(), true
	case MetricWithinLevel:
		return ratio(within, completed), true
	case MetricArrived:
		return float64(arrived), true
	case MetricCompleted:
		return float64(completed), true
	}
	return 0, false
}

// checkTargets compares the comparison of f, summarised in s, with every
// target.
func checkTargets(f *fold, s *Summary) []TargetCheck {
	var out []TargetCheck
	for i, t := range f.c.Targets {
		ch := checkTarget(s, t)
		if len(t.Types) > 0 {
			ch = checkTypeTarget(f.types[i], f.reps, s, ch)
		}
		out = append(out, ch)
	}
	return out
}

// checkTypeTarget evaluates a target restricted to case types: the metric
// of those types in each of the reps replications of the arm (tf),
// summarised.
func checkTypeTarget(tf *typeFold, reps int, s *Summary, ch TargetCheck) TargetCheck {
	ch.Model, ch.Found, ch.Pass = stats.Summary{Mean: math.NaN(), HalfWidth: math.NaN()}, false, false
	arm := 0
	if ch.Arm != "" {
		arm = slices.Index(s.Arms, ch.Arm)
	}
	si := slices.IndexFunc(s.Services, func(v ServiceSummary) bool { return v.Service == ch.Service })
	if arm < 0 || si < 0 || (ch.Office != "" && ch.Office != TotalOffice) || (ch.Change && arm == 0) {
		return ch
	}
	values := func(arm int) []float64 {
		if tf.bad[arm] {
			return nil
		}
		return tf.xs[arm][:reps:reps]
	}
	xs := values(arm)
	if xs == nil {
		return ch
	}
	if ch.Change {
		p := paired(values(0), xs)
		ch.Model = stats.Summary{Mean: p.Rel, HalfWidth: (p.RelHi - p.RelLo) / 2, N: p.Diff.N}
		ch.Lo, ch.Hi = p.RelLo, p.RelHi
	} else {
		ch.Model = stats.Summarize(xs)
		ch.Lo, ch.Hi = interval(ch.Model)
	}
	ch.Found = !math.IsNaN(ch.Model.Mean)
	ch.Pass = ch.Found && agrees(ch)
	return ch
}

// checkTarget compares s with one target.
func checkTarget(s *Summary, t Target) TargetCheck {
	c := TargetCheck{Target: t, Model: stats.Summary{Mean: math.NaN(), HalfWidth: math.NaN()}, Lo: math.NaN(), Hi: math.NaN()}
	m := -1
	for i, info := range Metrics() {
		if info.Name == t.Metric {
			m, c.Info = i, info
		}
	}
	arm := 0
	if t.Arm != "" {
		arm = -1
		for i, a := range s.Arms {
			if a == t.Arm {
				arm = i
			}
		}
	}
	office := t.Office
	if office == "" {
		office = TotalOffice
	}
	if m < 0 || arm < 0 || (t.Change && arm == 0) {
		return c
	}
	for _, svc := range s.Services {
		if svc.Service != t.Service {
			continue
		}
		for _, o := range svc.Offices {
			if o.Office != office {
				continue
			}
			ms := o.Arms[arm].Metrics[m]
			switch {
			case !t.Change:
				c.Model = ms.Value
				c.Lo, c.Hi = interval(c.Model)
			case ms.Paired != nil:
				p := ms.Paired
				c.Model = stats.Summary{Mean: p.Rel, HalfWidth: (p.RelHi - p.RelLo) / 2, N: p.Diff.N}
				c.Lo, c.Hi = p.RelLo, p.RelHi
			}
			c.Found = !math.IsNaN(c.Model.Mean)
		}
	}
	c.Pass = c.Found && agrees(c)
	return c
}

// interval returns the 95 % confidence interval of m, or the mean alone
// where its half-width is unknown (a single replication).
func interval(m stats.Summary) (lo, hi float64) {
	h := m.HalfWidth
	if !(h >= 0) || math.IsInf(h, 0) {
		h = 0
	}
	return m.Mean - h, m.Mean + h
}

// agrees reports whether the model's interval overlaps the target's
// accepted range (the mean alone where the interval is unknown).
func agrees(c TargetCheck) bool {
	lo, hi := c.Accepted()
	mlo, mhi := c.Lo, c.Hi
	if math.IsNaN(mlo) || math.IsNaN(mhi) {
		mlo, mhi = c.Model.Mean, c.Model.Mean
	}
	return mhi >= lo && mlo <= hi
}

// Verdict says in a word whether the check passed: "ok", "miss", or "n/a"
// when the model has no such figure.
func (c TargetCheck) Verdict() string {
	switch {
	case !c.Found:
		return "n/a"
	case c.Pass:
		return "ok"
	}
	return "miss"
}

// targetTable is the validation table of s's target checks (TargetTable).
func targetTable(s *Summary) *Table { return targetTableIn(s.tr, s.Checks, s.Arms[0]) }

// TargetTable is a validation table, one row per check: service, measure,
// arm (baseline where the target names none), office, observed, accepted,
// model, verdict and source.
func TargetTable(checks []TargetCheck, baseline string) *Table {
	return targetTableIn(nil, checks, baseline)
}

// targetTableIn is TargetTable in tr's language.
func targetTableIn(tr *translator, checks []TargetCheck, baseline string) *Table {
	t := &Table{Header: []string{tr.s("service"), tr.s("measure"), tr.s("arm"), tr.s("office"), tr.s("observed"), tr.s("accepted"), tr.s("model"), "", tr.s("source")}}
	for _, c := range checks {
		scale, unit := metricScale(c.Info)
		if c.Info.Name == "" {
			scale, unit = 1, ""
		}
		arm := c.Arm
		if arm == "" {
			arm = baseline
		}
		office := c.Office
		if office == "" {
			office = tr.s(TotalOffice)
		}
		lo, hi := c.Accepted()
		if len(c.Types) > 0 {
			office += " (" + strings.Join(c.Types, ", ") + ")"
		}
		measure, model := c.Metric, formatMean(c.Model, scale)
		if c.Change {
			measure += tr.s(" vs ") + baseline
			scale, unit = 100, "%"
			model = formatChange(c.Model.Mean, c.Lo, c.Hi)
		}
		t.Rows = append(t.Rows, []string{c.Service, measure, arm, office,
			withUnit(formatRange(tr, c.Min*scale, c.Max*scale), unit), withUnit(formatRange(tr, lo*scale, hi*scale), unit),
			model, tr.s(c.Verdict()), c.Source})
	}
	return t
}

// formatRange formats a value or a range: "28", "28–42", "−42 to −36".
func formatRange(t *translator, lo, hi float64) string {
	switch {
	case lo == hi:
		return minus(formatSig(lo))
	case lo < 0:
		// "−42 to −36": a dash between two minus signs reads badly.
		return minus(formatSig(lo)) + t.s(" to ") + minus(formatSig(hi))
	}
	return minus(formatSig(lo)) + "–" + minus(formatSig(hi))
}

// targetsText is the paragraph above the validation table.
func targetsText(s *Summary) string {
	pass := 0
	for _, c := range s.Checks {
		if c.Pass {
			pass++
		}
	}
	return s.tr.f("%d of %d observed figures reproduced: the 95 %% confidence interval of the model's mean "+
		"overlaps the observed value or range, widened by the target's tolerance.", pass, len(s.Checks))
}
