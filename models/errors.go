package models

import (
	"fmt"
	"strconv"
	"strings"
)

// FieldError is a problem with one value of a Model or its Organisation.
// Validate and Run report every problem they find, each a *FieldError,
// joined with errors.Join; errors.As finds the first, and a caller that
// wants all of them unwraps the join (Unwrap() []error).
type FieldError struct {
	// Path locates the offending value.
	Path Path
	// Msg says what is wrong with it, usually starting with the value.
	Msg string
}

// Error returns the path and the message, e.g.
// `offices["15001000"].clerks[0].prior: 0.5: experience is counted in
// items from 1 (a novice)`.
func (e *FieldError) Error() string { return e.Path.String() + ": " + e.Msg }

// Path locates a value in a Model and its Organisation, from the top
// down: field names in the notation of scenario files ("clerks",
// "per_thousand"), each followed, where the field holds many values, by an
// element in brackets that picks one: a quoted key (an office's key, a
// service's name) or an index. Paths into the Organisation start with
// "organisation". Build paths with Field, Key and Index; the elements of a
// path are opaque strings, to be compared with those of paths built the
// same way.
type Path []string

// Field returns p followed by the field name.
func (p Path) Field(name string) Path { return append(p[:len(p):len(p)], name) }

// Key returns p followed by the key k of a map, or of a slice whose
// elements have names: ["k"].
func (p Path) Key(k string) Path { return append(p[:len(p):len(p)], "["+strconv.Quote(k)+"]") }

// Index returns p followed by the slice index i: [i].
func (p Path) Index(i int) Path { return append(p[:len(p):len(p)], "["+strconv.Itoa(i)+"]") }

// Keys returns p as a key path of scenario files: the field names and the
// keys, unquoted, without the indices. For example
// services["Wohngeld"].types["Erstantrag"].share gives services,
// Wohngeld, types, Erstantrag, share.
func (p Path) Keys() []string {
	var keys []string
	for _, e := range p {
		if !strings.HasPrefix(e, "[") {
			keys = append(keys, e)
		} else if k, err := strconv.Unquote(e[1 : len(e)-1]); err == nil {
			keys = append(keys, k)
		}
	}
	return keys
}

// String returns the path as in error messages, e.g.
// offices["15001000"].clerks[0].prior.
func (p Path) String() string {
	var b strings.Builder
	for i, e := range p {
		if i > 0 && !strings.HasPrefix(e, "[") {
			b.WriteByte('.')
		}
		b.WriteString(e)
	}
	return b.String()
}

// errList collects the problems compile finds.
type errList []error

// add records a problem with the value at path.
func (e *errList) add(path Path, format string, args ...any) {
	*e = append(*e, &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
}
