package queue

import "math"

// ErlangC returns the probability that an arriving customer must wait in an
// M/M/c queue with c servers and offered load a = λ/μ (in Erlangs), a < c:
//
//	C(c, a) = (a^c/c! · c/(c−a)) / (Σ_{k=0}^{c−1} a^k/k! + a^c/c! · c/(c−a))
//
// (Erlang 1917; e.g. Kleinrock, Queueing Systems I, eq. 3.40). The terms are
// built up as a^k/k! products, which is stable for c up to several hundred.
// ErlangC returns NaN unless c >= 1 and 0 <= a < c.
func ErlangC(c int, a float64) float64 {
	if c < 1 || !(a >= 0 && a < float64(c)) {
		return math.NaN()
	}
	term, sum := 1.0, 0.0 // term = a^k/k!
	for k := 0; k < c; k++ {
		sum += term
		term *= a / float64(k+1)
	}
	last := term * float64(c) / (float64(c) - a)
	return last / (sum + last)
}

// MMcWait returns the mean waiting time in queue of an M/M/c queue with
// arrival rate lambda and service rate mu per server (any common time unit;
// the result is in that unit's reciprocal, e.g. rates per hour give hours):
//
//	Wq = C(c, λ/μ) / (cμ − λ)
//
// It returns NaN unless the queue is stable (λ < cμ) and the rates positive.
func MMcWait(lambda, mu float64, c int) float64 {
	if !(lambda > 0 && mu > 0) {
		return math.NaN()
	}
	return ErlangC(c, lambda/mu) / (float64(c)*mu - lambda)
}

// PollaczekKhinchineWait returns the mean waiting time in queue of an M/G/1
// queue with arrival rate lambda and service time S with mean ES and second
// moment ES2 = E[S²] (Pollaczek–Khinchine mean-value formula):
//
//	Wq = λ·E[S²] / (2(1 − ρ)),  ρ = λ·E[S]
//
// It returns NaN unless 0 < ρ < 1.
func PollaczekKhinchineWait(lambda, ES, ES2 float64) float64 {
	rho := lambda * ES
	if !(rho > 0 && rho < 1) {
		return math.NaN()
	}
	return lambda * ES2 / (2 * (1 - rho))
}
