package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"zsa/models"
	"zsa/models/arrivals"
	"zsa/models/dist"
	"zsa/models/learning"
)

// services reads the services, in name order (see service). It checks
// that there is one; whether their values are possible is the model's
// check, reported at the services' keys (see validate).
func (b *builder) services() {
	if len(b.f.Services) == 0 {
		b.err(p("services"), "no service defined")
	}
	for i, name := range sortedKeys(b.f.Services) {
		key := p("services", name)
		b.origins.add(models.Path{"services"}.Key(name), origin{key: key})
		b.origins.add(models.Path{"services"}.Index(i), origin{key: key})
		b.m.Services = append(b.m.Services, b.service(name, b.f.Services[name]))
	}
}

// service reads a service: cases per 1,000 inhabitants and the learning
// rate (both required), the arrival profile, the reference experience
// (default: a novice), forgetting, set-up time, rework factor, service
// level and the case types.
func (b *builder) service(name string, sf *ServiceFile) models.Service {
	key := p("services", name)
	s := models.Service{Name: name, Reference: defaultPrior, Profile: b.profile(at(key, "profile"), sf.Profile)}
	if sf.PerThousand == nil {
		b.err(at(key, "per_thousand"), "missing: cases per 1,000 inhabitants per year")
	} else {
		s.PerThousand = *sf.PerThousand
	}
	if sf.Learning == nil || sf.Learning.Rate == nil {
		b.err(at(key, "learning"), "missing: learning = { rate = 0.85, floor = 0.5 } (rate 1 means no learning)")
	} else {
		s.Learning.Rate = *sf.Learning.Rate
		setIf(&s.Learning.Floor, sf.Learning.Floor)
		setIf(&s.LearnPerStep, sf.Learning.PerStep)
	}
	setIf(&s.Reference, sf.Reference)
	if sf.Forgetting != nil {
		s.Forgetting.Horizon = sf.Forgetting.Time
	}
	if sf.Switch != nil {
		s.Switch = sf.Switch.Dist
	}
	setIf(&s.ReworkFactor, sf.Rework)
	setIf(&s.ServiceLevel, sf.Level)
	b.checkScope(name, sf)
	s.Types = b.types(name, sf)
	return s
}

// checkScope checks that the steps of service svc's scope are steps of
// its processes: the case types' or an arm's variants'.
func (b *builder) checkScope(svc string, sf *ServiceFile) {
	known := map[string]bool{}
	add := func(steps []StepFile) {
		for _, st := range steps {
			known[st.Name] = true
		}
	}
	for _, t := range sf.Types {
		add(t.Steps)
	}
	for _, a := range b.f.Arms {
		if d := a.Services[svc]; d != nil {
			for _, v := range d.Variants {
				add(v)
			}
		}
	}
	for _, n := range sf.Scope {
		if !known[n] {
			b.err(p("services", svc, "scope"), "%q: no process of %s has this step (steps: %s)", n, svc, strings.Join(sortedKeys(known), ", "))
		}
	}
}

// scoped returns proc, read at key and found at path in the model, with
// only the steps of its service's scope (ServiceFile.Scope): a branch,
// deadline or next step that leads out of the scope ends the case as
// approved. It records in o where the steps kept were written.
func (b *builder) scoped(svc string, key []string, path models.Path, proc models.Process, o origins) models.Process {
	var scope map[string]bool
	if sf := b.f.Services[svc]; sf != nil && len(sf.Scope) > 0 {
		scope = map[string]bool{models.Done: true, models.Reject: true}
		for _, n := range sf.Scope {
			scope[n] = true
		}
	}
	if scope == nil || len(proc) == 0 {
		o.addProcess(path, key, proc)
		return proc
	}
	if !scope[proc[0].Name] {
		b.err(p("services", svc, "scope"), "%q, the first step of %s, is not in the scope: the cases would start outside it", proc[0].Name, strings.Join(key, "."))
	}
	var out models.Process
	var from []int // index in proc of each step kept
	for i, st := range proc {
		if !scope[st.Name] {
			continue
		}
		st.Next = slices.Clone(st.Next)
		for j := range st.Next {
			if !scope[st.Next[j].To] {
				st.Next[j].To = models.Done
			}
		}
		if st.OnTimeout != "" && !scope[st.OnTimeout] {
			st.OnTimeout = models.Done
		}
		if len(st.Next) == 0 && i+1 < len(proc) && !scope[proc[i+1].Name] {
			st.Next = []models.Branch{{To: models.Done, Prob: []float64{1}}}
		}
		out = append(out, st)
		from = append(from, i)
	}
	o.addProcess(path, key, out)
	for i, j := range from {
		o.add(path.Index(i), origin{key: key, step: fmt.Sprintf("step %d", j+1)})
	}
	return out
}

