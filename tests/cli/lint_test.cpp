// `crashsig lint`: one lists directory per finding, each against its golden file
// (tests/cli/golden/lint-NAME.txt), and the exit status: 1 for errors, 0 for
// warnings only.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "cli_runner.h"
#include "crashsig/engine.h"
#include "fixtures.h"

namespace crashsig::test {
namespace {

// Lists without a finding; each case changes one or two files.
const std::map<std::string, std::string> kCleanLists = {
    {"irrelevant_signature_re.txt", "# Skipped frames.\nKiFastSystemCall\nRtlUserThreadStart\n"},
    {"prefix_signature_re.txt", "# Kept frames.\nabort\nmalloc\n"},
    {"signature_sentinels.txt", "fatal_error_handler\n"},
    {"signatures_with_line_numbers_re.txt", "js_Interpret\n"},
};

struct LintCase {
  const char* name;
  std::map<std::string, std::string> files;  // replaced files; "" content: the file is removed
  int status;
};
// gtest prints parameters; the name is enough.
void PrintTo(const LintCase& c, std::ostream* os) { *os << c.name; }

const LintCase kCases[] = {
    {"clean", {}, 0},
    {"regex",
     {{"irrelevant_signature_re.txt", "KiFastSystemCall\nlook(?=ahead)\nunbalanced(paren\n"},
      {"signature_sentinels.txt", "fatal_error_handler\noperator[\n"}},
     1},
    {"utf8", {{"prefix_signature_re.txt", "abort\nmal\xFFloc\n"}}, 1},
    {"python-re2",
     {{"irrelevant_signature_re.txt", "bar\\w\nbaz$\nend\\Z\nfoo\\d+\nqux{,3}\nzed\\z\n"}},
     0},
    {"duplicate", {{"prefix_signature_re.txt", "abort\nmalloc\n\nabort\n"}}, 0},
    {"trailing-dot-star", {{"prefix_signature_re.txt", "abort\nmalloc.*\nrealloc|valloc.*?\n"}}, 0},
    {"order",
     {{"prefix_signature_re.txt",
       "# Group one.\nmalloc\nabort\n\n# Group two.\n(__GI_)?zalloc\n_calloc\n\n"
       "# Group three: a ')' in a class ends no group.\n(op[)]x)?yank\nwait\n"}},
     0},
    {"shadowed-prefix",
     {{"irrelevant_signature_re.txt", "KiFastSystemCall\nmozalloc_\n"},
      {"prefix_signature_re.txt", "abort\nmozalloc_(abort|handle_oom)\nmozalloc_[a-z]+x\n"}},
     0},
    {"sentinel-pattern", {{"signature_sentinels.txt", "fatal_error_handler\nstd::panicking::.*\n"}}, 0},
    {"empty-list", {{"signatures_with_line_numbers_re.txt", "# No entries.\n"}}, 1},
    {"missing-file", {{"signature_sentinels.txt", ""}}, 1},
};

// Writes the case's lists to DIR/lists.
void write_lists(const std::string& dir, const LintCase& c) {
  for (const auto& [name, content] : kCleanLists) {
    auto replaced = c.files.find(name);
    if (replaced == c.files.end()) write_file(dir + "/lists/" + name, content);
    else if (!replaced->second.empty()) write_file(dir + "/lists/" + name, replaced->second);
  }
}

class Lint : public testing::TestWithParam<LintCase> {};

TEST_P(Lint, MatchesGolden) {
  const LintCase& c = GetParam();
  const std::string dir = scratch_dir(std::string("lint-") + c.name);
  write_lists(dir, c);
  const Outcome r = run_crashsig("lint --siglists lists", "", dir);
  EXPECT_EQ(r.status, c.status) << r.out << r.err;
  if (std::string(c.name) != "clean") EXPECT_NE(r.out.find(std::string("[") + c.name + "]"), std::string::npos) << r.out;
  expect_golden(golden(std::string("lint-") + c.name + ".txt"), r.out);
}

INSTANTIATE_TEST_SUITE_P(Findings, Lint, testing::ValuesIn(kCases), [](const auto& info) {
  std::string n = info.param.name;
  for (char& ch : n)
    if (ch == '-') ch = '_';
  return n;
});

TEST(LintRuleset, LoadErrorsAreErrors) {
  const std::string dir = scratch_dir("lint-ruleset");
  write_lists(dir, LintCase{"clean", {}, 0});
  write_file(dir + "/mine.yaml", "siglists: lists\nrules:\n  - SignatureGenerationRule\n  - OOMSignatur\n");
  const Outcome r = run_crashsig("lint mine.yaml", "", dir);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  expect_golden(golden("lint-ruleset.txt"), r.out);
}

TEST(LintRuleset, RuleFileErrorsPointIntoTheFile) {
  const std::string dir = scratch_dir("lint-rule-file");
  write_lists(dir, LintCase{"clean", {}, 0});
  write_file(dir + "/mine.yaml", "siglists: lists\nrules:\n  - SignatureGenerationRule\n  - file: Utility.rule\n");
  write_file(dir + "/Utility.rule",
             "rule Utility\n\ndoc \"\"\"\nMarks utility processes.\n\"\"\"\n\nwhen process_typ == \"utility\"\n\n"
             "then\n    prepend \"utility | \"\n");
  const Outcome r = run_crashsig("lint mine.yaml", "", dir);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  // The rule file's own line and column, not only the ruleset's line.
  EXPECT_EQ(r.out.substr(0, 24), "Utility.rule:7:6: error:") << r.out;
  EXPECT_NE(lines(r.out)[0].find("process_typ"), std::string::npos) << r.out;
  EXPECT_NE(lines(r.out)[0].find("[ruleset]"), std::string::npos) << r.out;
}

// Every rule that does not load is reported, in ruleset order, not only the first.
TEST(LintRuleset, EveryRuleThatDoesNotLoadIsReported) {
  const std::string dir = scratch_dir("lint-every-rule");
  write_lists(dir, LintCase{"clean", {}, 0});
  write_file(dir + "/mine.yaml",
             "siglists: lists\nrules:\n  - file: First.rule\n  - OOMSignatur\n  - SignatureGenerationRule\n"
             "  - file: Second.rule\n");
  const std::string bad_rule = "\n\nwhen process_typ == \"utility\"\n\nthen\n    prepend \"x | \"\n";
  write_file(dir + "/First.rule", "rule First" + bad_rule);
  write_file(dir + "/Second.rule", "rule Second" + bad_rule);
  const Outcome r = run_crashsig("lint mine.yaml", "", dir);
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  std::vector<std::string> errors;
  for (const std::string& line : lines(r.out))
    if (line.find(": error: ") != std::string::npos) errors.push_back(line);
  ASSERT_EQ(errors.size(), 3u) << r.out;
  EXPECT_EQ(errors[0].rfind("First.rule:3:1: error: expected 'doc'", 0), 0u) << errors[0];
  EXPECT_NE(errors[1].find("mine.yaml:4: error: unknown rule 'OOMSignatur'"), std::string::npos) << errors[1];
  EXPECT_EQ(errors[2].rfind("Second.rule:3:1: error: expected 'doc'", 0), 0u) << errors[2];
  EXPECT_NE(r.out.find("3 errors"), std::string::npos) << r.out;
}

// check_ruleset() hands lint the lists directory it found, so lint reads the
// ruleset once: also when a rule or the plugins do not load, but not when the
// lists directory does not exist.
TEST(LintRuleset, TheCheckGivesTheFilesItFound) {
  const std::string dir = scratch_dir("lint-check-files");
  write_lists(dir, LintCase{"clean", {}, 0});
  write_file(dir + "/mine.yaml", "siglists: lists\nrules:\n  - OOMSignatur\n");
  const std::string lists = std::filesystem::weakly_canonical(dir + "/lists").string();
  EngineOptions o;
  o.ruleset = dir + "/mine.yaml";
  RulesetCheck check = check_ruleset(o);
  EXPECT_EQ(check.files.ruleset_path, o.ruleset);
  EXPECT_EQ(check.files.siglists_dir, lists);
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_NE(std::string(check.errors[0].what()).find("unknown rule 'OOMSignatur'"), std::string::npos);

  o.plugin_dirs = {dir + "/no-plugins"};
  check = check_ruleset(o);
  EXPECT_EQ(check.files.siglists_dir, lists);
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_NE(std::string(check.errors[0].what()).find("no-plugins"), std::string::npos) << check.errors[0].what();

  o.plugin_dirs.clear();
  write_file(dir + "/mine.yaml", "siglists: no-lists\nrules:\n  - SignatureGenerationRule\n");
  check = check_ruleset(o);
  EXPECT_EQ(check.files.siglists_dir, "");
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_NE(std::string(check.errors[0].what()).find("signature lists directory"), std::string::npos)
      << check.errors[0].what();
}

TEST(LintRuleset, TheShippedRulesetsLoad) {
  for (const char* ruleset : {"default", "socorro-current", "socorro-dsl"}) {
    const Outcome r = run_crashsig(std::string("lint ") + ruleset);
    EXPECT_EQ(r.status, 0) << ruleset << ":\n" << r.out << r.err;
  }
}

}  // namespace
}  // namespace crashsig::test
