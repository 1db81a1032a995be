package results

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"math"

	"zsa/models"
	"zsa/models/learning"
	"zsa/sim/stats"
)

// fold is a comparison's replications reduced, run by run, to what its
// outputs need: per replication the metrics of every office, member group
// and service total and the figures of the charts (small, and counted by
// offices × metrics); the sums of the learning traces and of the clerks'
// working time over the replications; the rows of the per-replication
// tables and the lead times of the service totals in temporary files
// (spill). What a run holds beyond that — its cases' lead times, weekly
// and monthly series, traces per clerk — is dropped once the run is
// folded, so the memory of a fold does not grow with the cases of a
// replication.
//
// Runs come in order: replication by replication, the arms in the
// comparison's order within each. A replication counts once every arm's
// run is in (commit): what a run adds to sums waits in commit until then,
// and the outputs read only the replications committed, so a replication
// cut short (an interrupted batch) leaves no trace.
type fold struct {
	c *Comparison
	// files: the tables and lead times go to temporary files (a fold
	// of Comparison.Add, or one that writes the tables); otherwise there
	// are no tables and the lead times stay in the results' memory (a
	// comparison that keeps its results anyway).
	files bool
	// reps is the number of replications committed; arm the arm of the
	// next run.
	reps, arm int
	// head is the first run without its measures: the window, the months
	// and the model's figures, the same in every run. services are the
	// services' names.
	head     *models.Result
	services []string
	// clerks is the number of clerks of every arm in the first
	// replication; seeds the replications' seeds, the one in progress
	// last.
	clerks []int
	seeds  []uint64
	svc    []*serviceFold
	util   []utilFold // per arm
	// types holds, per target of c.Targets (nil for a target without
	// case types), the target's metric per arm and replication.
	types  []*typeFold
	tables []*table
	leads  *spill // the lead-time runs, if files
	// commit applies the runs of the replication in progress, in order.
	commit []func()
	// err is the first error of add: the fold takes no further runs.
	err error
}

// serviceFold is one service of a fold.
type serviceFold struct {
	// local is the number of local offices in the first run.
	local int
	// keys are the offices' keys: those of the baseline's first
	// replication in order, then those other arms add (the ZSA), in the
	// order of the arms; offices their figures, by key.
	keys    []string
	offices map[string]*groupFold
	total   *groupFold
	members []memberFold
	// plot is MonthlyPlot's group of offices, plotMembers whether it is
	// the member offices of an arm (otherwise all offices).
	plot        monthGroup
	plotMembers bool
	arms        []serviceArmFold
}

// serviceArmFold is one service in one arm, for the charts.
type serviceArmFold struct {
	lead leadPool
	// weeks[w] holds the open cases at the start of week w of every
	// replication that has it; week[w] its week number.
	weeks []stats.Samples
	week  []int
	// months[m] holds the mean lead time of the plot group's cases
	// completed in month m of every replication that has some.
	months [][]float64
	// traces are the learning and quality traces pooled over the
	// replications: local learning, ZSA learning, local quality, ZSA
	// quality.
	traces [4]traceSum
}

// Indices of serviceArmFold.traces.
const (
	traceLocalLearning = iota
	traceZSALearning
	traceLocalQuality
	traceZSAQuality
)

// groupFold is the metrics of an office, a member group or the service
// total per arm and replication.
type groupFold struct {
	// name and zsa are the office's, from the runs; kept reports that a
	// case arrived there or staff works there in some committed run.
	name string
	zsa  bool
	kept bool
	arms [][]repFigures
}

// repFigures are one replication's figures of a group: its metrics and
// the steady-state check's open cases at the warm-up and at the end and
// arrived cases (NaN where no case is filed: the ZSA, or a replication
// without the office).
type repFigures struct {
	x                  [numMetrics]float64
	open, end, arrived float64
}

// figuresOf returns the figures of office (or merge) o whose metrics are
// x.
func figuresOf(x [numMetrics]float64, o *models.OfficeResult) repFigures {
	f := repFigures{x: x, open: math.NaN(), end: math.NaN(), arrived: math.NaN()}
	if !o.ZSA {
		f.open, f.end, f.arrived = float64(o.OpenAtWarmUp), float64(o.OpenAtEnd), float64(o.Arrived)
	}
	return f
}

