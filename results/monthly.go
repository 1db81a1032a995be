package results

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"zsa/models"
	"zsa/sim"
	"zsa/sim/stats"
)

// MonthlyFile holds the measures per calendar month.
const MonthlyFile = "monthly.csv"

// monthGroup is a set of offices whose months are added up: all offices,
// or the member offices of an arm, or the others.
type monthGroup struct {
	offices, membersOf string
	keep               func(*models.OfficeResult) bool
}

// monthGroups returns the groups of service of c: all offices, and for
// every arm with member offices that are not all the service's offices,
// its members and non-members.
func monthGroups(c *Comparison, service string, local int) []monthGroup {
	groups := []monthGroup{{offices: TotalOffice, keep: func(*models.OfficeResult) bool { return true }}}
	for _, arm := range c.Arms {
		set := partialMembers(arm, service, local)
		if set == nil {
			continue
		}
		groups = append(groups,
			monthGroup{MembersOffice, arm.Name, func(o *models.OfficeResult) bool { return !o.ZSA && set[o.Office] }},
			monthGroup{NonMembersOffice, arm.Name, func(o *models.OfficeResult) bool { return !o.ZSA && !set[o.Office] }})
	}
	return groups
}

// monthFigures are the measures of a group of offices in one month of one
// replication.
type monthFigures struct {
	open, arrived, completed             int
	lead, p90, within, staffFTE, workFTE float64
}

// monthOf adds up month m of the offices of sr that g keeps.
func monthOf(r *models.Result, sr *models.ServiceResult, g monthGroup, m int) monthFigures {
	var f monthFigures
	var times stats.Samples
	var within int
	var work sim.Time
	for i := range sr.Offices {
		o := &sr.Offices[i]
		if !g.keep(o) || m >= len(o.Monthly) {
			continue
		}
		mp := &o.Monthly[m]
		f.open += mp.Open
		f.arrived += mp.Arrived
		f.completed += mp.Completed
		within += mp.WithinLevel
		for _, x := range mp.LeadTimes.Values() {
			times.Add(x)
		}
		work += mp.WorkDone
		f.staffFTE += mp.StaffFTE
	}
	f.lead = times.Mean()
	times.Sort()
	f.p90 = times.Quantile(0.9)
	f.within = ratio(within, f.completed)
	f.workFTE = math.NaN()
	if m < len(r.MonthFTEMinutes) && r.MonthFTEMinutes[m] > 0 {
		f.workFTE = float64(work / r.MonthFTEMinutes[m])
	}
	return f
}

// localOffices counts the local offices of a service.
func localOffices(sr *models.ServiceResult) int {
	n := 0
	for _, o := range sr.Offices {
		if !o.ZSA {
			n++
		}
	}
	return n
}

// WriteMonthlyCSV writes monthly.csv, the measures per calendar month of
// every replication, warm-up included:
//
//	rep,seed,arm,service,offices,members_of,month,first_day,warmup,open_at_start,arrived,completed,lead_days,lead_p90_days,within_level,staff_fte,work_fte
//
// offices is "all" (every office, the ZSA's work included), "members" or
// "non-members" (the offices that do or do not join the arm members_of,
// for every arm whose ZSA serves some but not all offices of the
// service); month is YYYY-MM, first_day its first day in the run
// (YYYY-MM-DD); warmup is true if any of the month lies in the warm-up.
// open_at_start counts the cases open at the month's start; arrived and
// completed the cases filed and completed in it; lead_days, lead_p90_days
// and within_level are the mean lead time, its 90th percentile (exact)
// and the share within the service level of the cases completed in the
// month; staff_fte the staff assigned to the service in the month (FTE ×
// share of time, clerks hired in the month counted for the part of it
// they are employed); work_fte the touch time of the work items started
// in the month by the offices' clerks, in full-time posts' working time of
// that month.
func WriteMonthlyCSV(w io.Writer, c *Comparison) error { return writeTable(w, c, MonthlyFile) }

// monthlyRows are the rows of monthly.csv of a run.
func monthlyRows(c *Comparison, emit func(...string), _ int, r *models.Result) {
	for si := range r.Services {
		sr := &r.Services[si]
		for _, g := range monthGroups(c, sr.Name, localOffices(sr)) {
			for m, d := range r.Months {
				f := monthOf(r, sr, g, m)
				end := r.Horizon
				if m+1 < len(r.MonthStarts) {
					end = r.MonthStarts[m+1]
				}
				emit(sr.Name, g.offices, g.membersOf,
					fmt.Sprintf("%04d-%02d", d.Year, int(d.Month)), fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day),
					strconv.FormatBool(r.MonthStarts[m] < r.WarmUp && end > r.MonthStarts[m]),
					strconv.Itoa(f.open), strconv.Itoa(f.arrived), strconv.Itoa(f.completed),
					csvFloat(f.lead), csvFloat(f.p90), csvFloat(f.within), csvFloat(f.staffFTE), csvFloat(f.workFTE))
			}
		}
	}
}

