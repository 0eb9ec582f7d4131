// Parity with the reference: for every line of every corpus file in ../shared,
// the engine's signature, notes, proto_signature and normalized_frames must equal
// what Socorro's Python code printed (../shared/expected/<ruleset>/...), run with
// Socorro's lists. On malformed input (schema violations) the wording after
// "Rule failed: " is ours, so notes are compared up to that point.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "crashsig/engine.h"
#include "test_support.h"

namespace crashsig {
namespace {

std::vector<std::string> strings_or_empty(const Value* v) {
  return v && v->is_array() ? test::strings(*v) : std::vector<std::string>{};
}

std::string without_failure_reason(const std::string& note) {
  auto at = note.find("Rule failed: ");
  return at == std::string::npos ? note : note.substr(0, at + 12);
}

class Parity : public testing::TestWithParam<test::CorpusCase> {};

TEST_P(Parity, MatchesReference) {
  const test::CorpusCase& c = GetParam();
  const bool lenient_reasons = c.corpus.find("malformed") != std::string::npos;

  EngineOptions options;
  options.ruleset = c.ruleset;
  options.siglists_dir = test::shared_path("siglists/socorro-7e28d72b5");
  auto engine = Engine::load(options);

  test::CorpusLines corpus(c);
  std::size_t identical = 0, shown = 0;
  std::ostringstream report;
  while (corpus.next()) {
    const Value& want = corpus.expected();
    Document& crash = corpus.crash();
    Result got = engine->generate(test::without_metadata(crash.root(), crash.arena()));

    std::vector<std::string> want_notes = strings_or_empty(want.find("notes"));
    std::vector<std::string> got_notes = got.notes;
    if (lenient_reasons) {
      for (auto& n : want_notes) n = without_failure_reason(n);
      for (auto& n : got_notes) n = without_failure_reason(n);
    }
    const Value& want_proto = want.get("proto_signature");
    const ExtraValue* got_proto = got.extra("proto_signature");
    const Value& want_frames = want.get("normalized_frames");
    const ExtraValue* got_frames = got.extra("normalized_frames");

    std::vector<std::string> diffs;
    if (got.signature != want.get("signature").as_string())
      diffs.push_back("signature: got \"" + got.signature + "\" want \"" +
                      std::string(want.get("signature").as_string()) + "\"");
    if (got_notes != want_notes) diffs.push_back("notes: got " + test::show(got_notes) + " want " + test::show(want_notes));
    bool proto_ok = want_proto.is_null()
                        ? got_proto == nullptr
                        : got_proto && std::get_if<std::string>(got_proto) &&
                              *std::get_if<std::string>(got_proto) == want_proto.as_string();
    if (!proto_ok) diffs.push_back("proto_signature differs: want " + to_json(want_proto));
    bool frames_ok = want_frames.is_null()
                         ? got_frames == nullptr
                         : got_frames && std::get_if<StringList>(got_frames) &&
                               test::strings(*std::get_if<StringList>(got_frames)) == test::strings(want_frames);
    if (!frames_ok) {
      std::string g = got_frames && std::get_if<StringList>(got_frames)
                          ? test::show(test::strings(*std::get_if<StringList>(got_frames))) : "null";
      diffs.push_back("normalized_frames: got " + g + " want " + to_json(want_frames));
    }

    if (diffs.empty()) {
      ++identical;
    } else if (shown++ < 5) {
      report << "\n" << c.corpus << ":" << corpus.number() << "\n  input: " << corpus.crash_text().substr(0, 400);
      for (const auto& d : diffs) report << "\n  " << d.substr(0, 1500);
    }
  }
  if (HasFatalFailure()) return;
  const std::size_t lines = corpus.number();
  EXPECT_EQ(identical, lines) << c.ruleset << " " << c.corpus << ": " << identical << "/" << lines
                              << " identical; first differences:" << report.str();
  std::cout << "[ parity   ] " << c.ruleset << " " << c.corpus << ": " << identical << "/" << lines
            << " identical\n";
}

INSTANTIATE_TEST_SUITE_P(Corpus, Parity, testing::ValuesIn(test::corpus_cases()), test::corpus_case_name);

}  // namespace
}  // namespace crashsig