// noFigures are the figures of a replication without the office.
func noFigures() repFigures {
	f := repFigures{open: math.NaN(), end: math.NaN(), arrived: math.NaN()}
	for m := range f.x {
		f.x[m] = math.NaN()
	}
	return f
}

// memberFold is the member offices of arm (those of keys) and the other
// local offices of a service, in every arm.
type memberFold struct {
	arm             int
	keys            []string
	set             map[string]bool // keys
	members, others *groupFold
}

// utilFold is the clerks' working time of one arm per office, summed over
// the replications: offices in the order they first appear, names their
// names.
type utilFold struct {
	offices, names []string
	index          map[string]int
	busy, avail    []float64
}

// typeFold is a target's metric restricted to case types, per arm and
// replication; bad marks an arm in which some replication has no value.
type typeFold struct {
	si  int
	xs  [][]float64
	bad []bool
}

// traceSum pools the bins of learning traces over replications: the bins
// of learning.Trace are fixed, so points of different traces in the same
// bin are combined, weighted by their counts.
type traceSum struct {
	bins []traceSumBin
}

type traceSumBin struct {
	n          int
	sumE, sumV float64
}

// add pools the points of t.
func (s *traceSum) add(t *learning.Trace) {
	for _, pt := range t.Points() {
		i := traceBin(pt.Experience)
		for len(s.bins) <= i {
			s.bins = append(s.bins, traceSumBin{})
		}
		b := &s.bins[i]
		b.n += pt.Count
		b.sumE += pt.Experience * float64(pt.Count)
		b.sumV += pt.MeanEffort * float64(pt.Count)
	}
}

// newFold returns an empty fold of c's arms.
func newFold(c *Comparison, files bool) (*fold, error) {
	f := &fold{c: c, files: files, util: make([]utilFold, len(c.Arms))}
	for a := range f.util {
		f.util[a].index = map[string]int{}
	}
	if !files {
		return f, nil
	}
	var err error
	if f.leads, err = newSpill(); err != nil {
		return nil, err
	}
	for _, t := range replicationTables {
		s, err := newSpill()
		if err != nil {
			f.close()
			return nil, err
		}
		f.tables = append(f.tables, &table{replicationTable: t, spill: s, w: csv.NewWriter(s)})
	}
	return f, nil
}

// close removes the fold's temporary files.
func (f *fold) close() error {
	var err error
	if f.leads != nil {
		err = f.leads.close()
	}
	for _, t := range f.tables {
		err = cmp.Or(err, t.spill.close())
	}
	return err
}

// add folds the next run, r, of arm f.arm of replication f.reps. It
// returns an error wrapping ErrMismatch if r does not fit the runs before
// it (nil, another seed or other services).
func (f *fold) add(r *models.Result) error {
	if f.err != nil {
		return f.err
	}
	f.err = f.addRun(r)
	return f.err
}

// addRun is add.
func (f *fold) addRun(r *models.Result) error {
	a, rep := f.arm, f.reps
	if err := f.check(a, rep, r); err != nil {
		return err
	}
	if f.head == nil {
		f.start(r)
	}
	if rep == 0 {
		f.clerks = append(f.clerks, len(r.Clerks))
	}
	if a == 0 {
		f.seeds = append(f.seeds[:rep], r.Seed)
	}
	for si, sf := range f.svc {
		f.addService(sf, si, a, rep, r)
	}
	f.addClerks(a, r)
	for ti, tf := range f.types {
		if tf == nil {
			continue
		}
		t := f.c.Targets[ti]
		x, ok := typeMetric(r, tf.si, t.Types, t.Metric)
		f.commit = append(f.commit, func() {
			if !ok {
				tf.bad[a] = true
				return
			}
			tf.xs[a] = append(tf.xs[a], x)
		})
	}
	for _, t := range f.tables {
		if err := t.add(f, rep, a, r); err != nil {
			return err
		}
	}
	if f.arm++; f.arm < len(f.c.Arms) {
		return nil
	}
	for _, apply := range f.commit {
		apply()
	}
	clear(f.commit) // what the runs left for the commit, dropped
	f.commit, f.arm = f.commit[:0], 0
	f.reps++
	for _, t := range f.tables {
		if err := t.commit(); err != nil {
			return err
		}
	}
	return nil
}

