// Throughput of signature generation on one core, and the cost of loading a ruleset.
//
//   build/signify_bench                      # default ruleset, Socorro's lists
//   build/signify_bench --benchmark_filter=Typed
//
// BM_SignifyTyped reads ../shared/corpus/synthetic/typed.jsonl once, then measures
// parse + generate for every line (items/s = crashes/s).
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "bench_support.h"

namespace {

using crashsig::bench::kShared;
using crashsig::bench::load;
using crashsig::bench::read_lines;



void signify_corpus(benchmark::State& state, const std::string& ruleset, const std::string& corpus) {
  auto engine = load(ruleset);
  auto lines = read_lines(kShared + "/corpus/" + corpus);
  crashsig::Signifier signifier(*engine);
  std::size_t bytes = 0;
  for (const auto& l : lines) bytes += l.size();
  for (auto _ : state) {
    for (const auto& l : lines) {
      crashsig::Result r = signifier.signify(crashsig::PaddedJson(l));
      benchmark::DoNotOptimize(r.signature.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * lines.size());
  state.SetBytesProcessed(state.iterations() * bytes);
}

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
