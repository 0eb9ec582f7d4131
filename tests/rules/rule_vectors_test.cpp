// Replays every call of the annotation and clean-up rules recorded while Socorro's
// own test suite ran (vectors/socorro-7e28d72b5/rules.jsonl, and rules-parentid.jsonl
// for the rule as it was at 471729b2d): same crash data and starting result, same
// return value, exception, signature, notes, debug log and extras.
#include <gtest/gtest.h>

#include <set>

#include "crashsig/json.h"
#include "plugin_rules.h"
#include "test_support.h"

namespace crashsig {
namespace {

using test::annotation_and_cleanup_rules;

const std::set<std::string> kOurRules = {
    "StackwalkerErrorSignatureRule", "BadHardware", "OOMSignature", "AbortSignature",
    "SignatureShutdownTimeout", "SignatureIPCChannelError", "SignatureIPCMessageName",
    "SignatureParentIDNotEqualsChildID", "StackOverflowSignature", "HungProcess",
    "SigFixWhitespace", "SigPrintableCharsOnly", "SigTruncate"};

// A record's extras, as the Result holds them.
std::vector<std::pair<std::string, ExtraValue>> extras_of(const Value& extra) {
  std::vector<std::pair<std::string, ExtraValue>> out;
  for (const Member* m = extra.members(); m && m != extra.members_end(); ++m) {
    if (m->value.is_string()) out.emplace_back(std::string(m->key), std::string(m->value.as_string()));
    else out.emplace_back(std::string(m->key), test::string_list(m->value));
  }
  return out;
}

// Runs one recorded call; returns the differences from the recorded outcome.
std::vector<std::string> replay(const Rule& rule, const Value& record) {
  const Value& crash = record.get("crash_data");
  const Value& expected = record.get("expected");
  const Value* before = record.find("result_before");  // the test passed a plain dict
  const Value& after = before ? expected.get("result_after") : expected;

  Result result(/*keep_debug_log=*/before == nullptr);
  const Value& start = before ? *before : record;
  result.signature = std::string(start.get("signature").as_string());
  result.notes = test::strings(start.get("notes"));
  if (!before) {
    result.debug_log = test::strings(record.get("debug_log"));
    for (auto& [key, value] : extras_of(record.get("extra"))) result.set_extra(key, value);
  }

  std::vector<std::string> diffs;
  bool returned = false;
  std::string exception;
  try {
    if (record.get("method").as_string() == "predicate") {
      returned = rule.predicate(crash, result);
    } else {
      rule.action(crash, result);
      returned = true;  // Socorro's actions all return True
    }
  } catch (const RuleError& e) {
    exception = e.kind() + ": " + e.what();
  }
  const Value& want_exception = expected.get("exception");
  if (want_exception.is_null() != exception.empty())
    diffs.push_back("exception: got \"" + exception + "\" want " + to_json(want_exception));
  if (exception.empty() && returned != expected.get("return").truthy())
    diffs.push_back(std::string("return: got ") + (returned ? "True" : "False"));
  if (result.signature != after.get("signature").as_string())
    diffs.push_back("signature: got \"" + result.signature + "\"");
  if (result.notes != test::strings(after.get("notes"))) diffs.push_back("notes: got " + test::show(result.notes));
  if (!before) {
    if (result.debug_log != test::strings(after.get("debug_log")))
      diffs.push_back("debug_log: got " + test::show(result.debug_log));
    if (result.extras() != extras_of(after.get("extra"))) diffs.push_back("extra differs");
  }
  return diffs;
}

void replay_file(const std::string& relative) {
  const auto& rules = annotation_and_cleanup_rules();
  std::size_t ours = 0, matched = 0;
  for (const auto& doc : test::read_jsonl(test::shared_path(relative))) {
    const Value& record = doc->root();
    const std::string rule_name(record.get("rule").as_string());
    if (!kOurRules.count(rule_name)) continue;
    ++ours;
    auto rule = rules.make(rule_name);
    if (!rule) continue;
    auto diffs = replay(*rule, record);
    if (diffs.empty()) {
      ++matched;
      continue;
    }
    std::string message = rule_name + "." + std::string(record.get("method").as_string()) + " differs:";
    for (const auto& d : diffs) message += "\n  " + d;
    ADD_FAILURE() << message << "\n  record: " << to_json(record);
  }
  EXPECT_GT(ours, 0u) << relative << " has no records of our rules";
  EXPECT_EQ(matched, ours);
  std::cout << "[ vectors  ] " << relative << ": " << matched << "/" << ours << " records matched\n";
}

TEST(RulePlugins, OfferExactlyTheirRulesWithDocs) {
  std::set<std::string> offered;
  for (const auto& [name, doc] : annotation_and_cleanup_rules().docs()) {
    offered.insert(name);
    EXPECT_GT(doc.size(), 60u) << name << " needs a doc text that explains it";
    auto rule = annotation_and_cleanup_rules().make(name);
    ASSERT_TRUE(rule);
    EXPECT_EQ(rule->name(), name);
    EXPECT_EQ(rule->doc(), doc);
  }
  EXPECT_EQ(offered, kOurRules);
}

TEST(RuleVectors, SocorroTestSuiteCalls) { replay_file("vectors/socorro-7e28d72b5/rules.jsonl"); }

TEST(RuleVectors, ParentIdRuleAt471729b2d) { replay_file("vectors/socorro-7e28d72b5/rules-parentid.jsonl"); }

}  // namespace
}  // namespace crashsig
