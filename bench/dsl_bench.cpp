// What rule files cost: socorro-dsl (annotation rules as rule files) against
// socorro-current (the same rules native) on ../shared/corpus/synthetic/typed.jsonl.
//
//   build/dsl_bench                                  # all
//   build/dsl_bench --benchmark_filter=Pipeline      # the whole pipeline, parse included
//
// BM_Pipeline*: parse + generate for every line, as signify_bench measures it.
// BM_AnnotationRules*: only the ten annotation rules (no stack walk, no clean-up),
//   on crashes parsed beforehand: the language's own overhead, undiluted.
// BM_Load*: loading the ruleset (for socorro-dsl, compiling the ten rule files).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench_support.h"

namespace {

using crashsig::bench::kShared;
using crashsig::bench::load;
using crashsig::bench::read_lines;
using crashsig::bench::signify_corpus;
const std::string kSource = CRASHSIG_SOURCE_DIR;

const char* const kAnnotationRules[] = {
    "StackwalkerErrorSignatureRule", "BadHardware",       "OOMSignature",
    "AbortSignature",                "SignatureShutdownTimeout", "SignatureRunWatchDog",
    "SignatureIPCChannelError",      "SignatureIPCMessageName",  "StackOverflowSignature",
    "HungProcess",
};

// A ruleset of the annotation rules alone, native or as rule files.
std::string annotation_ruleset(bool rule_files) {
  namespace fs = std::filesystem;
  const fs::path path = fs::temp_directory_path() / (rule_files ? "dsl-bench-files.yaml" : "dsl-bench-native.yaml");
  std::ofstream out(path);
  out << "rules:\n";
  for (const char* rule : kAnnotationRules) {
    if (rule_files)
      out << "  - file: " << kSource << "/rulesets/socorro/" << rule << ".rule\n";
    else
      out << "  - " << rule << "\n";
  }
  return path.string();
}

void annotation_rules(benchmark::State& state, bool rule_files) {
  auto engine = load(annotation_ruleset(rule_files));
  std::vector<std::unique_ptr<crashsig::Document>> crashes;
  crashsig::JsonReader reader;
  std::string error;
  for (const auto& l : read_lines(kShared + "/corpus/synthetic/typed.jsonl")) {
    crashes.push_back(std::make_unique<crashsig::Document>());
    reader.parse(l, *crashes.back(), error);
  }
  for (auto _ : state) {
    for (const auto& crash : crashes) {
      crashsig::Result r = engine->generate(crash->root());
      benchmark::DoNotOptimize(r.signature.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * crashes.size());
}

void BM_PipelineSocorroCurrent(benchmark::State& state) {
  signify_corpus(state, "socorro-current", "synthetic/typed.jsonl");
}
void BM_PipelineSocorroDsl(benchmark::State& state) { signify_corpus(state, "socorro-dsl", "synthetic/typed.jsonl"); }
void BM_AnnotationRulesNative(benchmark::State& state) { annotation_rules(state, false); }
void BM_AnnotationRulesRuleFiles(benchmark::State& state) { annotation_rules(state, true); }
void BM_LoadSocorroCurrent(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(load("socorro-current"));
}
void BM_LoadSocorroDsl(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(load("socorro-dsl"));
}

BENCHMARK(BM_PipelineSocorroCurrent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PipelineSocorroDsl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AnnotationRulesNative)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AnnotationRulesRuleFiles)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadSocorroCurrent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadSocorroDsl)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