// check returns an error if run r of arm a and replication rep does not
// fit the runs before it.
func (f *fold) check(a, rep int, r *models.Result) error {
	arms := f.c.Arms
	if r == nil {
		return fmt.Errorf("%w: arm %q: replication %d is nil", ErrMismatch, arms[a].Name, rep+1)
	}
	if a > 0 && r.Seed != f.seeds[rep] {
		return fmt.Errorf("%w: replication %d: arm %q used seed %d, arm %q seed %d",
			ErrMismatch, rep+1, arms[a].Name, r.Seed, arms[0].Name, f.seeds[rep])
	}
	if f.head == nil {
		return nil
	}
	if len(r.Services) != len(f.services) {
		return fmt.Errorf("%w: replication %d: arm %q has %d services, arm %q has %d",
			ErrMismatch, rep+1, arms[a].Name, len(r.Services), arms[0].Name, len(f.services))
	}
	for s, name := range f.services {
		if r.Services[s].Name != name {
			return fmt.Errorf("%w: replication %d: service %d is %q in arm %q and %q in arm %q",
				ErrMismatch, rep+1, s+1, r.Services[s].Name, arms[a].Name, name, arms[0].Name)
		}
	}
	return nil
}

// start takes what every run shares from the first one, r, and sets up
// the services' folds and the targets'.
func (f *fold) start(r *models.Result) {
	h := *r
	h.Services, h.Clerks = nil, nil
	f.head = &h
	nArms := len(f.c.Arms)
	for si := range r.Services {
		sr := &r.Services[si]
		f.services = append(f.services, sr.Name)
		local := localOffices(sr)
		sf := &serviceFold{local: local, offices: map[string]*groupFold{}, total: newGroupFold("all offices", nArms),
			arms: make([]serviceArmFold, nArms)}
		groups := monthGroups(f.c, sr.Name, local)
		sf.plot = groups[0]
		if len(groups) > 1 {
			sf.plot, sf.plotMembers = groups[1], true
		}
		for a, arm := range f.c.Arms {
			set := partialMembers(arm, sr.Name, local)
			if set == nil {
				continue
			}
			keys := arm.Members[sr.Name]
			sf.members = append(sf.members, memberFold{arm: a, keys: keys, set: set,
				members: newGroupFold(fmt.Sprintf("the %d member offices of %s", len(keys), arm.Name), nArms),
				others:  newGroupFold(fmt.Sprintf("the %d offices that do not join %s", local-len(keys), arm.Name), nArms)})
		}
		for a := range sf.arms {
			sf.arms[a].months = make([][]float64, len(h.Months))
		}
		f.svc = append(f.svc, sf)
	}
	for _, t := range f.c.Targets {
		si := -1
		for i, name := range f.services {
			if name == t.Service {
				si = i
			}
		}
		if len(t.Types) == 0 || si < 0 {
			f.types = append(f.types, nil)
			continue
		}
		f.types = append(f.types, &typeFold{si: si, xs: make([][]float64, nArms), bad: make([]bool, nArms)})
	}
}

// newGroupFold returns the fold of a group named name in nArms arms.
func newGroupFold(name string, nArms int) *groupFold {
	return &groupFold{name: name, arms: make([][]repFigures, nArms)}
}

