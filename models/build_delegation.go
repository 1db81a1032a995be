package models

import (
	"maps"
	"math"
	"slices"
	"strings"

	"zsa/sim"
)

// compileDelegation checks a delegation and compiles it into its service:
// the member offices and when they join, questions back, the variants,
// the steps the ZSA does and their IT savings, and for every case type
// the delegated process.
func compileDelegation(errs *errList, path Path, cs *cservice, d *Delegation, officeIdx map[string]int) {
	cd := &cdeleg{members: map[int]sim.Time{}, handOver: d.HandOver, qBack: d.QuestionBack, qEffort: d.QuestionEffort}
	cs.deleg = cd
	if len(d.Steps) == 0 {
		errs.add(path.Field("steps"), "no step delegated")
	}
	compileMembers(errs, path, cd, d, officeIdx)
	if !(d.QuestionBack >= 0 && d.QuestionBack <= 1) {
		errs.add(path.Field("question_back"), "%v: must be a probability in [0, 1]", d.QuestionBack)
	}
	if d.QuestionBack > 0 && d.QuestionEffort == nil {
		errs.add(path.Field("question_effort"), "questions back need an effort distribution")
	}
	ids := compileVariants(errs, path, cs, d)
	// The question step: ZSA work answering a local office's question.
	if d.QuestionBack > 0 {
		cd.qStep = len(ids)
		ids["question"] = cd.qStep
		cs.stepNames = append(cs.stepNames, "question")
		cs.nsteps = len(ids)
	}
	delegate(cs, d, zsaSteps(errs, path, cs, d))
}

// compileMembers checks the member offices (known, listed once, joining
// at 0 or later) and records when each joins.
func compileMembers(errs *errList, path Path, cd *cdeleg, d *Delegation, officeIdx map[string]int) {
	if len(d.Members) == 0 {
		errs.add(path.Field("members"), "no member office")
	}
	for j, mb := range d.Members {
		mp := path.Field("members").Index(j)
		oi, ok := officeIdx[mb.Office]
		if !ok {
			errs.add(mp, "unknown office %q", mb.Office)
			continue
		}
		if _, dup := cd.members[oi]; dup {
			errs.add(mp, "office %q listed twice", mb.Office)
		}
		if mb.From < 0 || math.IsNaN(float64(mb.From)) {
			errs.add(mp.Field("from"), "%v: must not be negative: a member joins at the start or later", mb.From)
		}
		cd.members[oi] = mb.From
	}
}

// compileVariants compiles the variants of known case types into the
// service's step-ID space, which it returns.
func compileVariants(errs *errList, path Path, cs *cservice, d *Delegation) map[string]int {
	ids := map[string]int{}
	for i, n := range cs.stepNames {
		ids[n] = i
	}
	typeIdx := map[string]int{}
	for i, t := range cs.types {
		typeIdx[t.name] = i
	}
	for _, name := range slices.Sorted(maps.Keys(d.Variants)) {
		vp := path.Field("variants").Key(name)
		ti, ok := typeIdx[name]
		if !ok {
			errs.add(vp, "unknown case type %q (types: %s)", name, strings.Join(slices.Sorted(maps.Keys(typeIdx)), ", "))
			continue
		}
		cs.types[ti].variant = compileProcess(errs, vp, cs.svc.Name, d.Variants[name], ids, cs)
	}
	return ids
}

// zsaSteps checks the steps the ZSA does (work steps of the service's
// processes) and their IT savings (effort factors in [0, 1] of such
// steps), and returns the set of those steps.
func zsaSteps(errs *errList, path Path, cs *cservice, d *Delegation) map[string]bool {
	known := map[string]bool{} // step name → is work
	for _, t := range cs.types {
		for _, pr := range []*cproc{t.proc, t.variant} {
			if pr == nil {
				continue
			}
			for _, st := range pr.steps {
				known[st.name] = st.work || known[st.name]
			}
		}
	}
	steps := map[string]bool{}
	for _, n := range d.Steps {
		work, ok := known[n]
		switch {
		case !ok:
			errs.add(path.Field("steps"), "service %q has no step %q", cs.svc.Name, n)
		case !work:
			errs.add(path.Field("steps"), "step %q is an external wait, not work", n)
		}
		steps[n] = true
	}
	for _, n := range slices.Sorted(maps.Keys(d.ITSavings)) {
		ip := path.Field("it_savings").Key(n)
		if f := d.ITSavings[n]; !(f >= 0 && f <= 1) {
			errs.add(ip, "%v: effort factor must be in [0, 1]", f)
		}
		if !steps[n] {
			errs.add(ip, "step is not done by the ZSA")
		}
	}
	for _, n := range slices.Sorted(maps.Keys(d.ProcessSavings)) {
		ip := path.Field("process_savings").Key(n)
		if f := d.ProcessSavings[n]; !(f > 0) || math.IsInf(f, 0) {
			errs.add(ip, "%v: effort factor must be positive", f)
		}
		if !steps[n] {
			errs.add(ip, "step is not done by the ZSA")
		}
	}
	return steps
}

// delegate makes each case type's delegated process: a copy of its
// variant (or of its status-quo process) whose work steps in zsa the ZSA
// does, with their IT and process savings.
func delegate(cs *cservice, d *Delegation, zsa map[string]bool) {
	for ti := range cs.types {
		t := &cs.types[ti]
		if t.variant == nil {
			t.variant = t.proc
		}
		// The delegated process is a copy: the status quo's stays as it is.
		v := &cproc{steps: slices.Clone(t.variant.steps)}
		for i := range v.steps {
			st := &v.steps[i]
			if st.work && zsa[st.name] {
				st.zsa = true
				if f, ok := d.ITSavings[st.name]; ok {
					st.itFactor = f
				}
				if f, ok := d.ProcessSavings[st.name]; ok {
					st.itFactor *= f
				}
			}
		}
		t.variant = v
	}
}
