#include "dsl_test_support.h"

#include <gtest/gtest.h>

namespace crashsig::dsl::test {

std::string rule_text(std::string_view when, std::string_view then) {
  std::string text = "rule T\ndoc \"\"\"A test rule.\"\"\"\n";
  if (!when.empty()) text.append("when ").append(when).append("\n");
  text.append("then\n").append(then).append("\n");
  return text;
}

std::unique_ptr<Rule> compile_text(const std::string& text, const Environment& environment) {
  return compile_source(Source{"test.rule", text}, environment);
}

Result run(const Rule& rule, std::string_view crash_json, std::string signature) {
  Document doc;
  JsonReader reader;
  std::string error;
  if (!reader.parse(crash_json, doc, error)) {
    ADD_FAILURE() << "bad crash JSON: " << error;
    return Result(true);
  }
  Result result(true);
  result.signature = std::move(signature);
  try {
    if (rule.predicate(doc.root(), result)) rule.action(doc.root(), result);
  } catch (const std::exception& e) {
    result.note(rule.name(), std::string("Rule failed: ") + e.what());
  }
  return result;
}

Result run_rule(std::string_view when, std::string_view then, std::string_view crash_json, std::string signature) {
  return run(*compile_text(rule_text(when, then)), crash_json, std::move(signature));
}

std::string notes(const Result& result) {
  std::string all;
  for (const auto& n : result.notes) all += (all.empty() ? "" : "\n") + n;
  return all;
}

std::string value_of(std::string_view expression, std::string_view crash_json) {
  Result r = run_rule("", "stomp " + std::string(expression), crash_json);
  return r.notes.empty() ? r.signature : notes(r);
}

namespace {

class StubSignatureGeneration : public Rule {
 public:
  std::string_view name() const override { return "SignatureGenerationRule"; }
  std::string_view doc() const override { return "A stand-in for the stack rule."; }
  void action(const Value&, Result& result) const override { result.set_signature(name(), "stub"); }
};

}  // namespace

const Environment& stub_environment() {
  static const Environment environment{[](std::string_view name) -> std::shared_ptr<const Rule> {
    if (name != "SignatureGenerationRule") throw ConfigError("unknown rule '" + std::string(name) + "'");
    return std::make_shared<StubSignatureGeneration>();
  }};
  return environment;
}

}  // namespace crashsig::dsl::test
