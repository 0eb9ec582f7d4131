// `crashsig doc`: the default ruleset as Markdown, against a golden file.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace crashsig::test
