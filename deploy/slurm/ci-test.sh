#!/usr/bin/env bash
# CI: a bundled sweep and a bundled run on a real single-node Slurm
# cluster. Starts the cluster (local-cluster.sh from the shared folder
# beside the repository, or $SLURM_LOCAL_CLUSTER), submits `zsa sweep
# teaching --slurm 4` and `zsa run teaching --slurm 3` (job arrays of 4
# and 3 tasks, each with a merge job that waits for it), waits for them,
# checks that every task and merge completed with exit code 0 and that
# each merged folder is byte-identical to the same command run on this
# machine, and tears the cluster down, also when a check fails.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cluster=${SLURM_LOCAL_CLUSTER:-$repo/../shared/slurm/local-cluster.sh}
work=$(mktemp -d)
trap 'bash "$cluster" down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

(cd "$repo" && go build -o "$work/zsa" ./cmd/zsa)
eval "$(bash "$cluster" up)"
cd "$work"

# check COMMAND SHARDS: the command on this machine and on the cluster.
check() {
	local command=$1 n=$2
	./zsa "$command" teaching --reps 3 --quiet --out "local-$command" >/dev/null
	./zsa "$command" teaching --reps 3 --slurm "$n" --out "cluster-$command" | tee "submit-$command.txt"
	local array merge
	array=$(sed -n 's/^shards: job \([0-9]*\) .*/\1/p' "submit-$command.txt")
	merge=$(sed -n 's/.*merge: job \([0-9]*\).*/\1/p' "submit-$command.txt")
	[ -n "$array" ] && [ -n "$merge" ] || { echo "no job ids in: $(cat "submit-$command.txt")" >&2; exit 1; }

	for _ in $(seq 1200); do
		[ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] && break
		sleep 0.5
	done
	if [ -n "$(squeue -h -j "$array,$merge" 2>/dev/null)" ]; then
		echo "jobs $array and $merge still queued or running after 10 minutes" >&2
		squeue >&2
		exit 1
	fi

	local tasks
	tasks=$(scontrol -o show job "$array" | grep -c 'JobState=COMPLETED .*ExitCode=0:0' || true)
	if [ "$tasks" != "$n" ]; then
		echo "array job $array: $tasks of $n tasks completed with exit code 0" >&2
		scontrol -o show job "$array" >&2
		cat "cluster-$command"/slurm-*.out >&2 || true
		exit 1
	fi
	if ! scontrol -o show job "$merge" | grep -q 'JobState=COMPLETED .*ExitCode=0:0'; then
		echo "merge job $merge did not complete with exit code 0" >&2
		scontrol -o show job "$merge" >&2
		cat "cluster-$command"/slurm-merge-*.out >&2 || true
		exit 1
	fi
	diff -r "local-$command/teaching-seed42-1" "cluster-$command/teaching-seed42-1"
	echo "slurm: $n shards of the $command and the merge completed; the merged folder is byte-identical to the local $command"
}
check sweep 4
check run 3
