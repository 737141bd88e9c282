#!/usr/bin/env bash
# The report on a Slurm cluster (docs/scale.md): one array task per shard, then one job that merges the shards into
# reports/. Run it from the repository on the login node; it submits both jobs and returns.
#
#   scripts/slurm-report.sh                                  # deep budget, seed 1, 8 shards
#   SHARDS=16 BUDGET=deep SEED=7 OUT=/scratch/efcheck-deep scripts/slurm-report.sh
#   SHARDS=2 BUDGET=quick ONLY=ef21-tight,ef-tight scripts/slurm-report.sh   # a smoke test of the set-up
#
# Each array task runs `efcheck report --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT` with --jobs set to its
# CPUs. Array ids must run 1…N (--array=1-N), the numbering --shard uses. The merge waits for every task (afterany:
# a shard whose checks fail still writes its file; a shard that crashed is then named as missing by the merge).
#
#SBATCH --job-name=efcheck-report
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=08:00:00
#SBATCH --output=efcheck-report-%A_%a.log
set -euo pipefail

SHARDS="${SHARDS:-8}"
BUDGET="${BUDGET:-deep}"
SEED="${SEED:-1}"
SHARD_DIR="${SHARD_DIR:-reports/shards}"
OUT="${OUT:-reports}"
ONLY="${ONLY:-}"

if [[ -z "${SLURM_ARRAY_TASK_ID:-}" ]]; then
  # Login node: install once (npm ci also builds dist/), then submit the array and the merge that waits for it.
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$repo"
  [[ -d node_modules ]] || npm ci
  export SHARDS BUDGET SEED SHARD_DIR OUT ONLY
  array="$(sbatch --parsable --array="1-${SHARDS}" --chdir="$repo" "$repo/scripts/slurm-report.sh")"
  sbatch --dependency="afterany:${array%%;*}" --chdir="$repo" --job-name=efcheck-merge --cpus-per-task=1 --time=00:30:00 \
    --output=efcheck-merge-%j.log --wrap="npm run efcheck -- merge '${SHARD_DIR}' --out '${OUT}'"
  echo "submitted shards as job ${array%%;*} (1-${SHARDS}) and their merge into ${OUT}"
  exit 0
fi

# Array task: this shard's share of the claims, on all the CPUs Slurm gave it.
npm run report -- --budget "$BUDGET" --seed "$SEED" --jobs "${SLURM_CPUS_PER_TASK:-1}" ${ONLY:+--only "$ONLY"} \
  --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" --out "$SHARD_DIR"
