#!/usr/bin/env bash
# `cmake --install` gives a tree whose CLI finds its plugins, rulesets and lists,
# run from anywhere. Usage: install_test.sh BUILD_DIR EXAMPLE_JSON
set -euo pipefail
build=$1 example=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
cd /
out=$("$prefix/bin/crashsig" signify --no-progress "$example")
grep -q '^{"signature": "OOM | ' <<<"$out" || { echo "unexpected output: $out"; exit 1; }
"$prefix/bin/crashsig" signify --no-progress --ruleset socorro-current "$example" >/dev/null
test -f "$prefix/include/crashsig/engine.h"
test -f "$prefix/lib/cmake/crashsig/crashsigConfig.cmake" || test -n "$(find "$prefix" -name crashsigConfig.cmake)"
echo "installed tree works"
