package results

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
)

// ReportFile is the name of the HTML report WriteAll writes.
const ReportFile = "report.html"

// WriteReport writes the HTML report of c: one self-contained page (inline
// CSS and SVG plots, no scripts, no external resources) that can be read
// on a screen, printed, and sent on. It has
//
//   - a paragraph on what was compared (arms, services, replications,
//     seed), the scenario's description and how to read the figures;
//   - the key results: every arm against the baseline, per service;
//   - the comparison table of every service (the numbers of WriteTable);
//   - the plots of Figures, with captions;
//   - per service, every metric of the service total with the paired
//     differences, and the main metrics per office (collapsed);
//   - the utilisation of offices;
//   - the run's parameters (seeds, version, hash, …) and the scenario text.
//
// Every text from the scenario is escaped (html/template). The same
// Comparison gives the same bytes. WriteReport returns an error if c is
// malformed.
func WriteReport(w io.Writer, c *Comparison) error {
	_, err := writeReport(w, c)
	return err
}

// writeReport is WriteReport; it returns the translator it used, which
// knows the texts that have no German entry.
func writeReport(w io.Writer, c *Comparison) (*translator, error) {
	f, err := c.folded(false)
	if err != nil {
		return nil, err
	}
	defer c.release(f)
	return writeReportWith(w, f, nil)
}

// writeReportWith is writeReport from a fold, with the figures drawn
// already (those of WriteAll's files), or nil to draw them.
func writeReportWith(w io.Writer, f *fold, rendered []renderedFigure) (*translator, error) {
	// A summary of its own: the report translates its names.
	c, s := f.c, f.summary()
	t := newTranslator(c.Lang)
	var err error
	if rendered == nil {
		figs, err := figures(f, s, t)
		if err == nil {
			rendered, err = renderFigures(figs)
		}
		if err != nil {
			return nil, err
		}
	}
	s.tr = t
	localiseNames(s, t)
	d := reportData{
		Lang:         string(German),
		Title:        t.f("Scenario “%s”: %s", c.Scenario, strings.Join(s.Arms, t.s(" compared with "))),
		Scenario:     c.Scenario,
		Description:  strings.TrimSpace(c.Description),
		Compared:     comparedText(f, s),
		Caveat:       caveatText(s),
		ScenarioText: c.ScenarioText,
		T:            t,
	}
	if !t.german() {
		d.Lang = string(English)
	}
	if len(s.Arms) > 2 {
		d.Title = t.f("Scenario “%s”: %s", c.Scenario, s.Arms[0]+t.s(" compared with ")+t.join(s.Arms[1:]))
	}
	// The finding first: the headline, the comparison beneath it.
	if h := headline(s); h != "" {
		d.Subtitle, d.Title = d.Title, h
	}
	d.Meta = append(d.Meta, t.s("seed")+" "+strconv.FormatUint(c.Seed, 10),
		t.plural(s.Replications, "replication", "replications"))
	if c.Version != "" {
		d.Meta = append(d.Meta, t.s("version")+" "+c.Version)
	}
	if c.Hash != "" {
		d.Meta = append(d.Meta, t.s("scenario SHA-256")+" "+short(c.Hash, 12))
	}
	d.Key = keyNumbers(s)
	if d.Mechanisms, err = mechanisms(c.Decomposition, t); err != nil {
		return nil, err
	}
	if d.Key != nil {
		d.Key.Why = append(d.Key.Why, mechanismWhy(c.Decomposition, t)...)
	}
	d.Findings = findings(s)
	for _, svc := range s.Services {
		for _, ms := range svc.Members {
			d.Gains = append(d.Gains, htmlTableOf(gainsTable(s, svc, ms), "gains",
				t.f("%s: the member offices of %s ranked by the change of their mean lead time (the chart is under Charts)", svc.Service, s.Arms[ms.Arm])))
		}
	}
	for _, svc := range s.Services {
		d.Summary = append(d.Summary, summaryTables(s, svc)...)
		d.Warnings = append(d.Warnings, overloadNotes(s, svc)...)
	}
	for _, col := range staffColumns(t) {
		d.Definitions = append(d.Definitions, param{col.header, col.def})
	}
	if len(s.Checks) > 0 {
		d.Reality = &realitySection{Text: targetsText(s), Table: htmlTableOf(targetTable(s), "validation",
			t.f("Observed figures and the model (%s unless another arm is named)", s.Arms[0]))}
		for _, c := range s.Checks {
			if c.Note != "" {
				d.Reality.Notes = append(d.Reality.Notes, param{c.Service + ", " + t.name(c.Metric) + " (" + c.Source + ")", c.Note})
			}
		}
	}
	if c.Plan != nil {
		d.Plan = &planSection{Table: htmlTableOf(planTable(c.Plan, t), "plan", t.s("Staff levels tried and the final check"))}
		for _, sp := range c.Plan.Services {
			d.Plan.Sentences = append(d.Plan.Sentences, planSentence(c.Plan, sp, t))
		}
		d.Plan.Text = t.f("The least ZSA clerks per service of %s that meet every target with %s confidence, "+
			"found on common random numbers (the curves are under Charts, “Staff plan”); the comparison below runs the "+
			"chosen staff against the status quo on %d replications. Replications simulated in all: %d, %.2f× those at the plan.",
			c.Plan.Arm, confidenceText(c.Plan.Confidence), c.Plan.Replications, c.Plan.Simulated,
			float64(c.Plan.Simulated)/float64(c.Plan.Replications))
	}
	d.Groups = renderedGroups(rendered)
	// The lead time month by month goes to the top, under the key
	// numbers: what happens through the waves.
	for i, g := range d.Groups {
		if g.Heading == t.s(groupMonthly) && d.Key != nil {
			d.Key.Monthly = &d.Groups[i]
			d.Groups = append(d.Groups[:i:i], d.Groups[i+1:]...)
			break
		}
	}
	d.Utilisation = utilisationTable(f, t)
	for i, svc := range s.Services {
		d.Services = append(d.Services, serviceSection{
			Name: svc.Service, ID: "service-" + strconv.Itoa(i+1),
			Total: metricsTable(s, svc), Offices: officesTable(s, svc),
			NOffices: len(svc.Offices) - 1,
		})
	}
	d.Params = parameters(f, s)
	d.CSS = styleSheet()
	d.localise()
	return t, executePage(w, "report", &d)
}

