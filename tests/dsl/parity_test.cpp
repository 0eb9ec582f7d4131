// The rule files do what the native rules do: on every line of every corpus file
// in ../shared, a ruleset whose annotation rules are rule files gives exactly the
// output of the same ruleset with the native rules: signature, notes, extras
// (proto_signature, normalized_frames) and, separately, the debug log. Compared
// with the native engine rather than with the reference files, so this measures
// the language whatever the state of the native rules.
//   socorro-dsl        vs socorro-current
//   default-dsl.yaml   vs default (adds SignatureParentIDNotEqualsChildID)
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crashsig/engine.h"
#include "test_support.h"

namespace crashsig {
namespace {

struct Case {
  std::string native;    // ruleset name
  std::string language;  // ruleset name or path
  std::string corpus;    // path below ../shared/corpus
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.language << " vs " << c.native << " on " << c.corpus; }

std::vector<Case> all_cases() {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  const fs::path root = test::shared_path("corpus");
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().extension() == ".jsonl") files.push_back(fs::relative(e.path(), root).string());
  std::sort(files.begin(), files.end());
  std::vector<Case> cases;
  for (const auto& [native, language] :
       {std::pair<std::string, std::string>{"socorro-current", "socorro-dsl"},
        {"default", test::source_path("tests/dsl/rulesets/default-dsl.yaml")}})
    for (const auto& f : files) cases.push_back({native, language, f});
  return cases;
}

std::string name_of(const testing::TestParamInfo<Case>& info) {
  std::string n = info.param.native + "_" + info.param.corpus;
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

std::unique_ptr<Engine> load(const std::string& ruleset) {
  EngineOptions options;
  options.ruleset = ruleset;
  options.siglists_dir = test::shared_path("siglists/socorro-7e28d72b5");
  return Engine::load(options);
}

std::string show(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += "\n      " + l.substr(0, 300);
  return s;
}

std::string show_extras(const Result& r) {
  std::string s;
  for (const auto& [key, value] : r.extras()) {
    s += "\n      " + key + ": ";
    if (const auto* text = std::get_if<std::string>(&value)) s += text->substr(0, 300);
    else s += std::to_string(std::get<std::vector<std::string>>(value).size()) + " items";
  }
  return s;
}

// Runs both rulesets on every line of the corpus file; `compare` returns the
// differences between the two results as text ("" when none).
template <class Compare>
void expect_identical(const Case& c, const char* what, Compare compare) {
  auto native = load(c.native);
  auto language = load(c.language);
  std::ifstream corpus(test::shared_path("corpus/" + c.corpus));
  ASSERT_TRUE(corpus) << c.corpus;
  JsonReader reader;
  Document doc;
  std::string line, error;
  std::size_t number = 0, identical = 0, shown = 0;
  std::ostringstream report;
  while (std::getline(corpus, line)) {
    ++number;
    ASSERT_TRUE(reader.parse(line, doc, error)) << c.corpus << ":" << number << ": " << error;
    const Value crash = test::without_metadata(doc.root(), doc.arena());
    const std::string differences = compare(native->generate(crash, true), language->generate(crash, true));
    if (differences.empty()) {
      ++identical;
    } else if (shown++ < 3) {
      report << "\n" << c.corpus << ":" << number << differences;
    }
  }
  EXPECT_EQ(identical, number) << c.language << " vs " << c.native << ", " << what << ": " << identical << "/"
                               << number << " identical; first differences:" << report.str();
  std::cout << "[ parity   ] " << what << " " << c.native << " " << c.corpus << ": " << identical << "/" << number
            << " identical\n";
}

class RuleFileParity : public testing::TestWithParam<Case> {};

TEST_P(RuleFileParity, SignatureNotesAndExtras) {
  expect_identical(GetParam(), "output", [](const Result& native, const Result& language) {
    std::string d;
    if (native.signature != language.signature)
      d += "\n  signature: native \"" + native.signature + "\" rule files \"" + language.signature + "\"";
    if (native.notes != language.notes) d += "\n  notes: native" + show(native.notes) + "\n    rule files" + show(language.notes);
    if (native.extras() != language.extras())
      d += "\n  extras: native" + show_extras(native) + "\n    rule files" + show_extras(language);
    return d;
  });
}

TEST_P(RuleFileParity, DebugLog) {
  expect_identical(GetParam(), "debug_log", [](const Result& native, const Result& language) {
    const auto& a = native.debug_log;
    const auto& b = language.debug_log;
    if (a == b) return std::string();
    const std::size_t at = std::mismatch(a.begin(), a.end(), b.begin(), b.end()).first - a.begin();
    return "\n  debug_log differs at line " + std::to_string(at + 1) + ": native" +
           show({a.begin() + static_cast<std::ptrdiff_t>(at), a.end()}) + "\n    rule files" +
           show({b.begin() + static_cast<std::ptrdiff_t>(std::min(at, b.size())), b.end()});
  });
}

INSTANTIATE_TEST_SUITE_P(Corpus, RuleFileParity, testing::ValuesIn(all_cases()), name_of);

}  // namespace
}  // namespace crashsig
