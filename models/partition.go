package models

import (
	"math"
	"slices"
	"strings"
)

// partition makes one unit of the ZSA per member office, after the local
// offices, in their order (Organisation.Partitioned). The units share the
// pooled ZSA's clerks' time without changing when in the day it is worked:
//
//   - The ZSA's clerks are grouped by identical attributes (skills, FTE,
//     Share, Start, Prior, LeaveDays, SickRate), in order of first
//     appearance, each group's clerks in the ZSA's order.
//   - A group of n clerks, each with a daily block of b = FTE·Share of the
//     window, has n·b to give. Unit u needs q_u = n·b·w_u, w_u its member's
//     share of the group's workload: catchment population × cases per
//     1,000 × expected reference effort per case of the delegated process
//     (ExpectedEffort), summed over the clerks' services (for clerks of
//     one service the effort cancels and the split follows the catchment
//     populations). A unit whose member keeps the group's services gets
//     nothing of it.
//   - Each unit gets ⌊q_u/b⌋ = ⌊n·w_u⌋ whole clerks of the group, the
//     units in member order taking the group's clerks in order.
//   - The remainders q_u − ⌊q_u/b⌋·b, each smaller than one block, are
//     laid end to end, in member order, along the blocks of the group's
//     remaining clerks, wrapping from the end of one clerk's block to the
//     start of the next one's: McNaughton's wrap-around rule (R.
//     McNaughton, "Scheduling with deadlines and loss functions",
//     Management Science 6(1), 1959, pp. 1–12). Each piece is a time slice
//     of the clerk, a Clerk with the clerk's Share, FTE = length/Share and
//     Start at the slice's start; a clerk's slices fill its block exactly.
//     As a remainder is shorter than a block, a unit's two pieces (at the
//     end of one clerk's block and the start of the next one's) never
//     overlap in time of day: at any moment a unit has its whole clerks of
//     the group and at most one sliced clerk working.
//
// A clerk's whole copy or slices keep its name and, in unexported fields,
// the pooled ZSA's key and the clerk's index there, which name its absence
// stream: every part of one person is absent on the same days as the
// person in the pooled ZSA. A slice that begins inside the clerk's block
// continues from the clerk's previous slice, not from other duties, and
// pays no set-up time for them; the clerk's first slice does. The split
// follows the shares up to 1e-8 of a clerk (splitPersons).
func partition(p *plan, officeIdx map[string]int) {
	zsa := p.org.ZSA
	load := memberLoad(p, officeIdx)
	svcIdx := map[string]int{}
	for _, cs := range p.services {
		svcIdx[cs.svc.Name] = cs.idx
	}
	members, units := partitionUnits(p)
	index := make([][]int, len(units)) // per unit: the ZSA index of each clerk
	add := func(u int, c Clerk, j int) {
		c.pool, c.index = zsa.Key, j
		units[u].Clerks = append(units[u].Clerks, c)
		index[u] = append(index[u], j)
	}
	staff := zsa.Clerks
	w := make([]float64, len(units))
	for _, g := range clerkGroups(staff) {
		for u, oi := range members {
			w[u] = skillLoad(&staff[g[0]], load[oi], svcIdx)
		}
		whole, pieces := splitPersons(len(g), w)
		next := 0
		for u := range units {
			for range whole[u] {
				add(u, staff[g[next]], g[next])
				next++
			}
		}
		for i, ps := range pieces {
			j := g[next+i]
			for _, pc := range ps {
				add(pc.unit, slice(staff[j], pc), j)
			}
		}
	}
	for u, unit := range units {
		sortByIndex(unit.Clerks, index[u])
		oi := members[u]
		p.zsaOf[oi] = len(p.offices)
		p.offices = append(p.offices, &coffice{idx: len(p.offices), office: unit, zsa: true, member: oi})
	}
}

// memberLoad returns, by local office and service index, the expected
// reference minutes per year of delegated work filed in the catchment of
// each member office: population × cases per 1,000 × expected effort per
// case of the delegated process (ExpectedEffort).
func memberLoad(p *plan, officeIdx map[string]int) [][]float64 {
	m := p.m
	load := make([][]float64, len(m.Offices))
	for oi := range load {
		load[oi] = make([]float64, len(p.services))
	}
	perCase := make([]float64, len(p.services))
	for _, d := range p.org.Delegations {
		for _, cs := range p.services {
			if cs.svc.Name != d.Service || cs.deleg == nil {
				continue
			}
			for _, t := range cs.svc.Types {
				pr := t.Process
				if v, ok := d.Variants[t.Name]; ok {
					pr = v
				}
				perCase[cs.idx] += t.Share * ExpectedEffort(pr, 200)
			}
		}
	}
	for _, c := range m.Communes {
		for _, cs := range p.services {
			oi, ok := officeIdx[c.Office[cs.svc.Name]]
			if !ok || cs.deleg == nil {
				continue
			}
			if _, member := cs.deleg.members[oi]; member {
				load[oi][cs.idx] += c.Population * cs.svc.PerThousand / 1000 * perCase[cs.idx]
			}
		}
	}
	return load
}

// skillLoad returns a member's workload (load, by service index) for the
// services clerk c is skilled for, each counted once.
func skillLoad(c *Clerk, load []float64, svcIdx map[string]int) float64 {
	var w float64
	seen := map[int]bool{}
	for _, sk := range c.Skills {
		name, _, _ := strings.Cut(sk, "/")
		if si, ok := svcIdx[name]; ok && !seen[si] {
			seen[si] = true
			w += load[si]
		}
	}
	return w
}

