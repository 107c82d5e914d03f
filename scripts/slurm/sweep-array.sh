#!/usr/bin/env bash
# One shard of a memento sweep per Slurm array task: task I of --array=0-(N-1) runs shard I/N of CONFIG's grid into
# OUT/shard-I. Submit both jobs with submit.sh (this array, then the aggregate once every task has succeeded), or
# this one alone:
#
#   sbatch --array=0-7 scripts/slurm/sweep-array.sh CONFIG OUT [memento sweep options, e.g. --jobs 2]
#
# In the options, {shard} stands for the task's index: an LLM sweep gives each task its own response cache with
# --set 'cache.path=OUT/cache/shard-{shard}.sqlite' (one SQLite file shared across nodes is not safe; merge them
# afterwards with memento cache merge).
# - Works from any directory: Slurm runs a copy of this script, so memento is found through MEMENTO_ROOT (submit.sh
#   sets it) or the submit directory ($SLURM_SUBMIT_DIR, the job's working directory); relative CONFIG and OUT are
#   relative to the submit directory.
# - Start or continue (memento sweep --continue): the same command is right the first time, after `scontrol requeue`,
#   after preemption and after a node failure: a requeued task resumes its shard folder, keeping every finished episode.
# - Signals: scancel, a time limit, preemption and requeue send SIGTERM (then SIGKILL after KillWait, 30 s by
#   default). memento stops within the grace period (requests in flight are cancelled and redone on resume) and the
#   task ends with 143. This script forwards the signals it gets to memento, so `scancel --signal=INT JOB` (which
#   reaches only this batch shell) stops the shard too. To stop well before a time limit, add e.g. --signal=B:TERM@120.
# - The log (slurm-memento-sweep-JOB_TASK.out in the submit directory) is appended to, so a requeue keeps its history.
#SBATCH --job-name=memento-sweep
#SBATCH --output=slurm-%x-%A_%a.out
#SBATCH --open-mode=append
#SBATCH --requeue
set -uo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: sbatch --array=0-(N-1) $0 CONFIG OUT [memento sweep options]" >&2
  exit 2
fi
config="$1"
out="$2"
shift 2
root="${MEMENTO_ROOT:-${SLURM_SUBMIT_DIR:-$PWD}}"
if [[ ! -x "$root/scripts/memento" ]]; then
  echo "sweep-array: $root/scripts/memento not found: submit from the memento checkout, or set MEMENTO_ROOT to it" >&2
  exit 2
fi
if [[ -z "${SLURM_ARRAY_TASK_ID:-}" ]]; then
  echo "sweep-array: not an array task: submit with sbatch --array=0-(N-1), N the number of shards" >&2
  exit 2
fi
index="$SLURM_ARRAY_TASK_ID"
count=$((SLURM_ARRAY_TASK_MAX + 1))
if [[ "$SLURM_ARRAY_TASK_MIN" != 0 || "$SLURM_ARRAY_TASK_COUNT" != "$count" ]]; then
  echo "sweep-array: the array must be 0-(N-1), one task per shard (got $SLURM_ARRAY_TASK_MIN-$SLURM_ARRAY_TASK_MAX, $SLURM_ARRAY_TASK_COUNT tasks)" >&2
  exit 2
fi

echo "[$(date -Is)] ${SLURM_ARRAY_JOB_ID}_${index} on $(hostname) (restart ${SLURM_RESTART_COUNT:-0}): shard $index/$count of $config into $out/shard-$index"
# {shard} in an option is this task's index, e.g. --set 'cache.path=results/llm/cache/shard-{shard}.sqlite'.
"$root/scripts/memento" sweep "$config" --shard "$index/$count" --out "$out/shard-$index" --continue "${@//\{shard\}/$index}" &
child=$!
# Forward a signal to memento as SIGTERM, a request to stop after which it exits on its own; memento takes a
# signal that also reached it directly (plain scancel signals every process of the job) as the same request.
trap 'kill -TERM "$child" 2>/dev/null' TERM INT USR1 USR2
status=0
while true; do
  wait "$child"
  status=$?
  kill -0 "$child" 2>/dev/null || break   # a trapped signal ended the wait, not memento: wait for it to stop
done
echo "[$(date -Is)] ${SLURM_ARRAY_JOB_ID}_${index}: memento exited with $status"
exit "$status"
