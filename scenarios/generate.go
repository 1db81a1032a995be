package scenarios

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Germany is what GenerateGermany makes: a synthetic Germany-size study
// for benchmarks and for sweeps that outgrow one machine — communes and
// offices with realistic size distributions, not real ones.
type Germany struct {
	// Scenario is the scenario file (germany.toml), Communes and
	// Administrations its data tables (communes-germany.csv,
	// administrations-germany.csv).
	Scenario, Communes, Administrations []byte
	// The sizes made.
	NCommunes, NDistricts, NHundehaltungOffices, NWohngeldOffices int
	Population                                                    float64
}

// The shape of Germany the generator follows (Statistisches Bundesamt,
// "Gemeindeverzeichnis", 2023: 10,786 Gemeinden, 294 Landkreise and 106
// kreisfreie Städte, 84.4 million inhabitants). The distribution of
// commune sizes is a lognormal fitted by eye to its quantiles [E]: half
// the communes below about 2,000 inhabitants, a long tail of towns.
const (
	germanyCommunes   = 10786
	germanyLandkreise = 294
	germanyCities     = 106 // kreisfreie Städte: a commune, an office, a district
	germanyPopulation = 84.4e6
	// Communes of at least this many inhabitants run their own
	// Hundehaltung office (Einheitsgemeinde); smaller ones share one with
	// their neighbours (Verbandsgemeinde, Amt), 2 to 12 of them [E].
	ownOfficeFrom = 8000
	// Towns of at least this many inhabitants are their own
	// Wohngeldbehörde (große Kreisstadt); the Landkreis is the others' [E].
	ownWohngeldFrom = 50000
	// memberEvery: every memberEvery-th Landkreis and kreisfreie Stadt
	// joins the ZSA, with all its offices [E] (about the share of the
	// partner communes in Sachsen-Anhalt's study).
	memberEvery = 8
)

