package scenarios

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"zsa/models"
)

// run reads how the scenario runs: what is simulated and how often, the
// office calendar, the outputs and the cost figures. It checks that the
// required keys are there and the settings the model does not have
// (replications, outputs); the ranges of the model's values (a positive
// horizon, a warm-up shorter than it, hours that open before they close,
// weekdays listed once, a cost ≥ 0, a Verteilzeit in [0, 1]) are the
// model's checks, reported at these keys (see validate).
func (b *builder) run() {
	b.period()
	b.officeHours()
	b.outputs()
	b.figures()
	for _, k := range []string{"start", "horizon", "warmup", "hours", "weekdays", "cost_per_fte", "verteilzeit", "services"} {
		b.origins.add(models.Path{k}, origin{key: p(k)})
	}
}

// period reads the name, the simulated period (start, horizon, warm-up),
// the number of replications (at least 2) and the seed.
func (b *builder) period() {
	f, m := b.f, b.m
	switch {
	case f.Name == "":
		b.err(p("name"), "missing: every scenario needs a name")
	case !safeName(f.Name):
		b.err(p("name"), "%q: output folders are named after the scenario: use letters, digits, '-', '_' and '.' (not first), at most 100 of them", f.Name)
	}
	if f.Start == nil {
		b.err(p("start"), "missing: the first simulated day, e.g. \"2026-01-01\"")
	} else {
		m.Start = f.Start.Date
	}
	if f.Horizon == nil {
		b.err(p("horizon"), "missing: the simulated time, e.g. \"365d\"")
	} else {
		m.Horizon = f.Horizon.Time
	}
	if f.WarmUp != nil {
		m.WarmUp = f.WarmUp.Time
	}
	switch {
	case f.Replications == nil || *f.Replications < 2:
		b.err(p("replications"), "missing or below 2: confidence intervals need at least 2 replications")
	case *f.Replications > maxReplications:
		b.err(p("replications"), "%d: at most %d (each replication runs every arm)", *f.Replications, maxReplications)
	default:
		b.sc.Replications = *f.Replications
	}
	if f.Seed == nil {
		b.err(p("seed"), "missing: a fixed seed makes runs reproducible")
	} else {
		b.sc.Seed = *f.Seed
	}
}

// officeHours reads the offices' daily window, working weekdays (Monday
// to Friday if none are named) and whether the state's holidays apply.
func (b *builder) officeHours() {
	f, m := b.f, b.m
	if f.Hours == nil || f.Hours.Open == nil || f.Hours.Close == nil {
		b.err(p("hours"), "missing: the office window, e.g. hours = { open = \"7:30\", close = \"16:00\" }")
	} else {
		m.Hours.Open, m.Hours.Close = f.Hours.Open.Time, f.Hours.Close.Time
	}
	m.Weekdays = slices.Clone(defaultWeekdays)
	if f.Weekdays != nil && len(f.Weekdays) == 0 {
		b.err(p("weekdays"), "empty: the offices would never open; leave the key out for Monday to Friday")
	}
	if len(f.Weekdays) > 0 {
		m.Weekdays = nil
		for _, w := range f.Weekdays {
			m.Weekdays = append(m.Weekdays, w.Weekday)
		}
	}
	if f.Holidays != nil {
		m.NoStateHolidays = !*f.Holidays
	}
}

// outputs reads the optional outputs: the event log's format, csv or
// xes, and the report's language, en or de.
func (b *builder) outputs() {
	if o := b.f.Outputs; o != nil {
		switch o.Lang {
		case "", "en", "de":
			b.sc.Lang = o.Lang
		default:
			b.err(p("outputs", "lang"), "%q: must be one of (de|en)", o.Lang)
		}
		switch o.EventLog {
		case "", "csv", "xes", "csv.gz", "xes.gz":
			b.sc.EventLog = o.EventLog
		default:
			b.err(p("outputs", "event_log"), "%q: must be one of (csv|xes|csv.gz|xes.gz)", o.EventLog)
		}
	}
}

// figures reads the cost of a full-time clerk and the Verteilzeit
// (defaultVerteilzeit if not given).
func (b *builder) figures() {
	f, m := b.f, b.m
	if f.CostPerFTE != nil {
		m.CostPerFTE = *f.CostPerFTE
	}
	m.Verteilzeit = defaultVerteilzeit
	if f.Verteilzeit != nil {
		m.Verteilzeit = *f.Verteilzeit
	}
}

// maxReplications bounds the replications a file may ask for: far more
// than any confidence interval needs, and few enough to keep their
// results in memory.
const maxReplications = 10000

// safeName reports whether a scenario name can name a folder: 1 to 100
// letters (umlauts too), digits, '-', '_' or '.', not starting with '.'
// (so not ".." either): nothing that leaves the output folder or that a
// file system or terminal would take for something else.
func safeName(name string) bool {
	if name == "" || utf8.RuneCountInString(name) > 100 || name[0] == '.' || !utf8.ValidString(name) {
		return false
	}
	for _, c := range name {
		switch {
		case unicode.IsLetter(c), unicode.IsDigit(c), c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}
