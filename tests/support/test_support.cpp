#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace crashsig::test {

std::string shared_path(std::string_view relative) {
  return std::string(CRASHSIG_SHARED_DIR) + "/" + std::string(relative);
}
std::string source_path(std::string_view relative) {
  return std::string(CRASHSIG_SOURCE_DIR) + "/" + std::string(relative);
}
std::string binary_path(std::string_view relative) {
  return std::string(CRASHSIG_BINARY_DIR) + "/" + std::string(relative);
}

std::vector<std::unique_ptr<Document>> read_jsonl(const std::string& path) {
  std::vector<std::unique_ptr<Document>> docs;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path;
    return docs;
  }
  JsonReader reader;
  std::string line, error;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto doc = std::make_unique<Document>();
    if (!reader.parse(line, *doc, error)) {
      ADD_FAILURE() << path << ":" << number << ": " << error;
      continue;
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

std::vector<std::string> strings(const Value& array) {
  std::vector<std::string> out;
  for (const Value& v : array) out.emplace_back(v.is_string() ? v.as_string() : to_json(v));
  return out;
}

StringList string_list(const Value& array) {
  StringList out;
  for (const std::string& s : strings(array)) out.push_back(s);
  return out;
}

Value without_metadata(const Value& crash, Arena& arena) {
  Member* kept = arena.members(crash.size());
  std::uint32_t n = 0;
  for (const Member* m = crash.members(); m != crash.members_end(); ++m)
    if (m->key.empty() || m->key[0] != '_') kept[n++] = *m;
  return Value::object(kept, n);
}

std::string show(const std::vector<std::string>& items) {
  std::string s = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) s += ", ";
    append_json_string(s, items[i]);
  }
  return s + "]";
}

void PrintTo(const CorpusCase& c, std::ostream* os) { *os << c.ruleset << " " << c.corpus; }

namespace {

// Where the reference's output for a corpus file is.
std::string expected_path(const std::string& ruleset, const std::string& corpus) {
  return shared_path("expected/" + ruleset + "/" + corpus);
}

}  // namespace

std::vector<CorpusCase> corpus_cases() {
  namespace fs = std::filesystem;
  std::vector<CorpusCase> cases;
  const fs::path corpus_root = shared_path("corpus");
  for (const char* ruleset : {"default", "socorro-current"}) {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(corpus_root, ec)) {
      if (e.path().extension() != ".jsonl") continue;
      std::string rel = fs::relative(e.path(), corpus_root).string();
      if (fs::exists(expected_path(ruleset, rel))) files.push_back(rel);
    }
    std::sort(files.begin(), files.end());
    for (auto& f : files) cases.push_back({ruleset, f});
  }
  return cases;
}

std::string corpus_case_name(const testing::TestParamInfo<CorpusCase>& info) {
  std::string n = info.param.ruleset + "_" + info.param.corpus;
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

CorpusLines::CorpusLines(const CorpusCase& c)
    : CorpusLines(shared_path("corpus/" + c.corpus), expected_path(c.ruleset, c.corpus)) {}

CorpusLines::CorpusLines(std::string corpus_path, std::string expected_path)
    : corpus_path_(std::move(corpus_path)),
      expected_path_(std::move(expected_path)),
      corpus_file_(corpus_path_),
      expected_file_(expected_path_) {
  if (!corpus_file_) fail("cannot open " + corpus_path_);
  else if (!expected_file_) fail("cannot open " + expected_path_);
}

bool CorpusLines::next() {
  if (failed_) return false;
  if (!std::getline(corpus_file_, crash_text_)) {
    // Lines left in the expected file mean the two are not outputs and inputs of
    // one another (a corpus cut short, or a stale expected file).
    std::size_t expected_lines = number_;
    while (std::getline(expected_file_, expected_text_)) ++expected_lines;
    if (expected_lines > number_)
      fail(expected_path_ + " has " + std::to_string(expected_lines) + " lines, more than the " +
           std::to_string(number_) + " of " + corpus_path_);
    return false;
  }
  ++number_;
  expected_parsed_ = false;
  std::string error;
  if (!std::getline(expected_file_, expected_text_))
    fail(expected_path_ + " ends before line " + std::to_string(number_) + " of " + corpus_path_);
  else if (!reader_.parse(crash_text_, crash_, error))
    fail(corpus_path_ + ":" + std::to_string(number_) + ": " + error);
  return !failed_;
}

const Value& CorpusLines::expected() {
  if (!expected_parsed_ && !failed_) {
    std::string error;
    if (reader_.parse(expected_text_, expected_, error)) expected_parsed_ = true;
    else fail(expected_path_ + ":" + std::to_string(number_) + ": " + error);
  }
  return expected_parsed_ ? expected_.root() : null_value();
}

void CorpusLines::fail(const std::string& why) {
  failed_ = true;
  FAIL() << why;
}

}  // namespace crashsig::test
