// Reading signature lists (siglists.jsonl) and running Python patterns with RE2.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include <fstream>
#include <random>

#include <re2/re2.h>

#include "crashsig/rule.h"
#include "crashsig/siglists.h"
#include "siglists.h"
#include "stack_vectors.h"

namespace crashsig::stack::test {
namespace {

namespace fs = std::filesystem;

// Where a recorded call read its list from: the bundled lists, or the test lists.
std::string list_dir(const Value& args) {
  const Value& source = args.get("source");
  if (source.is_null()) return included_siglists_dir();
  EXPECT_EQ(source.get("__path__").as_string(), "<PKGROOT>/socorro/signature/tests/siglists");
  return crashsig::test::shared_path("vectors/siglists-test");
}

TEST(SiglistsVectors, EveryRecordMatches) {
  const auto docs = vectors("siglists.jsonl");
  std::size_t matched = 0;
  for (const auto& doc : docs) {
    const Value& record = doc->root();
    const Value& args = record.get("args");
    const std::string dir = list_dir(args);
    const std::string name(args.get("name").as_string());
    const Value& exception = record.get("expected").get("exception");
    if (exception.is_null()) {
      const std::vector<std::string> got = read_checked_list(dir, name).entries;
      const bool same = got == texts(record.get("expected").get("return"));
      EXPECT_TRUE(same) << "record: " << to_json(record) << "\nread: " << show(got);
      matched += same;
      continue;
    }
    // Python says "... at line 3", counting from 0; the error names the line from 1.
    EXPECT_EQ(exception.get("type").as_string(), "BadRegularExpressionLineError");
    try {
      read_checked_list(dir, name);
      ADD_FAILURE() << "no error for " << to_json(record);
    } catch (const ConfigError& e) {
      const std::string where = dir + "/" + name + ".txt:4: ";
      const bool same = std::string_view(e.what()).substr(0, where.size()) == where;
      EXPECT_TRUE(same) << e.what() << "\nrecord: " << to_json(record);
      matched += same;
    }
  }
  report("siglists.jsonl", matched, docs.size());
}

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("crashsig-siglists-" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string path() const { return path_.string(); }
  void write(const std::string& name, std::string_view content) const {
    std::ofstream(path_ / name, std::ios::binary) << content;
  }

 private:
  fs::path path_;
};

TEST(Siglists, StripsAndSkipsCommentsAndBlankLines) {
  TempDir dir;
  dir.write("list.txt", "# comment\n\n  foo  \r\n\t#not a comment? yes it is\nbar\\(\n\xC2\xA0" "baz\xE2\x80\x83\n");
  EXPECT_EQ(read_checked_list(dir.path(), "list").entries, (std::vector<std::string>{"foo", "bar\\(", "baz"}));
}

TEST(Siglists, ErrorsNameTheFileAndLine) {
  TempDir dir;
  dir.write("bad_utf8.txt", "ok\nfo\xFFo\n");
  dir.write("lookahead.txt", "ok\n\nfoo(?=bar)\n");
  dir.write("sentinels.txt", "a(b\n");
  const auto error = [&](const char* name) {
    try {
      read_checked_list(dir.path(), name);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("bad_utf8"), dir.path() + "/bad_utf8.txt:2: not valid UTF-8");
  // Python accepts lookahead; RE2 does not, and says why.
  EXPECT_EQ(error("lookahead").substr(0, dir.path().size() + 18), dir.path() + "/lookahead.txt:3: ");
  EXPECT_NE(error("lookahead"), dir.path() + "/lookahead.txt:3: ");
  EXPECT_EQ(error("sentinels").substr(0, dir.path().size() + 18), dir.path() + "/sentinels.txt:1: ");
  EXPECT_EQ(error("missing"), dir.path() + "/missing.txt: cannot open");
}

TEST(Siglists, ReadsTheFourLists) {
  const SignatureLists lists = SignatureLists::read(included_siglists_dir());
  EXPECT_EQ(lists.line_numbers.entries, std::vector<std::string>{"js_Interpret"});
  EXPECT_GT(lists.irrelevant.entries.size(), 300u);
  EXPECT_GT(lists.prefix.entries.size(), 250u);
  EXPECT_EQ(lists.sentinels.entries.front(), "_purecall");
  EXPECT_EQ(join_patterns({"a", "b(c)", "d"}), "a|b(c)|d");
  EXPECT_EQ(join_patterns({}), "");
}

bool matches(std::string_view pattern, std::string_view text) { return PythonRegex(pattern).match(text); }

// re.match: anchored at the start, not at the end.
TEST(PythonRegex, MatchesAtTheStartOnly) {
  EXPECT_TRUE(matches("Abort", "AbortXyz"));
  EXPECT_FALSE(matches("Abort", "xAbort"));
  // Every alternative is anchored, not only the first ("^" + joined would be).
  EXPECT_FALSE(matches("a|b", "xb"));
  EXPECT_TRUE(matches("a|b", "b"));
  // An empty list joins to "", which matches everything.
  EXPECT_TRUE(matches(join_patterns({}), "anything"));
  EXPECT_TRUE(matches("", ""));
}

TEST(PythonRegex, DollarMatchesBeforeAFinalNewline) {
  EXPECT_TRUE(matches("JS::Call$", "JS::Call"));
  EXPECT_TRUE(matches("JS::Call$", "JS::Call\n"));
  EXPECT_FALSE(matches("JS::Call$", "JS::Call\n\n"));
  EXPECT_FALSE(matches("JS::Call$", "JS::Callx"));
  EXPECT_TRUE(matches("a[$]", "a$"));  // literal inside a class
  EXPECT_TRUE(matches("a\\$", "a$"));
  EXPECT_TRUE(matches("a\\Z", "a"));
  EXPECT_FALSE(matches("a\\Z", "a\n"));
}

TEST(PythonRegex, ClassesAreUnicodeAware) {
  EXPECT_TRUE(matches("libc\\.so(\\.\\d+)?$", "libc.so.\xD9\xA3"));  // Arabic-Indic 3
  EXPECT_TRUE(matches("x[\\d]", "x\xD9\xA3"));
  EXPECT_FALSE(matches("\\D", "\xD9\xA3"));
  EXPECT_TRUE(matches("\\w+$", "\xC3\xA9t\xC3\xA9_1"));
  EXPECT_FALSE(matches("\\w", "-"));
  EXPECT_TRUE(matches("\\W", "-"));
  EXPECT_TRUE(matches("a\\sb", "a\x1c" "b"));
  EXPECT_TRUE(matches("a\\sb", "a\xE2\x80\xA8" "b"));  // U+2028
  EXPECT_FALSE(matches("a\\sb", "a\xE2\x80\x8B" "b"));  // U+200B is not whitespace to Python
  EXPECT_TRUE(matches("a\\Sb", "a-b"));
  EXPECT_TRUE(matches("\\u00e9", "\xC3\xA9"));
  EXPECT_THROW(PythonRegex("[\\W]"), ConfigError);
}

TEST(PythonRegex, DotAndLiterals) {
  EXPECT_TRUE(matches(".*abort", "x\rabort"));
  EXPECT_TRUE(matches(".*abort", "x\xE2\x80\xA8" "abort"));
  EXPECT_FALSE(matches(".*abort", "x\nabort"));
  // json.loads keeps lone surrogates; Python's `.` matches them.
  EXPECT_TRUE(matches(".*abort", "x\xED\xA0\x80" "abort"));
  EXPECT_TRUE(matches("{virtual override thunk}", "{virtual override thunk}"));
  EXPECT_TRUE(matches("@0x[0-9a-fA-F]{2,}", "@0x1f"));
  EXPECT_FALSE(matches("@0x[0-9a-fA-F]{2,}", "@0x1"));
  EXPECT_TRUE(matches("[]a]", "]"));
}

TEST(PythonRegex, QuantifiersWithoutALowerBound) {
  EXPECT_TRUE(matches("ab{,2}c$", "ac"));
  EXPECT_TRUE(matches("ab{,2}c$", "abbc"));
  EXPECT_FALSE(matches("ab{,2}c$", "abbbc"));
  EXPECT_TRUE(matches("ab{,}c$", "abbbbc"));
  EXPECT_EQ(translate_python_regex("a{,2}"), "a{0,2}");
  EXPECT_EQ(translate_python_regex("a{2,}"), "a{2,}");
}

// The token scanner the translator and `crashsig lint` share: escapes, classes
// (a first "]" is a member) and {,n} are single tokens; the texts add up to the pattern.
TEST(PythonRegex, TokensOfAPattern) {
  using Kind = PythonRegexToken::Kind;
  const std::string_view pattern = "a\\d[^]\\w-]{,3}(x|$)\\";
  std::string joined, kinds;
  for (const PythonRegexToken& t : tokenize_python_regex(pattern)) {
    EXPECT_EQ(pattern.substr(t.offset, t.text.size()), t.text);
    joined.append(t.text);
    switch (t.kind) {
      case Kind::kEscape: kinds += t.in_class ? 'E' : 'e'; break;
      case Kind::kClassOpen: kinds += '['; break;
      case Kind::kClassMember: kinds += 'm'; break;
      case Kind::kClassClose: kinds += ']'; break;
      case Kind::kOpenLowerBound: kinds += '{'; break;
      case Kind::kCharacter: kinds += 'c'; break;
    }
  }
  EXPECT_EQ(joined, pattern);
  // a \d [^ ] \w - ] {,3} ( x | $ ) and a lone trailing backslash
  EXPECT_EQ(kinds, "ce[mEm]{cccccc");
}

TEST(PythonRegex, EscapesAreTranslatedInAndOutOfClasses) {
  EXPECT_EQ(translate_python_regex("\\u00e9[\\d]\\Z$"), "\\x{00e9}[\\p{Nd}]\\z(?:\\n?\\z)");
  EXPECT_THROW(translate_python_regex("[\\W]"), ConfigError);
}

// check_python_regex answers most entries without RE2 (text, escaped punctuation,
// `.*`); its verdict must still be RE2's on the translated pattern, for any pattern.
TEST(PythonRegex, CheckAgreesWithRE2) {
  const std::string alphabet = std::string("aZ0_ \t\\.*+?()[]{}|^$,-:<>=!#&~'\"/@%;`") + "\xC3\xA9";
  std::mt19937 random(20261125);
  std::size_t accepted = 0, refused = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string pattern;
    const std::size_t length = 1 + random() % 7;
    for (std::size_t k = 0; k < length; ++k) {
      const std::size_t at = random() % alphabet.size();
      // The two bytes of "é" go together, so patterns stay UTF-8 as lists are.
      if (at + 2 >= alphabet.size()) pattern += "\xC3\xA9";
      else pattern += alphabet[at];
    }
    bool re2_ok;
    try {
      RE2::Options options;
      options.set_log_errors(false);
      re2_ok = RE2(translate_python_regex(pattern), options).ok();
    } catch (const ConfigError&) {
      re2_ok = false;
    }
    bool checked_ok = true;
    try {
      check_python_regex(pattern);
    } catch (const ConfigError&) {
      checked_ok = false;
    }
    EXPECT_EQ(checked_ok, re2_ok) << pattern;
    (re2_ok ? accepted : refused) += 1;
  }
  // Both verdicts were exercised.
  EXPECT_GT(accepted, 1000u);
  EXPECT_GT(refused, 1000u);
}

}  // namespace
}  // namespace crashsig::stack::test
