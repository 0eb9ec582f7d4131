// Rules taken straight from plugin libraries in the build tree, without a
// ruleset or an engine, so that one rule can be run on its own.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/plugin.h"

namespace crashsig::test {

class PluginRules {
 public:
  // Loads build/lib/crashsig/plugins/<name>.so for each name. The libraries stay
  // loaded until the process ends, so rules made here may live anywhere.
  explicit PluginRules(const std::vector<std::string>& plugin_names);

  // A new instance of `rule_name`, configured with no options; nullptr (and a test
  // failure) when no loaded plugin offers it.
  std::unique_ptr<Rule> make(std::string_view rule_name) const;
  // Registered rule names with the doc text each was registered with.
  const std::map<std::string, std::string, std::less<>>& docs() const { return docs_; }

 private:
  std::map<std::string, RuleFactory, std::less<>> factories_;
  std::map<std::string, std::string, std::less<>> docs_;
};

// The rules of this suite's two plugins.
const PluginRules& annotation_and_cleanup_rules();

}  // namespace crashsig::test
