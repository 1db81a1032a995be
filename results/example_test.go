package results_test

import (
	"os"

	"zsa/results"
)

func ExampleTable() {
	t := results.Table{Header: []string{"service", "effort (min)"}}
	t.AddRow("Wohngeld", 95.5)
	t.AddRow("Hundehaltung", 12)
	t.WriteTo(os.Stdout)
	// Output:
	// service       effort (min)
	// ------------  ------------
	// Wohngeld              95.5
	// Hundehaltung            12
}
