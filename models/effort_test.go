package models

import (
	"math"
	"testing"

	"zsa/sim"
)

// TestMMcEffortIsExponential checks the service times of the M/M/c
// office of TestSingleOfficeIsMMcQueue directly, with a tolerance tight
// enough to see a bias of a few per cent, which the mean wait cannot: its
// standard error over a year is larger than what a 3 % bias in effort does
// to it at c = 3.
//
// With no learning (rate 1, reference 1) every work item's touch time is
// the step's effort draw, exp(mean = 60 min), and the draws of different
// cases are independent (each from its own case's uniforms), so:
//
//   - the mean of N items is 60 min with standard error s/√N, s the
//     sample standard deviation (60 for the exponential);
//   - the share of items longer than the p-quantile −60·ln(1 − p) is
//     1 − p, with binomial standard error √(p(1 − p)/N);
//   - the clerks' utilisation, busy over available time in the measured
//     window, is ρ = λ·E[S]/c = 0.8. The work filed in a window of length
//     T is a compound Poisson sum with variance λT·E[S²] = λT·2·60², so the
//     utilisation's relative standard error is √(2/(λT)) per replication,
//     about 1 % here, √5 times less over 5 (the work still queued at the
//     window's ends, Lq·60 min ≈ 150 min of some 1.2 million, is left
//     out).
//
// Each is checked within 4 standard errors. With N ≈ 105,000 items the
// mean's tolerance is 1.2 %, the utilisation's 1.8 %: a 3 % bias is 10 and
// 6.5 standard errors.
//
// Deliberate breakage it catches: exponential.Quantile in package dist
// returning 1.03 times the draw (and the same factor applied to every
// effort in clerk.start). TestSingleOfficeIsMMcQueue still passed with
// either (its tolerance at c = 3 is about 20 % of the mean wait).
func TestMMcEffortIsExponential(t *testing.T) {
	t.Parallel()
	const c, mean, rho, reps = 3, 60.0, 0.8, 5
	lambda := rho * c / mean // per minute
	m := mmcModel(c, lambda*float64(sim.Day), mean)
	ps := []float64{0.5, 0.9, 0.99}
	over := make([]int, len(ps))
	var n int
	var sum, sum2 float64
	var busy, avail sim.Time
	for seed := range uint64(reps) {
		r, err := RunWith(m, nil, 50+seed, Options{Log: func(task Task) {
			if task.Kind != TaskWork {
				return
			}
			w := float64(task.Work)
			n++
			sum += w
			sum2 += w * w
			for i, p := range ps {
				if w > -mean*math.Log(1-p) {
					over[i]++
				}
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		for _, cl := range r.Clerks {
			busy += cl.Busy
			avail += cl.Available
		}
	}
	got := sum / float64(n)
	sd := math.Sqrt((sum2 - float64(n)*got*got) / float64(n-1))
	if se := sd / math.Sqrt(float64(n)); math.Abs(got-mean) > 4*se {
		t.Errorf("mean effort %.3f ± %.3f min over %d items, want %v", got, se, n, mean)
	}
	for i, p := range ps {
		share := float64(over[i]) / float64(n)
		if se := math.Sqrt(p * (1 - p) / float64(n)); math.Abs(share-(1-p)) > 4*se {
			t.Errorf("share of efforts above the %.0f %% quantile %.4f ± %.4f, want %.4f", 100*p, share, se, 1-p)
		}
	}
	// λT: the cases filed in the measured windows of all replications.
	lt := lambda * float64(m.Horizon-m.WarmUp) * reps
	u := float64(busy / avail)
	if se := rho * math.Sqrt(2/lt); math.Abs(u-rho) > 4*se {
		t.Errorf("utilisation %.4f ± %.4f, want λ·E[S]/c = %v", u, se, rho)
	}
}
