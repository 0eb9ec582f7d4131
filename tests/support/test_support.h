// Helpers shared by the test suites: where the reference data is, and reading it.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/json.h"
#include "crashsig/string_list.h"
#include "crashsig/value.h"

namespace crashsig::test {

// Path of `relative` inside ../shared (the reference data beside the checkout).
std::string shared_path(std::string_view relative);
// Path of `relative` inside the source tree / the build tree.
std::string source_path(std::string_view relative);
std::string binary_path(std::string_view relative);

// Every non-empty line of a JSON Lines file, each parsed into its own Document.
// Fails the calling test (ADD_FAILURE) for lines that do not parse.
std::vector<std::unique_ptr<Document>> read_jsonl(const std::string& path);

// The strings of a JSON array Value.
std::vector<std::string> strings(const Value& array);
// The same, as a StringList (what a Result's list extras are).
StringList string_list(const Value& array);
// A StringList's items as strings, to compare or show.
inline std::vector<std::string> strings(const StringList& list) { return {list.begin(), list.end()}; }

// A corpus line without its metadata: keys starting with '_' describe the crash
// (../shared/README.md) and are not crash data. Allocates in `arena`.
Value without_metadata(const Value& crash, Arena& arena);

// A list of strings as JSON, for failure messages.
std::string show(const std::vector<std::string>& items);

// One corpus file of ../shared and the ruleset whose reference output it is compared with.
struct CorpusCase {
  std::string ruleset;
  std::string corpus;  // path below ../shared/corpus
};
void PrintTo(const CorpusCase& c, std::ostream* os);
// Every corpus file that has a reference output for ruleset default and
// socorro-current, so a corpus added to ../shared (or a hidden one laid out the
// same way) is checked without editing the tests.
std::vector<CorpusCase> corpus_cases();
// A test name for INSTANTIATE_TEST_SUITE_P: "default_synthetic_typed_jsonl".
std::string corpus_case_name(const testing::TestParamInfo<CorpusCase>& info);

// A CorpusCase's corpus file read in step with its expected file: line N of
// expected/<ruleset>/<corpus> is the reference's output for line N of the corpus.
//
//   test::CorpusLines corpus(GetParam());
//   while (corpus.next()) { ... corpus.crash() ... corpus.expected() ... }
//   if (HasFatalFailure()) return;
class CorpusLines {
 public:
  // Fails the calling test (fatally) when either file does not open.
  explicit CorpusLines(const CorpusCase& c);
  // Any two such files (paths as they are, not below ../shared).
  CorpusLines(std::string corpus_path, std::string expected_path);

  // Moves to the next corpus line and parses it (its expected line is parsed only
  // if expected() asks for it). False at the end of the corpus, and also after a
  // fatal failure naming the file and line when the expected file ends early or
  // the corpus line is not JSON, or naming both files and their line counts when
  // the expected file goes on after the corpus ends: a fatal failure in a helper
  // does not end the test, hence the caller's HasFatalFailure() check.
  bool next();

  // The current line's number (1-based); after the last, how many lines were read.
  std::size_t number() const { return number_; }
  const std::string& crash_text() const { return crash_text_; }
  Document& crash() { return crash_; }
  // The current expected line, parsed at the first call for the line: tests that
  // compare with something else read the expected file only to keep the pair
  // in step. When the line is not JSON, a fatal failure naming the file and line,
  // null, and next() is false from then on.
  const Value& expected();

 private:
  std::string corpus_path_, expected_path_;
  std::ifstream corpus_file_, expected_file_;
  bool failed_ = false;
  std::size_t number_ = 0;
  std::string crash_text_, expected_text_;
  JsonReader reader_;
  Document crash_, expected_;
  bool expected_parsed_ = false;  // expected_ holds line number_ of the expected file

  void fail(const std::string& why);
};

}  // namespace crashsig::test
