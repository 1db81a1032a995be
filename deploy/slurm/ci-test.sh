#!/usr/bin/env bash
# CI: a bundled sweep on a real single-node Slurm cluster. Starts the
# cluster (local-cluster.sh from the shared folder beside the repository,
# or $SLURM_LOCAL_CLUSTER), submits `zsa sweep teaching --slurm 4` (a
# 4-task job array and a merge job that waits for it), waits for both,
# checks that every task and the merge completed with exit code 0 and that
# the merged folder is byte-identical to the same sweep run on this
# machine, and tears the cluster down, also when a check fails.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cluster=${SLURM_LOCAL_CLUSTER:-$repo/../shared/slurm/local-cluster.sh}
work=$(mktemp -d)
trap 'bash "$cluster" down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

(cd "$repo" && go build -o "$work/zsa" ./cmd/zsa)
eval "$(bash "$cluster" up)"
cd "$work"

./zsa sweep teaching --reps 3 --quiet --out local >/dev/null
./zsa sweep teaching --reps 3 --slurm 4 --out cluster | tee submit.txt
array=$(sed -n 's/^shards: job \([0-9]*\) .*/\1/p' submit.txt)
merge=$(sed -n 's/.*merge: job \([0-9]*\).*/\1/p' submit.txt)
[ -n "$array" ] && [ -n "$merge" ] || { echo "no job ids in: $(cat submit.txt)" >&2; exit 1; }

for _ in $(seq 1200); do
	[ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] && break
	sleep 0.5
done
if [ -n "$(squeue -h -j "$array,$merge" 2>/dev/null)" ]; then
	echo "jobs $array and $merge still queued or running after 10 minutes" >&2
	squeue >&2
	exit 1
fi

tasks=$(scontrol -o show job "$array" | grep -c 'JobState=COMPLETED .*ExitCode=0:0' || true)
if [ "$tasks" != 4 ]; then
	echo "array job $array: $tasks of 4 tasks completed with exit code 0" >&2
	scontrol -o show job "$array" >&2
	cat cluster/slurm-*.out >&2 || true
	exit 1
fi
if ! scontrol -o show job "$merge" | grep -q 'JobState=COMPLETED .*ExitCode=0:0'; then
	echo "merge job $merge did not complete with exit code 0" >&2
	scontrol -o show job "$merge" >&2
	cat cluster/slurm-merge-*.out >&2 || true
	exit 1
fi
diff -r local/teaching-seed42-1 cluster/teaching-seed42-1
echo "slurm: 4 shards and the merge completed; the merged sweep is byte-identical to the local run"
