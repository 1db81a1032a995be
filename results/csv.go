package results

import (
	"io"
	"math"
	"strconv"

	"zsa/models"
	"zsa/sim"
)

// The CSV files are tidy: one observation a row, a header row, comma
// separated (encoding/csv quoting), rows in a fixed order — replication,
// then arm in Comparison order, then the model's order of services,
// offices and clerks. Replications are numbered from 1 in the "rep" column
// and "seed" is that replication's seed (Result.Seed), so every row can be
// reproduced on its own. Floats have 10 significant digits
// (strconv.FormatFloat(x, 'g', 10, 64)); NaN is an empty field.

// WriteReplicationsCSV writes replications.csv, every metric of every
// replication:
//
//	rep,seed,arm,service,office,office_name,metric,value
//
// office is "all" for the service total, then every office that offers the
// service in the model's order, the ZSA last (its case metrics are empty
// or 0: cases belong to the office of the filing commune, work to the
// office that did it); office_name is its name. metric is a name from
// Metrics, value in the metric's unit.
func WriteReplicationsCSV(w io.Writer, c *Comparison) error {
	return writeTable(w, c, ReplicationsFile)
}

// replicationsRows are the rows of replications.csv of a run.
func replicationsRows(_ *Comparison, emit func(...string), _ int, r *models.Result) {
	for si := range r.Services {
		sr := &r.Services[si]
		for oi := -1; oi < len(sr.Offices); oi++ {
			office, name := TotalOffice, "all offices"
			if oi >= 0 {
				office, name = sr.Offices[oi].Office, sr.Offices[oi].Name
			}
			for _, v := range Measure(r, si, oi) {
				emit(sr.Name, office, name, v.Name, formatFloat(v.X))
			}
		}
	}
}

// WriteWeeklyCSV writes weekly.csv, the weekly backlog and throughput
// series of every replication:
//
//	rep,seed,arm,service,week,week_start,measured,open,arrived,completed
//
// week counts weeks since the start of the run (0 is the first) and
// week_start is its first day (YYYY-MM-DD; weeks start on the run's first
// day of the week); measured is "true" for the weeks that start at or
// after the end of the warm-up. open is the number of cases open at the
// week's start, arrived and completed the cases filed and completed during
// the week (all offices, warm-up included; the last week ends at the
// horizon).
func WriteWeeklyCSV(w io.Writer, c *Comparison) error { return writeTable(w, c, WeeklyFile) }

// weeklyRows are the rows of weekly.csv of a run.
func weeklyRows(_ *Comparison, emit func(...string), _ int, r *models.Result) {
	for _, sr := range r.Services {
		for _, p := range sr.Weekly {
			measured := sim.Time(p.Week)*sim.Week >= r.WarmUp
			emit(sr.Name, strconv.Itoa(p.Week), r.Start.AddDays(7*p.Week).String(), strconv.FormatBool(measured),
				strconv.Itoa(p.Open), strconv.Itoa(p.Arrived), strconv.Itoa(p.Completed))
		}
	}
}

// WriteLearningCSV writes learning.csv, the learning-curve traces of every
// replication (the points of ServiceResult.ZSALearning and LocalLearning):
//
//	rep,seed,arm,service,where,experience,mean_effort_min,count
//
// where is "zsa" or "local"; experience is the mean experience (items) of
// the work items in a bin of the trace, mean_effort_min their mean touch
// time in minutes and count their number. Traces cover the whole run, the
// warm-up included.
func WriteLearningCSV(w io.Writer, c *Comparison) error { return writeTable(w, c, LearningFile) }

// learningRows are the rows of learning.csv of a run.
func learningRows(_ *Comparison, emit func(...string), _ int, r *models.Result) {
	for _, sr := range r.Services {
		for _, p := range sr.ZSALearning.Points() {
			emit(sr.Name, "zsa", formatFloat(p.Experience), formatFloat(p.MeanEffort), strconv.Itoa(p.Count))
		}
		for _, p := range sr.LocalLearning.Points() {
			emit(sr.Name, "local", formatFloat(p.Experience), formatFloat(p.MeanEffort), strconv.Itoa(p.Count))
		}
	}
}

