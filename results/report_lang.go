package results

// Text returns the template's fixed text en in the report's language.
func (d *reportData) Text(en string) string { return d.T.num(d.T.s(en)) }

// localise writes the numbers of every generated text of the report as
// its language does (translator.num), once the page is complete. Left as
// they are: the scenario's own texts (description, scenario file), the
// program version and the scenario hash.
func (d *reportData) localise() {
	t := d.T
	if !t.german() {
		return
	}
	str := func(p *string) { *p = t.num(*p) }
	strs := func(ps []string) {
		for i := range ps {
			str(&ps[i])
		}
	}
	str(&d.Title)
	str(&d.Subtitle)
	str(&d.Compared)
	str(&d.Caveat)
	strs(d.Warnings)
	if k := d.Key; k != nil {
		k.Table.localise(t)
		strs(k.Why)
		if g := k.Monthly; g != nil {
			for j := range g.Figures {
				str(&g.Figures[j].Title)
				str(&g.Figures[j].Caption)
			}
		}
	}
	for i := range d.Findings {
		f := &d.Findings[i]
		str(&f.Versus)
		str(&f.Why)
		strs(f.Items)
	}
	for i := range d.Definitions {
		str(&d.Definitions[i].Value)
	}
	if r := d.Reality; r != nil {
		str(&r.Text)
		r.Table.localise(t)
		for i := range r.Notes {
			str(&r.Notes[i].Key)
		}
	}
	if p := d.Plan; p != nil {
		str(&p.Text)
		strs(p.Sentences)
		p.Table.localise(t)
	}
	if m := d.Mechanisms; m != nil {
		for i := range m.Tables {
			m.Tables[i].localise(t)
		}
		for i := range m.Groups {
			for j := range m.Groups[i].Figures {
				f := &m.Groups[i].Figures[j]
				str(&f.Title)
				str(&f.Caption)
			}
		}
	}
	for _, ts := range [][]htmlTable{d.Gains, d.Summary} {
		for i := range ts {
			ts[i].localise(t)
		}
	}
	for i := range d.Groups {
		for j := range d.Groups[i].Figures {
			f := &d.Groups[i].Figures[j]
			str(&f.Title)
			str(&f.Caption)
		}
	}
	d.Utilisation.localise(t)
	for i := range d.Services {
		d.Services[i].Total.localise(t)
		d.Services[i].Offices.localise(t)
	}
	for i := range d.Params {
		if d.Params[i].Key != t.s("program version") && d.Params[i].Key != t.s("scenario SHA-256") &&
			d.Params[i].Key != t.s("description") {
			str(&d.Params[i].Value)
		}
	}
}

// localise writes the numbers of a table's texts as t's language does.
func (h *htmlTable) localise(t *translator) {
	h.Caption = t.num(h.Caption)
	for _, cells := range [][]htmlCell{h.Groups, h.Header} {
		for i := range cells {
			cells[i].Text = t.num(cells[i].Text)
			cells[i].Title = t.num(cells[i].Title)
		}
	}
	for _, r := range h.Rows {
		for i := range r.Cells {
			r.Cells[i].Text = t.num(r.Cells[i].Text)
			r.Cells[i].Title = t.num(r.Cells[i].Title)
		}
	}
}

// Footer is the page's last line.
func (d *reportData) Footer() string {
	return d.T.f("Written by zsa for scenario “%s”. The numbers behind this report are in summary.json and the CSV files next to it.", d.Scenario)
}

// localiseNames gives the names a summary shows in t's language: the
// arms' names where the catalogue knows them (those of the bundled
// scenarios, e.g. "status quo"), the groups of member and other offices
// and the service totals.
func localiseNames(s *Summary, t *translator) {
	if !t.german() {
		return
	}
	arm := func(o *OfficeSummary) {
		for a := range o.Arms {
			o.Arms[a].Arm = t.name(o.Arms[a].Arm)
		}
	}
	for i := range s.Arms {
		s.Arms[i] = t.name(s.Arms[i])
	}
	for i := range s.Services {
		svc := &s.Services[i]
		for j := range svc.Offices {
			arm(&svc.Offices[j])
		}
		svc.Offices[0].Name = t.s("all offices")
		for j := range svc.Members {
			ms := &svc.Members[j]
			arm(&ms.OfficeSummary)
			arm(&ms.Others)
			ms.Name = t.f("the %d member offices of %s", len(ms.Offices), s.Arms[ms.Arm])
			ms.Others.Name = t.f("the %d offices that do not join %s", ms.Of-len(ms.Offices), s.Arms[ms.Arm])
		}
	}
}

// MechanismsText introduces the section on what makes up the change.
func (d *reportData) MechanismsText() string {
	return d.T.num(d.T.f("Every combination of the mechanisms of %s, switched on and off, was run on the same replications "+
		"(zsa decompose writes the same as decomposition.html and decomposition.csv). A mechanism's Shapley value is its "+
		"part of the change, averaged over every order of switching them on; “none of them” is the change with every "+
		"listed mechanism off — the arm's staff, hand-overs and questions back; together they add up to the total. "+
		"Each value is the mean of the replications' changes, so the total differs a little from the change of the "+
		"means in the tables above.", d.Mechanisms.Arm))
}
