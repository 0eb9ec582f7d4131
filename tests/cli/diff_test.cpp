// `crashsig diff` on a corpus where a known list change splits, merges and renames
// known groups: lists-before -> lists-after adds a prefix entry (alloc_wrapper:
// one signature splits in two) and irrelevant entries (log_helper and
// trace_helper: two signatures merge into Bar::x; old_entry_point: renamed).
#include <gtest/gtest.h>

#include "cli_runner.h"
#include "fixtures.h"
#include "crashsig/json.h"

namespace crashsig::test {
namespace {

const std::string kArgs = "diff --from-siglists lists-before --to-siglists lists-after diff-corpus.jsonl";

TEST(Diff, FindsTheSplitTheMergeAndTheRename) {
  const Outcome r = run_crashsig(kArgs + " --format json", "", fixture(""));
  ASSERT_EQ(r.status, 0) << r.err;
  JsonReader reader;
  Document doc;
  std::string error;
  ASSERT_TRUE(reader.parse(r.out, doc, error)) << error;
  const Value& root = doc.root();
  EXPECT_EQ(root.get("crashes").as_int(), 15);
  EXPECT_EQ(root.get("changed").as_int(), 12);

  const Value& split = root.get("split");
  ASSERT_EQ(split.size(), 1u);
  EXPECT_EQ(split[0].get("signature").as_string(), "alloc_wrapper");
  EXPECT_EQ(split[0].get("crashes").as_int(), 5);
  ASSERT_EQ(split[0].get("into").size(), 2u);
  EXPECT_EQ(split[0].get("into")[0].get("signature").as_string(), "alloc_wrapper | Foo::a");
  EXPECT_EQ(split[0].get("into")[0].get("crashes").as_int(), 3);
  // The example is the crash's uuid when it has one, else where it is.
  EXPECT_EQ(split[0].get("into")[0].get("example").as_string(), "7d1e2f3a-1b2c-4d5e-8f90-a1b2c3260105");
  EXPECT_EQ(split[0].get("into")[1].get("example").as_string(), "diff-corpus.jsonl:4");

  const Value& merged = root.get("merged");
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].get("signature").as_string(), "Bar::x");
  EXPECT_EQ(merged[0].get("crashes").as_int(), 6);
  ASSERT_EQ(merged[0].get("from").size(), 2u);
  EXPECT_EQ(merged[0].get("from")[0].get("signature").as_string(), "log_helper");
  EXPECT_EQ(merged[0].get("from")[1].get("signature").as_string(), "trace_helper");

  const Value& renamed = root.get("renamed");
  ASSERT_EQ(renamed.size(), 1u);
  EXPECT_EQ(renamed[0].get("from").as_string(), "old_entry_point");
  EXPECT_EQ(renamed[0].get("to").as_string(), "Qux::z");
  expect_golden(golden("diff.json"), r.out);
}

TEST(Diff, TextAndMarkdownReports) {
  const Outcome text = run_crashsig(kArgs, "", fixture(""));
  ASSERT_EQ(text.status, 0) << text.err;
  expect_golden(golden("diff.txt"), text.out);
  const Outcome md = run_crashsig(kArgs + " --format markdown", "", fixture(""));
  ASSERT_EQ(md.status, 0) << md.err;
  expect_golden(golden("diff.md"), md.out);
}

TEST(Diff, TopLimitsWhatIsShown) {
  // Swapping the sides turns the merge into a split of Bar::x; --top 1 shows the
  // larger of its two new signatures and counts the other.
  const Outcome r = run_crashsig(
      "diff --siglists lists-after --to-siglists lists-before --top 1 diff-corpus.jsonl", "", fixture(""));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("6 crashes with \"Bar::x\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("4  ->  \"log_helper\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("trace_helper"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("... and 1 more"), std::string::npos) << r.out;
}

TEST(Diff, NoChangeAndUnreadableLines) {
  const Outcome same = run_crashsig("diff --siglists lists-before diff-corpus.jsonl", "", fixture(""));
  ASSERT_EQ(same.status, 0) << same.err;
  EXPECT_EQ(lines(same.out)[0], "15 crashes, 0 (0.0%) change signature.");

  // Said as explain and signature say it.
  const Outcome bad = run_crashsig("diff", "{\"threads\": []}\n{not json\n[1, 2]\n");
  EXPECT_EQ(bad.status, 1);
  EXPECT_EQ(bad.err,
            "crashsig diff: <stdin>:2: invalid JSON: Expecting property name enclosed in double quotes: line 1 "
            "column 2 (char 1)\n"
            "crashsig diff: <stdin>:3: expected a JSON object, got list\n");
  EXPECT_NE(bad.out.find("2 lines could not be read"), std::string::npos) << bad.out;

  EXPECT_EQ(run_crashsig("diff --to no-such-ruleset", "").status, 2);
}

}  // namespace
}  // namespace crashsig::test
