package models

import (
	"bytes"
	"encoding/gob"
)

// resultData is Result without its methods, for gob: gob would call
// Result's own MarshalBinary again.
type resultData Result

// MarshalBinary encodes r exactly (encoding/gob; every measure's floats
// as their bits), for results that one process computes and another
// reads: the shards of a run on a cluster. Only what Result exports and
// its measures are kept, which is everything a finished run's outputs
// read.
func (r *Result) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode((*resultData)(r)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// UnmarshalBinary decodes what MarshalBinary encoded into a finished
// run's Result.
func (r *Result) UnmarshalBinary(b []byte) error {
	var d resultData
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&d); err != nil {
		return err
	}
	*r = Result(d)
	for i := range r.Services {
		r.Services[i].total = new(leadCache)
	}
	return nil
}
