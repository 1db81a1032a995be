package results

import (
	"fmt"
	"math"

	"zsa/models"
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
	if err := c.validate(); err != nil {
		return nil, err
	}
	s := &Summary{
		Scenario: c.Scenario, Hash: c.Hash, Seed: c.Seed, Version: c.Version,
		Replications: c.Replications(),
	}
	for _, r := range c.Arms[0].Results {
		s.Seeds = append(s.Seeds, r.Seed)
	}
	for _, a := range c.Arms {
		s.Arms = append(s.Arms, a.Name)
	}
	base := c.Arms[0].Results[0]
	for si := range base.Services {
		ss := ServiceSummary{Service: base.Services[si].Name}
		ss.Offices = append(ss.Offices, summarizeOffice(c, si, TotalOffice))
		for _, key := range officeKeys(c, si) {
			if summarized(c, si, key) {
				ss.Offices = append(ss.Offices, summarizeOffice(c, si, key))
			}
		}
		ss.Members = summarizeMembers(c, si)
		s.Services = append(s.Services, ss)
	}
	s.Checks = checkTargets(c, s)
	return s, nil
}

// officeKeys returns the keys of the offices of service si: those of the
// baseline's first replication in order, then those other arms add (the
// ZSA), in the order of the arms.
func officeKeys(c *Comparison, si int) []string {
	var keys []string
	seen := map[string]bool{}
	for _, a := range c.Arms {
		for _, o := range a.Results[0].Services[si].Offices {
			if !seen[o.Office] {
				seen[o.Office] = true
				keys = append(keys, o.Office)
			}
		}
	}
	return keys
}

// officeIndex returns the index of the office with the given key in
// service si of r: -1 for TotalOffice, false if r has no such office.
func officeIndex(r *models.Result, si int, key string) (int, bool) {
	if key == TotalOffice {
		return -1, true
	}
	for i, o := range r.Services[si].Offices {
		if o.Office == key {
			return i, true
		}
	}
	return 0, false
}

// summarized reports whether office key of service si gets a summary: in
// some replication of some arm, a case arrived there or staff works there.
func summarized(c *Comparison, si int, key string) bool {
	for _, a := range c.Arms {
		for _, r := range a.Results {
			if i, ok := officeIndex(r, si, key); ok {
				if o := &r.Services[si].Offices[i]; o.Arrived > 0 || o.StaffFTE > 0 {
					return true
				}
			}
		}
	}
	return false
}

// summarizeOffice summarises office key (or TotalOffice) of service si.
// The metrics of an arm without the office are NaN.
func summarizeOffice(c *Comparison, si int, key string) OfficeSummary {
	out := OfficeSummary{Office: key, Name: "all offices"}
	summarizeWith(c, &out, func(r *models.Result) ([]Value, *models.OfficeResult) {
		oi, ok := officeIndex(r, si, key)
		if !ok {
			return nil, nil
		}
		if oi < 0 {
			t := r.Services[si].Total()
			return Measure(r, si, oi), &t
		}
		o := &r.Services[si].Offices[oi]
		out.Name, out.ZSA = o.Name, o.ZSA
		return Measure(r, si, oi), o
	})
	return out
}

// summarizeMembers summarises, for every arm with member offices of
// service si that are not all its local offices, those offices' cases in
// every arm.
func summarizeMembers(c *Comparison, si int) []MemberSummary {
	var out []MemberSummary
	sr0 := &c.Arms[0].Results[0].Services[si]
	local := localOffices(sr0)
	for a, arm := range c.Arms {
		set := partialMembers(arm, sr0.Name, local)
		if set == nil {
			continue
		}
		keys := arm.Members[sr0.Name]
		ms := MemberSummary{Arm: a, Offices: keys, Of: local,
			OfficeSummary: OfficeSummary{Office: MembersOffice, Name: fmt.Sprintf("the %d member offices of %s", len(keys), arm.Name)}}
		summarizeWith(c, &ms.OfficeSummary, subtotal(si, func(o *models.OfficeResult) bool { return !o.ZSA && set[o.Office] }))
		ms.Others = OfficeSummary{Office: NonMembersOffice, Name: fmt.Sprintf("the %d offices that do not join %s", local-len(keys), arm.Name)}
		summarizeWith(c, &ms.Others, subtotal(si, func(o *models.OfficeResult) bool { return !o.ZSA && !set[o.Office] }))
		out = append(out, ms)
	}
	return out
}

// subtotal is summarizeWith's measure of the offices of service si that
// keep keeps, merged once per replication.
func subtotal(si int, keep func(*models.OfficeResult) bool) func(*models.Result) ([]Value, *models.OfficeResult) {
	return func(r *models.Result) ([]Value, *models.OfficeResult) {
		sr := &r.Services[si]
		t := sr.Subtotal(keep)
		return values(measure(r, sr, &t)), &t
	}
}

// partialMembers returns the member offices of arm for service as a set,
// or nil unless they are some but not all of the service's local offices
// (of which there are local): only then do they make a group of their
// own.
func partialMembers(arm Arm, service string, local int) map[string]bool {
	keys := arm.Members[service]
	if len(keys) == 0 || len(keys) >= local {
		return nil
	}
	set := map[string]bool{}
	for _, k := range keys {
		set[k] = true
	}
	return set
}

// summarizeWith fills out's Arms from measure, which returns the metrics
// of one replication and the office (or merge) they come from, or nil if
// the replication has no such office (its metrics are then NaN).
func summarizeWith(c *Comparison, out *OfficeSummary, measure func(*models.Result) ([]Value, *models.OfficeResult)) {
	ms := Metrics()
	// x[a][m][i]: metric m of replication i of arm a.
	x := make([][][]float64, len(c.Arms))
	steady := make([]SteadyState, len(c.Arms))
	for a, arm := range c.Arms {
		x[a] = make([][]float64, len(ms))
		for m := range ms {
			x[a][m] = make([]float64, len(arm.Results))
		}
		var start, end, arrived stats.Tally
		for i, r := range arm.Results {
			vs, o := measure(r)
			if o == nil {
				for m := range ms {
					x[a][m][i] = math.NaN()
				}
				start.Add(math.NaN())
				end.Add(math.NaN())
				arrived.Add(math.NaN())
				continue
			}
			for m, v := range vs {
				x[a][m][i] = v.X
			}
			if o.ZSA {
				start.Add(math.NaN())
				end.Add(math.NaN())
				arrived.Add(math.NaN())
				continue
			}
			start.Add(float64(o.OpenAtWarmUp))
			end.Add(float64(o.OpenAtEnd))
			arrived.Add(float64(o.Arrived))
		}
		steady[a] = SteadyState{OpenAtWarmUp: start.Mean(), OpenAtEnd: end.Mean(), Arrived: arrived.Mean()}
	}
	for a, arm := range c.Arms {
		as := ArmSummary{Arm: arm.Name, Steady: steady[a]}
		for m, metric := range ms {
			s := MetricSummary{Metric: metric, Value: stats.Summarize(x[a][m])}
			if a > 0 {
				p := paired(x[0][m], x[a][m])
				s.Paired = &p
			}
			as.Metrics = append(as.Metrics, s)
		}
		g := as.Metrics[mBacklogGrowth].Value
		lo := g.Lo()
		if g.N < 2 {
			lo = g.Mean
		}
		as.Steady.Overloaded = lo > OverloadGrowth
		out.Arms = append(out.Arms, as)
	}
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