// addService folds service si of run r of arm a in replication rep.
func (f *fold) addService(sf *serviceFold, si, a, rep int, r *models.Result) {
	sr := &r.Services[si]
	// The offices' figures, by the position of their key.
	at := map[string]int{}
	for oi := range sr.Offices {
		o := &sr.Offices[oi]
		at[o.Office] = oi
		if _, ok := sf.offices[o.Office]; !ok && rep == 0 {
			sf.keys = append(sf.keys, o.Office)
			sf.offices[o.Office] = newGroupFold(o.Name, len(f.c.Arms))
		}
	}
	type found struct {
		fig       repFigures
		name      string
		zsa, kept bool
	}
	offices := map[string]found{}
	for _, key := range sf.keys {
		if oi, ok := at[key]; ok {
			o := &sr.Offices[oi]
			offices[key] = found{figuresOf(measure(r, sr, o), o), o.Name, o.ZSA, o.Arrived > 0 || o.StaffFTE > 0}
		}
	}
	t := sr.Total()
	total := figuresOf(measure(r, sr, &t), &t)
	members := make([][2]repFigures, len(sf.members))
	for i, mf := range sf.members {
		for j, keep := range []func(*models.OfficeResult) bool{
			func(o *models.OfficeResult) bool { return !o.ZSA && mf.set[o.Office] },
			func(o *models.OfficeResult) bool { return !o.ZSA && !mf.set[o.Office] },
		} {
			s := sr.Subtotal(keep)
			members[i][j] = figuresOf(measure(r, sr, &s), &s)
		}
	}
	run := f.addLeads(t.LeadTimes.Values())
	opens := make([]int, len(sr.Weekly))
	weeks := make([]int, len(sr.Weekly))
	for w, p := range sr.Weekly {
		opens[w], weeks[w] = p.Open, p.Week
	}
	months := make([]float64, len(f.head.Months))
	for m := range months {
		months[m] = monthOf(r, sr, sf.plot, m).lead
	}
	traces := [4]learning.Trace{sr.LocalLearning, sr.ZSALearning, sr.LocalQuality, sr.ZSAQuality}
	f.commit = append(f.commit, func() {
		for _, key := range sf.keys {
			g := sf.offices[key]
			o, ok := offices[key]
			if !ok {
				g.arms[a] = append(g.arms[a], noFigures())
				continue
			}
			g.arms[a] = append(g.arms[a], o.fig)
			g.name, g.zsa, g.kept = o.name, o.zsa, g.kept || o.kept
		}
		sf.total.arms[a] = append(sf.total.arms[a], total)
		for i, mf := range sf.members {
			mf.members.arms[a] = append(mf.members.arms[a], members[i][0])
			mf.others.arms[a] = append(mf.others.arms[a], members[i][1])
		}
		sa := &sf.arms[a]
		sa.lead.runs = append(sa.lead.runs, run)
		for w, open := range opens {
			if w == len(sa.weeks) {
				sa.weeks, sa.week = append(sa.weeks, stats.Samples{}), append(sa.week, 0)
			}
			sa.weeks[w].Add(float64(open))
			sa.week[w] = weeks[w]
		}
		for m, x := range months {
			if !math.IsNaN(x) {
				sa.months[m] = append(sa.months[m], x)
			}
		}
		for i := range traces {
			sa.traces[i].add(&traces[i])
		}
	})
}

// addClerks folds the clerks' working time of run r of arm a.
func (f *fold) addClerks(a int, r *models.Result) {
	type work struct {
		office      string
		busy, avail float64
	}
	clerks := make([]work, len(r.Clerks))
	for i, k := range r.Clerks {
		clerks[i] = work{k.Office, float64(k.Busy), float64(k.Available)}
	}
	names := officeNames(r)
	f.commit = append(f.commit, func() {
		u := &f.util[a]
		for _, k := range clerks {
			i, ok := u.index[k.office]
			if !ok {
				i = len(u.offices)
				u.index[k.office] = i
				u.offices = append(u.offices, k.office)
				u.names = append(u.names, cmp.Or(names[k.office], k.office))
				u.busy, u.avail = append(u.busy, 0), append(u.avail, 0)
			}
			u.busy[i] += k.busy
			u.avail[i] += k.avail
		}
	})
}

// partialMembers returns the member offices of arm for service as a set,
// or nil unless they are some but not all of the service's local offices
// (of which there are local): only then do they make a group of their
// own.
func partialMembers(arm Arm, service string, local int) map[string]bool {
	keys := arm.Members[service]
	if len(keys) == 0 || len(keys) >= local {
		return nil
	}
	set := map[string]bool{}
	for _, k := range keys {
		set[k] = true
	}
	return set
}
