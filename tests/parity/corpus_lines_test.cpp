// test::CorpusLines, which the parity and rule replay tests read the reference data
// with, on corpus copies cut short: a corpus and an expected file that do not line
// up must fail the test, whichever of the two is longer.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_runner.h"
#include "test_support.h"

namespace crashsig::test {
namespace {

const std::string kCorpus = "synthetic/typed.jsonl";

// The first `count` lines of `path`, written to a scratch file.
std::string first_lines(const std::string& path, std::size_t count, const std::string& name) {
  const std::vector<std::string> all = lines(read_file(path));
  EXPECT_GE(all.size(), count) << path;
  std::string text;
  for (std::size_t i = 0; i < count && i < all.size(); ++i) text += all[i] + "\n";
  const std::string copy = scratch_dir("corpus-lines-" + name) + "/" + name;
  write_file(copy, text);
  return copy;
}

struct Reading {
  std::size_t lines = 0;  // CorpusLines::number() at the end
  std::vector<std::string> failures;
  bool fatal = false;
};

// Reads the pair to the end as the parity tests do (reading each expected line
// when `read_expected`), catching the failures it reports instead of failing
// this test.
Reading read_through(const std::string& corpus, const std::string& expected, bool read_expected = true) {
  Reading r;
  testing::TestPartResultArray results;
  {
    testing::ScopedFakeTestPartResultReporter catcher(
        testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    CorpusLines pair(corpus, expected);
    while (pair.next()) {
      if (read_expected) pair.expected();
    }
    r.lines = pair.number();
  }
  for (int i = 0; i < results.size(); ++i) {
    r.failures.push_back(results.GetTestPartResult(i).message());
    r.fatal |= results.GetTestPartResult(i).fatally_failed();
  }
  return r;
}

TEST(CorpusLines, ReadsAPairThatLinesUpWithoutComplaint) {
  const std::string corpus = first_lines(shared_path("corpus/" + kCorpus), 10, "corpus.jsonl");
  const std::string expected = first_lines(shared_path("expected/default/" + kCorpus), 10, "expected.jsonl");
  const Reading r = read_through(corpus, expected);
  EXPECT_EQ(r.lines, 10u);
  EXPECT_EQ(r.failures, std::vector<std::string>{});
}

TEST(CorpusLines, FailsWhenTheExpectedFileHasMoreLinesThanItsCorpus) {
  const std::string expected = shared_path("expected/default/" + kCorpus);
  const std::size_t expected_lines = lines(read_file(expected)).size();
  ASSERT_GT(expected_lines, 10u) << expected;
  const std::string truncated = first_lines(shared_path("corpus/" + kCorpus), 10, "truncated.jsonl");
  const Reading r = read_through(truncated, expected);
  EXPECT_EQ(r.lines, 10u);
  ASSERT_EQ(r.failures.size(), 1u) << "no failure for an expected file longer than its corpus";
  EXPECT_TRUE(r.fatal);
  const std::string why = expected + " has " + std::to_string(expected_lines) + " lines, more than the 10 of " + truncated;
  EXPECT_NE(r.failures[0].find(why), std::string::npos) << r.failures[0];
}

TEST(CorpusLines, FailsWhenTheExpectedFileEndsBeforeItsCorpus) {
  const std::string corpus = first_lines(shared_path("corpus/" + kCorpus), 10, "corpus.jsonl");
  const std::string truncated = first_lines(shared_path("expected/default/" + kCorpus), 7, "truncated.jsonl");
  const Reading r = read_through(corpus, truncated);
  EXPECT_EQ(r.lines, 8u);
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_TRUE(r.fatal);
  const std::string why = truncated + " ends before line 8 of " + corpus;
  EXPECT_NE(r.failures[0].find(why), std::string::npos) << r.failures[0];
}

// Tests that compare with something other than the reference (the rule-file
// parity test) read the expected file only to keep the pair in step.
TEST(CorpusLines, ParsesAnExpectedLineOnlyWhenItIsRead) {
  const std::string corpus = first_lines(shared_path("corpus/" + kCorpus), 3, "corpus.jsonl");
  const std::string expected = scratch_dir("corpus-lines-not-json") + "/expected.jsonl";
  write_file(expected, "{}\nnot json\n{}\n");
  const Reading unread = read_through(corpus, expected, false);
  EXPECT_EQ(unread.lines, 3u);
  EXPECT_EQ(unread.failures, std::vector<std::string>{});

  const Reading read = read_through(corpus, expected);
  EXPECT_EQ(read.lines, 2u);
  ASSERT_EQ(read.failures.size(), 1u) << show(read.failures);
  EXPECT_TRUE(read.fatal);
  EXPECT_NE(read.failures[0].find(expected + ":2: "), std::string::npos) << read.failures[0];
}

}  // namespace
}  // namespace crashsig::test
