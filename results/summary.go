package results

import (
	"math"

	"zsa/sim/stats"
)

// TotalOffice is the office name of a service's total over all offices.
const TotalOffice = "all"

// Summary is a Comparison condensed over replications: for every service,
// its total and each local office, and every arm, each metric's mean with a
// 95 % confidence interval and, for arms other than the baseline, the
// paired difference to the baseline.
type Summary struct {
	Scenario, Hash string
	Seed           uint64
	Version        string
	// Replications is the number of replications per arm; Seeds their
	// seeds (Result.Seed), in replication order.
	Replications int
	Seeds        []uint64
	// Arms are the arm names; Arms[0] is the baseline.
	Arms     []string
	Services []ServiceSummary
	// Checks compares the model with the comparison's targets, in their
	// order.
	Checks []TargetCheck
	// tr gives the report's texts in the report's language (nil:
	// English); the tables zsa prints leave it nil.
	tr *translator
}

// ServiceSummary is one service's summaries: Offices[0] is the service
// total (Office TotalOffice), then the local offices in the model's order,
// then the offices only some arms have (the ZSA, or its units), whose
// metrics are NaN in the arms without them. Offices without any arrivals
// and without any staff in every replication of every arm are left out.
type ServiceSummary struct {
	Service string
	Offices []OfficeSummary
	// Members are, per arm with member offices that are not all the
	// service's offices (Arm.Members), the figures of the cases of those
	// offices alone, in every arm (Office MembersOffice): what the offices
	// that join see. In the order of the arms.
	Members []MemberSummary
}

// MemberSummary is the summary of the member offices of one arm.
type MemberSummary struct {
	// Arm is the index of the arm whose members these are; Offices their
	// keys, Of the number of local offices of the service.
	Arm     int
	Offices []string
	Of      int
	OfficeSummary
	// Others are the figures of the cases of the service's other local
	// offices, those that do not join (Office NonMembersOffice).
	Others OfficeSummary
}

// MembersOffice and NonMembersOffice are the Office of a MemberSummary
// and of its Others.
const (
	MembersOffice    = "members"
	NonMembersOffice = "non-members"
)

// Overloaded returns, for arm index a, whether the service total is not in
// steady state, and the offices (keys) that are not.
func (s ServiceSummary) Overloaded(a int) (total bool, offices []string) {
	total = s.Offices[0].Arms[a].Steady.Overloaded
	for _, o := range s.Offices[1:] {
		if o.Arms[a].Steady.Overloaded {
			offices = append(offices, o.Office)
		}
	}
	return total, offices
}

// OfficeSummary is the summaries of one office (or the total) per arm.
type OfficeSummary struct {
	// Office is the office's key (TotalOffice for the total), Name its
	// name; ZSA marks the central office or a unit of it.
	Office, Name string
	ZSA          bool
	Arms         []ArmSummary // in the order of Comparison.Arms
}

// ArmSummary is one arm's metric summaries, in the order of Metrics.
type ArmSummary struct {
	Arm     string
	Metrics []MetricSummary
	// Steady is the steady-state check of the arm at this office.
	Steady SteadyState
}

// OverloadGrowth is the backlog growth, as a share of the cases filed in
// the measured period, above which an arm is not in steady state. In
// steady state the open cases at the end of the period are about those at
// its start, whatever the seasons: a change of the arrival rate by a share
// s moves the backlog by s × rate × mean lead time, which for lead times
// of a few weeks over a year is a few per cent of the period's arrivals at
// most. An arm whose staff serve a share 1/ρ of the work offered to them
// (ρ > 1) adds 1 − 1/ρ of the arrivals to the backlog: ρ = 1.1 adds 9 %.
const OverloadGrowth = 0.05

// SteadyState says whether an arm's staff keep up with the cases at an
// office (or in the service total): whether its open cases grow without
// bound.
type SteadyState struct {
	// Overloaded reports that the backlog grew by more than OverloadGrowth
	// of the cases filed in the measured period with 95 % confidence: the
	// lower limit of the backlog_growth interval is above it (with a single
	// replication, the value itself).
	Overloaded bool
	// OpenAtWarmUp and OpenAtEnd are the cases open at the start and the
	// end of the measured period, Arrived those filed in it: means over
	// the replications (NaN at a ZSA office, where no case is filed).
	OpenAtWarmUp, OpenAtEnd, Arrived float64
}

