package results_test

import (
	"fmt"

	"zsa/results"
)

func ExampleMetrics() {
	for _, m := range results.Metrics() {
		fmt.Printf("%-14s %s\n", m.Name, m.Unit)
	}
	// Output:
	// effort_min     min
	// lead_days      d
	// lead_p50_days  d
	// lead_p90_days  d
	// lead_p95_days  d
	// lead_workdays  wd
	// wait_days      d
	// within_level   share
	// arrived        cases
	// completed      cases
	// open           cases
	// rework_rate    per case
	// staff_fte      FTE
	// work_fte       FTE
	// utilisation    share
	// busy_share     share
	// pb_fte         FTE
	// cost_eur       EUR
	// backlog_growth share
	// cases_per_fte  cases
	// handover_days  d
	// external_days  d
}
