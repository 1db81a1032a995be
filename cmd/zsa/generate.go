package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"zsa/scenarios"
)

var generateCmd = &command{
	name: "generate", args: "germany [flags]",
	summary: "write a synthetic Germany-size study (scenario and data tables) for benchmarks and cluster runs",
	example: "zsa generate germany --out germany/ && zsa run germany/germany.toml --reps 2",
	setup: func(fs *pflag.FlagSet) runFunc {
		var seed uint64
		var out string
		fs.Uint64Var(&seed, "seed", 1, "`seed` of the synthetic communes and offices")
		fs.StringVar(&out, "out", "germany", "`directory` to write germany.toml and its data tables into")
		return func(_ context.Context, _ *pflag.FlagSet, args []string, sio stdio) error {
			if len(args) != 1 || args[0] != "germany" {
				return usageError{fmt.Errorf("generate takes what to generate: germany")}
			}
			g, err := scenarios.GenerateGermany(seed)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return usageError{fmt.Errorf("--out: %w", err)}
			}
			for name, b := range map[string][]byte{"germany.toml": g.Scenario, "communes-germany.csv": g.Communes,
				"administrations-germany.csv": g.Administrations} {
				if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
					return err
				}
			}
			fmt.Fprintf(sio.out, "synthetic Germany (seed %d): %d communes, %.1f million inhabitants, %d districts, %d Hundehaltung offices, %d Wohngeldbehörden\n",
				seed, g.NCommunes, g.Population/1e6, g.NDistricts, g.NHundehaltungOffices, g.NWohngeldOffices)
			fmt.Fprintf(sio.out, "scenario in %s\n", filepath.Join(out, "germany.toml"))
			return nil
		}
	},
}
