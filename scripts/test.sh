#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every CTest test
# (unit, golden-file, CLI and parity tests; the parity tests read ../shared).
#
#   bash scripts/test.sh              # Release build in build/ (what CI runs)
#   bash scripts/test.sh --sanitize   # Debug build with ASan and UBSan in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
if [[ "${1:-}" == "--sanitize" ]]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCRASHSIG_BUILD_BENCH=OFF \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" >/dev/null
  cmake --build build-asan -j2
  ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j2
else
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build -j2
  ctest --test-dir build --output-on-failure -j2
fi
