#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every CTest test
# (unit, golden-file, CLI and parity tests; the parity tests read ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2
