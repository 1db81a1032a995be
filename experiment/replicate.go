package experiment

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"zsa/models"
	"zsa/results"
	"zsa/scenarios"
)

// Replicate runs every arm of sc for each of its replications and returns
// the comparison, Arms[0] the status quo. The comparison's Version is left
// empty, for the caller to set (it is the program's). If opt.EventLog is
// set, it also writes an event log per arm and replication.
//
// If ctx is cancelled, Replicate starts no further run and returns the
// replications that finished in every arm with an error, or nil and an
// error if none did.
func Replicate(ctx context.Context, sc *scenarios.Scenario, opt Options) (*results.Comparison, error) {
	nArms, nReps := len(sc.Arms), sc.Replications
	var jobs []models.Job
	for rep := range nReps {
		for _, arm := range sc.Arms {
			jobs = append(jobs, models.Job{Model: sc.Model, Org: arm, Seed: ReplicationSeed(sc.Seed, rep)})
		}
	}
	var logs *eventLogs
	if opt.EventLog != nil {
		var err error
		if logs, err = openEventLogs(*opt.EventLog, sc.Model.Start, jobs, nArms); err != nil {
			return nil, err
		}
	}
	out, err := models.RunBatch(ctx, jobs, opt.workers(), opt.progress(len(jobs)))
	if logs != nil {
		if lerr := logs.close(out); lerr != nil && err == nil {
			err = lerr
		}
	}
	if err != nil {
		return nil, err
	}
	// Keep the replications that finished in every arm.
	cmp := &results.Comparison{Scenario: sc.Name, Hash: sc.Hash, Seed: sc.Seed,
		Description: sc.Description, ScenarioText: sc.Text(), Targets: sc.Targets, Lang: results.Lang(sc.Lang)}
	complete := 0
	for rep := range nReps {
		if slices.ContainsFunc(out[rep*nArms:(rep+1)*nArms], func(r *models.Result) bool { return r == nil }) {
			break
		}
		complete++
	}
	for a, org := range sc.Arms {
		arm := results.Arm{Name: org.Name, Members: Members(org), Waves: Waves(org)}
		for rep := range complete {
			arm.Results = append(arm.Results, out[rep*nArms+a])
		}
		cmp.Arms = append(cmp.Arms, arm)
	}
	if complete < nReps {
		if complete == 0 {
			return nil, errors.New("interrupted before any replication finished")
		}
		return cmp, fmt.Errorf("interrupted: kept %d of %d replications", complete, nReps)
	}
	return cmp, nil
}