// monthNames are the short month names of the charts' axes.
var monthNames = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// MonthlyPlot draws the mean lead time of the cases completed in each
// calendar month, per arm, with the 95 % confidence interval over the
// replications as a band: for the member offices of the first arm that
// has some (and not all), otherwise for all offices. Months in the
// warm-up are shaded.
func MonthlyPlot(c *Comparison, service int) (*plot.Plot, error) {
	f, err := c.checkService(service)
	if err != nil {
		return nil, err
	}
	defer c.release(f)
	return monthlyPlot(f, service)
}

// monthlyPlot is MonthlyPlot from a fold.
func monthlyPlot(f *fold, service int) (*plot.Plot, error) {
	c, r0, sf := f.c, f.head, f.svc[service]
	t := newTranslator(c.Lang)
	which := t.s("all offices")
	if sf.plotMembers {
		which = t.s("member offices")
	}
	p := newPlot(t.f("%s: lead time by month, %s", f.services[service], which), t.s("month of completion"), t.s("mean lead time (d)"))
	months := r0.Months
	if len(months) == 0 {
		noData(p, t.s("no months"))
		return p, nil
	}
	top := 0.0
	var bands, lines []plot.Plotter
	for a, arm := range c.Arms {
		var mean, lo, hi plotter.XYs
		for m := range months {
			xs := sf.arms[a].months[m]
			if len(xs) == 0 {
				continue
			}
			s := stats.Summarize(xs)
			x := float64(m)
			mean = append(mean, plotter.XY{X: x, Y: s.Mean})
			h := s.HalfWidth
			if math.IsNaN(h) || math.IsInf(h, 0) {
				h = 0
			}
			lo, hi = append(lo, plotter.XY{X: x, Y: s.Mean - h}), append(hi, plotter.XY{X: x, Y: s.Mean + h})
			top = max(top, s.Mean+h)
		}
		if len(mean) == 0 {
			continue
		}
		for i := len(hi) - 1; i >= 0; i-- {
			lo = append(lo, hi[i])
		}
		band, err := plotter.NewPolygon(lo)
		if err != nil {
			return nil, err
		}
		band.Color = withAlpha(armColor(a), 0x40)
		band.LineStyle.Width = 0
		l, sc, err := plotter.NewLinePoints(mean)
		if err != nil {
			return nil, err
		}
		l.LineStyle = armLine(a)
		sc.GlyphStyle = draw.GlyphStyle{Color: armColor(a), Radius: 2, Shape: draw.CircleGlyph{}}
		bands, lines = append(bands, band), append(lines, l, sc)
		p.Legend.Add(t.f("%s: mean, 95 %% CI", t.name(arm.Name)), l, band)
	}
	if len(lines) == 0 {
		noData(p, t.s("no completed cases"))
		return p, nil
	}
	// The warm-up: months that start before its end, shaded.
	warm := 0
	for warm < len(r0.MonthStarts) && r0.MonthStarts[warm] < r0.WarmUp {
		warm++
	}
	if warm > 0 && top > 0 {
		shade, err := plotter.NewPolygon(plotter.XYs{{X: -0.5, Y: 0}, {X: float64(warm) - 0.5, Y: 0},
			{X: float64(warm) - 0.5, Y: 1.35 * top}, {X: -0.5, Y: 1.35 * top}})
		if err != nil {
			return nil, err
		}
		shade.Color = color.NRGBA{A: 0x18} // a light grey
		shade.LineStyle.Width = 0
		p.Add(shade)
		p.Legend.Add(t.s("warm-up (not in the other figures)"), shade)
	}
	p.Add(bands...)
	p.Add(lines...)
	// Waves: a dashed line where offices join, placed within its month.
	starts := r0.MonthStarts
	waveX := func(t sim.Time) float64 {
		m := 0
		for m+1 < len(starts) && starts[m+1] <= t {
			m++
		}
		end := r0.Horizon
		if m+1 < len(starts) {
			end = starts[m+1]
		}
		return float64(m) - 0.5 + float64((t-starts[m])/(end-starts[m]))
	}
	labelled := false
	for a, arm := range c.Arms {
		for _, w := range arm.Waves {
			x := waveX(w)
			l, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: 1.35 * top}})
			if err != nil {
				return nil, err
			}
			l.LineStyle = draw.LineStyle{Color: armColor(a), Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(3), vg.Points(3)}}
			p.Add(l)
			if !labelled {
				p.Legend.Add(t.s("offices join the ZSA (a wave)"), l)
				labelled = true
			}
		}
	}
	// Every month a tick; with many months a label every quarter, the
	// year at January and at the first month.
	ticks := make([]plot.Tick, len(months))
	for m, d := range months {
		ticks[m] = plot.Tick{Value: float64(m)}
		if len(months) <= 15 || (d.Month-1)%3 == 0 || m == 0 {
			ticks[m].Label = t.s(monthNames[d.Month-1])
			if m == 0 || d.Month == 1 {
				ticks[m].Label += fmt.Sprintf(" %d", d.Year)
			}
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = -0.5, float64(len(months))-0.5
	p.Y.Min, p.Y.Max = 0, 1.35*top
	p.Legend.Top = true
	return p, nil
}
