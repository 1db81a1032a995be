package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"zsa/experiment"
	"zsa/scenarios"
)

var mergeCmd = &command{
	name: "merge", args: "SHARDS... [flags]",
	summary: "put the shards of a sweep (zsa sweep --shard) together into the folder one machine writes",
	example: "zsa merge shards/ --out results/",
	setup: func(fs *pflag.FlagSet) runFunc {
		o := &runOptions{}
		fs.StringVar(&o.out, "out", "out", "output `directory`: the merged sweep is a new folder inside it, as zsa sweep writes")
		fs.BoolVar(&o.outExact, "out-exact", false, "write the results into --out itself, which must not exist or be empty")
		return func(_ context.Context, _ *pflag.FlagSet, args []string, sio stdio) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("merge takes the shard files or the folders that hold them")}
			}
			if err := o.checkOut(); err != nil {
				return err
			}
			h, points, err := experiment.MergeShards(args)
			if err != nil {
				return usageError{err}
			}
			if h.Version != version() {
				return usageError{fmt.Errorf("the shards were computed by zsa %s, this is zsa %s: merge them with the same program, so that the outputs are those of one run", h.Version, version())}
			}
			sc, err := scenarios.Load(strings.TrimSuffix(strings.TrimPrefix(h.Source, "bundled:"), ".toml"))
			if !strings.HasPrefix(h.Source, "bundled:") {
				sc, err = scenarios.Load(h.Source)
			}
			if err != nil {
				return usageError{fmt.Errorf("the shards' scenario: %w", err)}
			}
			if sc.Hash != h.Hash {
				return usageError{fmt.Errorf("%s has changed since the shards ran (SHA-256 %.12s, the shards' %.12s)", h.Source, sc.Hash, h.Hash)}
			}
			sc.Seed, sc.Replications = h.Seed, h.Replications
			all := sc.Points()
			if len(all) != h.Points {
				return usageError{fmt.Errorf("%s has %d sweep points, the shards %d", h.Source, len(all), h.Points)}
			}
			for i := range points {
				points[i].Values = all[points[i].Index]
			}
			final, err := writeSweep(o, sc, points)
			if err != nil {
				return err
			}
			writeSweepTable(sio.out, sc, points)
			fmt.Fprintf(sio.out, "\nmerged %d shards, %d points; results in %s\n", h.Of, len(points), final)
			return nil
		}
	},
}
