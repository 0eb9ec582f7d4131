// Every corpus line, one rule step at a time. The reference's debug log records
// each signature change as `<Rule>: change signature: "old" -> "new"`, so the
// signature every rule saw can be rebuilt from it. The stack rules
// (SignatureGenerationRule, SignatureRunWatchDog; another suite's) are replayed
// from the log; each of our rules is run for real on the signature it saw and
// must add exactly the debug lines and notes the reference has for it at that
// point, failing (Rule failed) where the reference failed, with Python's message.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "crashsig/engine.h"
#include "crashsig/json.h"
#include "plugin_rules.h"
#include "test_support.h"

namespace crashsig {
namespace {

// The two target rulesets, as ../shared/README.md lists them.
const std::vector<std::string> kDefaultRules = {
    "SignatureGenerationRule", "StackwalkerErrorSignatureRule", "BadHardware", "OOMSignature",
    "AbortSignature", "SignatureShutdownTimeout", "SignatureRunWatchDog", "SignatureIPCChannelError",
    "SignatureIPCMessageName", "SignatureParentIDNotEqualsChildID", "StackOverflowSignature",
    "SigFixWhitespace", "SigTruncate"};
const std::vector<std::string> kSocorroCurrentRules = {
    "SignatureGenerationRule", "StackwalkerErrorSignatureRule", "BadHardware", "OOMSignature",
    "AbortSignature", "SignatureShutdownTimeout", "SignatureRunWatchDog", "SignatureIPCChannelError",
    "SignatureIPCMessageName", "StackOverflowSignature", "HungProcess", "SigPrintableCharsOnly",
    "SigFixWhitespace", "SigTruncate"};

bool is_stack_rule(const std::string& name) {
  return name == "SignatureGenerationRule" || name == "SignatureRunWatchDog";
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Reads the reference's log and notes in order, one rule's lines at a time.
class ReferenceLog {
 public:
  ReferenceLog(std::vector<std::string> debug_log, std::vector<std::string> notes)
      : debug_(std::move(debug_log)), notes_(std::move(notes)) {}

  // The consecutive lines at the cursor written by `rule` (or, for the stack rules,
  // by SignatureGenerationRule, which SignatureRunWatchDog runs inside itself).
  std::vector<std::string> take_debug(const std::string& rule) { return take(debug_, debug_at_, rule); }
  std::vector<std::string> take_notes(const std::string& rule) { return take(notes_, notes_at_, rule); }
  bool all_taken() const { return debug_at_ == debug_.size() && notes_at_ == notes_.size(); }
  std::string rest() const {
    std::string s;
    for (std::size_t i = debug_at_; i < debug_.size(); ++i) s += "\n    debug: " + debug_[i];
    for (std::size_t i = notes_at_; i < notes_.size(); ++i) s += "\n    note: " + notes_[i];
    return s;
  }

 private:
  std::vector<std::string> debug_, notes_;
  std::size_t debug_at_ = 0, notes_at_ = 0;

  static std::vector<std::string> take(const std::vector<std::string>& lines, std::size_t& at,
                                       const std::string& rule) {
    std::vector<std::string> out;
    auto written_by = [&](const std::string& line, const std::string& name) {
      return starts_with(line, name + ": ");
    };
    while (at < lines.size()) {
      const std::string& line = lines[at];
      bool mine = written_by(line, rule);
      if (rule == "SignatureRunWatchDog") mine = mine || written_by(line, "SignatureGenerationRule");
      // SignatureGenerationRule's action starts with "using ...Tool"; a second such
      // line is SignatureRunWatchDog's own run of it, which comes later.
      if (rule == "SignatureGenerationRule" && !out.empty() &&
          starts_with(line, "SignatureGenerationRule: using ") && line.size() > 36 &&
          line.compare(line.size() - 4, 4, "Tool") == 0)
        break;
      if (!mine) break;
      out.push_back(line);
      ++at;
    }
    return out;
  }
};

// The signature after a stack rule's logged changes.
bool apply_changes(const std::vector<std::string>& lines, std::string& signature) {
  for (const std::string& line : lines) {
    std::string::size_type colon = line.find(": ");
    const std::string head = line.substr(colon + 2);
    if (!starts_with(head, "change signature: \"")) continue;
    const std::string expected_start = "change signature: \"" + signature + "\" -> \"";
    if (!starts_with(head, expected_start) || head.back() != '"') return false;
    signature = head.substr(expected_start.size(), head.size() - expected_start.size() - 1);
  }
  return true;
}

class RuleReplay : public testing::TestWithParam<test::CorpusCase> {};

TEST_P(RuleReplay, EachOfOurRuleStepsMatchesTheReference) {
  const test::CorpusCase& c = GetParam();
  const auto& order = c.ruleset == "default" ? kDefaultRules : kSocorroCurrentRules;
  std::vector<std::unique_ptr<Rule>> rules;
  for (const auto& name : order)
    rules.push_back(is_stack_rule(name) ? nullptr : test::annotation_and_cleanup_rules().make(name));

  test::CorpusLines corpus(c);
  std::size_t lines_matched = 0, steps = 0, shown = 0;
  while (corpus.next()) {
    const Value& want = corpus.expected();
    const Value& input = corpus.crash().root();
    Arena converted;
    const Value crash = input.find("json_dump") ? convert_processed_crash(input, converted) : input;

    // Rule failures the reference saw, by rule: "Type: message".
    std::map<std::string, std::string> failures;
    for (const Value& e : want.get("rule_errors"))
      failures[std::string(e.get("rule").as_string())] =
          std::string(e.get("type").as_string()) + ": " + std::string(e.get("message").as_string());

    ReferenceLog log(test::strings(want.get("debug_log")), test::strings(want.get("notes")));
    Result result(/*keep_debug_log=*/true);
    std::vector<std::string> diffs;
    for (std::size_t i = 0; i < order.size() && diffs.empty(); ++i) {
      const std::string& name = order[i];
      if (!rules[i]) {
        auto lines = log.take_debug(name);
        if (!apply_changes(lines, result.signature))
          diffs.push_back(name + ": cannot follow the reference's signature changes");
        for (auto& n : log.take_notes(name)) result.notes.push_back(n);
        result.debug_log.insert(result.debug_log.end(), lines.begin(), lines.end());
        continue;
      }
      ++steps;
      const std::size_t debug_before = result.debug_log.size(), notes_before = result.notes.size();
      const std::string signature_before = result.signature;
      std::string failure;
      try {
        if (rules[i]->predicate(crash, result)) rules[i]->action(crash, result);
      } catch (const RuleError& e) {
        failure = e.kind() + ": " + e.what();
        result.note(name, std::string("Rule failed: ") + e.what());
      }
      std::vector<std::string> got_debug(result.debug_log.begin() + debug_before, result.debug_log.end());
      std::vector<std::string> got_notes(result.notes.begin() + notes_before, result.notes.end());
      auto want_debug = log.take_debug(name);
      auto want_notes = log.take_notes(name);
      auto failed = failures.find(name);
      const std::string want_failure = failed == failures.end() ? "" : failed->second;
      std::ostringstream d;
      if (failure != want_failure) d << "\n    failure: got \"" << failure << "\" want \"" << want_failure << "\"";
      if (got_debug != want_debug) {
        d << "\n    debug got:";
        for (auto& s : got_debug) d << "\n      " << s;
        d << "\n    debug want:";
        for (auto& s : want_debug) d << "\n      " << s;
      }
      if (got_notes != want_notes) {
        d << "\n    notes got:";
        for (auto& s : got_notes) d << "\n      " << s;
        d << "\n    notes want:";
        for (auto& s : want_notes) d << "\n      " << s;
      }
      if (!d.str().empty()) diffs.push_back(name + " on signature \"" + signature_before + "\":" + d.str());
    }
    if (diffs.empty() && !log.all_taken()) diffs.push_back("reference lines no rule accounted for:" + log.rest());
    if (diffs.empty() && result.signature != want.get("signature").as_string())
      diffs.push_back("final signature \"" + result.signature + "\"");
    if (diffs.empty()) {
      ++lines_matched;
    } else if (shown++ < 8) {
      ADD_FAILURE() << c.ruleset << " " << c.corpus << ":" << corpus.number()
                    << "\n  input: " << corpus.crash_text().substr(0, 600)
                    << "\n  " << diffs.front().substr(0, 3000);
    }
  }
  if (HasFatalFailure()) return;
  const std::size_t lines = corpus.number();
  EXPECT_EQ(lines_matched, lines);
  std::cout << "[ replay   ] " << c.ruleset << " " << c.corpus << ": " << lines_matched << "/" << lines
            << " lines, " << steps << " rule steps\n";
}

INSTANTIATE_TEST_SUITE_P(Corpus, RuleReplay, testing::ValuesIn(test::corpus_cases()), test::corpus_case_name);

}  // namespace
}  // namespace crashsig
