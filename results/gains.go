package results

import (
	"cmp"
	"encoding/csv"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// OfficeGain is what one member office gains when it joins an arm's ZSA:
// the paired change of its cases' mean lead time and of its clerks' work,
// against the status quo on the same seeds.
type OfficeGain struct {
	Office, Name string
	// LeadBase and LeadArm are the mean lead times (days) of the office's
	// cases; Rel their paired relative change with the 95 % interval
	// [RelLo, RelHi].
	LeadBase, LeadArm, Rel, RelLo, RelHi float64
	// WithinBase and WithinArm are the shares done within the service
	// level.
	WithinBase, WithinArm float64
	// WorkBase and WorkArm are the work done by the office's own clerks
	// (FTE): their difference is the local work the ZSA takes over.
	WorkBase, WorkArm float64
}

// Gains returns the member offices of ms (service svc) ranked by the
// change of their mean lead time, the largest cut first (offices without
// a figure last).
func Gains(svc ServiceSummary, ms MemberSummary) []OfficeGain {
	member := map[string]bool{}
	for _, k := range ms.Offices {
		member[k] = true
	}
	a := ms.Arm
	var out []OfficeGain
	for _, o := range svc.Offices[1:] {
		if !member[o.Office] || o.ZSA {
			continue
		}
		lead := o.Arms[a].Metrics[mLeadDays]
		g := OfficeGain{Office: o.Office, Name: o.Name,
			LeadBase: o.Arms[0].Metrics[mLeadDays].Value.Mean, LeadArm: lead.Value.Mean,
			Rel: math.NaN(), RelLo: math.NaN(), RelHi: math.NaN(),
			WithinBase: o.Arms[0].Metrics[mWithinLevel].Value.Mean, WithinArm: o.Arms[a].Metrics[mWithinLevel].Value.Mean,
			WorkBase: o.Arms[0].Metrics[mWorkFTE].Value.Mean, WorkArm: o.Arms[a].Metrics[mWorkFTE].Value.Mean}
		if p := lead.Paired; p != nil {
			g.Rel, g.RelLo, g.RelHi = p.Rel, p.RelLo, p.RelHi
		}
		out = append(out, g)
	}
	slices.SortStableFunc(out, func(x, y OfficeGain) int {
		switch xn, yn := math.IsNaN(x.Rel), math.IsNaN(y.Rel); {
		case xn && yn:
			return 0
		case xn:
			return 1
		case yn:
			return -1
		}
		return cmp.Compare(x.Rel, y.Rel)
	})
	return out
}

// GainsFile ranks the member offices of every arm by their gain.
const GainsFile = "gains.csv"

// WriteGainsCSV writes gains.csv: per arm with member offices (of some
// but not all offices of a service), its member offices ranked by the
// change of their mean lead time, the largest cut first:
//
//	arm,service,rank,office,office_name,lead_days_status_quo,lead_days_arm,lead_rel,lead_rel_lo,lead_rel_hi,within_level_status_quo,within_level_arm,work_fte_status_quo,work_fte_arm
//
// lead_rel is the paired relative change with its 95 % interval;
// work_fte the work done by the office's own clerks.
func WriteGainsCSV(w io.Writer, c *Comparison) error {
	s, err := Summarize(c)
	if err != nil {
		return err
	}
	return writeGainsCSV(w, s)
}

// writeGainsCSV is WriteGainsCSV from the summary s.
func writeGainsCSV(w io.Writer, s *Summary) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"arm", "service", "rank", "office", "office_name", "lead_days_status_quo", "lead_days_arm",
		"lead_rel", "lead_rel_lo", "lead_rel_hi", "within_level_status_quo", "within_level_arm", "work_fte_status_quo", "work_fte_arm"})
	for _, svc := range s.Services {
		for _, ms := range svc.Members {
			for i, g := range Gains(svc, ms) {
				cw.Write([]string{s.Arms[ms.Arm], svc.Service, strconv.Itoa(i + 1), g.Office, g.Name,
					csvFloat(g.LeadBase), csvFloat(g.LeadArm), csvFloat(g.Rel), csvFloat(g.RelLo), csvFloat(g.RelHi),
					csvFloat(g.WithinBase), csvFloat(g.WithinArm), csvFloat(g.WorkBase), csvFloat(g.WorkArm)})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// gainsTable is the ranking of the member offices of ms as a table.
func gainsTable(s *Summary, svc ServiceSummary, ms MemberSummary) *Table {
	tr := s.tr
	t := &Table{Header: []string{tr.s("rank"), tr.s("office"), tr.f("lead time %s (d)", s.Arms[0]), tr.f("lead time %s (d)", s.Arms[ms.Arm]),
		tr.s("change"), tr.s("within service level (%)"), tr.s("work done by its clerks (FTE)")}}
	for i, g := range Gains(svc, ms) {
		t.AddRow(i+1, g.Name, minus(sig4(g.LeadBase)), minus(sig4(g.LeadArm)), formatChange(g.Rel, g.RelLo, g.RelHi),
			minus(formatSig(100*g.WithinBase))+" → "+minus(formatSig(100*g.WithinArm)),
			minus(formatSig(g.WorkBase))+" → "+minus(formatSig(g.WorkArm)))
	}
	return t
}

// GainsPlot is the ranking of the member offices of ms as horizontal
// bars: the change of each office's mean lead time in %, with its 95 %
// interval, the largest cut on top.
func GainsPlot(s *Summary, svc ServiceSummary, ms MemberSummary) (*plot.Plot, error) {
	return gainsPlot(s, svc, ms, s.tr)
}

// gainsPlot is GainsPlot with its labels in t's language.
func gainsPlot(s *Summary, svc ServiceSummary, ms MemberSummary, t *translator) (*plot.Plot, error) {
	gains := Gains(svc, ms)
	p := newPlot(t.f("%s: which offices gain most", svc.Service), t.f("change of the mean lead time vs %s (%%)", t.name(s.Arms[0])), "")
	var names []string
	lo, hi := 0.0, 0.0
	n := len(gains)
	for i, g := range gains {
		y := float64(n - 1 - i) // the largest cut on top
		names = append(names, g.Name)
		if math.IsNaN(g.Rel) {
			continue
		}
		x := 100 * g.Rel
		bar, err := plotter.NewPolygon(plotter.XYs{{X: 0, Y: y - 0.35}, {X: x, Y: y - 0.35}, {X: x, Y: y + 0.35}, {X: 0, Y: y + 0.35}})
		if err != nil {
			return nil, err
		}
		bar.Color = lighten(armColor(ms.Arm), 0.35)
		bar.LineStyle = draw.LineStyle{Color: armColor(ms.Arm), Width: vg.Points(1)}
		p.Add(bar)
		lo, hi = min(lo, x), max(hi, x)
		if l, h := 100*g.RelLo, 100*g.RelHi; !math.IsNaN(l) && !math.IsNaN(h) && !math.IsInf(l, 0) && !math.IsInf(h, 0) {
			whisker, err := plotter.NewLine(plotter.XYs{{X: l, Y: y}, {X: h, Y: y}})
			if err != nil {
				return nil, err
			}
			whisker.LineStyle = draw.LineStyle{Color: color.Gray{Y: 0x30}, Width: vg.Points(1)}
			p.Add(whisker)
			lo, hi = min(lo, l), max(hi, h)
		}
	}
	if n == 0 {
		noData(p, t.s("no member office"))
		return p, nil
	}
	ticks := make([]plot.Tick, n)
	for i, name := range names {
		ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: name}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	span := max(hi-lo, 1)
	p.X.Min, p.X.Max = lo-0.05*span, hi+0.05*span
	return p, nil
}
