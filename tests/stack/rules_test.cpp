// SignatureGenerationRule and SignatureRunWatchDog: the recorded calls of
// rules.jsonl, and their part of the reference's output on every corpus line.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <tuple>

#include "crashsig/engine.h"
#include "siglists.h"
#include "stack_rules.h"
#include "stack_vectors.h"

namespace crashsig::stack::test {
namespace {

CSignatureTool tool(const std::string& note) {
  return CSignatureTool(SignatureLists::read(included_siglists_dir()), note);
}

// Result extras as JSON-like text, key -> value, for comparison.
std::map<std::string, std::string> extras_of(const Result& result) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : result.extras()) {
    if (const auto* s = std::get_if<std::string>(&value)) out[key] = py::repr(*s);
    else out[key] = show(crashsig::test::strings(std::get<StringList>(value)));
  }
  return out;
}

std::map<std::string, std::string> extras_of(const Value& extra) {
  std::map<std::string, std::string> out;
  for (const Member* m = extra.members(); m != extra.members_end(); ++m)
    out[std::string(m->key)] = m->value.is_string() ? py::repr(m->value.as_string()) : show(texts(m->value));
  return out;
}

TEST(RulesVectors, SignatureGenerationRuleAndRunWatchDog) {
  const auto docs = vectors("rules.jsonl");
  const SignatureGenerationRule generation(tool("using included signature lists"));
  const SignatureRunWatchDog watchdog(tool("using included signature lists"));
  std::size_t matched = 0, total = 0;
  for (const auto& doc : docs) {
    const Value& record = doc->root();
    const std::string_view name = record.get("rule").as_string();
    const Rule* rule = name == generation.name() ? static_cast<const Rule*>(&generation)
                       : name == watchdog.name() ? static_cast<const Rule*>(&watchdog)
                                                 : nullptr;
    if (!rule) continue;
    ++total;
    EXPECT_TRUE(record.get("tool").get("datadir").is_null());

    Result result(true);
    result.signature = record.get("signature").as_string();
    result.notes = texts(record.get("notes"));
    result.debug_log = texts(record.get("debug_log"));
    const Value& extra = record.get("extra");
    for (const Member* m = extra.members(); m != extra.members_end(); ++m) {
      if (m->value.is_string()) result.set_extra(m->key, std::string(m->value.as_string()));
      else result.set_extra(m->key, crashsig::test::string_list(m->value));
    }
    const Value& crash = record.get("crash_data");
    bool returned = true;  // Socorro's actions return True
    if (record.get("method").as_string() == "predicate") returned = rule->predicate(crash, result);
    else rule->action(crash, result);

    const Value& expected = record.get("expected");
    const bool same = returned == expected.get("return").as_bool() && expected.get("exception").is_null() &&
                      result.signature == expected.get("signature").as_string() &&
                      result.notes == texts(expected.get("notes")) &&
                      result.debug_log == texts(expected.get("debug_log")) &&
                      extras_of(result) == extras_of(expected.get("extra"));
    EXPECT_TRUE(same) << "record: " << to_json(record) << "\ngot: " << show(returned) << " "
                      << show(result.signature) << " " << show(result.notes) << " " << show(result.debug_log);
    matched += same;
  }
  report("rules.jsonl (SignatureGenerationRule, SignatureRunWatchDog)", matched, total);
}

// Every corpus line: what the two rules contribute to the reference's output, for
// both target rulesets.
// Other rules run in between, so the check keeps to what these two decide: their
// debug lines and notes, their failures, and the extras. Whether the watchdog
// ran is read from the expected debug log, since its predicate sees the signature
// the rules in between made.
class CorpusCheck {
 public:
  CorpusCheck()
      : generation_(tool("using signature lists from <siglists>")),
        watchdog_(tool("using included signature lists")) {}

