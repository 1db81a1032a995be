package learning

import (
	"errors"
	"fmt"
)

// Quality is the probability that a clerk makes an error in a step (found
// later, it sends the case back for rework), falling with experience e ≥ 1
// in the same De Jong form as Curve:
//
//	p(e) = Floor + (Initial − Floor)·e^(−b_q),  b_q = −log₂(Rate),
//
// so a novice errs with probability Initial, each doubling of experience
// multiplies the excess over Floor by Rate, and p falls towards Floor.
// Rate = 1 gives the constant error probability Initial. The ZSA pilot
// saw quality rise with repetition (MID press release 165/2025 and
// Kommune21, November 2025: sources S3 and [K21-2025-11] in
// scenarios/data/sources.md); the form is an assumption, by analogy with
// the learning curve.
//
// The zero value is not valid (Rate 0); Quality{Rate: 1} never errs.
type Quality struct {
	// Initial is a novice's error probability p(1), in [Floor, 1].
	Initial float64
	// Floor is the error probability that remains with any experience,
	// in [0, Initial].
	Floor float64
	// Rate is the factor by which Initial − Floor falls with every
	// doubling of experience, in (0, 1]; 1 means no improvement.
	Rate float64
}

// ErrorProb returns the error probability p(e) of a clerk with experience
// e ≥ 1, in [Floor, Initial] for a valid Quality. ErrorProb panics if e < 1
// or e is NaN. It does not allocate.
func (q Quality) ErrorProb(e float64) float64 {
	if !(e >= 1) {
		panic("learning: experience below 1 or NaN")
	}
	// float64(·): no fused multiply-add, the same bits on every platform.
	return q.Floor + float64((q.Initial-q.Floor)*decay(e, q.Rate))
}

// Validate returns an error, listing every problem, unless
// 0 ≤ Floor ≤ Initial ≤ 1 and 0 < Rate ≤ 1.
func (q Quality) Validate() error {
	var errs []error
	if !(q.Initial >= 0 && q.Initial <= 1) {
		errs = append(errs, fmt.Errorf("quality: initial error probability (%v) must be between 0 and 1", q.Initial))
	}
	if !(q.Floor >= 0 && q.Floor <= 1) {
		errs = append(errs, fmt.Errorf("quality: floor (%v) must be between 0 and 1", q.Floor))
	} else if q.Floor > q.Initial {
		errs = append(errs, fmt.Errorf("quality: floor (%v) must not exceed the initial error probability (%v)", q.Floor, q.Initial))
	}
	if !(q.Rate > 0 && q.Rate <= 1) {
		errs = append(errs, fmt.Errorf("quality: rate (%v) must be greater than 0 and at most 1 (1: no improvement)", q.Rate))
	}
	return errors.Join(errs...)
}
