package scenarios

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"
)

// The TOML library fills what it can: a string written where a table is
// expected decodes as an empty table, and -1 as an unsigned number wraps
// to 18446744073709551615. typeErrors finds such values, which would
// otherwise be accepted silently, from the TOML types of the file's keys.

// typeErrors returns, for every key of src whose TOML type does not fit
// the field of File it sets, an error at its line, and an error for a
// negative seed. raw is the file decoded into generic values.
func typeErrors(src *source, raw map[string]any) []error {
	var errs []error
	for _, k := range src.md.Keys() {
		if isPatchValue(k) {
			continue
		}
		t, ok := fieldType(reflect.TypeFor[File](), k)
		have := src.md.Type(k...)
		if !ok || have == "" {
			continue // unknown keys are reported on their own
		}
		if want, fits := fitsTOML(t, have); !fits {
			errs = append(errs, fmt.Errorf("%s:%d: %s: %s where %s is expected", src.name, lineOf(src, k), strings.Join(k, "."), tomlTypeName(have), want))
		}
	}
	if n, ok := raw["seed"].(int64); ok && n < 0 {
		errs = append(errs, fmt.Errorf("%s:%d: seed: %d: must not be negative", src.name, lineOf(src, []string{"seed"}), n))
	}
	return errs
}

// fieldType returns the type of the field of t that key path k sets;
// false if t has no such field. Arrays of tables add no part to a key
// path; a map's part is a free name.
func fieldType(t reflect.Type, k toml.Key) (reflect.Type, bool) {
	for _, p := range k {
		t = deref(t)
		for t.Kind() == reflect.Slice && deref(t.Elem()).Kind() == reflect.Struct {
			t = deref(t.Elem())
		}
		switch t.Kind() {
		case reflect.Struct:
			f, ok := fieldByTag(t, p)
			if !ok {
				return nil, false
			}
			t = f.Type
		case reflect.Map:
			t = t.Elem()
		default:
			return nil, false // inside a value that takes any TOML (a patch)
		}
	}
	return t, true
}

// fitsTOML reports whether a TOML value of type have (MetaData.Type) fits
// a field of type t, and names what t expects.
func fitsTOML(t reflect.Type, have string) (string, bool) {
	if reflect.PointerTo(deref(t)).Implements(textUnmarshaler) {
		return "text", true // it parses itself and says what is wrong
	}
	t = deref(t)
	switch t.Kind() {
	case reflect.Interface:
		return "any value", true
	case reflect.Struct, reflect.Map:
		return "a table", have == "Hash"
	case reflect.Slice:
		return "a list [ … ]", have == "Array" || have == "ArrayHash"
	case reflect.String:
		return "a string", have == "String"
	case reflect.Bool:
		return "true or false", have == "Bool"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number", have == "Integer"
	case reflect.Float32, reflect.Float64:
		return "a number", have == "Float" || have == "Integer"
	}
	return t.String(), true
}

// tomlTypeName says in words what a TOML value of type typ is.
func tomlTypeName(typ string) string {
	switch typ {
	case "Hash":
		return "a table"
	case "Array", "ArrayHash":
		return "a list"
	case "String":
		return "a string"
	case "Bool":
		return "true or false"
	case "Integer":
		return "a whole number"
	case "Float":
		return "a number"
	}
	return "a " + strings.ToLower(typ)
}
