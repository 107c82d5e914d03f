#!/usr/bin/env bash
# Simulated reproduction of the Memento paper's protocols (arXiv 2508.16153) on the real DeepResearcher questions,
# with the embedded SIMULATOR as the agent (agent.kind: sim) — not an LLM. Writes a report folder with every table,
# every figure and an index.md.   Usage: scripts/reproduce-paper.sh [REPORT_DIR]   (default: results/paper-report)
#   (a) continual learning: none | similarity | qnet | kernel × 3 seeds × 5 iterations, K = 4   (configs/paper/continual.yaml)
#   (b) K sweep: K in 0 1 2 4 8 16 with similarity reads, 3 seeds                              (configs/paper/k-sweep.yaml)
#   (c) OOD: bank built on NQ, TQ, HotpotQA, 2Wiki; MuSiQue, Bamboogle, PopQA read it frozen   (configs/paper/ood-*.yaml)
# (a) runs on one core while (b) then (c) run on the other; then `memento table` and `memento plot` on each result.
# Rerun with a real LLM: when the LLM agent lands, set agent.kind: llm in configs/paper/*.yaml and run this again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"                                   # the configs' dataset paths are relative to the repository root
out="${1:-results/paper-report}"
mkdir -p "$out/logs"
out="$(cd "$out" && pwd)"
memento="$root/scripts/memento"
started=$(date +%s)

"$memento" --help > /dev/null                # build once (Release) before the parallel jobs start

step() { # name, command...: runs one step with its output in logs/<name>.log, says where to look when it fails
  local name=$1; shift
  if ! "$@" > "$out/logs/$name.log" 2>&1; then
    echo "reproduce-paper: step '$name' failed; see $out/logs/$name.log" >&2
    return 1
  fi
  echo "reproduce-paper: $name done ($(( $(date +%s) - started )) s)" >&2
}

rel() { realpath --relative-to="$root" "$1"; }

step continual "$memento" sweep configs/paper/continual.yaml --out "$out/continual" &
continual=$!
(
  step k-sweep "$memento" sweep configs/paper/k-sweep.yaml --out "$out/k-sweep"
  step ood-build "$memento" run configs/paper/ood-build.yaml --out "$out/ood-build"
  step ood-eval "$memento" sweep configs/paper/ood-eval.yaml --out "$out/ood" \
    --set "memory.seed_bank=$(rel "$out/ood-build/casebank.jsonl")"
) &
others=$!
status=0
wait $continual || status=1
wait $others || status=1
[[ $status -eq 0 ]] || exit 1
runs_done=$(( $(date +%s) - started ))

for dir in continual k-sweep ood-build ood; do
  step "table-$dir" "$memento" table "$out/$dir" --counts
  "$memento" table "$out/$dir" --format latex --counts > /dev/null
  "$memento" table "$out/$dir" --format csv --counts > /dev/null
  step "plot-$dir" "$memento" plot "$out/$dir"
done
elapsed=$(( $(date +%s) - started ))

# index.md: the first line says what the agent is; then one line on what was run above each table and figure.
{
  echo "**Agent: the embedded simulator (\`agent.kind: sim\`), not an LLM — every number here is a simulator number.** To rerun with a real LLM: when the LLM agent lands, set \`agent.kind: llm\` (with its model settings) in \`configs/paper/*.yaml\` and run \`scripts/reproduce-paper.sh\` again."
  echo
  echo "# Memento paper protocols, simulated reproduction"
  echo
  echo "Made by \`scripts/reproduce-paper.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') ($(git rev-parse --short HEAD 2>/dev/null || echo 'no git')) in ${elapsed} s on $(nproc) cores (runs ${runs_done} s, tables and figures the rest)."
  echo "Dataset: the DeepResearcher test questions (\`../shared/datasets/memento/deepresearcher.jsonl\`, 3197 questions: 512 per source, Bamboogle 125)."
  echo "Seeds aggregate as mean ± 95% CI (1.96 · sample sd / √seeds); counts in parentheses are summed over seeds."
  echo "Tables are also in each folder's \`tables/\` as LaTeX (\`.tex\`) and CSV; figures in \`figures/\` as PNG and SVG."
  section() { # folder, heading, one line on what was run
    local dir=$1 heading=$2 what=$3
    echo; echo "## $heading"; echo; echo "$what"
    for table in "$out/$dir"/tables/*.md; do
      echo; sed 's/^## /### /' "$table"
    done
    for png in "$out/$dir"/figures/*.png; do
      local name; name=$(basename "$png" .png)
      echo; echo "![$dir: $name]($dir/figures/$name.png)"; echo; echo "*$dir/figures/$name.png — $what*"
    done
  }
  section continual "(a) Continual learning (paper Fig. 1c, Table 4)" \
    "Run: \`configs/paper/continual.yaml\` — policies none, similarity, qnet, kernel × seeds 1–3, 5 iterations, K = 4, subset: the first 100 questions of each source (700 tasks, 3500 episodes per run)."
  section k-sweep "(b) Number of retrieved cases K (paper Table 3)" \
    "Run: \`configs/paper/k-sweep.yaml\` — similarity reads, K = 0, 1, 2, 4, 8, 16 × seeds 1–3, 3 iterations (tables: the last), subset: the first 100 questions of each source (700 tasks)."
  section ood-build "(c) OOD, step 1: the case bank" \
    "Run: \`configs/paper/ood-build.yaml\` — one pass over all 2048 NQ, TQ, HotpotQA and 2Wiki questions, similarity reads, K = 4, seed 1; its \`casebank.jsonl\` is the OOD bank."
  section ood "(c) OOD, step 2: held-out sources (paper Fig. 1d)" \
    "Run: \`configs/paper/ood-eval.yaml\` — all 1149 MuSiQue, Bamboogle and PopQA questions, one pass, K = 4, seeds 1–3: similarity reading the step-1 bank frozen (\`memory.frozen: true\`) against policy none."
} > "$out/index.md.tmp"
mv "$out/index.md.tmp" "$out/index.md"
echo "reproduce-paper: report in $out/index.md (${elapsed} s)" >&2
