package main

import (
	"bytes"
	"testing"

	"zsa/scenarios"
)

// A run whose event logs would be large says how large before it starts,
// with the size gzipped; a small one says nothing.
func TestEventLogSizeWarning(t *testing.T) {
	t.Parallel()
	sc, err := scenarios.Load(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	warnEventLogSize(&b, sc, 20, "csv")
	if want := "event logs (csv, 20 runs): about 4.3 GB; --event-log csv.gz: about 337 MB\n"; b.String() != want {
		t.Errorf("%q, want %q", b.String(), want)
	}
	b.Reset()
	warnEventLogSize(&b, sc, 20, "xes.gz")
	if want := "event logs (xes.gz, 20 runs): about 402 MB\n"; b.String() != want {
		t.Errorf("%q, want %q", b.String(), want)
	}
	b.Reset()
	teaching, err := scenarios.Load("teaching")
	if err != nil {
		t.Fatal(err)
	}
	warnEventLogSize(&b, teaching, 10, "csv")
	if b.Len() > 0 {
		t.Errorf("teaching: %q, want nothing", b.String())
	}
	for _, c := range []struct {
		b    float64
		want string
	}{{1.5e8, "150 MB"}, {9.94e6, "9.9 MB"}, {2.345e9, "2.3 GB"}, {12.6e9, "13 GB"}} {
		if got := byteSize(c.b); got != c.want {
			t.Errorf("byteSize(%v) = %q, want %q", c.b, got, c.want)
		}
	}
}
