// The two rules that read stacks: SignatureGenerationRule and SignatureRunWatchDog.
#pragma once

#include <optional>
#include <string_view>

#include "c_signature_tool.h"
#include "crashsig/plugin.h"
#include "crashsig/rule.h"

namespace crashsig::stack {

// The signature from the crashing thread's stack: a Java stack trace or Java
// exception when the crash has one, else the C/C++/Rust frames. Also records the
// normalized frames as the extras "proto_signature" and "normalized_frames".
class SignatureGenerationRule : public Rule {
 public:
  static const std::string_view kDoc;

  explicit SignatureGenerationRule(CSignatureTool tool) : tool_(std::move(tool)) {}

  std::string_view name() const override { return "SignatureGenerationRule"; }
  std::string_view doc() const override { return kDoc; }
  void action(const Value& crash, Result& result) const override { generate(crash, result, std::nullopt); }

  // The action, reading the frames of `thread` instead of the crash's crashing
  // thread when given (Socorro runs it on a copy of the crash data with
  // crashing_thread overridden).
  void generate(const Value& crash, Result& result, std::optional<py::Int> thread) const;

  const CSignatureTool& tool() const { return tool_; }

 private:
  CSignatureTool tool_;
};

// Shutdown hangs are crashes forced on purpose when the main thread stops
// responding: the signature is rebuilt from thread 0 and prefixed "shutdownhang".
class SignatureRunWatchDog : public Rule {
 public:
  static const std::string_view kDoc;

  explicit SignatureRunWatchDog(CSignatureTool tool) : generation_(std::move(tool)) {}

  std::string_view name() const override { return "SignatureRunWatchDog"; }
  std::string_view doc() const override { return kDoc; }
  bool predicate(const Value& crash, const Result& result) const override;
  void action(const Value& crash, Result& result) const override;

  const SignatureGenerationRule& generation() const { return generation_; }

 private:
  SignatureGenerationRule generation_;
};

// Registers both rules, made with the lists of the config's lists directory: the
// rules of one ruleset share one compiled copy (shared_signature_lists).
void register_stack_rules(RuleRegistrar& registrar);

}  // namespace crashsig::stack
