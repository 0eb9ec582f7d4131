#!/usr/bin/env bash
# Benchmarks for docs/performance.md: in-process throughput (Google Benchmark),
# the CLI's start-up time for one crash (median of 30 runs) and the CLI end to end.
# Usage: scripts/bench.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

"$build/signify_bench" --benchmark_min_time=2

echo
runs=30
times=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  "$build/crashsig" signify --no-progress examples/oom.json >/dev/null
  end=$(date +%s%N)
  times+=($(((end - start) / 1000)))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$((runs / 2 + 1))p")
echo "start-up, one crash (crashsig signify examples/oom.json): median ${median} us over ${runs} runs"

echo
# End to end: reading, signing and writing JSON, one thread, typed.jsonl five times.
input=$(mktemp)
trap 'rm -f "$input"' EXIT
for ((i = 0; i < 5; i++)); do cat ../shared/corpus/synthetic/typed.jsonl; done >"$input"
lines=$(wc -l <"$input")
best=
for ((i = 0; i < 5; i++)); do
  start=$(date +%s%N)
  "$build/crashsig" signify --no-progress --jobs 1 "$input" >/dev/null || [[ $? -eq 1 ]]  # 1: some line failed
  end=$(date +%s%N)
  us=$(((end - start) / 1000))
  if [[ -z $best || $us -lt $best ]]; then best=$us; fi
done
echo "crashsig signify --jobs 1, ${lines} lines (5 x typed.jsonl) to /dev/null: best of 5 ${best} us" \
  "($((lines * 1000000 / best)) crashes/s, start-up included)"
