package results

import (
	"errors"
	"fmt"

	"zsa/models"
	"zsa/sim"
)

// Comparison is the outcome of a scenario run: the same replications (same
// seeds, common random numbers) of every arm.
type Comparison struct {
	Scenario string // scenario name
	Hash     string // hex SHA-256 of the scenario's resolved content
	Seed     uint64 // the scenario seed
	Version  string // program version
	Arms     []Arm  // Arms[0] is the baseline (status quo)
	// Description is the scenario's description; ScenarioText the text of
	// its files as loaded (for the report's parameter section). Both are
	// optional.
	Description  string
	ScenarioText string
	// Targets are the observed figures the model is checked against
	// (optional): the validation table of WriteTable, summary.json and the
	// report.
	Targets []Target
	// Plan is the staff plan whose chosen staff the comparison runs
	// (zsa plan): plan.json, plan.csv, its charts and the report's
	// section "Staff plan". Optional.
	Plan *StaffPlan
	// Decomposition is what makes up the change of one arm, by mechanism
	// (zsa run of a scenario with a [decomposition]): the report's
	// section "What makes up the change". Optional.
	Decomposition *Decomposition
	// Lang is the language of the report pages ("" is English); the CSV
	// and JSON files are the same in every language.
	Lang Lang

	// runs are the runs given to Add, folded.
	runs *fold
}

// Arm is one organisation of a comparison and its replications.
type Arm struct {
	Name string
	// Members are, per service the arm's ZSA takes part in, the keys of
	// its member offices: the summaries add the figures of their cases
	// alone ("member offices"). Optional.
	Members map[string][]string
	// Waves are the times (since the start) at which member offices join
	// later than the start, in increasing order: markers on the charts
	// over time. Optional.
	Waves []sim.Time
	// Results holds one result per replication; Results[i] of every arm
	// used the same seed. A comparison whose runs are given to Add holds
	// none.
	Results []*models.Result
}

// Errors of a malformed Comparison, returned by every function that takes
// one (wrapped with details for ErrMismatch).
var (
	ErrNoArms         = errors.New("results: comparison has no arms")
	ErrNoReplications = errors.New("results: comparison has no replications")
	ErrMismatch       = errors.New("results: arms do not match")
)

// Add takes the next run of c instead of keeping it in Arm.Results: runs
// come replication by replication, in each the arms in the order of
// c.Arms, replication i of every arm with the same seed. Add reduces the
// run at once to what c's outputs need — its metrics per office and
// service, the sums of the charts, the rows of the per-replication CSV
// files (in temporary files) — and keeps no reference to r, so memory
// does not grow with the cases of the runs. A replication counts once its
// last arm's run is in: the outputs of a comparison whose last
// replication is incomplete (an interrupted batch) leave it out. Set every
// other field of c before the first Add, and call Close when done with c.
// Add returns an error wrapping ErrMismatch if r does not fit the runs
// before it (nil, another seed than the replication's first arm, other
// services); c then takes no further run.
func (c *Comparison) Add(r *models.Result) error {
	if len(c.Arms) == 0 {
		return ErrNoArms
	}
	if c.runs == nil {
		f, err := newFold(c, true)
		if err != nil {
			return err
		}
		c.runs = f
	}
	return c.runs.add(r)
}

// Close removes the temporary files of the runs given to Add. c has no
// replications after it.
func (c *Comparison) Close() error {
	if c.runs == nil {
		return nil
	}
	err := c.runs.close()
	c.runs = nil
	return err
}

// Replications returns the number of replications per arm (that of the
// baseline; a valid Comparison has the same number in every arm): the
// replications given to Add in full, or those Arm.Results hold.
func (c *Comparison) Replications() int {
	if c.runs != nil {
		return c.runs.reps
	}
	if len(c.Arms) == 0 {
		return 0
	}
	return len(c.Arms[0].Results)
}

// folded returns the fold of c's replications: that of Add, or one made
// from Arm.Results (with files if the per-replication tables are to be
// written), to be released with release. It returns an error if c cannot
// be summarised: no arm or no replication, a different number of
// replications in some arm, or results that do not match (nil results,
// replication i not run with the same seed in every arm, other services
// or services in another order).
func (c *Comparison) folded(files bool) (*fold, error) {
	if len(c.Arms) == 0 {
		return nil, ErrNoArms
	}
	if c.runs != nil {
		if c.runs.reps == 0 {
			return nil, ErrNoReplications
		}
		return c.runs, nil
	}
	base := c.Arms[0].Results
	if len(base) == 0 {
		return nil, ErrNoReplications
	}
	for _, a := range c.Arms {
		if len(a.Results) != len(base) {
			return nil, fmt.Errorf("%w: arm %q has %d replications, arm %q has %d",
				ErrMismatch, a.Name, len(a.Results), c.Arms[0].Name, len(base))
		}
	}
	f, err := newFold(c, files)
	if err != nil {
		return nil, err
	}
	for i := range base {
		for _, a := range c.Arms {
			if err := f.add(a.Results[i]); err != nil {
				f.close()
				return nil, err
			}
		}
	}
	return f, nil
}

// release closes a fold from folded unless it is that of Add.
func (c *Comparison) release(f *fold) {
	if f != c.runs {
		f.close()
	}
}
