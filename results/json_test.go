package results

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"zsa/models"
	"zsa/sim"
)

// nanComparison is a hand-made comparison full of undefined values: one
// replication (no half-widths), an office without completed cases (NaN
// means), no cost per FTE (NaN cost), a baseline without work (relative
// change of fte against 0).
func nanComparison() *Comparison {
	result := func(work sim.Time) *models.Result {
		return &models.Result{Seed: 42, FTEMinutes: 1000, YearShare: 0.5, Services: []models.ServiceResult{{
			Name: "S",
			Offices: []models.OfficeResult{{
				Office: "A", Arrived: 3, WorkDone: work,
			}},
		}}}
	}
	return &Comparison{Scenario: "nan", Seed: 42, Arms: []Arm{
		{Name: "a", Results: []*models.Result{result(0)}},
		{Name: "b", Results: []*models.Result{result(100)}},
	}}
}

func TestSummaryJSONIsValidWithNaN(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		c    *Comparison
		seed float64
	}{
		{"nan", nanComparison(), 42},
		{"small", testComparison(t), 1},
	} {
		var b bytes.Buffer
		if err := WriteSummaryJSON(&b, tc.c); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatalf("%s: invalid JSON: %v\n%s", tc.name, err, b.String())
		}
		if doc["seed"] != tc.seed {
			t.Errorf("%s: seed = %v, want %v", tc.name, doc["seed"], tc.seed)
		}
		if doc["format"] != SummaryFormat || doc["format_version"] != float64(SummaryFormatVersion) {
			t.Errorf("%s: format %v version %v", tc.name, doc["format"], doc["format_version"])
		}
		// The metrics object keeps the order of Metrics.
		var names []string
		for _, m := range Metrics() {
			names = append(names, `"`+m.Name+`": {`)
		}
		text := b.String()
		last := 0
		for _, n := range names {
			i := strings.Index(text[last:], n)
			if i < 0 {
				t.Fatalf("%s: %s missing or out of order", tc.name, n)
			}
			last += i
		}
	}

	var b bytes.Buffer
	if err := WriteSummaryJSON(&b, nanComparison()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Services []struct {
			Offices []struct {
				Office string
				Arms   []struct {
					Arm     string
					Metrics map[string]struct {
						Mean       *float64
						HalfWidth  *float64 `json:"half_width"`
						N          int
						VsBaseline *struct {
							Diff, Rel *float64
						} `json:"vs_baseline"`
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	arms := doc.Services[0].Offices[0].Arms
	if m := arms[0].Metrics["effort_min"]; m.Mean != nil || m.N != 1 {
		t.Errorf("effort_min without completed cases: mean %v n %d, want null and 1", m.Mean, m.N)
	}
	if m := arms[0].Metrics["arrived"]; m.Mean == nil || *m.Mean != 3 || m.HalfWidth != nil {
		t.Errorf("arrived: %+v, want mean 3, half-width null", m)
	}
	// And a half-width where there is one, to show the field is read.
	var small struct {
		Services []struct {
			Offices []struct {
				Arms []struct {
					Metrics map[string]struct {
						HalfWidth *float64 `json:"half_width"`
					}
				}
			}
		}
	}
	b.Reset()
	if err := WriteSummaryJSON(&b, testComparison(t)); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), &small); err != nil {
		t.Fatal(err)
	}
	if hw := small.Services[0].Offices[0].Arms[0].Metrics["effort_min"].HalfWidth; hw == nil || !(*hw > 0) {
		t.Errorf("effort_min half-width over 3 replications = %v, want positive", hw)
	}
	fte := arms[1].Metrics["work_fte"].VsBaseline
	if fte == nil || fte.Diff == nil || *fte.Diff != 0.1 || fte.Rel != nil {
		t.Errorf("work_fte vs baseline without work: %+v, want diff 0.1, rel null", fte)
	}
	if arms[0].Metrics["work_fte"].VsBaseline != nil {
		t.Error("baseline has vs_baseline")
	}
}

func TestJSONFloat(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{math.NaN(), "null"}, {math.Inf(1), "null"}, {math.Inf(-1), "null"},
		{0, "0"}, {3, "3"}, {-0.25, "-0.25"}, {1.0 / 3, "0.3333333333"}, {1e-7, "1e-07"}, {2.5e12, "2.5e+12"},
	} {
		b, err := jsonFloat(tc.x).MarshalJSON()
		if err != nil || string(b) != tc.want {
			t.Errorf("jsonFloat(%v) = %s, %v; want %s", tc.x, b, err, tc.want)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Errorf("jsonFloat(%v) = %s: not JSON: %v", tc.x, b, err)
		}
	}
}

func TestSchemaExampleMatchesOutput(t *testing.T) {
	t.Parallel()
	// The example in SCHEMA.md is valid JSON with the fields of a real
	// file, in the same order.
	md, err := os.ReadFile("SCHEMA.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(md), "```json\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("SCHEMA.md has no json example")
	}
	var b bytes.Buffer
	if err := WriteSummaryJSON(&b, testComparison(t)); err != nil {
		t.Fatal(err)
	}
	want, got := topLevelKeys(t, b.Bytes()), topLevelKeys(t, []byte(example))
	if !slices.Equal(got, want) {
		t.Errorf("SCHEMA.md example has fields %q, want %q", got, want)
	}
}

// topLevelKeys returns the keys of the JSON object in data, in order.
func topLevelKeys(t *testing.T, data []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %v %v", tok, err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}
