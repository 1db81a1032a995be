package results

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"

	"zsa/models/calendar"
	"zsa/sim"
	"zsa/sim/stats"
)

// SummaryFormat and SummaryFormatVersion identify the layout of
// summary.json. The version grows when a field changes meaning or goes
// away; adding fields or metrics does not change it. Version 2 replaced
// the metric fte by staff_fte, work_fte, utilisation, busy_share and
// pb_fte, cost_eur by the cost of the staff assigned, rel_half_width by
// rel_lo and rel_hi, and histogram quantiles by exact ones.
const (
	SummaryFormat        = "zsa-summary"
	SummaryFormatVersion = 2
)

// WriteSummaryJSON writes summary.json: the Summary of c as one JSON
// object, indented by two spaces, fields in a fixed order. See SCHEMA.md
// for an example. The layout:
//
//	{
//	  "format": "zsa-summary",          // SummaryFormat
//	  "format_version": 2,              // SummaryFormatVersion
//	  "scenario": "…",                  // scenario name
//	  "hash": "…",                      // hex SHA-256 of the resolved scenario
//	  "seed": 1,                        // the scenario seed
//	  "version": "…",                   // program version
//	  "replications": 3,                // replications per arm
//	  "replication_seeds": [1, 2, 3],   // Result.Seed of each replication
//	  "confidence_level": 0.95,         // of every interval
//	  "window": {                       // the measured window, simulated civil time
//	    "start": "2026-01-01T00:00", "measured_from": "2026-02-26T00:00",
//	    "measured_to": "2027-01-01T00:00", "warmup_days": 56, "horizon_days": 365
//	  },
//	  "verteilzeit": 0.15,              // the Personalbemessung's surcharge
//	  "overload_growth": 0.05,          // OverloadGrowth
//	  "baseline": "status quo",         // name of arms[0]
//	  "arms": ["status quo", "ZSA"],
//	  "metrics": [                      // Metrics(), in order
//	    {"name": "effort_min", "unit": "min", "doc": "…"}, …
//	  ],
//	  "services": [{
//	    "service": "W",
//	    "offices": [{                   // "all" first, then local offices, then the ZSA
//	      "office": "all", "name": "all offices", "zsa": false,
//	      "arms": [{
//	        "arm": "ZSA",
//	        "steady_state": {"overloaded": false, "open_at_warmup": 120.5,
//	                         "open_at_end": 131.2, "arrived": 9800.3},
//	        "metrics": {                // keyed by metric name, in the order of "metrics"
//	          "effort_min": {
//	            "mean": 61.2, "half_width": 1.3, "n": 3,
//	            "vs_baseline": {        // absent for the baseline arm
//	              "diff": -35.1, "diff_half_width": 2.0,   // this arm − baseline
//	              "rel": -0.364, "rel_lo": -0.38, "rel_hi": -0.35   // mean/baseline mean − 1
//	            }
//	          }, …
//	}}]}]}]}
//
// Half-widths are those of 95 % confidence intervals: Student-t over the
// replications for "mean", paired-t for "diff"; rel_lo and rel_hi are the
// limits of the relative change from the delta method on the log ratio
// (see stats.Summarize and stats.PairedDiff). Numbers are written with 10
// significant digits. JSON has no NaN or infinity: an undefined value — a
// mean without completed cases, a half-width from a single replication, a
// relative change against a baseline mean of zero, cost without a cost per
// FTE, a metric of an office an arm does not have — is written as null.
// Offices without arrivals and staff are left out; per-replication values
// of every office are in replications.csv.
func WriteSummaryJSON(w io.Writer, c *Comparison) error {
	f, err := c.folded(false)
	if err != nil {
		return err
	}
	defer c.release(f)
	return writeSummaryJSON(w, f, f.summary())
}

