// Rule files in the engine: the crashsig-rule-language plugin loads them from a
// ruleset, they take the place of the native rules, and a rule file that fails at
// run time is reported as a native rule is, the pipeline going on.
#include <gtest/gtest.h>

#include "crashsig/engine.h"
#include "crashsig/python.h"
#include "test_support.h"

namespace crashsig {
namespace {

std::unique_ptr<Engine> load(const std::string& ruleset) {
  EngineOptions options;
  options.ruleset = ruleset;
  options.siglists_dir = test::shared_path("siglists/socorro-7e28d72b5");
  return Engine::load(options);
}

Result sign(const Engine& engine, std::string_view json) {
  Signifier signifier(engine);
  return signifier.signify(json, true);
}

TEST(RuleFiles, SocorroDslHasTheRulesOfSocorroCurrent) {
  auto dsl = load("socorro-dsl");
  auto native = load("socorro-current");
  ASSERT_EQ(dsl->rules().size(), native->rules().size());
  for (std::size_t i = 0; i < dsl->rules().size(); ++i) {
    const RuleInfo& d = dsl->rules()[i];
    EXPECT_EQ(d.name, native->rules()[i].name);
    EXPECT_FALSE(d.doc.empty()) << d.name;
    const bool from_file = d.name != "SignatureGenerationRule" && d.name != "SigPrintableCharsOnly" &&
                           d.name != "SigFixWhitespace" && d.name != "SigTruncate";
    EXPECT_EQ(d.plugin.find("crashsig-rule-language") != std::string::npos, from_file) << d.name << " " << d.plugin;
  }
}

TEST(RuleFiles, ARuntimeFailureIsNotedAndThePipelineGoesOn) {
  auto engine = load("socorro-dsl");
  Result r = sign(*engine, R"({"oom_allocation_size":"abc","hang":true,"threads":[{"frames":[{"function":"foo"}]}]})");
  EXPECT_EQ(r.signature, "hang: True | foo");  // HungProcess ran after OOMSignature failed
  EXPECT_EQ(r.notes, std::vector<std::string>{"OOMSignature: Rule failed: invalid literal for int() with base 10: 'abc'"});

  Result native = sign(*load("socorro-current"),
                       R"({"oom_allocation_size":"abc","hang":true,"threads":[{"frames":[{"function":"foo"}]}]})");
  EXPECT_EQ(r.signature, native.signature);
  EXPECT_EQ(r.notes, native.notes);
  EXPECT_EQ(r.debug_log, native.debug_log);
}

// The pipeline edge cases of QUIRKS.md give the reference's signature and notes.
TEST(RuleFiles, QuirksGiveTheReferenceOutput) {
  auto engine = load("socorro-dsl");
  std::size_t checked = 0;
  for (const auto& doc : test::read_jsonl(test::shared_path("vectors/quirks/quirks.jsonl"))) {
    const Value& quirk = doc->root();
    if (!py::equals(quirk.get("mode"), "pipeline")) continue;
    const Value& want = quirk.get("observed").get("socorro:HEAD");
    Result r = sign(*engine, quirk.get("input_line").as_string());
    EXPECT_EQ(r.signature, want.get("signature").as_string()) << quirk.get("id").as_string();
    const Value* notes = want.find("notes");
    EXPECT_EQ(r.notes, notes ? test::strings(*notes) : std::vector<std::string>{}) << quirk.get("id").as_string();
    ++checked;
  }
  EXPECT_GT(checked, 80u);
}

}  // namespace
}  // namespace crashsig
