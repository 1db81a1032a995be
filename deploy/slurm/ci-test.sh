#!/usr/bin/env bash
# CI: a bundled sweep, a bundled run and a calibration on a real
# single-node Slurm cluster. Starts the cluster (local-cluster.sh from the
# shared folder beside the repository, or $SLURM_LOCAL_CLUSTER), submits
# `zsa sweep teaching --slurm 4` and `zsa run teaching --slurm 3` (job
# arrays of 4 and 3 tasks) and `zsa calibrate calibrate-mm1.toml --slurm
# 2` (one job of 2 tasks that run at the same time), each with a merge job
# that waits for it, waits for them, checks that every task and merge
# completed with exit code 0 and that each merged folder is byte-identical
# to the same command run on this machine, and tears the cluster down,
# also when a check fails.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cluster=${SLURM_LOCAL_CLUSTER:-$repo/../shared/slurm/local-cluster.sh}
work=$(mktemp -d)
trap 'bash "$cluster" down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

(cd "$repo" && go build -o "$work/zsa" ./cmd/zsa)
eval "$(bash "$cluster" up)"
cd "$work"

# The date calibrated.toml records: the same on this machine and in the
# cluster's jobs, which get this environment (sbatch --export=ALL).
export SOURCE_DATE_EPOCH=1764633600

# check COMMAND SHARDS SCENARIO FOLDER: the command on this machine and on
# the cluster; FOLDER is the name of the folder it writes.
check() {
	local command=$1 n=$2 scenario=$3 folder=$4
	./zsa "$command" "$scenario" --reps 3 --quiet --out "local-$command" >/dev/null
	./zsa "$command" "$scenario" --reps 3 --slurm "$n" --out "cluster-$command" | tee "submit-$command.txt"
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

	# An array job shows a line per task; a calibration's job, whose
	# tasks run together, one line.
	local tasks want=$n
	[ "$command" = calibrate ] && want=1
	tasks=$(scontrol -o show job "$array" | grep -c 'JobState=COMPLETED .*ExitCode=0:0' || true)
	if [ "$tasks" != "$want" ]; then
		echo "job $array: $tasks of $want jobs or tasks completed with exit code 0" >&2
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
	diff -r "local-$command/$folder" "cluster-$command/$folder"
	echo "slurm: $n shards of the $command and the merge completed; the merged folder is byte-identical to the local $command"
}
check sweep 4 teaching teaching-seed42-1
check run 3 teaching teaching-seed42-1
check calibrate 2 "$repo/scenarios/testdata/calibrate-mm1.toml" calibrate-mm1-seed11-1
