package results

// Metric names: the Name of every entry of Metrics, in its order, for code
// that picks metrics by name (sweeps, decompositions, scripts in Go). They
// are the names of summary.json and the CSV files and do not change. The
// prefix keeps them together in the documentation and apart from words
// such as Open or Completed that would read as verbs or states.
const (
	MetricEffortMin     = "effort_min"
	MetricLeadDays      = "lead_days"
	MetricLeadP50Days   = "lead_p50_days"
	MetricLeadP90Days   = "lead_p90_days"
	MetricLeadP95Days   = "lead_p95_days"
	MetricLeadWorkdays  = "lead_workdays"
	MetricWaitDays      = "wait_days"
	MetricWithinLevel   = "within_level"
	MetricArrived       = "arrived"
	MetricCompleted     = "completed"
	MetricOpen          = "open"
	MetricReworkRate    = "rework_rate"
	MetricStaffFTE      = "staff_fte"
	MetricWorkFTE       = "work_fte"
	MetricUtilisation   = "utilisation"
	MetricBusyShare     = "busy_share"
	MetricPBFTE         = "pb_fte"
	MetricCostEUR       = "cost_eur"
	MetricBacklogGrowth = "backlog_growth"
	MetricCasesPerFTE   = "cases_per_fte"
	MetricHandOverDays  = "handover_days"
	MetricExternalDays  = "external_days"
)
