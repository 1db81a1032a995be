package fit

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// File names of the scenario WriteScenario writes and of the tables it
// reads, beside it.
const (
	CommunesFile        = "communes.csv"
	AdministrationsFile = "administrations.csv"
)

// Replications and Seed of the fitted scenario.
const (
	fittedReplications = 10
	fittedSeed         = 1
)

// WriteScenario writes the fitted scenario as a TOML file that zsa run
// accepts, commented with what was estimated from how many observations.
// Its tables (WriteCommunes, WriteAdministrations) go beside it. Each
// office becomes one commune whose population is the office's cases a
// year, at per_thousand = 1000 (one case per inhabitant and year): the
// scenario format sets volumes by population, and the log knows no
// communes.
func (r *Result) WriteScenario(w io.Writer) error {
	b := &strings.Builder{}
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	c := r.Learning
	p("# Fitted by zsa fit from the event log %s: service %s, %d events, %d cases\n", tomlComment(r.Log), tomlComment(r.Service), r.Events, r.Cases)
	p("# (%d open at the end of the log), filed on %d days from %s. See report.html\n", r.Open, r.Days, r.First)
	p("# for the diagnostics: every distribution against the data, the learning curve.\n#\n")
	p("# Assumed, not estimated: every clerk full time (FTE 1; the log shows only\n")
	p("# FTE × share), clerks' experience at their first item in the log (prior),\n")
	p("# no forgetting, no set-up times, no errors and rework beyond the loops seen,\n")
	p("# no deadlines on the external waits.\n")
	for _, n := range r.Notes {
		p("#\n# Note: %s\n", tomlComment(n))
	}
	p("\nname = %s\n", tomlString("fit-"+r.Service))
	p("description = %s\n", tomlString(fmt.Sprintf("Fitted from %s by zsa fit: %d cases of %s in %d days.", r.Log, r.Cases, r.Service, r.Days)))
	p("start = %q\n", r.First.String())
	p("horizon = \"%dd\"\n", r.Days)
	p("warmup = \"%dd\"\n", min(28, r.Days/10))
	p("replications = %d\n", fittedReplications)
	p("seed = %d\n", fittedSeed)
	h := r.Hours
	p("# The working window: earliest start and latest end of a work item, to the\n# quarter hour; the weekdays with at least 0.5 %% of the items.\n")
	p("hours = { open = %q, close = %q }\n", clock(h.Open), clock(h.Close))
	days := make([]string, len(h.Weekdays))
	for i, d := range h.Weekdays {
		days[i] = strconv.Quote([]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}[d])
	}
	p("weekdays = [%s]\n", strings.Join(days, ", "))
	p("# %d public holidays of Sachsen-Anhalt fall on working weekdays in the log.\n", h.HolidaysSeen)
	p("holidays = %t\n", h.Holidays)
	p("\n[data]\n# One commune per office, its population the office's cases a year.\n")
	p("communes = %q\nadministrations = %q\n", CommunesFile, AdministrationsFile)

	svc := "services." + tomlKey(r.Service)
	p("\n[%s]\n", svc)
	p("office_column = \"office_key\"\noffice_name_column = \"office_name\"\n")
	p("per_thousand = 1000\n")
	p("source = %s\n", tomlString("zsa fit "+r.Log))
	p("# Learning curve (De Jong 1957): %d work items of %d clerks, experience counted\n", c.N, c.Clerks)
	p("# from n0 = %g at each clerk's first item; profile-likelihood 95 %% intervals:\n", c.Prior)
	p("# LR %.4f [%.4f, %.4f], floor %.4f [%.4f, %.4f]; log-likelihood %.1f.\n",
		c.Rate, c.RateCI[0], c.RateCI[1], c.Floor, c.FloorCI[0], c.FloorCI[1], c.LogLik)
	if !c.PriorIdentified {
		p("# Other priors n0 fit as well or better: see the notes above and the report.\n")
	}
	p("learning = { rate = %s, floor = %s }\n", fmtG(round4(c.Rate)), fmtG(math.Round(c.Floor*1e4)/1e4))
	p("# Efforts are given for a clerk with the median experience of the items.\n")
	p("reference = %g\n", c.Reference)
	p("# Arrivals: %d filings in %d days; online share from the filings outside\n# office hours; weekday weights of the counter filings (Monday first).\n", r.Cases, r.Days)
	prof := []string{fmt.Sprintf("online_share = %s", fmtG(r.OnlineShare)), "weekday = [" + joinG(r.Weekday[:]) + "]"}
	if r.Monthly != nil {
		prof = append(prof, "monthly = ["+joinG(r.Monthly)+"]")
	}
	p("profile = { %s }\n", strings.Join(prof, ", "))

	steps := map[string]Step{}
	for _, s := range r.Steps {
		steps[s.Name] = s
	}
	for _, t := range r.Types {
		p("\n[%s.types.%s]\n", svc, tomlKey(t.Name))
		p("# %d cases; share ± standard error %.4f ± %.4f.\n", t.Cases, t.Share, t.ShareSE)
		p("share = %s\n", fmtG(typeShare(r.Types, t.Name)))
		p("steps = [\n")
		for _, rt := range t.Routes {
			s := steps[rt.Step]
			best := s.Fit.Best()
			kind, what := "effort", "work"
			if !s.Work {
				kind, what = "delay", "external wait"
			}
			p("  # %s: %s, %s by AIC of %s; n = %d, KS %.3f", tomlComment(rt.Step), what, best.Name, familyNames(s.Fit), s.Fit.N, best.KS)
			if s.Work {
				p(", at experience %g", c.Reference)
			}
			p(".\n")
			line := fmt.Sprintf("  { name = %s, %s = %q", tomlString(rt.Step), kind, best.Dist.String())
			if !rt.Default {
				p("  # next by visit (n = %s): ", joinInts(rt.N))
				var parts, bs []string
				for _, br := range rt.Branches {
					parts = append(parts, fmt.Sprintf("%s %s (SE %s)", tomlComment(br.To), joinG(br.P), joinFixed(br.SE)))
					bs = append(bs, fmt.Sprintf("{ to = %s, p = [%s] }", tomlString(br.To), joinG(br.P)))
				}
				p("%s.\n", strings.Join(parts, "; "))
				line += ", next = [" + strings.Join(bs, ", ") + "]"
			}
			p("%s },\n", line)
		}
		p("]\n")
	}
	st := r.Staffing
	p("\n[staffing.%s]\n", tomlKey(r.Service))
	p("# %d clerks in %d offices. Share: each clerk's daily window (its latest work)\n", len(r.Clerks), len(r.Offices))
	p("# over the office window; absences: working days without any item, in runs of\n")
	p("# 3 days or more as leave, shorter ones as sickness (idle days count too).\n")
	p("clerks = %d\n", st.Clerks)
	if st.Fixed {
		p("share = %s\n", fmtG(st.Share))
	} else {
		p("utilisation = %s\nmax_share = %s\n", fmtG(st.Utilisation), fmtG(st.MaxShare))
	}
	p("prior = %g\n", c.Prior)
	p("leave_days = %d\n", st.LeaveDays)
	p("sick_rate = %s\n", fmtG(st.SickRate))
	_, err := io.WriteString(w, b.String())
	return err
}

