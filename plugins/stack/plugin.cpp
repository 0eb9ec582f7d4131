// crashsig-stack: the rules that build signatures from stacks.
#include <memory>

#include "crashsig/plugin.h"
#include "siglists.h"
#include "stack_rules.h"

namespace {

using crashsig::RuleConfig;
using crashsig::stack::CSignatureTool;
using crashsig::stack::SignatureLists;

// Socorro's SignatureRunWatchDog builds its own SignatureGenerationRule with the
// lists bundled with Socorro, whatever lists the caller chose, and its debug log
// says so. Here the lists in force stand in for the bundled ones; a nested rule
// (re-run by another rule, as the rule language's SignatureRunWatchDog does) logs
// the same line as Socorro's.
constexpr const char* kIncludedListsNote = "using included signature lists";

std::unique_ptr<crashsig::Rule> make_generation_rule(const RuleConfig& config) {
  CSignatureTool tool(SignatureLists::read(config.siglists_dir),
                      config.nested ? kIncludedListsNote : "using signature lists from " + config.siglists_dir);
  return std::make_unique<crashsig::stack::SignatureGenerationRule>(std::move(tool));
}

std::unique_ptr<crashsig::Rule> make_run_watchdog(const RuleConfig& config) {
  CSignatureTool tool(SignatureLists::read(config.siglists_dir), kIncludedListsNote);
  return std::make_unique<crashsig::stack::SignatureRunWatchDog>(std::move(tool));
}

void register_rules(crashsig::RuleRegistrar& registrar) {
  registrar.add("SignatureGenerationRule", crashsig::stack::SignatureGenerationRule::kDoc,
                make_generation_rule);
  registrar.add("SignatureRunWatchDog", crashsig::stack::SignatureRunWatchDog::kDoc, make_run_watchdog);
}

}  // namespace

CRASHSIG_PLUGIN("crashsig-stack", register_rules)
