// crashsig/rule.h — the interface every signature rule implements.
//
// A ruleset is an ordered list of rules. For each crash the engine asks every rule,
// in order, `predicate()` and, when it says yes, runs `action()`, which edits the
// Result. Rules are created once and then shared by all threads: both methods are
// const and must not keep per-crash state.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "crashsig/export.h"
#include "crashsig/result.h"
#include "crashsig/value.h"

// Everything the library declares here is part of its ABI (see export.h).
#pragma GCC visibility push(default)

namespace crashsig {

class Rule {
 public:
  virtual ~Rule();

  // The name used in rulesets, notes and the debug log ("OOMSignature").
  virtual std::string_view name() const = 0;
  // What the rule does, for people reading a ruleset's documentation.
  virtual std::string_view doc() const = 0;

  // Whether action() should run for this crash. The default is always.
  virtual bool predicate(const Value& crash, const Result& result) const;
  virtual void action(const Value& crash, Result& result) const = 0;
};

// A rule that cannot go on for this crash throws RuleError (or any std::exception);
// the engine turns it into the note "<Rule>: Rule failed: <what()>" and runs the
// next rule, as Socorro does. `kind` is the Python exception class the reference
// raises in the same spot ("TypeError"), for tools that group failures.
class RuleError : public std::runtime_error {
 public:
  RuleError(std::string kind, const std::string& message)
      : std::runtime_error(message), kind_(std::move(kind)) {}
  const std::string& kind() const { return kind_; }

 private:
  std::string kind_;
};

// A rule that cannot be created from its configuration (a bad option, a list file
// with a regex RE2 rejects) throws ConfigError. `where` is "file:line" when known.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace crashsig

#pragma GCC visibility pop
