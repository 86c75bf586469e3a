#!/bin/bash
# The peer queries (bench/queries/) against a baseline:
#   bench/query_regression.sh BUILD_DIR DB [--baseline FILE] [--write-baseline FILE]
#                             [--repetitions N] [--threshold X] [--dataset TEXT]
# Runs BUILD_DIR/bench/query_bench on DB (opened read-only) N times per query (default 5) and
# prints per query: rows, median wall ms, the baseline's median ms and the ratio new/baseline
# (bench/query_ratios.py). --write-baseline FILE writes this run as a baseline (TSV, with the
# machine, date, dataset (TEXT, default DB's path) and load average in its header).
# Exit 0: every query ran; 1: a query failed, or against --baseline its rows differ or it is
# slower by more than X (default 1.5); 2: usage error or no database at DB.
# Example: bench/query_regression.sh build /tmp/bench10m/db --baseline bench/baselines/query-10m.tsv
set -euo pipefail

usage() {
  echo "usage: $0 BUILD_DIR DB [--baseline FILE] [--write-baseline FILE] [--repetitions N]" \
    "[--threshold X] [--dataset TEXT]" >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
build=$1
db=$2
shift 2
baseline=""
write_baseline=""
repetitions=5
threshold=1.5
dataset=""
while [[ $# -gt 0 ]]; do
  [[ $# -ge 2 ]] || usage
  case $1 in
    --baseline) baseline=$2 ;;
    --write-baseline) write_baseline=$2 ;;
    --repetitions) repetitions=$2 ;;
    --threshold) threshold=$2 ;;
    --dataset) dataset=$2 ;;
    *) usage ;;
  esac
  shift 2
done
[[ $repetitions =~ ^[1-9][0-9]*$ ]] || { echo "--repetitions: expected N > 0" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench=$build/bench/query_bench
if [[ ! -x $bench ]]; then
  echo "no $bench: build it with cmake --build $build --target query_bench" \
    "(a Release build with -DPARLEY_BUILD_BENCH=ON)" >&2
  exit 2
fi
if [[ ! -d $db ]]; then
  cat >&2 <<EOF
no database at $db. Make one from the peers' generated data (../shared/peers):
  python3 ../shared/peers/gen_negotiations.py --scale 10000 --seed 42 > neg-10m.nt   # 1000: neg-1m.nt
  $build/tools/parley load $db neg-10m.nt --format ntriples
EOF
  exit 2
fi
if [[ -n $baseline && ! -f $baseline ]]; then
  echo "no baseline file $baseline" >&2
  exit 2
fi

# For a baseline's header: the binary's age and the tree as it is now (the binary may be older).
revision="$bench built $(date -r "$bench" +%FT%T%z); tree now at"
revision="$revision $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git -C "$here/.." diff --quiet HEAD 2>/dev/null; then
  revision="$revision + uncommitted changes in $(git -C "$here/.." diff --name-only HEAD | paste -sd' ')"
fi

results=$(mktemp)
trap 'rm -f "$results"' EXIT
echo "query_bench on $db, $repetitions repetitions, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
PARLEY_BENCH_DB=$db "$bench" --benchmark_repetitions="$repetitions" \
  --benchmark_report_aggregates_only=true --benchmark_format=json >"$results"

args=("$results" --threshold "$threshold" --dataset "${dataset:-$db}" --repetitions "$repetitions"
      --revision "$revision")
[[ -n $baseline ]] && args+=(--baseline "$baseline")
[[ -n $write_baseline ]] && args+=(--write-baseline "$write_baseline")
python3 "$here/query_ratios.py" "${args[@]}"
