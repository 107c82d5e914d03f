#!/usr/bin/env bash
# Merges the N shard folders OUT/shard-0 ... OUT/shard-(N-1) that sweep-array.sh wrote into OUT/all (equal to an
# unsharded sweep). submit.sh submits it with --dependency=afterok on the array job, so it starts once every task has
# succeeded; a requeued task delays it, a failed one leaves it pending (DependencyNeverSatisfied) until the task is
# requeued and succeeds. By hand:
#
#   sbatch --dependency=afterok:ARRAY_JOB_ID scripts/slurm/aggregate.sh OUT N
#
# OUT/all is derived from the shards only, so a rerun (a requeue) replaces it (--overwrite keeps files not memento's).
#SBATCH --job-name=memento-aggregate
#SBATCH --output=slurm-%x-%j.out
#SBATCH --open-mode=append
set -euo pipefail

[[ $# -eq 2 ]] || { echo "usage: sbatch --dependency=afterok:ARRAY_JOB_ID $0 OUT N" >&2; exit 2; }
out="$1" count="$2"
root="${MEMENTO_ROOT:-${SLURM_SUBMIT_DIR:-$PWD}}"
shards=()
for ((i = 0; i < count; i++)); do shards+=("$out/shard-$i"); done
echo "[$(date -Is)] aggregate of $count shards into $out/all"
exec "$root/scripts/memento" aggregate "${shards[@]}" --out "$out/all" --overwrite
