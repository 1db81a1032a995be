// Package arrivals generates the cases that citizens bring to public
// offices: for each commune and case type a Source, whose arrivals form a
// non-homogeneous Poisson process (NHPP) with a seasonal, weekly and daily
// profile. A Generator yields, day by day, the arrivals of all its sources
// in time order; Backlog draws the cases already open when a run starts.
//
// Rate model. A source has R = Population × PerThousand / 1000 expected
// cases a year. In month m of any year it has R·f_m/12 expected cases,
// f_m = Profile.Monthly[m] (the factors average 1, so a year has R). Of
// these, the share s = Profile.OnlineShare is submitted online, at any time
// of any day, and 1 − s at the counter or by post, during office hours:
//
//	online,  each calendar day d of month m, uniform over its 24 hours:
//	    μ_on(d)  = R·s·f_m/12 / D_m
//	offline, each working day d of month m, uniform over [Open, Close):
//	    μ_off(d) = R·(1−s)·f_m/12 · w(d) / W_m,   W_m = Σ w(d') over the
//	    working days d' of month m,
//
// where D_m is the number of days of the month, w(d) the weight
// Profile.Weekday gives d's weekday (index 0 is Monday) and working days
// and the window [Open, Close) are those of the office calendar: offline
// cases never arrive at night, at weekends or on holidays. The monthly
// total is exactly R·f_m/12 whatever the calendar. If a month has no
// working day of positive weight (W_m = 0), its offline part is added to
// the online part, μ_on(d) = R·f_m/12 / D_m.
//
// Method. The intensity is piecewise constant: per source and day, one
// constant rate online over the whole day and one offline over the working
// window. An NHPP restricted to disjoint intervals is a set of independent
// Poisson processes, and given its count a homogeneous Poisson process on
// an interval places its points as i.i.d. uniforms (the order-statistics
// property; Ross, Introduction to Probability Models, ch. 5). So for each
// piece the Generator draws N ~ Poisson(μ) and N uniform times, and sorts
// the day's arrivals. This is exact, like thinning (Lewis and Shedler,
// "Simulation of nonhomogeneous Poisson processes by thinning", Naval
// Research Logistics Quarterly 26, 1979; Law, Simulation Modeling and
// Analysis, 5th ed., §8.6.2), but draws nothing in vain: with office hours
// of 8.5 h on 5 of 7 days and no online share, thinning against the peak
// rate would reject three candidates in four. Poisson counts use inversion by sequential search for means
// below 10 (Devroye, Non-Uniform Random Variate Generation, 1986, ch. X)
// and gonum's distuv.Poisson (Hörmann's PTRS, exact rejection) above.
//
// Time is sim.Time, minutes since midnight of the calendar's start date;
// days have 1,440 minutes. Times before the start, such as those of a
// Backlog, are negative.
//
// Reproducibility: every Source draws only from its own rand.Source, in a
// fixed order (for each day: online count and times, then offline count and
// times; no draws for a zero mean). With streams from sim.NewSource the
// arrivals of a source depend only on the seed, its stream, its parameters,
// the calendar and the days asked for; adding, removing or reordering other
// sources leaves them unchanged. The package has no global state, and a nil
// rand.Source, which would make gonum fall back to the global generator, is
// an error.
package arrivals
