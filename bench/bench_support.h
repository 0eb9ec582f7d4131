// What the benchmarks share: the corpus lines, engines loaded with Socorro's lists,
// and signing a whole corpus as the CLI does.
#pragma once

#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "crashsig/engine.h"

namespace crashsig::bench {

inline const std::string kShared = CRASHSIG_SHARED_DIR;

// The non-empty lines of a JSON Lines file, each with room for simdjson's padding
// (PaddedJson), as the CLI reads them.
inline std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string l; std::getline(in, l);) {
    if (l.empty()) continue;
    reserve_json_padding(l);
    lines.push_back(std::move(l));
  }
  return lines;
}

// A ruleset loaded with ../shared's copy of Socorro's lists, as the parity tests run.
inline std::unique_ptr<Engine> load(const std::string& ruleset) {
  EngineOptions o;
  o.ruleset = ruleset;
  o.siglists_dir = kShared + "/siglists/socorro-7e28d72b5";
  return Engine::load(o);
}

// Parse + generate for every line of ../shared/corpus/<corpus>, each line parsed
// where it lies (PaddedJson), as signify does: items/s = crashes/s.
inline void signify_corpus(benchmark::State& state, const std::string& ruleset, const std::string& corpus) {
  auto engine = load(ruleset);
  auto lines = read_lines(kShared + "/corpus/" + corpus);
  Signifier signifier(*engine);
  std::size_t bytes = 0;
  for (const auto& l : lines) bytes += l.size();
  for (auto _ : state) {
    for (const auto& l : lines) {
      Result r = signifier.signify(PaddedJson(l));
      benchmark::DoNotOptimize(r.signature.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * lines.size());
  state.SetBytesProcessed(state.iterations() * bytes);
}

}  // namespace crashsig::bench
