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
#include <iostream>
#include <sstream>

#include "crashsig/engine.h"
#include "test_support.h"

namespace crashsig {
namespace {

// The ruleset of rule files that stands for a native ruleset.
std::string rule_file_ruleset(const std::string& native) {
  return native == "socorro-current" ? "socorro-dsl" : test::source_path("tests/dsl/rulesets/default-dsl.yaml");
}

std::unique_ptr<Engine> load(const std::string& ruleset) {
  EngineOptions options;
  options.ruleset = ruleset;
  options.siglists_dir = test::shared_path("siglists/socorro-7e28d72b5");
  return Engine::load(options);
}

std::string show_extras(const Result& r) {
  std::string s;
  for (const auto& [key, value] : r.extras()) {
    s += "\n      " + key + ": ";
    if (const auto* text = std::get_if<std::string>(&value)) s += text->substr(0, 300);
    else s += std::to_string(std::get<StringList>(value).size()) + " items";
  }
  return s;
}

// The differences between the two results' output, as text ("" when none).
std::string output_differences(const Result& native, const Result& language) {
  std::string d;
  if (native.signature != language.signature)
    d += "\n  signature: native \"" + native.signature + "\" rule files \"" + language.signature + "\"";
  if (native.notes != language.notes)
    d += "\n  notes: native " + test::show(native.notes) + "\n    rule files " + test::show(language.notes);
  if (native.extras() != language.extras())
    d += "\n  extras: native" + show_extras(native) + "\n    rule files" + show_extras(language);
  return d;
}

// Where the two debug logs part, as text ("" when they do not).
std::string debug_log_differences(const Result& native, const Result& language) {
  const auto& a = native.debug_log;
  const auto& b = language.debug_log;
  if (a == b) return std::string();
  const std::size_t at = std::mismatch(a.begin(), a.end(), b.begin(), b.end()).first - a.begin();
  return "\n  debug_log differs at line " + std::to_string(at + 1) + ": native " +
         test::show({a.begin() + static_cast<std::ptrdiff_t>(at), a.end()}) + "\n    rule files " +
         test::show({b.begin() + static_cast<std::ptrdiff_t>(std::min(at, b.size())), b.end()});
}

// How many corpus lines one comparison found identical, and the first differences.
struct Tally {
  const char* what;
  std::size_t identical = 0, shown = 0;
  std::ostringstream report;

  void add(const std::string& corpus, std::size_t line, const std::string& differences) {
    if (differences.empty()) ++identical;
    else if (shown++ < 3) report << "\n" << corpus << ":" << line << differences;
  }
};

class RuleFileParity : public testing::TestWithParam<test::CorpusCase> {};

// One pass over the corpus (both rulesets sign each line once, debug log kept)
// checks the output and the debug log, each on its own.
TEST_P(RuleFileParity, OutputAndDebugLog) {
  const test::CorpusCase& c = GetParam();
  const std::string language_ruleset = rule_file_ruleset(c.ruleset);
  auto native = load(c.ruleset);
  auto language = load(language_ruleset);
  Tally output{"output"}, debug_log{"debug_log"};
  test::CorpusLines corpus(c);
  while (corpus.next()) {
    const Value crash = test::without_metadata(corpus.crash().root(), corpus.crash().arena());
    const Result a = native->generate(crash, true), b = language->generate(crash, true);
    output.add(c.corpus, corpus.number(), output_differences(a, b));
    debug_log.add(c.corpus, corpus.number(), debug_log_differences(a, b));
  }
  if (HasFatalFailure()) return;
  for (const Tally* t : {&output, &debug_log}) {
    EXPECT_EQ(t->identical, corpus.number())
        << language_ruleset << " vs " << c.ruleset << ", " << t->what << ": " << t->identical << "/"
        << corpus.number() << " identical; first differences:" << t->report.str();
    std::cout << "[ parity   ] " << t->what << " " << c.ruleset << " " << c.corpus << ": " << t->identical << "/"
              << corpus.number() << " identical\n";
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, RuleFileParity, testing::ValuesIn(test::corpus_cases()), test::corpus_case_name);

}  // namespace
}  // namespace crashsig
