// PythonRegexList answers without RE2 where it can; it must answer exactly as the
// joined pattern (Socorro's "|".join(entries)) run by PythonRegex does.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "crashsig/rule.h"
#include "crashsig/siglists.h"
#include "siglists.h"
#include "stack_vectors.h"
#include "test_support.h"

namespace crashsig::stack::test {
namespace {

namespace fs = std::filesystem;

bool list_matches(const std::vector<std::string>& entries, std::string_view text) {
  return PythonRegexList(entries).match(text);
}

TEST(PythonRegexList, PlainEntriesMatchAtTheStart) {
  EXPECT_TRUE(list_matches({"Abort"}, "AbortXyz"));
  EXPECT_FALSE(list_matches({"Abort"}, "xAbort"));
  EXPECT_FALSE(list_matches({"Abort"}, "Abor"));
  EXPECT_TRUE(list_matches({"Ab", "Abort"}, "Abx"));
  // Escaped punctuation is plain text; escaped letters are not (\d is a digit).
  EXPECT_TRUE(list_matches({"new\\[\\]"}, "new[]"));
  EXPECT_FALSE(list_matches({"a\\d"}, "a\\d"));
  EXPECT_TRUE(list_matches({"a\\d"}, "a7"));
}

TEST(PythonRegexList, DotStarStaysOnTheFirstLine) {
  EXPECT_TRUE(list_matches({".*abort"}, "my_abort_handler"));
  EXPECT_FALSE(list_matches({".*abort"}, "x\nabort"));
  EXPECT_TRUE(list_matches({".*abort"}, "abort\nx"));
  EXPECT_TRUE(list_matches({"ns.*Hashtable"}, "nsFooHashtable"));
  EXPECT_FALSE(list_matches({"ns.*Hashtable"}, "nsFoo\nHashtable"));
  EXPECT_FALSE(list_matches({"ns.*Hashtable"}, "xnsHashtable"));
  // The pieces appear in order, each after the previous one.
  EXPECT_TRUE(list_matches({".*framework.*\\.oat"}, "system@framework@boot.oat"));
  EXPECT_FALSE(list_matches({".*framework.*\\.oat"}, "boot.oat@framework"));
  EXPECT_FALSE(list_matches({"ab.*b"}, "ab"));
  // A trailing .* asks for nothing more.
  EXPECT_TRUE(list_matches({"wl_.*"}, "wl_"));
}

TEST(PythonRegexList, EmptyListsAndEntriesMatchEverything) {
  EXPECT_TRUE(list_matches({}, "anything"));
  EXPECT_TRUE(list_matches({}, ""));
  EXPECT_TRUE(list_matches({"x", ""}, "y"));
  EXPECT_FALSE(list_matches({"x"}, ""));
  EXPECT_FALSE(list_matches({".*x"}, ""));
}

TEST(PythonRegexList, AlternativesAreExpandedToPlainEntries) {
  const std::vector<std::string> entries = {"(Nt|Zw)?Wait[AW]", "[-+]x", "a(?:b|c)?d", "q.*(r|s)"};
  for (const char* text : {"NtWaitA", "WaitW", "ZwWaitAx", "-x", "+x", "abd", "ad", "qzzs"})
    EXPECT_TRUE(list_matches(entries, text)) << text;
  for (const char* text : {"WaitB", "NtWait", "xWaitA", "x", "abcd", "q\ns", "q"})
    EXPECT_FALSE(list_matches(entries, text)) << text;
  // A range, a negated class or an unbalanced group is left to RE2, or refused by it.
  EXPECT_TRUE(list_matches({"[a-c]x"}, "bx"));
  EXPECT_FALSE(list_matches({"[a-c]x"}, "-x"));
  EXPECT_TRUE(list_matches({"[^a]x"}, "bx"));
  EXPECT_THROW(PythonRegexList({"(a"}), ConfigError);
  EXPECT_THROW(PythonRegexList({"[ab"}), ConfigError);
}

TEST(PythonRegexList, OtherEntriesUseRE2ByFirstByte) {
  const std::vector<std::string> entries = {"(Nt|Zw)?WaitForKeyedEvent", "@0x[0-9a-f]{2,}", "a?", "plain"};
  EXPECT_TRUE(list_matches(entries, "NtWaitForKeyedEvent"));
  EXPECT_TRUE(list_matches(entries, "WaitForKeyedEvent"));
  // Without "a?", which matches every text, a text no entry starts is refused.
  EXPECT_FALSE(list_matches({"(Nt|Zw)?WaitForKeyedEvent", "@0x[0-9a-f]{2,}", "plain"}, "XxWaitForKeyedEvent"));
  EXPECT_TRUE(list_matches(entries, "@0x1f"));
  // "a?" matches the empty text, and so every text.
  EXPECT_TRUE(list_matches(entries, ""));
  EXPECT_TRUE(list_matches({"(Nt|Zw)?Wait", "@0x[0-9a-f]{2,}"}, "NtWait"));
  EXPECT_FALSE(list_matches({"(Nt|Zw)?Wait", "@0x[0-9a-f]{2,}"}, "@0x1"));
  EXPECT_FALSE(list_matches({"(Nt|Zw)?Wait", "@0x[0-9a-f]{2,}"}, ""));
}

TEST(PythonRegexList, LoneSurrogatesAsPythonSeesThem) {
  // U+D800 as WTF-8: Python's `.` matches it, and so must the plain path and RE2's.
  const std::string surrogate = "\xED\xA0\x80";
  EXPECT_TRUE(list_matches({".*abort"}, surrogate + "abort"));
  EXPECT_TRUE(list_matches({"x.abort"}, "x" + surrogate + "abort"));
  EXPECT_TRUE(list_matches({".abort", "b"}, surrogate + "abort"));
}

TEST(PythonRegexList, EntriesStartingWithNonAscii) {
  // Not plain (only ASCII is), so they go to RE2 with every other such entry.
  EXPECT_TRUE(list_matches({"x", "\xC3\xA9"}, "\xC3\xA9t\xC3\xA9"));
  EXPECT_TRUE(list_matches({"x", "\xC3\xA9+"}, "\xC3\xA9\xC3\xA9"));
  EXPECT_FALSE(list_matches({"x", "\xC3\xA9"}, "\xC3\xA8"));
}

TEST(PythonRegexList, FirstMatchingEntryIsTheEarliestMatchingEveryText) {
  const PythonRegexList list({"ab", "a.*c", "a", "(Nt|Zw)?Wait"});
  EXPECT_EQ(list.first_matching_entry({"abc"}), 0u);
  EXPECT_EQ(list.first_matching_entry({"abc", "axc"}), 1u);
  EXPECT_EQ(list.first_matching_entry({"abc", "ax"}), 2u);
  EXPECT_EQ(list.first_matching_entry({"ZwWait"}), 3u);
  EXPECT_EQ(list.first_matching_entry({"b"}), std::nullopt);
  EXPECT_EQ(list.first_matching_entry({"ab", "b"}), std::nullopt);
  // An empty list matches every text, but has no entry to name.
  EXPECT_TRUE(PythonRegexList({}).match("x"));
  EXPECT_EQ(PythonRegexList({}).first_matching_entry({"x"}), std::nullopt);
}

// Every text below, run against every list below, answered as the joined pattern does.
std::vector<std::string> texts_to_try(const std::vector<std::vector<std::string>>& lists) {
  std::set<std::string> texts = {"", "\n", "x\nabort", "abort\n", "\xED\xA0\x80" "abort", "é", "@0x1", "@0x1f"};
  for (const fs::directory_entry& file : fs::recursive_directory_iterator(crashsig::test::shared_path("expected/default")))
    if (file.is_regular_file())
      for (const auto& doc : crashsig::test::read_jsonl(file.path().string()))
        if (const Value* frames = doc->root().find("normalized_frames"); frames && frames->is_array())
          for (const std::string& frame : crashsig::test::strings(*frames)) texts.insert(frame);
  // The entries themselves and their near misses: where a trie walk could go wrong.
  for (const auto& list : lists)
    for (const std::string& entry : list) {
      texts.insert(entry);
      texts.insert(entry + "\n");
      texts.insert("\n" + entry);
      texts.insert(entry.substr(0, entry.size() / 2));
      texts.insert(entry.substr(0, entry.size() > 0 ? entry.size() - 1 : 0));
    }
  return {texts.begin(), texts.end()};
}

TEST(PythonRegexList, AgreesWithTheJoinedPatternOnEveryFrameOfTheCorpus) {
  std::vector<std::vector<std::string>> lists;
  for (const std::string& dir :
       {crashsig::test::shared_path("siglists/socorro-7e28d72b5"), included_siglists_dir()}) {
    const SignatureLists read = SignatureLists::read(dir);
    lists.push_back(read.irrelevant.entries);
    lists.push_back(read.prefix.entries);
    lists.push_back(read.line_numbers.entries);
  }
  const std::vector<std::string> texts = texts_to_try(lists);
  ASSERT_GT(texts.size(), 10000u);
  std::size_t matched = 0;
  for (const auto& list : lists) {
    const PythonRegexList fast(list);
    const PythonRegex joined(join_patterns(list));
    for (const std::string& text : texts) {
      const bool want = joined.match(text);
      ASSERT_EQ(fast.match(text), want) << "text: \"" << text << "\", list of " << list.size() << " starting \""
                                        << (list.empty() ? "" : list.front()) << "\"";
      matched += want;
    }
  }
  EXPECT_GT(matched, 1000u);  // both answers occur, so agreeing says something
}

}  // namespace
}  // namespace crashsig::stack::test
