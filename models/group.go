package models

// group is a set of offices that exchange cases — a ZSA with its member
// offices, or an office that works alone — and the arrival sources that
// file cases with them. A case only ever visits its home office and, for
// delegated work, the ZSA office that works for it (plan.zsaOf), so no
// event of one group touches the state of another: a replication
// simulates its groups one after the other, each with its own event queue
// and clock. Within a group, events fire in the same order as in one
// simulation of all offices; the groups' service-wide sums (weekly open
// cases, case types, learning traces) are added up in group order.
//
// Simulated alone, a group's cases, queues and clerks stay in the
// processor's caches: a Germany-size study of 4,500 offices costs about
// as much per work item as one state (BenchmarkGermanyYear), where one
// event queue over all offices was several times slower per work item.
type group struct {
	offices []int // indices in plan.offices, increasing
	sources []int // indices in plan.sources, increasing
}

// groupsOf returns the groups of p's offices, ordered by their first
// office: offices are joined where a member office delegates a service's
// work to a ZSA office. Every office is in exactly one group, and every
// source in the group of its office.
func groupsOf(p *plan) []group {
	// Union-find whose root is the least office of its set, so that the
	// groups do not depend on the order in which offices are joined.
	root := make([]int, len(p.offices))
	for i := range root {
		root[i] = i
	}
	find := func(i int) int {
		for root[i] != i {
			root[i] = root[root[i]]
			i = root[i]
		}
		return i
	}
	for _, cs := range p.services {
		if cs.deleg == nil {
			continue
		}
		for oi := range cs.deleg.members {
			if z := p.zsaOf[oi]; z >= 0 {
				a, b := find(oi), find(z)
				root[max(a, b)] = min(a, b)
			}
		}
	}
	var groups []group
	of := make([]int, len(p.offices)) // office → its group
	first := map[int]int{}            // root → group
	for oi := range p.offices {
		r := find(oi)
		g, ok := first[r]
		if !ok {
			g = len(groups)
			first[r] = g
			groups = append(groups, group{})
		}
		of[oi] = g
		groups[g].offices = append(groups[g].offices, oi)
	}
	for si, s := range p.sources {
		g := &groups[of[s.office]]
		g.sources = append(g.sources, si)
	}
	return groups
}
