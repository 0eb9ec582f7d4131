// crashsig/plugin.h — how a shared library provides rules to the engine.
//
// A plugin is a shared library exporting one C function, `crashsig_plugin_info`,
// that returns a PluginInfo: the plugin API version it was compiled against and a
// callback that registers its rule factories. The engine refuses a library whose
// version differs from its own. A minimal plugin:
//
//   #include "crashsig/plugin.h"
//   class MyRule : public crashsig::Rule { ... };
//   static void register_rules(crashsig::RuleRegistrar& r) {
//     r.add("MyRule", "Prepends 'mine'.", [](const crashsig::RuleConfig&) {
//       return std::unique_ptr<crashsig::Rule>(new MyRule);
//     });
//   }
//   CRASHSIG_PLUGIN("my-rules", register_rules)
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "crashsig/export.h"
#include "crashsig/rule.h"
#include "crashsig/value.h"

// Everything the library declares here is part of its ABI (see export.h).
#pragma GCC visibility push(default)

namespace crashsig {

// Bumped whenever Rule, Result, Value, RuleConfig or RuleRegistrar change shape, or
// a function plugins call moves between the library and the headers (3: Value::find,
// get and truthy became inline; 4: a list extra became a StringList).
inline constexpr std::uint32_t kPluginApiVersion = 4;

class Rule;

// What a rule factory is given: its options from the ruleset and where the
// ruleset's signature lists live.
struct RuleConfig {
  std::string_view rule_name;
  // The rule's `options:` mapping from the ruleset, as a Value (an object; empty
  // when the ruleset gives none). Scalars are strings, as YAML gives them.
  const Value& options;
  // Directory of the signature lists in force (the ruleset's `siglists:` or the
  // caller's override), absolute.
  std::string siglists_dir;
  // Directory holding the ruleset file, to resolve relative paths in options.
  std::string ruleset_dir;
  // Creates another registered rule by name, with no options and these lists, for
  // rules that build on others (a rule file that re-runs SignatureGenerationRule).
  // Throws ConfigError for an unknown name. Only valid while the factory runs.
  std::function<std::shared_ptr<const Rule>(std::string_view rule_name)> create_rule;
  // True for a rule made by create_rule for another rule. Socorro builds such inner
  // rules with their defaults, and some debug logs show it: SignatureRunWatchDog's
  // SignatureGenerationRule reports "using included signature lists".
  bool nested = false;
};

using RuleFactory = std::function<std::unique_ptr<Rule>(const RuleConfig&)>;
// Compiles a rule file (e.g. a .rule file of the rule language) into a Rule.
// Throws ConfigError with a message that names the file, line and column.
using RuleFileLoader = std::function<std::unique_ptr<Rule>(const std::string& path, const RuleConfig&)>;

class RuleRegistrar {
 public:
  virtual ~RuleRegistrar();
  virtual void add(std::string_view rule_name, std::string_view doc, RuleFactory factory) = 0;
  // Registers the loader for rule files whose name ends with `extension` (".rule").
  // Rulesets list such files as `- file: path/to/x.rule`.
  virtual void add_file_loader(std::string_view extension, RuleFileLoader loader) = 0;
};

// Registers rule class R, which takes no options: R has `static constexpr` kName and
// kDoc and a default constructor. A ruleset giving it options fails to load.
template <class R>
void add_rule_without_options(RuleRegistrar& registrar) {
  registrar.add(R::kName, R::kDoc, [](const RuleConfig& config) -> std::unique_ptr<Rule> {
    if (config.options.size() != 0) throw ConfigError(std::string(R::kName) + " takes no options");
    return std::make_unique<R>();
  });
}

extern "C" {
struct PluginInfo {
  std::uint32_t api_version;
  const char* plugin_name;
  void (*register_rules)(crashsig::RuleRegistrar&);
};
}

}  // namespace crashsig

// Name of the entry point the engine looks up in every plugin library.
#define CRASHSIG_PLUGIN_ENTRY "crashsig_plugin_info"

#define CRASHSIG_PLUGIN(name, register_fn)                                  \
  extern "C" CRASHSIG_VISIBLE crashsig::PluginInfo crashsig_plugin_info() { \
    return crashsig::PluginInfo{crashsig::kPluginApiVersion, name, register_fn}; \
  }

#pragma GCC visibility pop
