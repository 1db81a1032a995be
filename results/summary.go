package results

import (
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
}

// ServiceSummary is one service's summaries: Offices[0] is the service
// total (Office TotalOffice), then the local offices in the model's order.
// Offices present in only some arms (the ZSA) and offices without any
// arrivals in any replication of any arm are left out.
type ServiceSummary struct {
	Service string
	Offices []OfficeSummary
}

// OfficeSummary is the summaries of one office (or the total) per arm.
type OfficeSummary struct {
	Office string
	Arms   []ArmSummary // in the order of Comparison.Arms
}

// ArmSummary is one arm's metric summaries, in the order of Metrics.
type ArmSummary struct {
	Arm     string
	Metrics []MetricSummary
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
	// Rel the relative change of the means. It is nil for the baseline.
	// With a single replication the half-widths are NaN.
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
		for _, o := range base.Services[si].Offices {
			if summarized(c, si, o.Office) {
				ss.Offices = append(ss.Offices, summarizeOffice(c, si, o.Office))
			}
		}
		s.Services = append(s.Services, ss)
	}
	return s, nil
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

// summarized reports whether office key of service si gets a summary: it
// is in every replication of every arm, and some case arrived there.
func summarized(c *Comparison, si int, key string) bool {
	arrivals := false
	for _, a := range c.Arms {
		for _, r := range a.Results {
			i, ok := officeIndex(r, si, key)
			if !ok {
				return false
			}
			arrivals = arrivals || r.Services[si].Offices[i].Arrived > 0
		}
	}
	return arrivals
}

// summarizeOffice summarises office key (or TotalOffice) of service si,
// which every result has.
func summarizeOffice(c *Comparison, si int, key string) OfficeSummary {
	ms := Metrics()
	// x[a][m][i]: metric m of replication i of arm a.
	x := make([][][]float64, len(c.Arms))
	for a, arm := range c.Arms {
		x[a] = make([][]float64, len(ms))
		for i, r := range arm.Results {
			oi, _ := officeIndex(r, si, key)
			for m, v := range Measure(r, si, oi) {
				if i == 0 {
					x[a][m] = make([]float64, len(arm.Results))
				}
				x[a][m][i] = v.X
			}
		}
	}
	out := OfficeSummary{Office: key}
	for a, arm := range c.Arms {
		as := ArmSummary{Arm: arm.Name}
		for m, metric := range ms {
			s := MetricSummary{Metric: metric, Value: stats.Summarize(x[a][m])}
			if a > 0 {
				p := paired(x[0][m], x[a][m])
				s.Paired = &p
			}
			as.Metrics = append(as.Metrics, s)
		}
		out.Arms = append(out.Arms, as)
	}
	return out
}

// paired is stats.PairedDiff for samples of equal length n ≥ 1: with a
// single pair it returns the point estimates with NaN half-widths instead
// of stats.ErrTooFew.
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
		Rel: math.NaN(), RelHalfWidth: math.NaN(),
	}
	if p.MeanA != 0 {
		p.Rel = p.MeanB/p.MeanA - 1
	}
	return p
}
