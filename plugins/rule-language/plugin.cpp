// crashsig-rule-language: rules written in the rule language. A ruleset lists a
// rule file as `- file: path/to/Name.rule`; this plugin compiles it when the
// ruleset loads. Errors are ConfigErrors whose message is the full diagnostic
// (file:line:column, the source line, a caret, what was expected).
#include "crashsig/dsl/compiler.h"
#include "crashsig/plugin.h"

namespace {

void register_rules(crashsig::RuleRegistrar& registrar) {
  registrar.add_file_loader(".rule", [](const std::string& path, const crashsig::RuleConfig& config) {
    if (config.options.size() != 0) throw crashsig::ConfigError(path + ": a rule file takes no options");
    // create_rule is valid only while this loader runs: the compiler calls it now,
    // for each `rerun`, and keeps the rules it returns.
    return crashsig::dsl::load_rule_file(path, crashsig::dsl::Environment{config.create_rule});
  });
}

}  // namespace

CRASHSIG_PLUGIN("crashsig-rule-language", register_rules)
