#!/usr/bin/env bash
# Quick start: install what is missing, build in Release, and sign the bundled
# example crashes with the default ruleset and crashsig's own lists.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2

echo
for f in examples/*.json; do
  printf '%-28s ' "$f"
  build/crashsig signify --no-progress "$f" | sed -e 's/^{"signature": \("[^"]*"\).*/\1/'
done
