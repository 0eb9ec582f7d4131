// Every load-time error message, against golden files in tests/engine/golden/.
// Set CRASHSIG_UPDATE_GOLDEN=1 to rewrite the golden files from the current messages.
#include <gtest/gtest.h>


#include "crashsig/engine.h"
#include "cli_runner.h"
#include "test_support.h"

namespace crashsig {
namespace {


// The message with machine-specific directories replaced by stable names.
std::string stable(std::string message) {
  message = test::replace_all(message, test::source_path("tests/engine/rulesets"), "rulesets");
  message = test::replace_all(message, test::source_path("tests/engine"), "tests/engine");
  message = test::replace_all(message, TEST_PLUGIN_DIR, "<plugins>");
  return message;
}

std::string load_error(const EngineOptions& options) {
  try {
    Engine::load(options);
  } catch (const LoadError& e) {
    return stable(e.what());
  }
  return "(no error)";
}

void expect_golden(const std::string& name, const std::string& message) {
  test::expect_golden("tests/engine/golden/" + name + ".txt", message + "\n");
}

class RulesetError : public testing::TestWithParam<const char*> {};

TEST_P(RulesetError, MatchesGolden) {
  EngineOptions o;
  o.ruleset = test::source_path(std::string("tests/engine/rulesets/") + GetParam() + ".yaml");
  o.plugin_dirs = {std::string(TEST_PLUGIN_DIR) + "/test-rules"};
  expect_golden(GetParam(), load_error(o));
}

INSTANTIATE_TEST_SUITE_P(Golden, RulesetError,
                         testing::Values("bad-yaml", "bad-unknown-rule", "bad-unknown-key", "bad-no-rules",
                                         "bad-rules-not-list", "bad-options", "bad-entry-key",
                                         "bad-siglists", "bad-config", "bad-plugin-missing",
                                         "bad-not-a-mapping", "bad-empty-rules"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) if (c == '-') c = '_';
                           return n;
                         });

TEST(PluginError, WrongApiVersion) {
  EngineOptions o;
  o.ruleset = test::source_path("tests/engine/rulesets/two-appends.yaml");
  o.plugin_dirs = {std::string(TEST_PLUGIN_DIR) + "/test-wrong-version"};
  expect_golden("plugin-wrong-version", load_error(o));
}

TEST(PluginError, NoEntryPoint) {
  EngineOptions o;
  o.ruleset = test::source_path("tests/engine/rulesets/two-appends.yaml");
  o.plugin_dirs = {std::string(TEST_PLUGIN_DIR) + "/test-no-entry"};
  expect_golden("plugin-no-entry", load_error(o));
}

TEST(PluginError, MissingPluginDirectory) {
  EngineOptions o;
  o.ruleset = test::source_path("tests/engine/rulesets/two-appends.yaml");
  o.plugin_dirs = {std::string(TEST_PLUGIN_DIR) + "/no-such-dir"};
  expect_golden("plugin-missing-dir", load_error(o));
}

TEST(RulesetError, ListWithARegexRe2Rejects) {
  EngineOptions o;
  o.ruleset = test::source_path("tests/engine/rulesets/bad-regex-list.yaml");
  o.plugin_dirs = {test::binary_path("lib/crashsig/plugins")};
  expect_golden("bad-regex-list", load_error(o));
}

TEST(RulesetError, UnknownRulesetName) {
  EngineOptions o;
  o.ruleset = "socorro-curent";
  std::string message = load_error(o);
  EXPECT_EQ(message.substr(0, message.find(';')),
            "unknown ruleset 'socorro-curent' (did you mean 'socorro-current'?)");
}

}  // namespace
}  // namespace crashsig
