#!/usr/bin/env bash
# Benchmarks for docs/performance.md: in-process throughput (Google Benchmark)
# and the CLI's start-up time for one crash (median of 30 runs).
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