// typeShare returns the type's share rounded so that the shares sum to 1.
func typeShare(types []CaseType, name string) float64 {
	ps := make([]float64, len(types))
	for i, t := range types {
		ps[i] = t.Share
	}
	ps = roundToOne(ps, 1)
	for i, t := range types {
		if t.Name == name {
			return ps[i]
		}
	}
	return 0
}

// WriteCommunes writes the communes table: one commune per office, its
// population the office's cases a year.
func (r *Result) WriteCommunes(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"ags", "name", "population"})
	for i, o := range r.Offices {
		cw.Write([]string{strconv.Itoa(i + 1), o.Name, strconv.FormatFloat(math.Round(o.Annual*100)/100, 'f', -1, 64)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteAdministrations writes the administrations table: each commune's
// office.
func (r *Result) WriteAdministrations(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"ags", "office_key", "office_name"})
	for i, o := range r.Offices {
		cw.Write([]string{strconv.Itoa(i + 1), o.Key, o.Name})
	}
	cw.Flush()
	return cw.Error()
}

// clock formats minutes after midnight as H:MM.
func clock(m float64) string {
	n := int(math.Round(m))
	return fmt.Sprintf("%d:%02d", n/60, n%60)
}

// fmtG formats a number as short as it reads back exactly.
func fmtG(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func joinG(xs []float64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmtG(x)
	}
	return strings.Join(s, ", ")
}

func joinFixed(xs []float64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.FormatFloat(x, 'f', 4, 64)
	}
	return strings.Join(s, ", ")
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}

// familyNames lists the families fitted with their AIC above the best.
func familyNames(f Fitted) string {
	var s []string
	for i, fam := range f.Families {
		if i == 0 {
			s = append(s, fam.Name)
			continue
		}
		s = append(s, fmt.Sprintf("%s (ΔAIC %.1f)", fam.Name, fam.AIC-f.Families[0].AIC))
	}
	return strings.Join(s, ", ")
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, string(utf8.RuneError)) {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// tomlKey is s as a quoted TOML key.
func tomlKey(s string) string { return tomlString(s) }

// tomlComment makes s safe inside a comment: one line, no control
// characters.
func tomlComment(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
}
