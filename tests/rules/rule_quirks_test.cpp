// The `pipeline` edge cases of QUIRKS.md (vectors/quirks/quirks.jsonl) that
// exercise our rules, run through the socorro-current rule order without the
// stack rules: each case starts from the signature SignatureGenerationRule makes
// of its input (and that rule's notes), and must end with the signature, notes
// and rule failures observed at Socorro HEAD.
#include <gtest/gtest.h>

#include <map>

#include "crashsig/json.h"
#include "plugin_rules.h"
#include "test_support.h"

namespace crashsig {
namespace {

const std::vector<std::string> kRulesAfterTheStack = {
    "StackwalkerErrorSignatureRule", "BadHardware", "OOMSignature", "AbortSignature",
    "SignatureShutdownTimeout", "SignatureIPCChannelError", "SignatureIPCMessageName",
    "StackOverflowSignature", "HungProcess", "SigPrintableCharsOnly", "SigFixWhitespace", "SigTruncate"};

// Quirk id -> the signature SignatureGenerationRule produced, as a JSON string.
// Empty: the input's single frame is a plain function name, which is its own
// signature; an input without threads gives "EMPTY: no frame data available".
const std::map<std::string, std::string> kCases = {
    {"oom-abc", ""}, {"oom-spaces", ""}, {"oom-underscore", ""}, {"oom-str0", ""}, {"oom-int0", ""},
    {"oom-hex", ""}, {"oom-float", ""}, {"oom-true", ""}, {"oom-arabic-digits", ""}, {"oom-boundary", ""},
    {"oom-boundary+1", ""}, {"oom-list", ""}, {"oom-inf", ""}, {"oom-neg", ""},
    {"hang-false", ""}, {"hang-empty", ""}, {"hang-null", ""},
    {"ipcmsg-dict", ""}, {"ipcmsg-true", ""}, {"ipcmsg-float", ""}, {"mdsw-true", ""},
    {"ipcchan-list", ""}, {"ipcchan-int", ""}, {"ipcchan-browser-substring", ""}, {"ipcchan-long", ""},
    {"badhw-list", ""}, {"badhw-int", ""}, {"reason-dupkey", ""},
    {"ast-object", ""}, {"ast-list", ""}, {"ast-null", ""}, {"ast-name-null", ""}, {"ast-name-missing", ""},
    {"ast-dupkey", ""}, {"ast-nan", ""}, {"ast-bom", ""}, {"ast-sort", ""}, {"ast-conditions-dict", ""},
    {"ast-conditions-str", ""}, {"ast-phase-notstr", ""},
    {"ws-tab", ""}, {"ws-x1c", ""}, {"ws-nbsp", ""}, {"ws-u2028", ""}, {"ws-x85", ""}, {"ws-zwsp", ""},
    {"printable-trailing-space-note", ""}, {"lone-surrogate", ""}, {"astral", ""},
    {"trunc-255", ""}, {"trunc-256", ""}, {"trunc-codepoints", ""},
    {"abort-long", ""}, {"abort-nonascii", ""}, {"abort-int", ""},
    // Windows modules are lower-cased with str.lower(): U+0130 becomes "i" + U+0307.
    {"windows-lower-unicode", R"("i\u0307x.dll")"},
};

std::string starting_signature(const std::string& start_json, const Value& crash) {
  Document doc;
  std::string error;
  if (!start_json.empty()) {
    EXPECT_TRUE(parse_python_json(start_json, doc, error)) << error;
    return std::string(doc.root().as_string());
  }
  const Value* threads = crash.find("threads");
  if (!threads) return "EMPTY: no frame data available";
  EXPECT_TRUE(threads->is_array() && threads->size() == 1 && (*threads)[0].get("frames").size() == 1);
  const Value& frame = (*threads)[0].get("frames")[0];
  EXPECT_EQ(frame.size(), 1u);
  return std::string(frame.get("function").as_string());
}

TEST(RuleQuirks, PipelineCasesAfterTheStackRule) {
  const auto& rules = test::annotation_and_cleanup_rules();
  std::size_t seen = 0, matched = 0;
  for (const auto& quirk_doc : test::read_jsonl(test::shared_path("vectors/quirks/quirks.jsonl"))) {
    const Value& quirk = quirk_doc->root();
    const std::string id(quirk.get("id").as_string());
    auto c = kCases.find(id);
    if (c == kCases.end()) continue;
    ++seen;
    EXPECT_EQ(quirk.get("mode").as_string(), "pipeline") << id;
    Document crash_doc;
    std::string error;
    ASSERT_TRUE(parse_python_json(quirk.get("input_line").as_string(), crash_doc, error)) << id << ": " << error;
    const Value& crash = crash_doc.root();
    const Value& observed = quirk.get("observed").get("socorro:HEAD");
    const std::vector<std::string> want_notes = test::strings(observed.get("notes"));

    Result result;
    result.signature = starting_signature(c->second, crash);
    for (const auto& n : want_notes)
      if (n.rfind("SignatureGenerationRule: ", 0) == 0) result.notes.push_back(n);
    std::map<std::string, std::string> failures;
    for (const auto& name : kRulesAfterTheStack) {
      auto rule = rules.make(name);
      ASSERT_TRUE(rule);
      try {
        if (rule->predicate(crash, result)) rule->action(crash, result);
      } catch (const RuleError& e) {
        failures[name] = e.kind() + ": " + e.what();
        result.note(name, std::string("Rule failed: ") + e.what());
      }
    }
    std::map<std::string, std::string> want_failures;
    for (const Value& e : observed.get("rule_errors"))
      want_failures[std::string(e.get("rule").as_string())] =
          std::string(e.get("type").as_string()) + ": " + std::string(e.get("message").as_string());

    const bool ok = result.signature == observed.get("signature").as_string() && result.notes == want_notes &&
                    failures == want_failures;
    if (ok) {
      ++matched;
    } else {
      std::string notes;
      for (const auto& n : result.notes) notes += "\n    " + n;
      std::string got_failures;
      for (const auto& [rule, f] : failures) got_failures += "\n    " + rule + ": " + f;
      ADD_FAILURE() << id << ": got signature \"" << result.signature << "\", notes:" << notes
                    << "\n  failures:" << got_failures << "\n  quirk: " << to_json(quirk);
    }
  }
  EXPECT_EQ(seen, kCases.size()) << "quirks.jsonl lacks some of the cases";
  EXPECT_EQ(matched, seen);
  std::cout << "[ quirks   ] " << matched << "/" << seen << " pipeline cases matched\n";
}

}  // namespace
}  // namespace crashsig