// writeSummaryJSON is WriteSummaryJSON from a fold and its summary s.
func writeSummaryJSON(w io.Writer, f *fold, s *Summary) error {
	r0 := f.head
	out := jsonSummary{
		Format: SummaryFormat, FormatVersion: SummaryFormatVersion,
		Scenario: s.Scenario, Hash: s.Hash, Seed: s.Seed, Version: s.Version,
		Replications: s.Replications, ReplicationSeeds: s.Seeds,
		Level: stats.DefaultLevel,
		Window: jsonWindow{
			Start:        civilTime(r0.Start, 0),
			MeasuredFrom: civilTime(r0.Start, r0.WarmUp),
			MeasuredTo:   civilTime(r0.Start, r0.Horizon),
			WarmUpDays:   jsonFloat(r0.WarmUp / sim.Day),
			HorizonDays:  jsonFloat(r0.Horizon / sim.Day),
		},
		Verteilzeit: jsonFloat(r0.Verteilzeit), OverloadGrowth: OverloadGrowth,
		Baseline: s.Arms[0], Arms: s.Arms,
		Metrics: Metrics(), Services: []jsonService{}, Targets: []jsonTarget{},
	}
	for _, c := range s.Checks {
		lo, hi := c.Accepted()
		arm := c.Arm
		if arm == "" {
			arm = s.Arms[0]
		}
		office := c.Office
		if office == "" {
			office = TotalOffice
		}
		out.Targets = append(out.Targets, jsonTarget{
			Metric: c.Metric, Service: c.Service, Arm: arm, Office: office, Types: c.Types, Change: c.Change,
			Min: jsonFloat(c.Min), Max: jsonFloat(c.Max), Tolerance: jsonFloat(c.Tolerance),
			AcceptedLo: jsonFloat(lo), AcceptedHi: jsonFloat(hi), Source: c.Source, Note: c.Note,
			Model:   jsonStat{Mean: jsonFloat(c.Model.Mean), HalfWidth: jsonFloat(c.Model.HalfWidth), N: c.Model.N},
			ModelLo: jsonFloat(c.Lo), ModelHi: jsonFloat(c.Hi),
			Verdict: c.Verdict(),
		})
	}
	for _, svc := range s.Services {
		js := jsonService{Service: svc.Service}
		for _, o := range svc.Offices {
			js.Offices = append(js.Offices, jsonOfficeOf(o))
		}
		for _, ms := range svc.Members {
			js.Members = append(js.Members, jsonMembers{MembersOf: s.Arms[ms.Arm], OfficeKeys: ms.Offices,
				jsonOffice: jsonOfficeOf(ms.OfficeSummary), NonMembers: jsonOfficeOf(ms.Others)})
		}
		out.Services = append(out.Services, js)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// civilTime formats simulated time t after the midnight of start as
// "2026-02-26T00:00" (the offices' civil clock, no zone), "" if it is out
// of range.
func civilTime(start calendar.Date, t sim.Time) string {
	ct, err := civilSecond(start, t)
	if err != nil {
		return ""
	}
	return ct.Format("2006-01-02T15:04")
}

// jsonOfficeOf is an office summary as written in summary.json.
func jsonOfficeOf(o OfficeSummary) jsonOffice {
	jo := jsonOffice{Office: o.Office, Name: o.Name, ZSA: o.ZSA}
	for _, a := range o.Arms {
		ja := jsonArm{Arm: a.Arm, Steady: jsonSteady{
			Overloaded: a.Steady.Overloaded, OpenAtWarmUp: jsonFloat(a.Steady.OpenAtWarmUp),
			OpenAtEnd: jsonFloat(a.Steady.OpenAtEnd), Arrived: jsonFloat(a.Steady.Arrived),
		}}
		for _, m := range a.Metrics {
			jm := jsonStat{Mean: jsonFloat(m.Value.Mean), HalfWidth: jsonFloat(m.Value.HalfWidth), N: m.Value.N}
			if p := m.Paired; p != nil {
				jm.VsBaseline = &jsonPaired{
					Diff: jsonFloat(p.Diff.Mean), DiffHalfWidth: jsonFloat(p.Diff.HalfWidth),
					Rel: jsonFloat(p.Rel), RelLo: jsonFloat(p.RelLo), RelHi: jsonFloat(p.RelHi),
				}
			}
			ja.Metrics = append(ja.Metrics, namedStat{m.Name, jm})
		}
		jo.Arms = append(jo.Arms, ja)
	}
	return jo
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
	Window           jsonWindow    `json:"window"`
	Verteilzeit      jsonFloat     `json:"verteilzeit"`
	OverloadGrowth   float64       `json:"overload_growth"`
	Baseline         string        `json:"baseline"`
	Arms             []string      `json:"arms"`
	Metrics          []Metric      `json:"metrics"`
	Services         []jsonService `json:"services"`
	Targets          []jsonTarget  `json:"targets"`
}

type jsonTarget struct {
	Metric     string    `json:"metric"`
	Service    string    `json:"service"`
	Arm        string    `json:"arm"`
	Office     string    `json:"office"`
	Types      []string  `json:"types,omitempty"`
	Change     bool      `json:"change"`
	Min        jsonFloat `json:"observed_min"`
	Max        jsonFloat `json:"observed_max"`
	Tolerance  jsonFloat `json:"tolerance"`
	AcceptedLo jsonFloat `json:"accepted_min"`
	AcceptedHi jsonFloat `json:"accepted_max"`
	Source     string    `json:"source"`
	Note       string    `json:"note"`
	Model      jsonStat  `json:"model"`
	ModelLo    jsonFloat `json:"model_lo"`
	ModelHi    jsonFloat `json:"model_hi"`
	Verdict    string    `json:"verdict"`
}

type jsonWindow struct {
	Start        string    `json:"start"`
	MeasuredFrom string    `json:"measured_from"`
	MeasuredTo   string    `json:"measured_to"`
	WarmUpDays   jsonFloat `json:"warmup_days"`
	HorizonDays  jsonFloat `json:"horizon_days"`
}

type jsonService struct {
	Service string        `json:"service"`
	Offices []jsonOffice  `json:"offices"`
	Members []jsonMembers `json:"members,omitempty"`
}

// jsonMembers is the summary of an arm's member offices.
type jsonMembers struct {
	MembersOf  string   `json:"members_of"`
	OfficeKeys []string `json:"office_keys"`
	jsonOffice
	NonMembers jsonOffice `json:"non_members"`
}

type jsonOffice struct {
	Office string    `json:"office"`
	Name   string    `json:"name"`
	ZSA    bool      `json:"zsa"`
	Arms   []jsonArm `json:"arms"`
}

type jsonArm struct {
	Arm     string       `json:"arm"`
	Steady  jsonSteady   `json:"steady_state"`
	Metrics orderedStats `json:"metrics"`
}

type jsonSteady struct {
	Overloaded   bool      `json:"overloaded"`
	OpenAtWarmUp jsonFloat `json:"open_at_warmup"`
	OpenAtEnd    jsonFloat `json:"open_at_end"`
	Arrived      jsonFloat `json:"arrived"`
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
	RelLo         jsonFloat `json:"rel_lo"`
	RelHi         jsonFloat `json:"rel_hi"`
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
