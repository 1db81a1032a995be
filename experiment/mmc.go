package experiment

import (
	"context"
	"fmt"

	"zsa/models/queue"
	"zsa/sim/stats"
)

// MMcCheck is the M/M/c calibration example: one office whose Clerks
// clerks share a queue, with Poisson arrivals and exponential service,
// simulated on the event core (queue.MMc) and compared with Erlang C and
// Little's law.
type MMcCheck struct {
	// Seed is the seed of the first replication; replication r uses
	// Seed + r.
	Seed uint64
	// Replications is the number of independent replications, at least 2
	// for confidence intervals.
	Replications int
	// Clerks is the number of servers c, at least 1.
	Clerks int
	// Arrivals is the arrival rate λ in cases per hour; ServiceRate the
	// service rate μ in cases per hour and clerk. Both must be positive,
	// and λ < cμ for a stable queue.
	Arrivals, ServiceRate float64
	// Cases is the number of cases per replication; the first 10 % are
	// warm-up.
	Cases int
}

// MMcResult is an MMcCheck's simulation against theory.
type MMcResult struct {
	// Wait is the mean wait in queue in hours, InSystem the mean number of
	// cases in the office and Utilisation the clerks' busy share, each
	// summarised over the replications.
	Wait, InSystem, Utilisation stats.Summary
	// WaitTheory is the wait by Erlang C, Wq (h); InSystemTheory the
	// number by Little's law, L = λ(Wq + 1/μ); UtilisationTheory
	// ρ = λ/(cμ).
	WaitTheory, InSystemTheory, UtilisationTheory float64
}

// Run simulates the replications one after the other. If ctx is
// cancelled, it stops before the next replication with an error.
func (c MMcCheck) Run(ctx context.Context) (*MMcResult, error) {
	lambda, mu := c.Arrivals/60, c.ServiceRate/60 // per minute
	var waits, inSystem, util []float64
	for r := range c.Replications {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("interrupted after %d of %d replications", r, c.Replications)
		}
		st := queue.MMc(lambda, mu, c.Clerks, c.Seed+uint64(r))
		st.Customers, st.WarmUp = c.Cases, c.Cases/10
		res, err := st.Run()
		if err != nil {
			return nil, err
		}
		end := float64(res.End)
		waits = append(waits, res.Wait.Mean()/60)
		inSystem = append(inSystem, res.InSystem.Mean(end))
		util = append(util, res.Busy.Mean(end)/float64(c.Clerks))
	}
	wq := queue.MMcWait(c.Arrivals, c.ServiceRate, c.Clerks)
	return &MMcResult{
		Wait: stats.Summarize(waits), InSystem: stats.Summarize(inSystem), Utilisation: stats.Summarize(util),
		WaitTheory:        wq,
		InSystemTheory:    c.Arrivals * (wq + 1/c.ServiceRate),
		UtilisationTheory: c.Arrivals / (float64(c.Clerks) * c.ServiceRate),
	}, nil
}
