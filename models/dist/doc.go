// Package dist provides the distributions of clerk effort and of delays in
// the simulator, and the uniform numbers they are sampled with.
//
// A Dist is given by its quantile function: values are durations in
// minutes (sim.Time as float64), and a draw is d.Quantile(u) for a uniform
// u in (0, 1). Sampling by the inverse distribution function, rather than
// from a random stream, is what makes common random numbers work: U(seed,
// key, visit) is a counter-based hash of the case, the step and the visit,
// so the same case gets the same u, and therefore the same relative
// difficulty, in the status-quo arm and in the ZSA arm, however
// differently the two arms schedule their work; and since every Quantile
// is non-decreasing, a step made 20 % faster by Scaled stays the same
// case's draw, only shorter. The distributions are the exponential,
// deterministic, lognormal (by median and 90 % quantile), gamma (by mean
// and coefficient of variation, from a precomputed table), triangular and
// empirical (a piecewise linear quantile function), and the IT-saving
// transformations Scaled, Shifted and Reduced. Parse reads them from the
// notation of scenario files ("gamma(mean=2h, cv=0.5)", durations with
// explicit units) and String writes them back in it.
//
// Constructors validate their parameters and return errors for bad input,
// naming the parameter and the problem. Everything is deterministic: no
// global state and no random generator; a Dist is immutable, safe for
// concurrent use, and its Quantile does not allocate.
package dist
