#!/usr/bin/env bash
# Fuzzes the JSON reader's fast path against the exact json.loads reader with
# libFuzzer (clang, with AddressSanitizer and UBSan), seeded with the lines of
# ../shared/corpus. Not part of the test suite: run it after changing
# engine/src/json.cpp.
#
#   bash scripts/fuzz-json.sh [SECONDS]   # default 120
#
# Needs clang and libFuzzer (Debian: clang, libclang-rt-14-dev) besides the
# build's own packages. Crashing inputs are left in build-fuzz/ as crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-120}"
if ! command -v clang++ >/dev/null; then
  echo "fuzz-json.sh: needs clang++ and libFuzzer: apt-get install clang libclang-rt-14-dev" >&2
  exit 2
fi
out=build-fuzz
mkdir -p "$out/seeds"
clang++ -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined \
  -Iengine/include -Iengine/src -Itests/support \
  tests/engine/json_fuzz.cpp engine/src/json.cpp engine/src/value.cpp engine/src/python.cpp engine/src/rule.cpp \
  -lsimdjson -lgtest -o "$out/json_fuzz"
# One seed per corpus line (the first 200 of each file).
for f in ../shared/corpus/*/*.jsonl; do
  head -n 200 "$f" | split -l 1 - "$out/seeds/$(basename "$f" .jsonl)_"
done
printf '%s\n' '"\""' '"\\\\"' '"\\\\u"' '"{"' '"}"' '"["' '"]"' '":"' '","' '"true"' '"false"' '"null"' \
  '"NaN"' '"Infinity"' '"-"' '"e"' '"."' >"$out/json.dict"
cd "$out"
./json_fuzz -max_total_time="$seconds" -max_len=4096 -dict=json.dict seeds
