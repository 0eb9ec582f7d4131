// docs/rule-language.md quotes every shipped rule file as a worked example; the
// quotes must be the files as they are.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_runner.h"
#include "test_support.h"

namespace {

using crashsig::test::read_file;

TEST(Docs, QuoteTheShippedRuleFiles) {
  const std::string docs = read_file(crashsig::test::source_path("docs/rule-language.md"));
  ASSERT_FALSE(docs.empty());
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(crashsig::test::source_path("rulesets/socorro"))) {
    ++files;
    EXPECT_NE(docs.find("```\n" + read_file(e.path().string()) + "```\n"), std::string::npos)
        << e.path().filename() << " is not quoted as it is in docs/rule-language.md";
  }
  EXPECT_EQ(files, 11);
}

}  // namespace
