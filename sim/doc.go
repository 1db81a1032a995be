// Package sim is the discrete-event core of the simulator: a clock, a queue
// of pending events and independent random streams.
//
// Time is continuous and measured in minutes (see Time). A model is a set of
// handlers — usually pointer types with a Handle method — that the core
// calls in time order; each handler changes the model's state and schedules
// further events with At (an absolute time) or After (a delay). Events at
// equal times fire in the order they were scheduled. Scheduling in the past
// is a bug and panics. Step fires one event, RunUntil runs up to a time,
// Run runs until no event is left.
//
// The queue is a radix heap over the bits of the event times (see
// queue.go): scheduling is an append, firing takes the front of a bucket,
// and entries are held by value with the key inline. Once its buckets have
// grown to the model's needs, scheduling and firing allocate nothing, so a
// model whose own handlers do not allocate runs without garbage.
//
// Reproducibility: the package has no global state, reads no clock and does
// no I/O. The same model with the same seed executes the same events in the
// same order, on any machine and with any number of parallel replications,
// because every random stream is derived only from (seed, stream ID); see
// NewSource and StreamID.
package sim
