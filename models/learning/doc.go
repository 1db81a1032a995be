// Package learning models how clerks get faster and make fewer errors with
// practice, and lose that practice when they are away from a service.
//
// Experience e counts the items of a service (or step) a clerk has done,
// plus prior experience; a complete novice has e = 1. A Curve turns
// experience into an effort multiplier by De Jong's form of Wright's law,
// m(e) = M + (1 − M)·e^(−b), relative to a novice; since the effort
// distributions of a scenario describe a reference clerk, a clerk's
// effort is the drawn effort times Curve.Relative(e, eRef). Forgetting
// takes experience away during breaks, a linear simplification of Jaber
// & Bonney's learn–forget curve model in which a break as long as the
// horizon D makes a clerk a novice again; its consequence, a steady-state
// experience of about D/g for a clerk who sees the service every g
// minutes, is why offices that see a case type a few times a month never
// get fast, and why bundling helps. Quality gives the probability of an
// error that will cause rework, falling with experience in the same form.
// Trace records the simulated learning curve in fixed memory.
//
// Time is sim.Time, minutes. Everything here is a pure function of its
// inputs: no random numbers, no global state, no allocation on the hot
// paths (Multiplier, Retain, ErrorProb, Add). Invalid parameters from
// scenario files are reported by the Validate methods; an experience below
// 1, a negative gap or a NaN is a programmer error and panics.
package learning
