package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"zsa/experiment"
	"zsa/scenarios"
)

// planShard plans shard K/N of sc's [[plan.join]] candidate sets into
// --out/shard-K-of-N.zsaplan, after the sets an earlier run of the shard
// finished there. prefix is the progress lines' prefix, set per set.
func planShard(ctx context.Context, sc *scenarios.Scenario, shard string, o *runOptions, popt experiment.PlanOptions, prefix *string, stdout io.Writer) error {
	k, n, err := experiment.ParseShard(shard)
	if err != nil {
		return usageError{fmt.Errorf("--shard: %w", err)}
	}
	sets := len(sc.Plan.Join)
	if sets == 0 {
		return usageError{fmt.Errorf("--shard: %s plans one set of offices; shards divide the candidate sets of [[plan.join]]", sc.Source)}
	}
	h := experiment.ShardHeader{Scenario: sc.Name, Source: shardSource(sc), Hash: sc.Hash, Seed: sc.Seed,
		Replications: sc.Plan.Replications, Points: sets, Version: version(), Shard: k, Of: n}
	ps, err := experiment.OpenPlanShard(o.out, h)
	if err != nil {
		return usageError{fmt.Errorf("--shard: %w", err)}
	}
	mine := experiment.ShardPoints(sets, k, n)
	for _, j := range mine {
		if ps.Done[j] {
			continue
		}
		set := sc.Plan.Join[j]
		s, err := sc.JoinScenario(j)
		if err != nil {
			return usageError{err}
		}
		*prefix = "zsa: plan: " + set.Name + ": "
		plan, cmp, err := experiment.Plan(ctx, s, popt)
		if err != nil {
			return fmt.Errorf("%w; the finished sets are in %s: run the same command again to go on", err, ps.Dir)
		}
		plan.Join = set.Name
		if err := ps.Save(j, plan, func(dir string) error { return writePlan(dir, sc, plan, cmp) }); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "shard %d of %d: %d candidate sets of %d in %s\n", k, n, len(mine), sets, ps.Dir)
	return nil
}

// mergePlan puts the shards of a plan over candidate sets together: each
// set's folder as the shard wrote it and join.csv, into the folder zsa
// plan writes; it prints what zsa plan prints.
func mergePlan(args []string, o *runOptions, sio stdio) error {
	h, plans, folders, err := experiment.MergePlanShards(args)
	if err != nil {
		return usageError{err}
	}
	sc, err := shardScenario(h)
	if err != nil {
		return err
	}
	dir, err := o.newRunDir(sc)
	if err != nil {
		return err
	}
	for j, folder := range folders {
		if err := copyTree(folder, filepath.Join(dir.path, experiment.PlanSetFolder(j, plans[j].Join))); err != nil {
			dir.discard()
			return err
		}
	}
	if err := writeJoinCSV(dir.path, plans); err != nil {
		dir.discard()
		return err
	}
	final, err := dir.done()
	if err != nil {
		return err
	}
	if err := printPlans(sio.out, plans); err != nil {
		return err
	}
	fmt.Fprintf(sio.out, "\nmerged %d shards, %d candidate sets; results in %s\n", h.Of, len(plans), final)
	return unreachable(plans)
}

// copyTree copies the folder src, its files and folders, to dst, which
// must not exist.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.Mkdir(to, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
}
