// Ruleset files: which rules run, in which order, with which options and lists.
//
//   description: Socorro's thirteen rules.
//   siglists: ../siglists          # relative to this file
//   rules:
//     - SignatureGenerationRule    # a rule by name, found in the plugin directories
//     - rule: SigTruncate          # or a mapping, to give options or a plugin file
//       options: {max_length: 255}
//       plugin: ../plugins/crashsig-cleanup.so
//     - file: oom.rule             # a rule file, compiled by the plugin that loads its kind
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "crashsig/value.h"

namespace crashsig::detail {

struct RuleEntry {
  std::string name;          // empty for a rule file until it is loaded
  std::string file_path;     // a rule file (absolute), instead of a rule name
  int line = 0;              // 1-based line of the entry in the ruleset file
  Value options;             // an object; lives in RulesetSpec::arena
  std::string plugin_path;   // empty: look the rule up in the plugin directories
};

struct RulesetSpec {
  std::string path;          // the ruleset file
  std::string dir;           // its directory
  std::string description;
  std::string siglists_dir;  // absolute; empty when the ruleset names none
  int siglists_line = 0;
  std::vector<RuleEntry> rules;
  std::shared_ptr<Arena> arena = std::make_shared<Arena>();
};

// Reads and checks a ruleset file. Throws LoadError "file:line: what is wrong".
RulesetSpec read_ruleset(const std::string& path);

}  // namespace crashsig::detail
