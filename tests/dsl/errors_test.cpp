// Every load-time error message of the rule language against a golden file in
// tests/dsl/golden/: one rule file per error in tests/dsl/errors/, compiled
// directly, plus rulesets that show how the engine reports a bad rule file.
// Set CRASHSIG_UPDATE_GOLDEN=1 to rewrite the golden files from the current messages.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "crashsig/dsl/compiler.h"
#include "crashsig/engine.h"
#include "cli_runner.h"
#include "dsl_test_support.h"
#include "test_support.h"

namespace crashsig::dsl {
namespace {

namespace fs = std::filesystem;

void expect_golden(const std::string& name, const std::string& message) {
  crashsig::test::expect_golden("tests/dsl/golden/" + name + ".txt", message + "\n");
}

std::vector<std::string> error_files() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(crashsig::test::source_path("tests/dsl/errors")))
    if (e.path().extension() == ".rule") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class RuleFileError : public testing::TestWithParam<std::string> {};

TEST_P(RuleFileError, MatchesGolden) {
  const std::string name = GetParam();
  const Source source{"errors/" + name + ".rule",
                      crashsig::test::read_file(crashsig::test::source_path("tests/dsl/errors/" + name + ".rule"))};
  std::string message = "(no error)";
  try {
    compile_source(source, test::stub_environment());
  } catch (const CompileError& e) {
    message = e.what();
    // The diagnostic is the message placed at its position.
    EXPECT_NE(message.find(":" + std::to_string(e.position().line) + ":" + std::to_string(e.position().column) +
                           ": error: " + e.message() + "\n"),
              std::string::npos);
  }
  expect_golden(name, message);
}

INSTANTIATE_TEST_SUITE_P(Golden, RuleFileError, testing::ValuesIn(error_files()), [](const auto& info) {
  std::string n = info.param;
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
});

// Every golden file belongs to a case here, so none outlives the error it showed.
TEST(Golden, EveryFileHasItsCase) {
  const std::vector<std::string> errors = error_files();
  for (const auto& e : fs::directory_iterator(crashsig::test::source_path("tests/dsl/golden"))) {
    const std::string name = e.path().stem().string();
    EXPECT_TRUE(name.rfind("engine-", 0) == 0 || std::binary_search(errors.begin(), errors.end(), name))
        << e.path() << " has no rule file in tests/dsl/errors";
  }
}

// Through the engine: the ruleset's place, then the rule file's diagnostic.
std::string engine_error(const std::string& ruleset) {
  EngineOptions options;
  options.ruleset = crashsig::test::source_path("tests/dsl/rulesets/" + ruleset + ".yaml");
  try {
    Engine::load(options);
  } catch (const LoadError& e) {
    std::string message = e.what();
    // Paths relative to tests/dsl, or to the source tree for the shipped rule files.
    for (const std::string dir : {crashsig::test::source_path("tests/dsl/"), crashsig::test::source_path("")})
      for (std::size_t at; (at = message.find(dir)) != std::string::npos;) message.replace(at, dir.size(), "");
    return message;
  }
  return "(no error)";
}

TEST(EngineReportsRuleFileErrors, CompileError) { expect_golden("engine-bad-rule-file", engine_error("bad-rule-file")); }
TEST(EngineReportsRuleFileErrors, UnknownRuleToRerun) {
  expect_golden("engine-bad-rerun-rule", engine_error("bad-rerun-rule"));
}
TEST(EngineReportsRuleFileErrors, MissingFile) {
  expect_golden("engine-bad-missing-file", engine_error("bad-missing-file"));
}
TEST(EngineReportsRuleFileErrors, Options) {
  expect_golden("engine-bad-rule-file-options", engine_error("bad-rule-file-options"));
}

}  // namespace
}  // namespace crashsig::dsl
