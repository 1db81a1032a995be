package experiment

import (
	"context"
	"errors"
	"fmt"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
)

// Replicate runs every arm of sc for each of its replications and returns
// the comparison, Arms[0] the status quo. The comparison's Version is left
// empty, for the caller to set (it is the program's); its runs are folded
// as they finish (results.Comparison.Add), in the order of the
// replications whatever the workers, so memory holds the runs in flight
// and the comparison's figures, not every replication's results: call its
// Close when done with it. If opt.EventLog is set, it also writes an
// event log per arm and replication.
//
// If ctx is cancelled, Replicate starts no further run and returns the
// replications that finished in every arm with an error, or nil and an
// error if none did.
func Replicate(ctx context.Context, sc *scenarios.Scenario, opt Options) (*results.Comparison, error) {
	nArms, nReps := len(sc.Arms), sc.Replications
	jobs := replicationJobs(sc, ShardPoints(nReps, 0, 1)) // every replication: shard 0 of 1
	var logs *eventLogs
	if opt.EventLog != nil {
		var err error
		if logs, err = openEventLogs(*opt.EventLog, sc.Model.Start, jobs, nArms); err != nil {
			return nil, err
		}
	}
	cmp := newComparison(sc)
	// ran[i]: job i finished; the runs of the replications in full are
	// added to cmp in order, up to the first job that did not finish.
	ran := make([]bool, len(jobs))
	added := 0
	var addErr error
	progress := opt.progress(len(jobs))
	done := 0
	err := models.RunInOrder(ctx, jobs, opt.workers(), func(i int, r *models.Result) {
		ran[i] = true
		if done++; progress != nil {
			progress(done)
		}
		if i == added && addErr == nil {
			addErr = cmp.Add(r)
			added++
		}
	})
	if logs != nil {
		if lerr := logs.close(ran); lerr != nil && err == nil {
			err = lerr
		}
	}
	if err == nil {
		err = addErr
	}
	if err != nil {
		cmp.Close()
		return nil, err
	}
	if complete := cmp.Replications(); complete < nReps {
		if complete == 0 {
			cmp.Close()
			return nil, errors.New("interrupted before any replication finished")
		}
		return cmp, fmt.Errorf("interrupted: kept %d of %d replications", complete, nReps)
	}
	return cmp, nil
}

// newComparison returns an empty comparison of sc's arms, for their runs
// to be added in order.
func newComparison(sc *scenarios.Scenario) *results.Comparison {
	cmp := &results.Comparison{Scenario: sc.Name, Hash: sc.Hash, Seed: sc.Seed,
		Description: sc.Description, ScenarioText: sc.Text(), Targets: sc.Targets, Lang: results.Lang(sc.Lang)}
	for _, org := range sc.Arms {
		cmp.Arms = append(cmp.Arms, results.Arm{Name: org.Name, Members: Members(org), Waves: Waves(org)})
	}
	return cmp
}

// replicationJobs returns the runs of the replications reps of sc: every
// arm of each, from the replication's seed, replication by replication.
func replicationJobs(sc *scenarios.Scenario, reps []int) []models.Job {
	var jobs []models.Job
	for _, rep := range reps {
		for _, arm := range sc.Arms {
			jobs = append(jobs, models.Job{Model: sc.Model, Org: arm, Seed: ReplicationSeed(sc.Seed, rep)})
		}
	}
	return jobs
}
