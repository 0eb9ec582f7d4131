// What the benchmarks share: the corpus lines and engines loaded with Socorro's lists.
#pragma once

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

}  // namespace crashsig::bench
