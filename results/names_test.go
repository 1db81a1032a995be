package results

import (
	"slices"
	"testing"
)

// The metric-name constants are the names of Metrics, one each, in order.
func TestMetricNames(t *testing.T) {
	t.Parallel()
	names := []string{MetricEffortMin, MetricLeadDays, MetricLeadP50Days, MetricLeadP90Days, MetricLeadP95Days,
		MetricLeadWorkdays, MetricWaitDays, MetricWithinLevel, MetricArrived, MetricCompleted, MetricOpen,
		MetricReworkRate, MetricStaffFTE, MetricWorkFTE, MetricUtilisation, MetricBusyShare, MetricPBFTE,
		MetricCostEUR, MetricBacklogGrowth, MetricCasesPerFTE, MetricHandOverDays, MetricExternalDays}
	var want []string
	for _, m := range Metrics() {
		want = append(want, m.Name)
	}
	if !slices.Equal(names, want) {
		t.Errorf("metric-name constants %v, want the names of Metrics %v", names, want)
	}
}
