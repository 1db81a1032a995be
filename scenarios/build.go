package scenarios

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"zsa/models"
	"zsa/results"
)

// Scenario is a loaded, validated scenario: the model, the organisations
// to compare and how to run them.
type Scenario struct {
	Name, Description string
	// Source is where the scenario was read from; Hash is the hex SHA-256
	// of its files and data.
	Source, Hash string
	Model        *models.Model
	// Arms are the organisations compared; Arms[0] is the status quo.
	Arms         []*models.Organisation
	Replications int
	Seed         uint64
	// EventLog is the event-log format the scenario asks for ("", "csv",
	// "xes", "csv.gz" or "xes.gz").
	EventLog string
	// Lang is the language of the report pages the scenario asks for
	// ("", "en" or "de").
	Lang string
	// DataFiles are the data tables read, as paths or "bundled:…" for the
	// program's own copies.
	DataFiles []string
	// Sweep lists the swept parameters, if the scenario declares a sweep
	// (see Points and At); SweepMode is Grid or OneAtATime.
	Sweep     []Param
	SweepMode string
	// Mechanisms are the names of the decomposition's mechanisms, in
	// display order, and DecomposedArm the index in Arms of the arm whose
	// effect they explain; empty without a decomposition (see Without).
	Mechanisms    []string
	DecomposedArm int
	// Targets are the observed figures the model is checked against (see
	// File.Targets), arms by name; Calibration the parameters zsa
	// calibrate may fit to them.
	Targets     []results.Target
	Calibration []CalibrationParam
	// Plan is what zsa plan searches; nil without a [plan].
	Plan *Plan

	decomposition *DecompositionFile

	loaded *loaded
}

// Text returns the texts of the scenario's files, the file itself first
// and then the files it extends, each headed by its name: what a report
// shows as the scenario's parameters.
func (sc *Scenario) Text() string {
	var b strings.Builder
	for _, s := range sc.loaded.sources {
		fmt.Fprintf(&b, "# ---- %s\n%s\n", s.name, s.text)
	}
	return b.String()
}

// Defaults for optional keys of a complete scenario.
const (
	defaultMaxShare    = 1.0  // a local clerk may spend all their time on one service
	defaultUtilisation = 0.75 // staffing rule's target utilisation
	defaultFTE         = 1.0
	defaultPrior       = 1.0 // a novice
	// defaultVerteilzeit is the Personalbemessung's usual surcharge in
	// the public service (see File.Verteilzeit for the sources).
	defaultVerteilzeit = 0.15
)

// defaultWeekdays are the working weekdays when a file names none.
var defaultWeekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// builder turns a merged File into a Scenario, phase by phase, collecting
// problems.
type builder struct {
	l    *loaded
	f    *File
	sc   *Scenario
	m    *models.Model
	errs []error
	// data are the data files read, as shown to users, and raw their
	// bytes, for the hash.
	data []string
	raw  [][]byte
	// communes are the rows of the communes table that data.only keeps,
	// admins the administrations table by AGS.
	communes []communeRow
	admins   map[string]map[string]string
	adminAt  map[string]string // where each AGS's administrations row is, "file:line"
	// origins says where the model's values came from; armOrigins, by
	// index in sc.Arms, the same for each arm's Organisation.
	origins    origins
	armOrigins []origins
	// reported marks problems already reported, to report each once.
	reported map[string]bool
}

// build turns a merged File into a Scenario. It reads as its phases: how
// the scenario runs, its data, the services, the offices that the
// communes' catchments name, their staffing, the arms, the sweep and the
// decomposition. The phases check what a Model cannot say: required
// keys, names that must match each other, the file's own settings
// (replications, staffing rules, outputs, sweep, decomposition). If they
// find nothing, the model's own checks (models.Validate) look at every
// value of the model and each arm, and build reports what they find at
// the key and line the value came from (see origins). So a problem with a
// value is found once the file is complete.
func build(l *loaded) (*Scenario, error) {
	b := &builder{l: l, f: &l.file, m: &models.Model{}, origins: origins{}, reported: map[string]bool{}}
	b.sc = &Scenario{Name: l.file.Name, Description: l.file.Description, Source: l.sources[0].name, Model: b.m, loaded: l}
	b.run()
	if !b.readData() {
		return nil, errors.Join(b.errs...)
	}
	b.services()
	b.offices()
	b.staffing()
	b.arms()
	b.sweep()
	b.decomposition()
	b.targets()
	b.calibration()
	b.plan()
	if len(b.errs) == 0 {
		b.validate()
	}
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	b.sc.Hash = hashOf(l, b.raw...)
	b.sc.DataFiles = b.data
	return b.sc, nil
}

// err records a problem with the value at path, located in the file that
// defines it.
func (b *builder) err(path []string, format string, args ...any) {
	b.errs = append(b.errs, b.errorAt(path, fmt.Sprintf(format, args...)))
}

// errorAt returns msg about the value at path, as "file:line: key: msg".
func (b *builder) errorAt(path []string, msg string) error {
	src := b.sourceOf(path)
	return fmt.Errorf("%s:%d: %s: %s", src.name, lineOf(src, path), strings.Join(path, "."), msg)
}

// sourceOf returns the file that defines path: the first that does, or
// the scenario's own file if none does.
func (b *builder) sourceOf(path []string) *source {
	for _, s := range b.l.sources {
		if s.md.IsDefined(path...) {
			return s
		}
	}
	return b.l.sources[0]
}

// p returns a key path from its parts.
func p(parts ...string) []string { return parts }

// at returns the key path base followed by keys, in a new slice.
func at(base []string, keys ...string) []string {
	return append(base[:len(base):len(base)], keys...)
}

// parsePolicy returns the dispatching policy a file names ("" for the
// default, oldest-first), and whether it knows the name.
func parsePolicy(s string) (models.Policy, bool) {
	switch s {
	case "", "oldest-first":
		return models.OldestFirst, true
	case "started-first":
		return models.StartedFirst, true
	}
	return 0, false
}
