// crashsig/dsl/compiler.h — syntax tree to a runnable Rule, and the front door
// that reads, parses and compiles a rule file.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "crashsig/dsl/ast.h"
#include "crashsig/dsl/diagnostic.h"
#include "crashsig/rule.h"

namespace crashsig::dsl {

// What a rule file can reach outside itself.
struct Environment {
  // Creates a native rule for `rerun`, or throws ConfigError (RuleConfig::create_rule).
  std::function<std::shared_ptr<const Rule>(std::string_view rule_name)> create_rule;
};

// Resolves every name of the rule (crash fields, variables, functions, exception
// kinds, rules to rerun) and returns the rule. Throws CompileError naming the
// place of the first problem, with the nearest known name when there is one.
std::unique_ptr<Rule> compile(const ast::RuleFile& file, const Source& source, const Environment& environment);

// parse() then compile().
std::unique_ptr<Rule> compile_source(const Source& source, const Environment& environment);

// Reads a rule file and compiles it. Throws ConfigError when it cannot be read and
// CompileError when it is not a valid rule.
std::unique_ptr<Rule> load_rule_file(const std::string& path, const Environment& environment);

}  // namespace crashsig::dsl