// partitionUnits returns the member offices (local office indices), in
// their order, and an empty unit of the ZSA for each.
func partitionUnits(p *plan) (members []int, units []*Office) {
	zsa := p.org.ZSA
	for oi := range p.m.Offices {
		member := false
		for _, cs := range p.services {
			if cs.deleg != nil {
				_, ok := cs.deleg.members[oi]
				member = member || ok
			}
		}
		if !member {
			continue
		}
		local := &p.m.Offices[oi]
		members = append(members, oi)
		units = append(units, &Office{Key: zsa.Key + "/" + local.Key, Name: zsa.Name + " for " + local.Name, Policy: zsa.Policy, Owned: zsa.Owned})
	}
	return members, units
}

// clerkGroups groups interchangeable clerks (sameClerk), in order of
// first appearance, each group's clerks by index in staff.
func clerkGroups(staff []Clerk) [][]int {
	var groups [][]int
	for j := range staff {
		g := slices.IndexFunc(groups, func(g []int) bool { return sameClerk(&staff[g[0]], &staff[j]) })
		if g < 0 {
			groups = append(groups, nil)
			g = len(groups) - 1
		}
		groups[g] = append(groups[g], j)
	}
	return groups
}

// slice returns the part of clerk c's daily block that piece pc is: the
// clerk itself for a whole block, else a time slice starting where the
// piece does, with FTE for its length.
func slice(c Clerk, pc piece) Clerk {
	if pc.from > 0 || pc.to < 1 {
		b := c.FTE * c.Share
		c.Start += pc.from * b
		c.FTE *= pc.to - pc.from
		c.resumes = pc.from > 0
	}
	return c
}

// sortByIndex puts a unit's clerks in the ZSA's order, by their index
// there (a unit has at most one part of each clerk), which decides ties
// between idle clerks.
func sortByIndex(clerks []Clerk, index []int) {
	order := make([]int, len(clerks))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return index[a] - index[b] })
	sorted := make([]Clerk, len(order))
	for i, k := range order {
		sorted[i] = clerks[k]
	}
	copy(clerks, sorted)
}

// sameClerk reports whether a and b are interchangeable for partition:
// equal in everything but their names.
func sameClerk(a, b *Clerk) bool {
	return slices.Equal(a.Skills, b.Skills) && a.FTE == b.FTE && a.Share == b.Share && a.Start == b.Start &&
		a.Prior == b.Prior && a.LeaveDays == b.LeaveDays && a.SickRate == b.SickRate
}

// piece is a time slice of a person's daily block for unit unit: [from,
// to) as fractions of the block, 0 ≤ from < to ≤ 1.
type piece struct {
	unit     int
	from, to float64
}

// Tolerances of splitPersons, in persons (blocks): a boundary between two
// units' pieces within snapPerson of a block's end is put there, and a
// unit's remainder within snapWhole of a whole person is rounded up to it.
// Snapping, keeping the boundaries in order and dropping pieces shorter
// than snapPerson make a unit's pieces together at most 3·snapPerson
// (plus rounding) longer than its remainder, which is at most
// 1 − snapWhole: shorter than a block, so its two pieces never overlap.
const (
	snapPerson = 1e-9
	snapWhole  = 1e-8
)

// splitPersons splits n interchangeable persons over units with workloads
// w (non-negative, finite): unit u is to have x_u = n·w_u/Σw persons. It
// returns whole[u] = ⌊x_u⌋ whole persons for unit u (rounded up if x_u is
// within snapWhole below an integer), and the slices of the
// remaining persons, pieces[i] for the i-th of them: the remainders
// x_u − whole[u], laid end to end in unit order along those persons'
// blocks, wrapping from one person's end to the next one's start
// (McNaughton's wrap-around rule). The boundaries come from cumulative
// sums, so rounding does not accumulate; they are snapped to a person's
// start or end within snapPerson, so no piece is shorter than that, and
// the last unit with work ends exactly at the last person's end: each
// person's pieces fill [0, 1) exactly. If Σw is 0, every unit gets
// nothing and pieces is empty.
func splitPersons(n int, w []float64) (whole []int, pieces [][]piece) {
	whole = make([]int, len(w))
	var tot float64
	last := -1 // the last unit with work
	for u, x := range w {
		tot += x
		if x > 0 {
			last = u
		}
	}
	if !(tot > 0) || math.IsInf(tot, 0) {
		return whole, nil // no work, or invalid data that compile reports
	}
	k := 0
	for u, x := range w {
		q := float64(n) * x / tot
		f := math.Floor(q)
		if q-f > 1-snapWhole {
			f++
		}
		whole[u] = int(f)
		k += whole[u]
	}
	if k > n {
		panic("models: splitPersons gave out more whole persons than there are")
	}
	rem := n - k
	pieces = make([][]piece, rem)
	if rem == 0 {
		return whole, pieces
	}
	var cumW float64
	kcum := 0
	prev := 0.0
	for u := 0; u <= last; u++ {
		cumW += w[u]
		kcum += whole[u]
		end := float64(n)*cumW/tot - float64(kcum)
		if u == last {
			end = float64(rem)
		}
		if r := math.Round(end); math.Abs(end-r) < snapPerson {
			end = r
		}
		end = min(max(end, prev), float64(rem))
		if end-prev < snapPerson {
			end = prev // too small to be a piece: the next unit's
		}
		for prev < end {
			i := math.Floor(prev)
			to := min(end, i+1)
			pieces[int(i)] = append(pieces[int(i)], piece{unit: u, from: prev - i, to: to - i})
			prev = to
		}
	}
	return whole, pieces
}
