// Package results turns measurements into what people read: aligned text
// tables now; CSV, JSON, plots and the HTML report as the project grows.
//
// Output is deterministic: the same measurements give the same bytes, so
// results can be compared with diff and pinned in golden tests.
package results