// GenerateGermany makes a synthetic Germany-size study from seed: about
// 10,800 communes and 84 million inhabitants in 400 districts, their
// Hundehaltung offices and Wohngeldbehörden, and a scenario that extends
// the bundled sachsen-anhalt model (its processes, staffing rule,
// calendar and ZSA) with these tables and a ZSA for every eighth
// district, its staff scaled from sachsen-anhalt's ZSA by the members'
// inhabitants. Every name says it is synthetic. The same seed gives the
// same bytes.
func GenerateGermany(seed uint64) (*Germany, error) {
	base, err := Load(Default)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x6765726d616e79)) // "germany"
	type commune struct {
		ags, name, district, districtName string
		pop                               float64
		hund, hundName, wohn, wohnName    string
		member                            bool
	}
	var cs []commune
	// Kreisfreie Städte: lognormal around 120,000, 35,000 to 3.8 million.
	for d := range germanyCities {
		pop := math.Min(3.8e6, math.Max(35000, math.Exp(math.Log(120000)+0.85*rng.NormFloat64())))
		key := fmt.Sprintf("%02d%03d000", 1+d%16, d)
		name := fmt.Sprintf("Synthetische Stadt %d", d+1)
		cs = append(cs, commune{ags: key, name: name, district: key[:5], districtName: name, pop: pop,
			hund: key, hundName: name, wohn: key, wohnName: name, member: d%memberEvery == 0})
	}
	// The other communes, in Landkreise of varying size.
	rest := germanyCommunes - germanyCities
	for i := range rest {
		lk := i * germanyLandkreise / rest
		d := germanyCities + lk
		district := fmt.Sprintf("%02d%03d", 1+d%16, d)
		pop := math.Min(600000, math.Max(20, math.Exp(math.Log(2000)+1.35*rng.NormFloat64())))
		cs = append(cs, commune{ags: fmt.Sprintf("%s%03d", district, i%1000), name: fmt.Sprintf("Synthetische Gemeinde %d", i+1),
			district: district, districtName: fmt.Sprintf("Synthetischer Landkreis %d", lk+1), pop: pop, member: d%memberEvery == 0})
	}
	// Scale the communes of the Landkreise to the total.
	var cities, others float64
	for _, c := range cs[:germanyCities] {
		cities += c.pop
	}
	for _, c := range cs[germanyCities:] {
		others += c.pop
	}
	f := (germanyPopulation - cities) / others
	for i := germanyCities; i < len(cs); i++ {
		cs[i].pop = math.Round(cs[i].pop * f)
	}
	for i := range germanyCities {
		cs[i].pop = math.Round(cs[i].pop)
	}
	// Offices: large communes alone, small neighbours together (within
	// their Landkreis); the Landkreis is the Wohngeldbehörde but for large
	// towns.
	for i := germanyCities; i < len(cs); {
		c := &cs[i]
		c.wohn, c.wohnName = c.district, c.districtName
		if c.pop >= ownWohngeldFrom {
			c.wohn, c.wohnName = c.ags, c.name
		}
		if c.pop >= ownOfficeFrom {
			c.hund, c.hundName = c.ags, c.name
			i++
			continue
		}
		n := 2 + rng.IntN(11)
		key := "V" + c.ags
		name := "Synthetische Verbandsgemeinde " + strings.TrimPrefix(c.name, "Synthetische Gemeinde ")
		for j := i; j < min(i+n, len(cs)) && cs[j].district == c.district && cs[j].pop < ownOfficeFrom; j++ {
			cs[j].hund, cs[j].hundName = key, name
			if cs[j].pop >= ownWohngeldFrom {
				cs[j].wohn, cs[j].wohnName = cs[j].ags, cs[j].name
			} else {
				cs[j].wohn, cs[j].wohnName = cs[j].district, cs[j].districtName
			}
			i = j + 1
		}
	}

	g := &Germany{NCommunes: len(cs), NDistricts: germanyCities + germanyLandkreise}
	var comm, admin bytes.Buffer
	cw, aw := csv.NewWriter(&comm), csv.NewWriter(&admin)
	cw.Write([]string{"ags", "name", "district", "population", "synthetic"})
	aw.Write([]string{"ags", "name", "hund_admin_key", "hund_admin_unit", "wohngeld_authority_key", "wohngeld_authority"})
	hund, wohn := map[string]bool{}, map[string]bool{}
	var hundMembers, wohnMembers []string
	var memberPop float64
	for _, c := range cs {
		cw.Write([]string{c.ags, c.name, c.districtName, strconv.FormatFloat(c.pop, 'f', 0, 64), "true"})
		aw.Write([]string{c.ags, c.name, c.hund, c.hundName, c.wohn, c.wohnName})
		g.Population += c.pop
		if !hund[c.hund] && c.member {
			hundMembers = append(hundMembers, c.hund)
		}
		if !wohn[c.wohn] && c.member {
			wohnMembers = append(wohnMembers, c.wohn)
		}
		hund[c.hund], wohn[c.wohn] = true, true
		if c.member {
			memberPop += c.pop
		}
	}
	cw.Flush()
	aw.Flush()
	if err := errorsOf(cw.Error(), aw.Error()); err != nil {
		return nil, err
	}
	g.NHundehaltungOffices, g.NWohngeldOffices = len(hund), len(wohn)
	g.Communes, g.Administrations = comm.Bytes(), admin.Bytes()

	// The ZSA's staff: sachsen-anhalt's per member inhabitant.
	clerks := map[string]int{}
	zsa := base.Arms[1]
	for _, svc := range []string{"Hundehaltung", "Wohngeld"} {
		members := map[string]bool{}
		for _, d := range zsa.Delegations {
			if d.Service == svc {
				for _, m := range d.Members {
					members[m.Office] = true
				}
			}
		}
		var pop float64
		for _, c := range base.Model.Communes {
			if members[c.Office[svc]] {
				pop += c.Population
			}
		}
		n := 0
		for _, cl := range zsa.ZSA.Clerks {
			if slices.Contains(cl.Skills, svc) {
				n++
			}
		}
		clerks[svc] = max(1, int(math.Round(float64(n)*memberPop/pop)))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `# A SYNTHETIC Germany-size study, made by zsa generate germany --seed %d:
# %d communes (%.1f million inhabitants) in %d districts, %d Hundehaltung
# offices and %d Wohngeldbehörden. The communes, offices and their sizes
# are drawn from distributions that resemble Germany's (Statistisches
# Bundesamt, Gemeindeverzeichnis, 2023) [E]; none of them is real. The
# model (processes, staffing rule, calendar, ZSA) is sachsen-anhalt's.
# The ZSA takes every %dth district; its staff are sachsen-anhalt's per
# member inhabitant.
extends = "sachsen-anhalt"
name = "germany-synthetic"
description = "Synthetic Germany-size study (%d communes, %.1f million inhabitants; not real communes): status quo against a ZSA for every %dth district."
replications = 2

[data]
communes = "communes-germany.csv"
administrations = "administrations-germany.csv"

[services.Hundehaltung]
office_column = "hund_admin_key"
office_name_column = "hund_admin_unit"

[services.Wohngeld]
office_column = "wohngeld_authority_key"
office_name_column = "wohngeld_authority"

[arms.zsa]
name = "ZSA (every %dth district)"
zsa = { clerks = { Hundehaltung = %d, Wohngeld = %d } }

[arms.zsa.services.Hundehaltung]
members = %s

[arms.zsa.services.Wohngeld]
members = %s
`, seed, g.NCommunes, g.Population/1e6, g.NDistricts, g.NHundehaltungOffices, g.NWohngeldOffices, memberEvery,
		g.NCommunes, g.Population/1e6, memberEvery, memberEvery, clerks["Hundehaltung"], clerks["Wohngeld"],
		tomlStrings(hundMembers), tomlStrings(wohnMembers))
	g.Scenario = []byte(b.String())
	return g, nil
}

// tomlStrings writes ss as a TOML array of strings, ten to a line.
func tomlStrings(ss []string) string {
	var b strings.Builder
	b.WriteString("[")
	for i, s := range ss {
		if i%10 == 0 {
			b.WriteString("\n  ")
		} else {
			b.WriteString(" ")
		}
		b.WriteString(strconv.Quote(s) + ",")
	}
	b.WriteString("\n]")
	return b.String()
}

func errorsOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
