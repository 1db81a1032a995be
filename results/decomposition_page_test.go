package results

import (
	"fmt"
	"strings"
	"testing"
)

// TestWriteDecompositionReport: the page has a table per service and
// metric with every mechanism's Shapley value and share of the total
// (values from testDecomposition: the shares add up to 100 %), the
// charts, and says what "none of them" is.
func TestWriteDecompositionReport(t *testing.T) {
	t.Parallel()
	d := testDecomposition(t)
	var b strings.Builder
	if err := WriteDecompositionReport(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, "<table"); n != 4 {
		t.Errorf("%d tables, want 4 (2 services × 2 metrics)", n)
	}
	if n := strings.Count(page, "<svg"); n != 4 {
		t.Errorf("%d charts, want 4", n)
	}
	for _, want := range []string{"none of them", "total", "“None of them” is v(∅)", "Shapley value"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The first table's rows: each mechanism's share of the total is its
	// Shapley value over the total's.
	rows := decompositionRows(d, "Wohngeld", "effort_min")
	tab := decompositionTable("Wohngeld", plotMetrics()[0], rows, nil)
	var total float64
	for _, r := range rows {
		if r.Mechanism == MechanismTotal {
			total = r.Shapley
		}
	}
	for i, r := range rows {
		want := minus(fmt.Sprintf("%.0f %%", 100*r.Shapley/total))
		if got := tab.Rows[i].Cells[4].Text; got != want {
			t.Errorf("%s: share %q, want %q", r.Mechanism, got, want)
		}
	}
	if got := tab.Rows[len(rows)-1].Cells[4].Text; got != "100 %" {
		t.Errorf("total's share %q, want 100 %%", got)
	}
}
