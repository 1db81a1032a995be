package learning

import (
	"encoding/binary"
	"fmt"
	"math"
)

// MarshalBinary encodes t exactly, for results read by another process
// (the shards of a run; encoding/gob uses it): per bin its count and its
// two sums as IEEE 754 bits, little-endian.
func (t Trace) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, traceBins*24)
	for _, x := range t.bins {
		b = binary.LittleEndian.AppendUint64(b, uint64(x.n))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x.sumE))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x.sumValue))
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary encoded.
func (t *Trace) UnmarshalBinary(b []byte) error {
	if len(b) != traceBins*24 {
		return fmt.Errorf("learning: a Trace is %d bytes, not %d", traceBins*24, len(b))
	}
	for i := range t.bins {
		u := func(j int) uint64 { return binary.LittleEndian.Uint64(b[24*i+8*j:]) }
		t.bins[i] = traceBin{n: int(u(0)), sumE: math.Float64frombits(u(1)), sumValue: math.Float64frombits(u(2))}
	}
	return nil
}
