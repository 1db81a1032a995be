package results

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"zsa/models"
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
//	rep,seed,arm,service,office,metric,value
//
// office is "all" for the service total, then every office of the result
// in the model's order, the ZSA included (its case metrics are empty or 0:
// cases belong to the office of the filing commune, work to the office that
// did it). metric is a name from Metrics, value in the metric's unit.
func WriteReplicationsCSV(w io.Writer, c *Comparison) error {
	return writeCSV(w, c, []string{"rep", "seed", "arm", "service", "office", "metric", "value"},
		func(emit func(...string), r *models.Result) {
			for si, sr := range r.Services {
				for oi := -1; oi < len(sr.Offices); oi++ {
					office := TotalOffice
					if oi >= 0 {
						office = sr.Offices[oi].Office
					}
					for _, v := range Measure(r, si, oi) {
						emit(sr.Name, office, v.Name, formatFloat(v.X))
					}
				}
			}
		})
}

// WriteWeeklyCSV writes weekly.csv, the weekly backlog and throughput
// series of every replication:
//
//	rep,seed,arm,service,week,open,arrived,completed
//
// week counts weeks since the start of the run (0 is the first), open is
// the number of cases open at the week's start, arrived and completed the
// cases filed and completed during the week (all offices, warm-up
// included; the last week ends at the horizon).
func WriteWeeklyCSV(w io.Writer, c *Comparison) error {
	return writeCSV(w, c, []string{"rep", "seed", "arm", "service", "week", "open", "arrived", "completed"},
		func(emit func(...string), r *models.Result) {
			for _, sr := range r.Services {
				for _, p := range sr.Weekly {
					emit(sr.Name, strconv.Itoa(p.Week), strconv.Itoa(p.Open), strconv.Itoa(p.Arrived), strconv.Itoa(p.Completed))
				}
			}
		})
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
func WriteLearningCSV(w io.Writer, c *Comparison) error {
	return writeCSV(w, c, []string{"rep", "seed", "arm", "service", "where", "experience", "mean_effort_min", "count"},
		func(emit func(...string), r *models.Result) {
			for _, sr := range r.Services {
				for _, p := range sr.ZSALearning.Points() {
					emit(sr.Name, "zsa", formatFloat(p.Experience), formatFloat(p.MeanEffort), strconv.Itoa(p.Count))
				}
				for _, p := range sr.LocalLearning.Points() {
					emit(sr.Name, "local", formatFloat(p.Experience), formatFloat(p.MeanEffort), strconv.Itoa(p.Count))
				}
			}
		})
}

// WriteClerksCSV writes clerks.csv, every clerk's workload after the
// warm-up in every replication:
//
//	rep,seed,arm,office,clerk,busy_h,available_h,utilisation,items
//
// busy_h is the touch time worked and available_h the clerk's working time
// for the services, in hours; utilisation is busy/available (0 to 1, empty
// if no time was available); items counts the work items finished over the
// whole run.
func WriteClerksCSV(w io.Writer, c *Comparison) error {
	return writeCSV(w, c, []string{"rep", "seed", "arm", "office", "clerk", "busy_h", "available_h", "utilisation", "items"},
		func(emit func(...string), r *models.Result) {
			for _, k := range r.Clerks {
				emit(k.Office, k.Name, formatFloat(k.Busy.Hours()), formatFloat(k.Available.Hours()),
					formatFloat(k.Utilisation()), strconv.Itoa(k.Items))
			}
		})
}

// WriteClerkLearningCSV writes learning-clerks.csv, every clerk's learning
// curve in every replication (ClerkResult.Learning):
//
//	rep,seed,arm,office,clerk,service,experience,mean_effort_min,count
//
// with the columns of learning.csv for one clerk and service each.
func WriteClerkLearningCSV(w io.Writer, c *Comparison) error {
	return writeCSV(w, c, []string{"rep", "seed", "arm", "office", "clerk", "service", "experience", "mean_effort_min", "count"},
		func(emit func(...string), r *models.Result) {
			for _, k := range r.Clerks {
				for _, st := range k.Learning {
					for _, p := range st.Trace.Points() {
						emit(k.Office, k.Name, st.Service, formatFloat(p.Experience), formatFloat(p.MeanEffort), strconv.Itoa(p.Count))
					}
				}
			}
		})
}

// writeCSV validates c, writes the header and calls rows with the result
// of every replication and arm; emit writes a row prefixed with rep, seed
// and arm.
func writeCSV(w io.Writer, c *Comparison, header []string,
	rows func(emit func(...string), r *models.Result)) error {
	if err := c.validate(); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	var err error
	for i := range c.Replications() {
		for _, a := range c.Arms {
			r := a.Results[i]
			prefix := []string{strconv.Itoa(i + 1), strconv.FormatUint(r.Seed, 10), a.Name}
			emit := func(fields ...string) {
				if err != nil {
					return
				}
				err = cw.Write(append(prefix[:3:3], fields...))
			}
			rows(emit, r)
			if err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// formatFloat formats x for CSV: 10 significant digits, "" for NaN.
func formatFloat(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', 10, 64)
}