// setIf sets *dst to *v if v is given.
func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// profile reads an arrival profile. Its documented defaults are a flat
// year, counters Monday to Friday and no online share; given monthly
// factors must be 12, January first, and weekday weights 7, Monday first.
func (b *builder) profile(key []string, pf *Profile) arrivals.Profile {
	var pr arrivals.Profile
	for i := range pr.Monthly {
		pr.Monthly[i] = 1
	}
	pr.Weekday = [7]float64{1, 1, 1, 1, 1, 0, 0}
	if pf == nil {
		return pr
	}
	if pf.Monthly != nil {
		if len(pf.Monthly) != 12 {
			b.err(at(key, "monthly"), "%d factors: want 12, January first", len(pf.Monthly))
		} else {
			copy(pr.Monthly[:], pf.Monthly)
		}
	}
	if pf.Weekday != nil {
		if len(pf.Weekday) != 7 {
			b.err(at(key, "weekday"), "%d weights: want 7, Monday first", len(pf.Weekday))
		} else {
			copy(pr.Weekday[:], pf.Weekday)
		}
	}
	setIf(&pr.OnlineShare, pf.OnlineShare)
	return pr
}

// types reads a service's case types, in name order: the share
// (required), the process, the backlog and the re-application (prob,
// after and type required).
func (b *builder) types(svc string, sf *ServiceFile) []models.CaseType {
	key := p("services", svc, "types")
	if len(sf.Types) == 0 {
		b.err(key, "no case type")
	}
	var types []models.CaseType
	for _, tn := range sortedKeys(sf.Types) {
		tf := sf.Types[tn]
		t := models.CaseType{Name: tn}
		if tf.Share == nil {
			b.err(at(key, tn, "share"), "missing: the type's share of the service's cases")
		} else {
			t.Share = *tf.Share
		}
		t.Process = b.scoped(svc, at(key, tn, "steps"), models.Path{"services"}.Key(svc).Field("types").Key(tn).Field("process"),
			b.steps(at(key, tn, "steps"), tf.Steps, b.factors(svc)), b.origins)
		setIf(&t.Backlog, tf.Backlog)
		if !(t.Backlog >= 0 && t.Backlog <= maxBacklog) {
			b.err(at(key, tn, "backlog"), "%v: open cases per 1,000 inhabitants must be from 0 to %d", t.Backlog, maxBacklog)
		}
		if r := tf.Reapply; r != nil {
			t.Reapply = &models.Reapply{Type: r.Type}
			if r.Prob == nil || r.After == nil || r.Type == "" {
				b.err(at(key, tn, "reapply"), "needs prob, after and type")
			} else {
				t.Reapply.Prob, t.Reapply.After = *r.Prob, r.After.Time
			}
			setIf(&t.Reapply.Inherited, r.Inherited)
		}
		types = append(types, t)
	}
	return types
}

// stepFactors scale a service's steps: the effort of its work steps and
// the duration of its external waits.
type stepFactors struct{ effort, delay float64 }

// factors returns service svc's effort_factor and delay_factor (1 where
// it sets none), reporting one that is not a positive finite number
// (then 1), once.
func (b *builder) factors(svc string) stepFactors {
	sf := b.f.Services[svc]
	if sf == nil {
		return stepFactors{1, 1}
	}
	get := func(key string, v *float64, what string) float64 {
		if v == nil {
			return 1
		}
		if f := *v; f > 0 && finite(f) {
			return f
		}
		if !b.reported[svc+"."+key] {
			b.err(p("services", svc, key), "%v: must be a positive number (1 leaves the %s as they are)", *v, what)
			b.reported[svc+"."+key] = true
		}
		return 1
	}
	return stepFactors{get("effort_factor", sf.EffortFactor, "efforts"), get("delay_factor", sf.DelayFactor, "waits")}
}

// steps converts a process: each step's name, effort or delay (scaled by
// the service's factors), deadline and its target, quality (initial and
// rate required) and branches. Its consistency (a kind per step, known
// targets, probabilities in [0, 1] that sum to 1) is the model's check,
// reported at key (see validate).
func (b *builder) steps(key []string, sfs []StepFile, factor stepFactors) models.Process {
	if len(sfs) == 0 {
		b.err(key, "no steps")
	}
	var proc models.Process
	for _, sf := range sfs {
		st := models.Step{Name: sf.Name, OnTimeout: sf.OnTimeout}
		if sf.Effort != nil {
			st.Effort = scaled(sf.Effort.Dist, factor.effort)
		}
		if sf.Delay != nil {
			st.Delay = scaled(sf.Delay.Dist, factor.delay)
		}
		if sf.Deadline != nil {
			st.Deadline = sf.Deadline.Time
			if !(st.Deadline > 0) {
				b.err(key, "step %q: deadline %v: must be positive (leave it out for no deadline)", sf.Name, sf.Deadline.Time)
			}
		}
		if q := sf.Quality; q != nil {
			if q.Initial == nil || q.Rate == nil {
				b.err(key, "step %q: quality needs initial and rate (and optionally floor)", sf.Name)
			} else {
				st.Quality = learning.Quality{Initial: *q.Initial, Rate: *q.Rate}
				setIf(&st.Quality.Floor, q.Floor)
			}
		}
		for _, br := range sf.Next {
			st.Next = append(st.Next, models.Branch{To: br.To, Prob: br.P})
		}
		proc = append(proc, st)
	}
	return proc
}

// scaled returns d scaled by factor, or d itself for the factor 1 or one
// the model would reject (reported by factors).
func scaled(d dist.Dist, factor float64) dist.Dist {
	if factor == 1 {
		return d
	}
	if s, err := dist.Scaled(d, factor); err == nil {
		return s
	}
	return d
}

// maxBacklog bounds a case type's initial backlog, in open cases per
// 1,000 inhabitants: one for every inhabitant.
const maxBacklog = 1000
