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
	// used the same seed.
	Results []*models.Result
}

// Errors of a malformed Comparison, returned by every function that takes
// one (wrapped with details for ErrMismatch).
var (
	ErrNoArms         = errors.New("results: comparison has no arms")
	ErrNoReplications = errors.New("results: comparison has no replications")
	ErrMismatch       = errors.New("results: arms do not match")
)

// Replications returns the number of replications per arm (that of the
// baseline; a valid Comparison has the same number in every arm).
func (c *Comparison) Replications() int {
	if len(c.Arms) == 0 {
		return 0
	}
	return len(c.Arms[0].Results)
}

// validate checks that c can be summarised: at least one arm and one
// replication, the same number of replications in every arm, no nil
// results, replication i of every arm run with the same seed, and the same
// services in the same order in every result.
func (c *Comparison) validate() error {
	if len(c.Arms) == 0 {
		return ErrNoArms
	}
	base := c.Arms[0].Results
	if len(base) == 0 {
		return ErrNoReplications
	}
	for _, a := range c.Arms {
		if len(a.Results) != len(base) {
			return fmt.Errorf("%w: arm %q has %d replications, arm %q has %d",
				ErrMismatch, a.Name, len(a.Results), c.Arms[0].Name, len(base))
		}
		for i, r := range a.Results {
			if r == nil {
				return fmt.Errorf("%w: arm %q: replication %d is nil", ErrMismatch, a.Name, i+1)
			}
			b := base[i]
			if b == nil {
				return fmt.Errorf("%w: arm %q: replication %d is nil", ErrMismatch, c.Arms[0].Name, i+1)
			}
			if r.Seed != b.Seed {
				return fmt.Errorf("%w: replication %d: arm %q used seed %d, arm %q seed %d",
					ErrMismatch, i+1, a.Name, r.Seed, c.Arms[0].Name, b.Seed)
			}
			if len(r.Services) != len(b.Services) {
				return fmt.Errorf("%w: replication %d: arm %q has %d services, arm %q has %d",
					ErrMismatch, i+1, a.Name, len(r.Services), c.Arms[0].Name, len(b.Services))
			}
			for s := range r.Services {
				if r.Services[s].Name != b.Services[s].Name {
					return fmt.Errorf("%w: replication %d: service %d is %q in arm %q and %q in arm %q",
						ErrMismatch, i+1, s+1, r.Services[s].Name, a.Name, b.Services[s].Name, c.Arms[0].Name)
				}
			}
		}
	}
	return nil
}
