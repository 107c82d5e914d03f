#!/usr/bin/env bash
# Submits a sharded memento sweep to Slurm: an array job of N tasks (sweep-array.sh, shard I/N into OUT/shard-I) and
# an aggregate job (aggregate.sh, into OUT/all) that starts once every array task has succeeded.
#
#   scripts/slurm/submit.sh CONFIG OUT N [memento sweep options]   e.g. scripts/slurm/submit.sh configs/paper/continual.yaml results/continual 8
#
# Extra sbatch options for both jobs go in SBATCH_OPTIONS (e.g. SBATCH_OPTIONS="--partition=gpu --time=12:00:00").
# Prints the two job ids; `squeue --me` follows them. Run it from anywhere: memento is found beside this script.
set -euo pipefail

if [[ $# -lt 3 || ! "$3" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 CONFIG OUT N [memento sweep options]   (N: the number of shards, array tasks)" >&2
  exit 2
fi
config="$1"
out="$2"
count="$3"
shift 3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export MEMENTO_ROOT="${MEMENTO_ROOT:-$(cd "$here/../.." && pwd)}"
read -r -a extra <<< "${SBATCH_OPTIONS:-}"

array="$(sbatch --parsable "${extra[@]}" --array="0-$((count - 1))" "$here/sweep-array.sh" "$config" "$out" "$@")"
array="${array%%;*}"
aggregate="$(sbatch --parsable "${extra[@]}" --dependency="afterok:$array" "$here/aggregate.sh" "$out" "$count")"
aggregate="${aggregate%%;*}"
echo "array job $array: $count shards of $config into $out/shard-0 ... $out/shard-$((count - 1))"
echo "aggregate job $aggregate: into $out/all once every shard has succeeded"
