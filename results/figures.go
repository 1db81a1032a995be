package results

import (
	"fmt"
)

// Figure groups, in the order of Figures.
const (
	groupEffort      = "Effort per case"
	groupLead        = "Lead time"
	groupBacklog     = "Open cases over time"
	groupLearning    = "Learning curves"
	groupUtilisation = "Busy share of offices"
	groupGains       = "Which offices gain most"
	groupMonthly     = "Month by month"
)

// Figures builds every plot of c, in this order:
//
//	effort               effort per case per service and arm, 95 % CI bars (EffortPlot)
//	lead-time-<service>  distribution of the lead time per arm (LeadTimePlot)
//	monthly-<service>    lead time per calendar month per arm (MonthlyPlot)
//	backlog-<service>    open cases week by week per arm (BacklogPlot)
//	learning-<service>   effort against experience, ZSA and local (LearningPlot)
//	gains-<service>-<arm> with member offices: their lead-time changes ranked (GainsPlot)
//	plan-<service>-<n>   with a staff plan: its service-level curves (PlanFigures)
//	utilisation          utilisation of every office per arm (UtilisationPlot)
//
// <service> is the service name made safe for file names (see Figure.Name).
// The same Comparison gives the same figures. Figures returns an error if
// c is malformed.
func Figures(c *Comparison) ([]Figure, error) {
	f, err := c.folded(false)
	if err != nil {
		return nil, err
	}
	defer c.release(f)
	return figures(f, f.summary(), newTranslator(c.Lang))
}

// figures is Figures from a fold and its summary sum, with the titles and
// captions in t's language.
func figures(f *fold, sum *Summary, t *translator) ([]Figure, error) {
	c, services := f.c, f.services
	slugs := serviceSlugs(services)
	var figs []Figure
	add := func(f Figure, err error) error {
		if err != nil {
			return fmt.Errorf("results: plot %s: %w", f.Name, err)
		}
		figs = append(figs, f)
		return nil
	}
	p, err := effortPlot(c, sum)
	if err := add(Figure{Name: "effort", Group: t.s(groupEffort), Title: t.s("Effort per case, all offices"),
		Caption: t.s("Mean touch time per completed case in minutes (all process steps, set-up and rework " +
			"included), service totals over all offices; bars are means over the replications, " +
			"whiskers their 95 % confidence intervals."), Plot: p}, err); err != nil {
		return nil, err
	}
	for si, s := range services {
		p, err := leadTimePlot(f, sum, si)
		if err := add(Figure{Name: "lead-time-" + slugs[si], Group: t.s(groupLead),
			Title: t.f("%s: lead time", s),
			Caption: t.s("Share of completed cases (in %) done within a given lead time (calendar days from " +
				"application to decision), all offices and replications pooled; further left is faster. " +
				"The legend gives the median and the 90th percentile as the tables do: the mean over the " +
				"replications of each replication's quantile."), Plot: p}, err); err != nil {
			return nil, err
		}
	}
	for si, s := range services {
		p, err := monthlyPlot(f, si)
		if err := add(Figure{Name: "monthly-" + slugs[si], Group: t.s(groupMonthly),
			Title: t.f("%s: lead time month by month", s),
			Caption: t.s("Mean lead time (calendar days) of the cases completed in each calendar month, for the offices " +
				"that join the ZSA where only some do, otherwise all offices; the band is the 95 % confidence interval " +
				"over the replications. The shaded months lie (partly) in the warm-up, which the other figures leave " +
				"out; monthly.csv has every month for all offices, members and non-members."),
			Plot: p}, err); err != nil {
			return nil, err
		}
	}
	for si, s := range services {
		p, err := backlogPlot(f, si)
		if err := add(Figure{Name: "backlog-" + slugs[si], Group: t.s(groupBacklog),
			Title: t.f("%s: open cases", s),
			Caption: t.f("Cases open at the start of each week (all offices), the line the mean over the replications, "+
				"the band spanning the %s; ticks mark the week in which each month begins, the shaded weeks are the "+
				"warm-up, dashed lines the waves in which offices join.", t.s(bandName(f.reps))),
			Plot: p}, err); err != nil {
			return nil, err
		}
	}
	for si, s := range services {
		p, err := learningPlot(f, si)
		if err := add(Figure{Name: "learning-" + slugs[si], Group: t.s(groupLearning),
			Title: t.f("%s: learning curves", s),
			Caption: t.s("Mean touch time per work item (one process step) in minutes against the clerk's " +
				"experience with the service (work items done, log scale), whole run, replications pooled. " +
				"The ZSA does only the steps delegated to it, so its level also differs by the mix of steps."),
			Plot: p}, err); err != nil {
			return nil, err
		}
	}
	for si, s := range services {
		p, err := qualityPlot(f, si)
		if err := add(Figure{Name: "quality-" + slugs[si], Group: t.s(groupLearning),
			Title: t.f("%s: error rate against experience", s),
			Caption: t.s("Probability of an error (found later and reworked) per work item of the steps that " +
				"can go wrong, in %, against the clerk's experience with the service (log scale), whole run, " +
				"replications pooled: the quality side of the learning curve."),
			Plot: p}, err); err != nil {
			return nil, err
		}
	}
	for _, svc := range sum.Services {
		for _, ms := range svc.Members {
			p, err := gainsPlot(sum, svc, ms, t)
			if err := add(Figure{Name: "gains-" + Slug(svc.Service) + "-" + Slug(sum.Arms[ms.Arm]), Group: t.s(groupGains),
				Title: t.f("%s: which offices gain most with %s", svc.Service, t.name(sum.Arms[ms.Arm])),
				Caption: t.f("Paired change of the mean lead time of each member office's cases against %s "+
					"(in %%, the largest cut on top), with its 95 %% confidence interval.", t.name(sum.Arms[0])), Plot: p}, err); err != nil {
				return nil, err
			}
		}
	}
	if c.Plan != nil {
		pf, err := planFigures(c.Plan, t)
		if err != nil {
			return nil, err
		}
		figs = append(figs, pf...)
	}
	p, err = utilisationPlot(f)
	if err := add(Figure{Name: "utilisation", Group: t.s(groupUtilisation), Title: t.s("Busy share of offices"),
		Caption: t.s("Touch time worked as a share of the clerks' working time available for the services after " +
			"leave and sickness (in %; the metric busy_share), per office (its clerks together), in the measured " +
			"period, replications pooled."),
		Plot: p}, err); err != nil {
		return nil, err
	}
	return figs, nil
}

// WritePlots writes every figure of c (Figures) into dir, which must exist,
// as <name>.svg and <name>.png, each with WriteFileAtomic, and returns the
// file names written, in order.
func WritePlots(dir string, c *Comparison) ([]string, error) {
	figs, err := Figures(c)
	if err != nil {
		return nil, err
	}
	return writeFigures(dir, figs)
}

// checkService returns the fold of c (Comparison.folded, to be released)
// after checking the service index.
func (c *Comparison) checkService(service int) (*fold, error) {
	f, err := c.folded(false)
	if err != nil {
		return nil, err
	}
	if n := len(f.services); service < 0 || service >= n {
		c.release(f)
		return nil, fmt.Errorf("results: service index %d out of range [0, %d)", service, n)
	}
	return f, nil
}
