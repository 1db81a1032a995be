// Package results turns replications of a comparison into what people read
// and what scripts load: the comparison table (WriteTable), summary.json
// (WriteSummaryJSON, schema in SCHEMA.md), tidy CSV files of replications,
// weekly backlog, learning traces and clerks, plots as SVG and PNG
// (gonum/plot; WritePlots), a self-contained report.html (WriteReport), and
// process-mining event logs in CSV and XES (EventLogCSV, EventLogXES).
// WriteAll writes a run's folder, every file atomically.
//
// Output is deterministic: the same measurements give the same bytes, so
// results can be compared with diff and pinned in golden tests. Every file
// carries the seed.
package results
