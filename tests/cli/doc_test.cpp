// `crashsig doc`: the default ruleset as Markdown, against a golden file.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "cli_runner.h"
#include "fixtures.h"

namespace crashsig::test {
namespace {

TEST(Doc, DefaultRulesetAsMarkdown) {
  const Outcome r = run_crashsig("doc");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(lines(r.out)[0], "# Signature generation ruleset: default");
  EXPECT_NE(r.out.find("\n13. Rule: **SigTruncate**\n"), std::string::npos);
  expect_golden(golden("doc-default.md"), r.out);
}

TEST(Doc, TheRulesetAsArgumentOrOption) {
  const Outcome positional = run_crashsig("doc socorro-current");
  ASSERT_EQ(positional.status, 0) << positional.err;
  EXPECT_NE(positional.out.find("Rule: **HungProcess**"), std::string::npos);
  EXPECT_EQ(run_crashsig("doc --ruleset socorro-current").out, positional.out);
  EXPECT_EQ(run_crashsig("doc --ruleset default socorro-current").status, 2);
  EXPECT_EQ(run_crashsig("doc no-such-ruleset").status, 2);
}

TEST(Commands, EveryHelpTeaches) {
  for (const char* command : {"explain", "lint", "diff", "signature", "fetch-ids", "doc"}) {
    const Outcome r = run_crashsig(std::string(command) + " --help");
    EXPECT_EQ(r.status, 0) << command;
    EXPECT_NE(r.out.find("Example"), std::string::npos) << command << ":\n" << r.out;
    EXPECT_NE(r.out.find("Exit status"), std::string::npos) << command;
  }
}

// Help is prose: it says "standard input". "<stdin>" is only what messages and
// reports call it where a file name stands.
TEST(Commands, HelpSaysStandardInput) {
  for (const char* command : {"signify", "explain", "diff", "signature"}) {
    const std::string help = run_crashsig(std::string(command) + " --help").out;
    EXPECT_NE(help.find("standard input"), std::string::npos) << command;
    EXPECT_EQ(help.find("stdin"), std::string::npos) << command << ":\n" << help;
  }
}

// The commands that write reports declare --format alike: its help names each value
// the option accepts (CLI11 lists them as {text,...}), in the same words.
TEST(Commands, FormatHelpNamesWhatTheOptionAccepts) {
  for (const char* command : {"diff", "explain", "signature"}) {
    const std::vector<std::string> help = lines(run_crashsig(std::string(command) + " --help").out);
    const auto option = std::find_if(help.begin(), help.end(), [](const std::string& line) {
      return line.find("--format TEXT:{") != std::string::npos;
    });
    ASSERT_TRUE(option != help.end() && option + 1 != help.end()) << command;
    const std::string& description = *(option + 1);
    const std::size_t open = option->find('{');
    std::stringstream accepted(option->substr(open + 1, option->find('}') - open - 1));
    for (std::string value; std::getline(accepted, value, ',');)
      EXPECT_NE(description.find(value), std::string::npos) << command << ": " << value << " in " << description;
    EXPECT_NE(description.find("Output format: text, "), std::string::npos) << command << ": " << description;
    EXPECT_NE(description.find("markdown (to paste into a bug)"), std::string::npos) << command << ": " << description;
    EXPECT_EQ(run_crashsig(std::string(command) + " --format yaml").status, 2) << command;
  }
}

}  // namespace
}  // namespace crashsig::test
