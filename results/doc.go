// Package results turns replications of a comparison into what people read
// and what scripts load: the comparison table (WriteTable), summary.json
// (WriteSummaryJSON, schema in SCHEMA.md), tidy CSV files of replications,
// weekly backlog, learning traces and clerks, plots as SVG and PNG
// (gonum/plot; WritePlots), a self-contained report.html (WriteReport), and
// process-mining event logs in CSV and XES (EventLogCSV, EventLogXES).
// WriteAll writes a run's folder, every file atomically.
//
// A comparison either keeps its replications' results (Arm.Results) or
// takes its runs one by one as they finish (Comparison.Add), which reduces
// each run at once to what the outputs need — metrics per office and
// replication, sums over the replications, CSV rows and lead times in
// temporary files — so that memory does not grow with the replications'
// results. Both give the same bytes: every output reads the reduction, and
// one of kept results is made when it is written.
//
// Output is deterministic: the same measurements give the same bytes, so
// results can be compared with diff and pinned in golden tests. Every file
// carries the seed.
package results
