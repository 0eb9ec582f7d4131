// Throughput of signature generation on one core, and the cost of loading a ruleset.
//
//   build/signify_bench                      # default ruleset, Socorro's lists
//   build/signify_bench --benchmark_filter=Typed
//
// BM_SignifyTyped reads ../shared/corpus/synthetic/typed.jsonl once, then measures
// parse + generate for every line (items/s = crashes/s).
#include <benchmark/benchmark.h>

#include "bench_support.h"

namespace {

using crashsig::bench::load;
using crashsig::bench::signify_corpus;

void BM_SignifyTyped(benchmark::State& state) { signify_corpus(state, "default", "synthetic/typed.jsonl"); }
void BM_SignifyTypedSocorroCurrent(benchmark::State& state) {
  signify_corpus(state, "socorro-current", "synthetic/typed.jsonl");
}
void BM_SignifyProcessed(benchmark::State& state) { signify_corpus(state, "default", "synthetic/processed.jsonl"); }

void BM_LoadDefaultRuleset(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(load("default"));
}

BENCHMARK(BM_SignifyTyped)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SignifyTypedSocorroCurrent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SignifyProcessed)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadDefaultRuleset)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
