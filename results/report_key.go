package results

import "math"

// keySection is the top of the report, under the headline: the numbers
// that matter, why the lead time moves, and the lead time month by month.
type keySection struct {
	Table   htmlTable
	Why     []string
	Monthly *figureGroup
}

// keyNumbers is the table of the numbers that matter for the first arm
// after the baseline, per service: the mean lead time and the share done
// within the service level of the offices that join (all offices where
// every office joins), and the staff assigned to the service in all
// offices; with the paired change and its 95 % confidence interval. Nil
// with a single arm.
func keyNumbers(s *Summary) *keySection {
	if len(s.Arms) < 2 {
		return nil
	}
	t := s.tr
	k := &keySection{Table: htmlTable{Class: "key", Caption: t.s("The numbers that matter"),
		Header: []htmlCell{{Text: t.s("service")}, {Text: t.s("measure")}, {Text: s.Arms[0], Num: true},
			{Text: s.Arms[1], Num: true}, {Text: t.s("change [95 % CI]"), Num: true}}}}
	for _, svc := range s.Services {
		members, where := svc.Offices[0], t.s("all offices")
		for _, ms := range svc.Members {
			if ms.Arm == 1 {
				members, where = ms.OfficeSummary, t.f("%d member offices", len(ms.Offices))
			}
		}
		rows := []struct {
			o     OfficeSummary
			col   column
			where string
		}{
			{members, caseColumns(t)[1], where},
			{members, caseColumns(t)[3], where},
			{svc.Offices[0], staffColumns(t)[0], t.s("all offices")},
		}
		for _, r := range rows {
			base, arm := r.o.Arms[0].Metrics[r.col.m], r.o.Arms[1].Metrics[r.col.m]
			if math.IsNaN(base.Value.Mean) || math.IsNaN(arm.Value.Mean) ||
				r.col.m == mWithinLevel && base.Value.Mean == 0 && arm.Value.Mean == 0 {
				continue // no figure, or no service level
			}
			change := ""
			if p := arm.Paired; p != nil {
				change = formatChange(p.Rel, p.RelLo, p.RelHi)
			}
			k.Table.Rows = append(k.Table.Rows, htmlRow{Cells: []htmlCell{{Text: svc.Service},
				{Text: r.col.label + " (" + r.col.unit + "), " + r.where},
				{Text: formatMean(base.Value, r.col.scale), Num: true},
				{Text: formatMean(arm.Value, r.col.scale), Num: true},
				{Text: change, Num: true}}})
		}
		if why := leadDrivers(s, members, 1); why != "" {
			k.Why = append(k.Why, t.f("%s, %s: %s", svc.Service, where, why))
		}
	}
	return k
}
