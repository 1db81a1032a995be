package results

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"

	"zsa/sim/stats"
)

// SummaryFormat and SummaryFormatVersion identify the layout of
// summary.json. The version grows when a field changes meaning or goes
// away; adding fields or metrics does not change it.
const (
	SummaryFormat        = "zsa-summary"
	SummaryFormatVersion = 1
)

// WriteSummaryJSON writes summary.json: the Summary of c as one JSON
// object, indented by two spaces, fields in a fixed order. See SCHEMA.md
// for an example. The layout:
//
//	{
//	  "format": "zsa-summary",          // SummaryFormat
//	  "format_version": 1,              // SummaryFormatVersion
//	  "scenario": "…",                  // scenario name
//	  "hash": "…",                      // hex SHA-256 of the resolved scenario
//	  "seed": 1,                        // the scenario seed
//	  "version": "…",                   // program version
//	  "replications": 3,                // replications per arm
//	  "replication_seeds": [1, 2, 3],   // Result.Seed of each replication
//	  "confidence_level": 0.95,         // of every half-width
//	  "baseline": "status quo",         // name of arms[0]
//	  "arms": ["status quo", "ZSA"],
//	  "metrics": [                      // Metrics(), in order
//	    {"name": "effort_min", "unit": "min", "doc": "…"}, …
//	  ],
//	  "services": [{
//	    "service": "W",
//	    "offices": [{                   // "all" (the service total) first, then local offices
//	      "office": "all",
//	      "arms": [{
//	        "arm": "ZSA",
//	        "metrics": {                // keyed by metric name, in the order of "metrics"
//	          "effort_min": {
//	            "mean": 61.2, "half_width": 1.3, "n": 3,
//	            "vs_baseline": {        // absent for the baseline arm
//	              "diff": -35.1, "diff_half_width": 2.0,   // this arm − baseline
//	              "rel": -0.364, "rel_half_width": 0.02    // mean/baseline mean − 1
//	            }
//	          }, …
//	}}]}]}]}
//
// Half-widths are those of 95 % confidence intervals: Student-t over the
// replications for "mean", paired-t for "diff", delta method for "rel"
// (see stats.Summarize and stats.PairedDiff). Numbers are written with 10
// significant digits. JSON has no NaN or infinity: an undefined value — a
// mean without completed cases, a half-width from a single replication, a
// relative change against a baseline mean of zero, cost without a cost per
// FTE — is written as null. Offices present in only some arms (the ZSA) or
// without arrivals are left out; per-replication values of every office
// are in replications.csv.
func WriteSummaryJSON(w io.Writer, c *Comparison) error {
	s, err := Summarize(c)
	if err != nil {
		return err
	}
	out := jsonSummary{
		Format: SummaryFormat, FormatVersion: SummaryFormatVersion,
		Scenario: s.Scenario, Hash: s.Hash, Seed: s.Seed, Version: s.Version,
		Replications: s.Replications, ReplicationSeeds: s.Seeds,
		Level: stats.DefaultLevel, Baseline: s.Arms[0], Arms: s.Arms,
		Metrics: Metrics(), Services: []jsonService{},
	}
	for _, svc := range s.Services {
		js := jsonService{Service: svc.Service}
		for _, o := range svc.Offices {
			jo := jsonOffice{Office: o.Office}
			for _, a := range o.Arms {
				ja := jsonArm{Arm: a.Arm}
				for _, m := range a.Metrics {
					jm := jsonStat{Mean: jsonFloat(m.Value.Mean), HalfWidth: jsonFloat(m.Value.HalfWidth), N: m.Value.N}
					if p := m.Paired; p != nil {
						jm.VsBaseline = &jsonPaired{
							Diff: jsonFloat(p.Diff.Mean), DiffHalfWidth: jsonFloat(p.Diff.HalfWidth),
							Rel: jsonFloat(p.Rel), RelHalfWidth: jsonFloat(p.RelHalfWidth),
						}
					}
					ja.Metrics = append(ja.Metrics, namedStat{m.Name, jm})
				}
				jo.Arms = append(jo.Arms, ja)
			}
			js.Offices = append(js.Offices, jo)
		}
		out.Services = append(out.Services, js)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

type jsonSummary struct {
	Format           string        `json:"format"`
	FormatVersion    int           `json:"format_version"`
	Scenario         string        `json:"scenario"`
	Hash             string        `json:"hash"`
	Seed             uint64        `json:"seed"`
	Version          string        `json:"version"`
	Replications     int           `json:"replications"`
	ReplicationSeeds []uint64      `json:"replication_seeds"`
	Level            float64       `json:"confidence_level"`
	Baseline         string        `json:"baseline"`
	Arms             []string      `json:"arms"`
	Metrics          []Metric      `json:"metrics"`
	Services         []jsonService `json:"services"`
}

type jsonService struct {
	Service string       `json:"service"`
	Offices []jsonOffice `json:"offices"`
}

type jsonOffice struct {
	Office string    `json:"office"`
	Arms   []jsonArm `json:"arms"`
}

type jsonArm struct {
	Arm     string       `json:"arm"`
	Metrics orderedStats `json:"metrics"`
}

type jsonStat struct {
	Mean       jsonFloat   `json:"mean"`
	HalfWidth  jsonFloat   `json:"half_width"`
	N          int         `json:"n"`
	VsBaseline *jsonPaired `json:"vs_baseline,omitempty"`
}

type jsonPaired struct {
	Diff          jsonFloat `json:"diff"`
	DiffHalfWidth jsonFloat `json:"diff_half_width"`
	Rel           jsonFloat `json:"rel"`
	RelHalfWidth  jsonFloat `json:"rel_half_width"`
}

type namedStat struct {
	name string
	stat jsonStat
}

// orderedStats is a JSON object whose keys keep their order (a Go map
// would sort them).
type orderedStats []namedStat

// MarshalJSON implements json.Marshaler.
func (o orderedStats) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, s := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(s.name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(s.stat)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// jsonFloat is a float64 written with 10 significant digits, and as null
// if it is NaN or infinite.
type jsonFloat float64

// MarshalJSON implements json.Marshaler.
func (x jsonFloat) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', 10, 64), nil
}
