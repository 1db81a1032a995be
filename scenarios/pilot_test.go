package scenarios

import (
	"testing"

	"zsa/models"
	"zsa/sim/stats"
)

// TestPilotReproducesThePublishedFigure checks the calibration of the
// bundled pilot: the paired reduction of clerk effort per case, ZSA against
// status quo, is within 39 % ± 3 points for both services — the figure the
// feasibility study published ("rund 39 Prozent schnellere
// Fallbearbeitung bei beiden Leistungen", [K21-2025-11] and S3 in
// data/sources.md, services.md §5).
func TestPilotReproducesThePublishedFigure(t *testing.T) {
	t.Parallel()
	sc, err := Load("pilot-2025")
	if err != nil {
		t.Fatal(err)
	}
	const reps = 8
	effort := make([][2][]float64, len(sc.Model.Services)) // [service][arm]
	for rep := range uint64(reps) {
		for a, arm := range sc.Arms[:2] {
			r, err := models.Run(sc.Model, arm, 1000+rep)
			if err != nil {
				t.Fatal(err)
			}
			for si := range r.Services {
				tot := r.Services[si].Total()
				effort[si][a] = append(effort[si][a], tot.Effort.Mean())
			}
		}
	}
	for si, s := range sc.Model.Services {
		p, err := stats.PairedDiff(effort[si][0], effort[si][1])
		if err != nil {
			t.Fatal(err)
		}
		if !(p.Rel > -0.42 && p.Rel < -0.36) {
			t.Errorf("%s: effort per case changes by %.1f %% ± %.1f, want −39 %% ± 3", s.Name, 100*p.Rel, 100*(p.RelHi-p.RelLo)/2)
		}
	}
}