  // Returns an explanation of the first difference, or "" when the line matches.
  std::string check(const Value& crash, const Value& expected) const {
    bool watchdog_ran = false;
    std::vector<std::string> expected_errors;
    for (const Value& e : expected.get("rule_errors")) {
      const std::string_view rule = e.get("rule").as_string();
      if (rule == "SignatureRunWatchDog") watchdog_ran = true;
      if (rule == generation_.name() || rule == watchdog_.name())
        expected_errors.push_back(std::string(rule) + ": " + std::string(e.get("type").as_string()) + ": " +
                                  std::string(e.get("message").as_string()));
    }
    std::vector<std::string> expected_debug;
    for (const std::string& line : texts(expected.get("debug_log"))) {
      if (line.rfind("SignatureRunWatchDog: ", 0) == 0) watchdog_ran = true;
      if (line.rfind("SignatureGenerationRule: ", 0) == 0 && line.find(": change signature: ") == std::string::npos)
        expected_debug.push_back(line);
    }
    std::vector<std::string> expected_notes;
    for (const std::string& note : texts(expected.get("notes")))
      if (note.rfind("SignatureGenerationRule: ", 0) == 0 && note.find(": Rule failed: ") == std::string::npos)
        expected_notes.push_back(note);

    Result result(true);
    std::vector<std::string> errors;
    const auto run = [&](const Rule& rule) {
      try {
        rule.action(crash, result);
      } catch (const RuleError& e) {
        errors.push_back(std::string(rule.name()) + ": " + e.kind() + ": " + e.what());
      }
    };
    run(generation_);
    if (watchdog_ran) run(watchdog_);

    std::vector<std::string> debug;
    for (const std::string& line : result.debug_log)
      if (line.find(": change signature: ") == std::string::npos) debug.push_back(line);
    const auto* frames = result.extra("normalized_frames");
    const auto* proto = result.extra("proto_signature");
    const std::string got_frames =
        frames ? show(crashsig::test::strings(std::get<StringList>(*frames))) : "None";
    const std::string want_frames =
        expected.get("normalized_frames").is_null() ? "None" : show(texts(expected.get("normalized_frames")));
    const std::string got_proto = proto ? py::repr(std::get<std::string>(*proto)) : "None";
    const std::string want_proto = expected.get("proto_signature").is_null()
                                       ? "None"
                                       : py::repr(expected.get("proto_signature").as_string());

    if (debug != expected_debug) return "debug log " + show(debug) + " != " + show(expected_debug);
    if (result.notes != expected_notes) return "notes " + show(result.notes) + " != " + show(expected_notes);
    if (errors != expected_errors) return "failures " + show(errors) + " != " + show(expected_errors);
    if (got_frames != want_frames) return "normalized_frames " + got_frames + " != " + want_frames;
    if (got_proto != want_proto) return "proto_signature " + got_proto + " != " + want_proto;
    return "";
  }

 private:
  SignatureGenerationRule generation_;
  SignatureRunWatchDog watchdog_;
};

// A corpus line without its metadata keys ("_meta"...), in the crash-data schema.
Value crash_data(const Value& line, Arena& arena) {
  std::size_t n = 0;
  for (const Member* m = line.members(); m != line.members_end(); ++m) n += m->key.substr(0, 1) != "_";
  Member* members = arena.members(n);
  std::size_t i = 0;
  for (const Member* m = line.members(); m != line.members_end(); ++m)
    if (m->key.substr(0, 1) != "_") members[i++] = *m;
  const Value stripped = Value::object(members, static_cast<std::uint32_t>(n));
  return stripped.find("json_dump") ? convert_processed_crash(stripped, arena) : stripped;
}

class Corpus : public ::testing::TestWithParam<std::tuple<const char*, const char*>> {};

TEST_P(Corpus, RulesAgreeWithTheReference) {
  static const CorpusCheck checker;
  const std::string ruleset = std::get<0>(GetParam());
  const std::string file = std::get<1>(GetParam());
  const auto lines = crashsig::test::read_jsonl(crashsig::test::shared_path("corpus/" + file));
  const auto expected = crashsig::test::read_jsonl(crashsig::test::shared_path("expected/" + ruleset + "/" + file));
  ASSERT_EQ(lines.size(), expected.size());
  std::size_t matched = 0, shown = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Arena arena;
    const Value crash = crash_data(lines[i]->root(), arena);
    const std::string difference = checker.check(crash, expected[i]->root());
    if (difference.empty()) {
      ++matched;
    } else if (shown++ < 5) {
      ADD_FAILURE() << file << ":" << i + 1 << ": " << difference << "\ncrash: " << to_json(crash);
    }
  }
  report(ruleset + "/" + file, matched, lines.size());
  EXPECT_EQ(matched, lines.size());
}

INSTANTIATE_TEST_SUITE_P(
    Stack, Corpus,
    ::testing::Combine(
        ::testing::Values("socorro-current", "default"),
        ::testing::Values("real/clusterfuzz_stacks.jsonl", "real/crash_clouseau_inline_2026.jsonl",
                          "real/crash_clouseau_java.jsonl", "real/crashsimilarity_proto_2016.jsonl",
                          "real/fx_crash_sig_pings.jsonl", "real/rust_minidump_snapshots.jsonl",
                          "real/socorro_2008_pipedumps.jsonl", "real/socorro_testcrash_2015.jsonl",
                          "synthetic/typed.jsonl", "synthetic/malformed.jsonl", "synthetic/processed.jsonl")));

}  // namespace
}  // namespace crashsig::stack::test
