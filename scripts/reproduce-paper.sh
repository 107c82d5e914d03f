#!/usr/bin/env bash
# Simulated reproduction of the Memento paper's protocols (arXiv 2508.16153) on the real DeepResearcher questions,
# with the embedded SIMULATOR as the agent (agent.kind: sim) — not an LLM. Writes a report folder with every table,
# every figure and an index.md.   Usage: scripts/reproduce-paper.sh [REPORT_DIR [--set key=value]...]
# (default REPORT_DIR: results/paper-report; every --set is passed to every run and sweep; a rerun replaces
# memento's files in REPORT_DIR with --overwrite and keeps any others).
#   (a) continual learning: none | similarity | qnet | kernel × 3 seeds × 5 iterations, K = 4   (configs/paper/continual.yaml)
#   (b) K sweep: K in 0 1 2 4 8 16 with similarity reads, 3 seeds                              (configs/paper/k-sweep.yaml)
#   (c) OOD: bank built on NQ, TQ, HotpotQA, 2Wiki; MuSiQue, Bamboogle, PopQA read it frozen   (configs/paper/ood-*.yaml)
#   Not run here: (d) GAIA — validation with 3 attempts and Pass@3, then the test split reading that bank frozen and
#   writing submission.jsonl (configs/paper/gaia-validation.yaml, gaia-test.yaml); they need an LLM endpoint and the
#   gated GAIA files (HF_TOKEN), see the configs' headers.
# Two workers share the runs (the continual sweep as three shards, `memento sweep --shard I/3`, merged by
# `memento aggregate`), then `memento table` and `memento plot` run on each result, and `memento report` writes report.html. Measured: 163–192 s on 2 cores (other jobs sharing them).
# Rerun with a real LLM: scripts/reproduce-paper.sh results/paper-llm --set agent.kind=llm --set judge.kind=llm
#   (model names, base_url and api_key_env under agent: and judge:, see docs/guides/llm.md; expect hours and API costs, not minutes).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"                                   # the configs' dataset paths are relative to the repository root
out="${1:-results/paper-report}"
shift $(( $# > 0 ? 1 : 0 ))
sets=("$@")                                  # extra --set overrides for every run and sweep
agent="the embedded simulator (\`agent.kind: sim\`), not an LLM — every number here is a simulator number"
[[ " ${sets[*]-} " == *"agent.kind=llm"* ]] && agent="the LLM planner–executor (\`agent.kind: llm\`; overrides: \`${sets[*]}\`)"
mkdir -p "$out/logs"
out="$(cd "$out" && pwd)"
memento="$root/scripts/memento"
started=$(date +%s)

"$memento" --help > /dev/null                # build once (Release) before the workers start

step() { # name, command...: one step, its output in logs/<name>.log; says where to look when it fails
  local name=$1; shift
  if ! "$@" > "$out/logs/$name.log" 2>&1; then
    echo "reproduce-paper: step '$name' failed; see $out/logs/$name.log" >&2
    return 1
  fi
  echo "reproduce-paper: $name done ($(( $(date +%s) - started )) s)" >&2
}

shard() { step "continual-shard-$1" "$memento" sweep configs/paper/continual.yaml --shard "$1/3" --out "$out/shards/continual-$1" --overwrite ${sets[@]+"${sets[@]}"}; }

rm -rf "$out/shards"
( shard 0 && shard 2 ) &
worker_a=$!
(
  step k-sweep "$memento" sweep configs/paper/k-sweep.yaml --out "$out/k-sweep" --overwrite ${sets[@]+"${sets[@]}"}
  step ood-build "$memento" run configs/paper/ood-build.yaml --out "$out/ood-build" --overwrite ${sets[@]+"${sets[@]}"}
  step ood-eval "$memento" sweep configs/paper/ood-eval.yaml --out "$out/ood" --overwrite \
    --set "memory.seed_bank=$(realpath --relative-to="$root" "$out/ood-build/casebank.jsonl")" ${sets[@]+"${sets[@]}"}
  shard 1
) &
worker_b=$!
status=0
wait $worker_a || status=1
wait $worker_b || status=1
[[ $status -eq 0 ]] || exit 1
step continual-aggregate "$memento" aggregate "$out"/shards/continual-{0,1,2} --out "$out/continual" --overwrite
rm -rf "$out/shards"
runs_done=$(( $(date +%s) - started ))

for dir in continual k-sweep ood-build ood; do
  step "table-$dir" "$memento" table "$out/$dir" --counts
  "$memento" table "$out/$dir" --format latex --counts > /dev/null
  "$memento" table "$out/$dir" --format csv --counts > /dev/null
  step "plot-$dir" "$memento" plot "$out/$dir"
done
# One HTML page for the whole reproduction (every folder side by side, with an episode browser), opens offline.
step report "$memento" report "$out/continual" "$out/k-sweep" "$out/ood-build" "$out/ood" --out "$out/report.html"
elapsed=$(( $(date +%s) - started ))

# index.md: the first line says what the agent is; every table and figure comes with one line on what was run.
section() { # folder, heading, one line on what was run, table ids and figure names in reading order
  local dir=$1 heading=$2 what=$3; shift 3
  echo; echo "## $heading"; echo; echo "$what"
  local shown=" " item
  for item in "$@" $(ls "$out/$dir/tables" | sed -n 's/\.md$//p') $(ls "$out/$dir/figures" | sed -n 's/\.png$//p'); do
    # A table and a figure may share a name (k_sweep, ood): each is shown once, the table first.
    if [[ -f "$out/$dir/tables/$item.md" && "$shown" != *" t:$item "* ]]; then
      shown+="t:$item "
      echo; sed 's/^## /### /' "$out/$dir/tables/$item.md"
      echo; echo "*Run: $what_short (\`$dir/tables/$item.md\`, also \`.tex\` and \`.csv\`)*"
    fi
    if [[ -f "$out/$dir/figures/$item.png" && "$shown" != *" f:$item "* ]]; then
      shown+="f:$item "
      echo; echo "![$dir/$item]($dir/figures/$item.png)"
      echo; echo "*Run: $what_short (\`$dir/figures/$item.png\`, also \`.svg\`)*"
    fi
  done
}
{
  echo "**Agent: $agent.** To rerun with a real LLM: \`scripts/reproduce-paper.sh results/paper-llm --set agent.kind=llm --set judge.kind=llm\` (the LLM agent and PM judge; set their models, \`base_url\` and \`api_key_env\` under \`agent:\` and \`judge:\`; expect hours and API costs)."
  echo
  echo "# Memento paper protocols: simulated reproduction"
  echo
  echo "Made by \`scripts/reproduce-paper.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)) in ${elapsed} s on $(nproc) cores (runs ${runs_done} s, then tables and figures)."
  echo "Dataset: the DeepResearcher test questions (\`../shared/datasets/memento/deepresearcher.jsonl\`: 3197 questions, 512 per source, Bamboogle 125); subsets are named per protocol below."
  echo "The same results as one page that opens offline, with learning curves, memory diagnostics and an episode browser: [report.html](report.html)."
  echo "Seeds aggregate as mean ± 95% CI (1.96 · sample sd / √seeds); counts in parentheses are summed over seeds. Reward = exact match; F1 is the DeepResearcher set-F1. PM needs an LLM judge (\`judge.kind: llm\`); without one PM columns show \"–\"."
  what_short="(a) continual learning — 4 policies × 3 seeds × 5 iterations, K = 4, 100 questions per source"
  section continual "(a) Continual learning (paper Fig. 1c, Table 4)" \
    "Run: \`configs/paper/continual.yaml\` — policies none, similarity, qnet, kernel × seeds 1–3, 5 iterations over the same tasks, K = 4; subset: the first 100 questions of each source (700 tasks, 3500 episodes per run)." \
    continual continual_learning continual_cumulative deepresearcher rolling_accuracy
  what_short="(b) K sweep — similarity, K = 0…16 × 3 seeds, 3 iterations, 100 questions per source"
  section k-sweep "(b) Number of retrieved cases K (paper Table 3)" \
    "Run: \`configs/paper/k-sweep.yaml\` — similarity reads, K = 0, 1, 2, 4, 8, 16 × seeds 1–3, 3 iterations (tables report the last); subset: the first 100 questions of each source (700 tasks)." \
    k_sweep continual continual_learning
  what_short="(c) OOD step 1 — bank built in one pass over all NQ, TQ, HotpotQA, 2Wiki questions"
  section ood-build "(c) OOD, step 1: the case bank" \
    "Run: \`configs/paper/ood-build.yaml\` — one pass over all 2048 NQ, TQ, HotpotQA and 2Wiki questions, similarity reads, K = 4, seed 1; its \`casebank.jsonl\` (2048 cases) is the OOD bank."
  what_short="(c) OOD step 2 — MuSiQue, Bamboogle, PopQA (all 1149 questions), frozen bank vs no memory, K = 4, 3 seeds"
  section ood "(c) OOD, step 2: held-out sources (paper Fig. 1d)" \
    "Run: \`configs/paper/ood-eval.yaml\` — all 1149 MuSiQue, Bamboogle and PopQA questions, one pass, K = 4, seeds 1–3: similarity reading the step-1 bank frozen (\`memory.frozen: true\`: nothing written, nothing learned) against policy none." \
    ood deepresearcher
} > "$out/index.md.tmp"
mv "$out/index.md.tmp" "$out/index.md"
echo "reproduce-paper: report in $out/index.md (${elapsed} s)" >&2