// WriteClerksCSV writes clerks.csv, every clerk's workload in the measured
// window [warm-up, horizon] of every replication:
//
//	rep,seed,arm,office,office_name,clerk,fte,share,staff_fte,busy_h,available_h,busy_share,items
//
// fte and share are the clerk's FTE and share of time for the services,
// staff_fte their product times the share of the window the clerk is
// employed (1 unless hired later); busy_h is the touch time worked in the window
// (an item that straddles an end of it counts with its part inside) and
// available_h the clerk's working time for the services in it, leave and
// sickness removed, in hours; busy_share is busy/available (0 to 1, empty
// if no time was available); items counts the work items finished in the
// window.
func WriteClerksCSV(w io.Writer, c *Comparison) error { return writeTable(w, c, ClerksFile) }

// clerksRows are the rows of clerks.csv of a run.
func clerksRows(_ *Comparison, emit func(...string), _ int, r *models.Result) {
	names := officeNames(r)
	for _, k := range r.Clerks {
		emit(k.Office, names[k.Office], k.Name, formatFloat(k.FTE), formatFloat(k.Share), formatFloat(k.FTE*k.Share*k.Employed),
			formatFloat(k.Busy.Hours()), formatFloat(k.Available.Hours()), formatFloat(k.Utilisation()), strconv.Itoa(k.Items))
	}
}

// officeNames maps the office keys of r to their names.
func officeNames(r *models.Result) map[string]string {
	names := map[string]string{}
	for _, sr := range r.Services {
		for _, o := range sr.Offices {
			names[o.Office] = o.Name
		}
	}
	return names
}

// WriteClerkLearningCSV writes learning-clerks.csv, every clerk's learning
// curve in every replication (ClerkResult.Learning):
//
//	rep,seed,arm,office,office_name,clerk,service,experience,mean_effort_min,count
//
// with the columns of learning.csv for one clerk and service each.
func WriteClerkLearningCSV(w io.Writer, c *Comparison) error {
	return writeTable(w, c, ClerkLearningFile)
}

// clerkLearningRows are the rows of learning-clerks.csv of a run.
func clerkLearningRows(_ *Comparison, emit func(...string), _ int, r *models.Result) {
	names := officeNames(r)
	for _, k := range r.Clerks {
		for _, st := range k.Learning {
			for _, p := range st.Points {
				emit(k.Office, names[k.Office], k.Name, st.Service, formatFloat(p.Experience), formatFloat(p.MeanEffort), strconv.Itoa(p.Count))
			}
		}
	}
}

// replicationTables are the files with rows per replication and arm, in
// the order WriteAll writes them; every run of a fold adds its rows.
var replicationTables = []replicationTable{
	{ReplicationsFile, []string{"rep", "seed", "arm", "service", "office", "office_name", "metric", "value"}, replicationsRows},
	{WeeklyFile, []string{"rep", "seed", "arm", "service", "week", "week_start", "measured", "open", "arrived", "completed"}, weeklyRows},
	{MonthlyFile, []string{"rep", "seed", "arm", "service", "offices", "members_of", "month", "first_day", "warmup",
		"open_at_start", "arrived", "completed", "lead_days", "lead_p90_days", "within_level", "staff_fte", "work_fte"}, monthlyRows},
	{LearningFile, []string{"rep", "seed", "arm", "service", "where", "experience", "mean_effort_min", "count"}, learningRows},
	{ClerksFile, []string{"rep", "seed", "arm", "office", "office_name", "clerk", "fte", "share", "staff_fte",
		"busy_h", "available_h", "busy_share", "items"}, clerksRows},
	{ClerkLearningFile, []string{"rep", "seed", "arm", "office", "office_name", "clerk", "service", "experience", "mean_effort_min", "count"}, clerkLearningRows},
}

// writeTable writes the replication table named name of c: its header,
// then the rows of every replication and arm, replication-major.
func writeTable(w io.Writer, c *Comparison, name string) error {
	f, err := c.folded(true)
	if err != nil {
		return err
	}
	defer c.release(f)
	return f.table(name).writeTo(w)
}

// table returns the fold's table named name.
func (f *fold) table(name string) *table {
	for _, t := range f.tables {
		if t.name == name {
			return t
		}
	}
	panic("results: no table " + name)
}

// formatFloat formats x for CSV: 10 significant digits, "" for NaN.
func formatFloat(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', 10, 64)
}