// MetricSummary summarises one metric over the replications of one arm.
type MetricSummary struct {
	Metric
	// Value is the mean over replications with its Student-t 95 %
	// confidence interval (stats.Summarize); a NaN in any replication
	// makes it NaN.
	Value stats.Summary
	// Paired compares the arm with the baseline, replication by
	// replication (stats.PairedDiff): Diff is this arm minus the baseline,
	// Rel the relative change of the means with its interval [RelLo,
	// RelHi]. It is nil for the baseline. With a single replication the
	// half-widths and limits are NaN.
	Paired *stats.PairedSummary
}

// Summarize condenses c over its replications. It returns an error
// (ErrNoArms, ErrNoReplications or one wrapping ErrMismatch) if c is
// malformed.
func Summarize(c *Comparison) (*Summary, error) {
	f, err := c.folded(false)
	if err != nil {
		return nil, err
	}
	defer c.release(f)
	return f.summary(), nil
}

// summary condenses the replications of f.
func (f *fold) summary() *Summary {
	c := f.c
	s := &Summary{
		Scenario: c.Scenario, Hash: c.Hash, Seed: c.Seed, Version: c.Version,
		Replications: f.reps, Seeds: f.seeds[:f.reps:f.reps],
	}
	for _, a := range c.Arms {
		s.Arms = append(s.Arms, a.Name)
	}
	for si, sf := range f.svc {
		ss := ServiceSummary{Service: f.services[si]}
		ss.Offices = append(ss.Offices, f.summarizeGroup(TotalOffice, sf.total))
		for _, key := range sf.keys {
			if g := sf.offices[key]; g.kept {
				ss.Offices = append(ss.Offices, f.summarizeGroup(key, g))
			}
		}
		for _, mf := range sf.members {
			ss.Members = append(ss.Members, MemberSummary{Arm: mf.arm, Offices: mf.keys, Of: sf.local,
				OfficeSummary: f.summarizeGroup(MembersOffice, mf.members),
				Others:        f.summarizeGroup(NonMembersOffice, mf.others)})
		}
		s.Services = append(s.Services, ss)
	}
	s.Checks = checkTargets(f, s)
	return s
}

// summarizeGroup summarises the figures of group g, whose Office is key,
// over the replications of f. The metrics of an arm without the office
// are NaN.
func (f *fold) summarizeGroup(key string, g *groupFold) OfficeSummary {
	out := OfficeSummary{Office: key, Name: g.name, ZSA: g.zsa}
	ms := Metrics()
	// x[a][m][i]: metric m of replication i of arm a.
	x := make([][][]float64, len(f.c.Arms))
	for a, arm := range f.c.Arms {
		reps := g.arms[a][:f.reps]
		x[a] = make([][]float64, len(ms))
		for m := range ms {
			x[a][m] = make([]float64, len(reps))
			for i := range reps {
				x[a][m][i] = reps[i].x[m]
			}
		}
		var start, end, arrived stats.Tally
		for _, r := range reps {
			start.Add(r.open)
			end.Add(r.end)
			arrived.Add(r.arrived)
		}
		as := ArmSummary{Arm: arm.Name, Steady: SteadyState{OpenAtWarmUp: start.Mean(), OpenAtEnd: end.Mean(), Arrived: arrived.Mean()}}
		for m, metric := range ms {
			s := MetricSummary{Metric: metric, Value: stats.Summarize(x[a][m])}
			if a > 0 {
				p := paired(x[0][m], x[a][m])
				s.Paired = &p
			}
			as.Metrics = append(as.Metrics, s)
		}
		v := as.Metrics[mBacklogGrowth].Value
		lo := v.Lo()
		if v.N < 2 {
			lo = v.Mean
		}
		as.Steady.Overloaded = lo > OverloadGrowth
		out.Arms = append(out.Arms, as)
	}
	return out
}

// paired is stats.PairedDiff for samples of equal length n ≥ 1: with a
// single pair it returns the point estimates with NaN half-widths and
// limits instead of stats.ErrTooFew.
func paired(a, b []float64) stats.PairedSummary {
	if p, err := stats.PairedDiff(a, b); err == nil {
		return p
	}
	d := make([]float64, len(a))
	for i := range a {
		d[i] = b[i] - a[i]
	}
	p := stats.PairedSummary{
		Diff:  stats.Summarize(d),
		MeanA: stats.Summarize(a).Mean, MeanB: stats.Summarize(b).Mean,
		Rel: math.NaN(), RelLo: math.NaN(), RelHi: math.NaN(),
	}
	if p.MeanA > 0 && p.MeanB >= 0 {
		p.Rel = p.MeanB/p.MeanA - 1
	}
	return p
}
