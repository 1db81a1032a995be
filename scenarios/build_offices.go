package scenarios

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"zsa/models"
)

// offices makes the model's communes and offices: every commune the data
// phase kept, with its catchments (see catchment), and the offices they
// name, in order of first appearance. It checks that every service names
// its office column. A commune's problems found by the model are reported
// at its row of the communes table.
func (b *builder) offices() {
	seen := map[string]bool{} // office keys
	for _, c := range b.communes {
		mc := models.Commune{AGS: c.ags, Name: c.name, Population: c.pop, Office: map[string]string{}}
		b.origins.add(models.Path{"communes"}.Key(c.ags), origin{at: c.at})
		for _, name := range sortedKeys(b.f.Services) {
			b.catchment(&mc, name, seen)
		}
		b.m.Communes = append(b.m.Communes, mc)
	}
	for _, name := range sortedKeys(b.f.Services) {
		sf := b.f.Services[name]
		if sf.OfficeColumn == nil {
			b.err(p("services", name, "office_column"), "missing: the administrations column naming each commune's office")
		}
		// A name column the table lacks would leave the offices named by
		// their keys, silently.
		if col := sf.OfficeNameColumn; col != nil && len(b.admins) > 0 && !b.adminColumn(*col) {
			b.err(p("services", name, "office_name_column"), "%q: the administrations table has no such column", *col)
		}
	}
}

// adminColumn reports whether the administrations table has column col:
// every row has the header's columns.
func (b *builder) adminColumn(col string) bool {
	for _, row := range b.admins {
		if _, ok := row[col]; !ok {
			return false
		}
	}
	return true
}

// catchment sets the office of commune mc for service svc: the one its
// row of the administrations table names in the service's office column,
// which must not be empty. An office not seen before is added to the
// model, named by the service's office name column where that has a name.
func (b *builder) catchment(mc *models.Commune, svc string, seen map[string]bool) {
	sf := b.f.Services[svc]
	if sf.OfficeColumn == nil {
		return
	}
	row := b.admins[mc.AGS]
	key := row[*sf.OfficeColumn]
	if key == "" {
		msg := fmt.Sprintf("commune %s (%s) has no office in column %q of the administrations table", mc.AGS, mc.Name, *sf.OfficeColumn)
		if at, ok := b.adminAt[mc.AGS]; ok { // said at the table's row
			msg = fmt.Sprintf("%s: %s: commune %s (%s) has no office (services.%s.office_column)", at, *sf.OfficeColumn, mc.AGS, mc.Name, svc)
			b.errs = append(b.errs, errors.New(msg))
			return
		}
		b.err(p("services", svc, "office_column"), "%s", msg)
		return
	}
	mc.Office[svc] = key
	if seen[key] {
		return
	}
	seen[key] = true
	name, column := key, *sf.OfficeColumn
	if sf.OfficeNameColumn != nil && row[*sf.OfficeNameColumn] != "" {
		name, column = row[*sf.OfficeNameColumn], *sf.OfficeNameColumn
	}
	if msg := printableName(name); msg != "" {
		// Said at the table's row and column, where the name is.
		b.errs = append(b.errs, fmt.Errorf("%s: %s: office name %q: %s", b.adminAt[mc.AGS], column, name, msg))
	}
	b.m.Offices = append(b.m.Offices, models.Office{Key: key, Name: name})
}

// printableName says what is wrong with a name that the outputs print,
// "" if nothing: control characters (they break terminals and SVG), or a
// first character that spreadsheet software reads as the start of a
// formula in a CSV cell (=, +, -, @).
func printableName(name string) string {
	switch {
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "has control characters"
	case name != "" && strings.ContainsRune("=+-@", rune(name[0])):
		return "starts with " + name[:1] + ", which spreadsheets read as a formula"
	}
	return ""
}
