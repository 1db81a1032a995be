package models

import "testing"

// TestEndlessProcesses checks the detection of processes in which a case
// could circle for ever (a zero-effort self-loop hung the simulator):
// only the branches' last probabilities, which hold for all later visits,
// decide, and a deadline's target is a way out. Making endless look at
// the first probabilities instead fails the rows marked "first visits".
func TestEndlessProcesses(t *testing.T) {
	br := func(to int, p ...float64) cbranch { return cbranch{to: to, prob: p} }
	step := func(next ...cbranch) cstep { return cstep{next: next} }
	for _, c := range []struct {
		name  string
		steps []cstep
		want  int
	}{
		{"straight", []cstep{step(br(1, 1)), step(br(toDone, 1))}, -1},
		{"self-loop", []cstep{step(br(0, 1))}, 0},
		{"self-loop after an intake", []cstep{step(br(1, 1)), step(br(1, 1))}, 1},
		{"rework loop with a way out", []cstep{step(br(1, 1)), step(br(0, 0.3), br(toDone, 0.7))}, -1},
		{"first visits leave, later ones circle", []cstep{step(br(1, 1)), step(br(0, 0, 1), br(toReject, 1, 0))}, 0},
		{"first visits circle, later ones leave", []cstep{step(br(1, 1)), step(br(0, 1, 0), br(toDone, 0, 1))}, -1},
		{"a deadline leaves", []cstep{step(br(1, 1)), {next: []cbranch{br(0, 1)}, deadline: 1, onTimeout: toReject}}, -1},
		{"a deadline leads into the circle", []cstep{step(br(1, 1)), {next: []cbranch{br(0, 1)}, deadline: 1, onTimeout: 0}}, 0},
		{"an endless step no case reaches", []cstep{step(br(toDone, 1)), step(br(1, 1))}, -1},
	} {
		if got := endless(c.steps); got != c.want {
			t.Errorf("%s: endless = %d, want %d", c.name, got, c.want)
		}
	}
}
