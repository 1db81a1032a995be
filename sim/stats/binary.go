package stats

import (
	"encoding/binary"
	"errors"
	"math"
)

// Tally and Samples encode themselves exactly (every float64 as its bits),
// for results that are written by one process and read by another, such
// as the shards of a run on a cluster (encoding/gob uses these methods).

// MarshalBinary encodes t: n, then mean, m2, sum, min and max as IEEE 754
// bits, little-endian.
func (t Tally) MarshalBinary() ([]byte, error) {
	b := binary.LittleEndian.AppendUint64(nil, uint64(t.n))
	for _, x := range [...]float64{t.mean, t.m2, t.sum, t.min, t.max} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary encoded.
func (t *Tally) UnmarshalBinary(b []byte) error {
	if len(b) != 6*8 {
		return errors.New("stats: a Tally is 48 bytes")
	}
	f := func(i int) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:])) }
	*t = Tally{n: int(binary.LittleEndian.Uint64(b)), mean: f(1), m2: f(2), sum: f(3), min: f(4), max: f(5)}
	return nil
}

// MarshalBinary encodes s: a byte that says whether it is sorted, then
// its values as IEEE 754 bits, little-endian.
func (s Samples) MarshalBinary() ([]byte, error) {
	b := make([]byte, 1, 1+8*len(s.xs))
	if s.sorted {
		b[0] = 1
	}
	for _, x := range s.xs {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary encoded.
func (s *Samples) UnmarshalBinary(b []byte) error {
	if len(b) == 0 || (len(b)-1)%8 != 0 || b[0] > 1 {
		return errors.New("stats: a Samples is a flag byte and 8 bytes per value")
	}
	xs := make([]float64, (len(b)-1)/8)
	for i := range xs {
		xs[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[1+8*i:]))
	}
	*s = Samples{xs: xs, sorted: b[0] == 1}
	return nil
}
