package scenarios

import (
	"errors"
	"fmt"
	"strings"

	"zsa/models"
)

// The model's checks (models.Validate) report problems by model path,
// e.g. offices["15001000"].clerks[0].prior; the user wrote
// staffing.Hundehaltung.prior. The phases record, for the parts of the
// model they make, the scenario key each came from, so that validate can
// report the problem there.

// origin is where a part of the model came from.
type origin struct {
	// key is the part's scenario key. A field of the part is at key
	// followed by the field's key path (models.Path.Keys), unless fields
	// names the field's key.
	key    []string
	fields map[string][]string
	// step names a process step ("step \"check\""): steps have no key of
	// their own (key is the process's steps array), so messages about
	// them and their fields start with it.
	step string
	// at is, for a row of a data table, its "file:line", said instead of
	// a key's file and line; key is then relative to the row.
	at string
}

// origins maps model paths (models.Path.String) to the origins of the
// parts of the model at them.
type origins map[string]origin

// add records the origin of the part of the model at path.
func (o origins) add(path models.Path, or origin) { o[path.String()] = or }

// addProcess records that the process at path came from the steps array
// at key, and its steps, named by the model or, where it counts them, by
// number, too.
func (o origins) addProcess(path models.Path, key []string, proc models.Process) {
	o.add(path, origin{key: key})
	for i, st := range proc {
		o.add(path.Key(st.Name), origin{key: key, step: fmt.Sprintf("step %q", st.Name)})
		o.add(path.Index(i), origin{key: key, step: fmt.Sprintf("step %d", i+1)})
	}
}

// validate runs the model's checks on the model with each arm (the
// ranges of values, the consistency of processes and delegations, the
// staffing of every step) and reports each problem once, where its value
// came from (see locate): problems with the shared model are found with
// every arm.
func (b *builder) validate() {
	seen := map[string]bool{}
	for i, arm := range b.sc.Arms {
		err := models.Validate(b.m, arm)
		errs := []error{err}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = j.Unwrap()
		}
		for _, e := range errs {
			if e == nil {
				continue
			}
			located := b.locate(e, arm.Name, b.armOrigins[i])
			if !seen[located.Error()] {
				seen[located.Error()] = true
				b.errs = append(b.errs, located)
			}
		}
	}
}

// locate returns a problem the model found with arm at the key and line
// of the scenario that its value came from: the origin of the longest
// prefix of its path that has one, in the arm's origins or the model's.
// A problem it cannot locate keeps the model's path, after the file and
// the arm: "file: arm: path: message".
func (b *builder) locate(e error, arm string, armOrigins origins) error {
	var fe *models.FieldError
	if errors.As(e, &fe) {
		for n := len(fe.Path); n > 0; n-- {
			prefix := fe.Path[:n].String()
			for _, o := range []origins{armOrigins, b.origins} {
				if or, ok := o[prefix]; ok {
					return b.originError(or, fe.Path[n:], fe.Msg)
				}
			}
		}
	}
	return fmt.Errorf("%s: %s: %v", b.l.sources[0].name, arm, e)
}

// originError returns msg about the value at rest below a part of the
// model whose origin is or.
func (b *builder) originError(or origin, rest models.Path, msg string) error {
	keys := rest.Keys()
	key := or.key
	if len(keys) > 0 {
		if k, ok := or.fields[keys[0]]; ok {
			key, keys = k, keys[1:]
		}
	}
	if or.step != "" {
		for i, k := range keys {
			if k == "prob" {
				keys[i] = "p" // a branch's probabilities
			}
		}
		if len(keys) > 0 {
			msg = strings.Join(keys, ".") + ": " + msg
		}
		msg, keys = or.step+": "+msg, nil
	}
	key = at(key, keys...)
	switch {
	case or.at != "" && len(key) == 0:
		return fmt.Errorf("%s: %s", or.at, msg)
	case or.at != "":
		return fmt.Errorf("%s: %s: %s", or.at, strings.Join(key, "."), msg)
	}
	return b.errorAt(key, msg)
}