// reportData is what the report template shows.
type reportData struct {
	Lang                                   string // the page's language, for <html lang>
	T                                      *translator
	Title, Subtitle, Scenario, Description string
	CSS                                    template.CSS
	Meta                                   []string
	Compared, Caveat                       string
	Warnings                               []string
	Key                                    *keySection
	Mechanisms                             *mechanismSection
	Findings                               []finding
	Definitions                            []param
	Reality                                *realitySection
	Plan                                   *planSection
	Gains                                  []htmlTable
	Summary                                []htmlTable
	Groups                                 []figureGroup
	Utilisation                            htmlTable
	Services                               []serviceSection
	Params                                 []param
	ScenarioText                           string
}

// realitySection compares the model with the scenario's observed figures.
type realitySection struct {
	Text  string
	Table htmlTable
	Notes []param // what each observation is, by target
}

// planSection is the staff plan of zsa plan: a sentence per service and
// the levels tried.
type planSection struct {
	Text      string
	Sentences []string
	Table     htmlTable
}

// finding lists the main changes of one arm against the baseline in one
// service.
type finding struct {
	Service, Versus string
	Items           []string
	// Why says where the lead time goes (leadDrivers).
	Why string
}

type serviceSection struct {
	Name, ID string
	Total    htmlTable
	Offices  htmlTable
	NOffices int
}

// headline states the main finding in one sentence: how the first arm
// changes the mean lead time of each service, for the offices that join
// where only some do, with the 95 % confidence interval of the change;
// "" with one arm.
func headline(s *Summary) string {
	if len(s.Arms) < 2 {
		return ""
	}
	t := s.tr
	var clauses []string
	for _, svc := range s.Services {
		o, where := svc.Offices[0], t.s("all offices")
		for _, ms := range svc.Members {
			if ms.Arm == 1 {
				o, where = ms.OfficeSummary, t.f("%d member offices", len(ms.Offices))
			}
		}
		p := o.Arms[1].Metrics[mLeadDays].Paired
		if p == nil || math.IsNaN(p.Rel) {
			continue
		}
		var clause string
		switch {
		case p.RelHi < 0:
			clause = t.f("the mean lead time for %s falls by %s (%s)", svc.Service, magnitude(-p.Rel, -p.RelHi, -p.RelLo), where)
		case p.RelLo > 0:
			clause = t.f("the mean lead time for %s rises by %s (%s)", svc.Service, magnitude(p.Rel, p.RelLo, p.RelHi), where)
		default:
			clause = t.f("the mean lead time for %s shows no clear change, %s (%s)", svc.Service, formatChange(p.Rel, p.RelLo, p.RelHi), where)
		}
		clauses = append(clauses, clause)
	}
	if len(clauses) == 0 {
		return ""
	}
	return t.f("With %s, %s.", s.Arms[1], t.join(clauses))
}

// magnitude formats the size of a change x with its interval [lo, hi]
// (fractions, all of one sign) as "38.2 % [36.3, 40.1]".
func magnitude(x, lo, hi float64) string {
	return fmt.Sprintf("%.1f %% [%.1f, %.1f]", 100*x, 100*lo, 100*hi)
}
