package fit

import (
	"fmt"
	"io"
	"path/filepath"

	"zsa/results"
)

// Names of the files WriteFiles writes.
const (
	ScenarioFile = "scenario.toml"
	ReportFile   = "report.html"
)

// WriteFiles writes the fitted scenario (ScenarioFile with its tables
// CommunesFile and AdministrationsFile) and the fit report (ReportFile)
// into dir, each file atomically.
func (r *Result) WriteFiles(dir string) error {
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{ScenarioFile, r.WriteScenario},
		{CommunesFile, r.WriteCommunes},
		{AdministrationsFile, r.WriteAdministrations},
		{ReportFile, r.WriteReport},
	} {
		if err := results.WriteFileAtomic(filepath.Join(dir, f.name), f.write); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}

// WriteSummary writes the main estimates as tables for the terminal.
func (r *Result) WriteSummary(w io.Writer) error {
	c := r.Learning
	fmt.Fprintf(w, "fit of service %s from %s: %d events, %d cases in %d days from %s\n\n", r.Service, r.Log, r.Events, r.Cases, r.Days, r.First)
	fmt.Fprintf(w, "learning curve (%d items, %d clerks, prior %g): LR %.4f [%.4f, %.4f], floor %.4f [%.4f, %.4f] (95 %% profile likelihood)\n\n",
		c.N, c.Clerks, c.Prior, c.Rate, c.RateCI[0], c.RateCI[1], c.Floor, c.FloorCI[0], c.FloorCI[1])
	t := results.Table{Header: []string{"step", "kind", "n", "median (min)", "fitted", "KS"}}
	for _, s := range r.Steps {
		kind := "work"
		if !s.Work {
			kind = "wait"
		}
		b := s.Fit.Best()
		t.AddRow(s.Name, kind, s.Fit.N, fmt.Sprintf("%.4g", s.Fit.Median), b.Dist.String(), fmt.Sprintf("%.3f", b.KS))
	}
	if _, err := t.WriteTo(w); err != nil {
		return err
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "\nnote: %s", n)
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(w)
	}
	return nil
}
