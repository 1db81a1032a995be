package results

import (
	"strings"
	"testing"
)

func TestTableAlignsColumns(t *testing.T) {
	t.Parallel()
	tab := Table{Header: []string{"queue", "wait (h)", "note"}}
	tab.AddRow("M/M/1", "12.5 ± 0.3", "ok")
	tab.AddRow("M/M/10", 0.6687, "long note")
	var b strings.Builder
	if _, err := tab.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	// Expected text written out by hand: text columns left-aligned,
	// numeric ones right-aligned (their header too), two spaces between
	// columns.
	want := "" +
		"queue     wait (h)  note\n" +
		"------  ----------  ---------\n" +
		"M/M/1   12.5 ± 0.3  ok\n" +
		"M/M/10      0.6687  long note\n"
	if got := b.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}
