// Python's behaviour on inputs the reference data does not reach: every field of
// the wrong type, odd but valid values, and the edges of each rule. Expectations
// are what CPython 3.11 does running Socorro's code on the same crash data.
#include <gtest/gtest.h>

#include "crashsig/json.h"
#include "plugin_rules.h"
#include "test_support.h"

namespace crashsig {
namespace {

struct Case {
  const char* rule;
  const char* crash;      // crash data, JSON
  const char* signature;  // starting signature, a JSON string
  // "True"/"False" for the predicate; otherwise the action's outcome: the new
  // signature as a JSON string, or "Kind: message" when the rule fails.
  const char* predicate;
  const char* action;
  const char* notes = "[]";  // the action's notes, a JSON array
};

// The outcome of a call as the cases write it: "True"/"False", "Kind: message",
// or "signature <new signature>".
std::string run(const Rule& rule, bool predicate, const Value& crash, Result& result) {
  try {
    if (predicate) return rule.predicate(crash, result) ? "True" : "False";
    rule.action(crash, result);
  } catch (const RuleError& e) {
    return e.kind() + ": " + e.what();
  }
  return "signature " + result.signature;
}

std::string expected_outcome(const char* text) {
  if (text[0] != '"') return text;
  Document doc;
  std::string error;
  EXPECT_TRUE(parse_python_json(text, doc, error)) << error;
  return "signature " + std::string(doc.root().as_string());
}

void check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.rule) + " on " + c.crash + ", signature " + c.signature);
    auto rule = test::annotation_and_cleanup_rules().make(c.rule);
    ASSERT_TRUE(rule);
    Document crash, signature, notes;
    std::string error;
    ASSERT_TRUE(parse_python_json(c.crash, crash, error)) << error;
    ASSERT_TRUE(parse_python_json(c.signature, signature, error)) << error;
    ASSERT_TRUE(parse_python_json(c.notes, notes, error)) << error;
    if (c.predicate) {
      Result result;
      result.signature = std::string(signature.root().as_string());
      EXPECT_EQ(run(*rule, true, crash.root(), result), c.predicate);
    }
    if (c.action) {
      Result result;
      result.signature = std::string(signature.root().as_string());
      EXPECT_EQ(run(*rule, false, crash.root(), result), expected_outcome(c.action));
      EXPECT_EQ(result.notes, test::strings(notes.root()));
    }
  }
}

TEST(RuleSemantics, OOMSignature) {
  check({
      // The crashing thread: glom on a list indexes it, negative from the end; on a
      // dict it looks up the decimal key; bad crashing_thread values mean 0.
      {"OOMSignature", R"j({"threads":{"0":{"last_error_value":"ERROR_COMMITMENT_LIMIT"}}})j", R"j("f")j", "True", nullptr},
      {"OOMSignature", R"j({"crashing_thread":-1,"threads":[{},{"last_error_value":"ERROR_NOT_ENOUGH_MEMORY"}]})j",
       R"j("f")j", "True", nullptr},
      {"OOMSignature", R"j({"crashing_thread":-3,"threads":[{},{"last_error_value":"ERROR_NOT_ENOUGH_MEMORY"}]})j",
       R"j("f")j", "False", nullptr},
      {"OOMSignature", R"j({"crashing_thread":"x","threads":[{"last_error_value":"ERROR_COMMITMENT_LIMIT"}]})j",
       R"j("f")j", "True", nullptr},
      {"OOMSignature", R"j({"crashing_thread":[1],"threads":[{"last_error_value":"ERROR_COMMITMENT_LIMIT"}]})j",
       R"j("f")j", "True", nullptr},
      {"OOMSignature", R"j({"crashing_thread":NaN,"threads":[{"last_error_value":"ERROR_COMMITMENT_LIMIT"}]})j",
       R"j("f")j", "True", nullptr},
      {"OOMSignature", R"j({"crashing_thread":1e999,"threads":[]})j", R"j("f")j",
       "OverflowError: cannot convert float infinity to integer", nullptr},
      {"OOMSignature", R"j({"crashing_thread":99999999999999999999999,"threads":[{}]})j", R"j("f")j", "False", nullptr},
      {"OOMSignature", R"j({"threads":"abc"})j", R"j("f")j", "False", nullptr},
      // A truthy thread that is not a dict has no .get().
      {"OOMSignature", R"j({"threads":[["x"]]})j", R"j("f")j", "AttributeError: 'list' object has no attribute 'get'", nullptr},
      {"OOMSignature", R"j({"threads":[NaN]})j", R"j("f")j", "AttributeError: 'float' object has no attribute 'get'", nullptr},
      {"OOMSignature", R"j({"threads":[0, []]})j", R"j("f")j", "False", nullptr},
      {"OOMSignature", R"j({"threads":[{"last_error_value":["ERROR_COMMITMENT_LIMIT"]}]})j", R"j("f")j", "False", nullptr},
      {"OOMSignature", R"j({"reason":["STATUS_NO_MEMORY"]})j", R"j("f")j", "False", nullptr},
      // An empty signature stops the checks that follow the allocation size.
      {"OOMSignature", R"j({"js_large_allocation_failure":"Reporting","reason":"STATUS_NO_MEMORY"})j", R"j("")j", "False",
       R"j("OOM | large | ")j"},
      {"OOMSignature", R"j({"oom_allocation_size":NaN})j", R"j("")j", "True",
       "ValueError: cannot convert float NaN to integer"},
      {"OOMSignature", R"j({"oom_allocation_size":-1e999})j", R"j("f")j", "True",
       "OverflowError: cannot convert float infinity to integer"},
      {"OOMSignature", R"j({"oom_allocation_size":{"a":1}})j", R"j("f")j", "True", R"j("OOM | unknown | f")j"},
      {"OOMSignature", R"j({"oom_allocation_size":"262144.0"})j", R"j("f")j", "True",
       "ValueError: invalid literal for int() with base 10: '262144.0'"},
      {"OOMSignature", R"j({"oom_allocation_size":262144.9})j", R"j("f")j", "True", R"j("OOM | small")j"},
      {"OOMSignature", R"j({"oom_allocation_size":99999999999999999999999})j", R"j("f")j", "True", R"j("OOM | large | f")j"},
      {"OOMSignature", R"j({"oom_allocation_size":false})j", R"j("f")j", "False", R"j("OOM | small")j"},
  });
}

TEST(RuleSemantics, AbortSignature) {
  check({
      // `in` on a list is membership, on a dict a key test; the str methods that
      // follow do not exist on either.
      {"AbortSignature", R"j({"abort_message":["###!!! ABORT: file "]})j", R"j("s")j", "True", R"j("Abort | s")j"},
      {"AbortSignature", R"j({"abort_message":["a","b","xyz",5,"\u00e9"," "]})j", R"j("s")j", "True", R"j("Abort | ab | s")j"},
      {"AbortSignature", R"j({"abort_message":{"c":1,"d":2}})j", R"j("s")j", "True", R"j("Abort | cd | s")j"},
      {"AbortSignature", R"j({"abort_message":["###!!! ABORT:"]})j", R"j("s")j", "True",
       "AttributeError: 'list' object has no attribute 'split'"},
      {"AbortSignature", R"j({"abort_message":{": file ":1}})j", R"j("s")j", "True",
       "AttributeError: 'dict' object has no attribute 'split'"},
      {"AbortSignature", R"j({"abort_message":["unable to find a usable font"]})j", R"j("s")j", "True",
       "AttributeError: 'list' object has no attribute 'find'"},
      {"AbortSignature", R"j({"abort_message":1.5})j", R"j("s")j", "True", "TypeError: argument of type 'float' is not iterable"},
      {"AbortSignature", R"j({"abort_message":true})j", R"j("s")j", "True", "TypeError: argument of type 'bool' is not iterable"},
      {"AbortSignature", R"j({"abort_message":0})j", R"j("s")j", "False", "TypeError: argument of type 'int' is not iterable"},
      {"AbortSignature", R"j({})j", R"j("s")j", "False", "KeyError: 'abort_message'"},
      // A ")" before the "(": Python's slices still apply.
      {"AbortSignature", R"j({"abort_message":"unable to find a usable font ) x (y"})j", R"j("s")j", "True",
       R"j("Abort | unable to find a usable font ) x  x (y | s")j"},
      {"AbortSignature", R"j({"abort_message":"unable to find a usable font (x"})j", R"j("s")j", "True",
       R"j("Abort | unable to find a usable font (x | s")j"},
      {"AbortSignature", R"j({"abort_message":"  \t x ###!!! ABORT:  \u00e9y: file z: file w"})j", R"j("s")j", "True",
       R"j("Abort | y | s")j"},
      {"AbortSignature", R"j({"abort_message":"\u00e9\u00e9\u00e9"})j", R"j("s")j", "True", R"j("Abort |  | s")j"},
  });
}

TEST(RuleSemantics, SignatureShutdownTimeout) {
  check({
      {"SignatureShutdownTimeout", R"j({"async_shutdown_timeout":5})j", R"j("s")j", "True",
       "TypeError: the JSON object must be str, bytes or bytearray, not int"},
      {"SignatureShutdownTimeout", R"j({"async_shutdown_timeout":[0]})j", R"j("s")j", "True",
       "TypeError: the JSON object must be str, bytes or bytearray, not list"},
      {"SignatureShutdownTimeout", R"j({"async_shutdown_timeout":"\"x\""})j", R"j("s")j", "True",
       "AttributeError: 'str' object has no attribute 'get'"},
      {"SignatureShutdownTimeout", R"j({"async_shutdown_timeout":"1.5"})j", R"j("s")j", "True",
       "AttributeError: 'float' object has no attribute 'get'"},
      {"SignatureShutdownTimeout", R"j({"async_shutdown_timeout":"{\"phase\":\"p\",\"conditions\":5}"})j", R"j("s")j",
       "True", "TypeError: 'int' object is not iterable"},
      {"SignatureShutdownTimeout", R"j({"async_shutdown_timeout":"{\"phase\":\"p\",\"conditions\":true}"})j", R"j("s")j",
       "True", "TypeError: 'bool' object is not iterable"},
      {"SignatureShutdownTimeout", R"j({"async_shutdown_timeout":"{\"phase\":\"p\",\"conditions\":0}"})j", R"j("s")j",
       "True", R"j("AsyncShutdownTimeout | p | (none)")j",
       R"j(["SignatureShutdownTimeout: Signature replaced with a Shutdown Timeout signature, was: \"s\""])j"},
      {"SignatureShutdownTimeout",
       R"j({"async_shutdown_timeout":"{\"phase\":\"\u00e9\",\"conditions\":[{\"name\":[1,\"a\"]},{\"name\":{\"k\":1.0}},\"\u00e9\",\"z\",2.5]}"})j",
       R"j("s")j", "True", R"j("AsyncShutdownTimeout | \u00e9 | 2.5,[1, 'a'],z,{'k': 1.0},\u00e9")j",
       R"j(["SignatureShutdownTimeout: Signature replaced with a Shutdown Timeout signature, was: \"s\""])j"},
      // JSON errors are reported with json.loads' message.
      {"SignatureShutdownTimeout", R"j({"async_shutdown_timeout":" "})j", R"j("s")j", "True",
       R"j("AsyncShutdownTimeout | UNKNOWN")j",
       R"j(["SignatureShutdownTimeout: Error parsing AsyncShutdownTimeout: Expecting value: line 1 column 2 (char 1)",
           "SignatureShutdownTimeout: Signature replaced with a Shutdown Timeout signature, was: \"s\""])j"},
      {"SignatureShutdownTimeout", R"j({"async_shutdown_timeout":"{}\n x"})j", R"j("s")j", "True",
       R"j("AsyncShutdownTimeout | UNKNOWN")j",
       R"j(["SignatureShutdownTimeout: Error parsing AsyncShutdownTimeout: Extra data: line 2 column 2 (char 4)",
           "SignatureShutdownTimeout: Signature replaced with a Shutdown Timeout signature, was: \"s\""])j"},
      {"SignatureShutdownTimeout", R"j({"async_shutdown_timeout":"{\"phase\": \"\u00e9\" \"c\"}"})j", R"j("s")j", "True",
       R"j("AsyncShutdownTimeout | UNKNOWN")j",
       R"j(["SignatureShutdownTimeout: Error parsing AsyncShutdownTimeout: Expecting ',' delimiter: line 1 column 15 (char 14)",
           "SignatureShutdownTimeout: Signature replaced with a Shutdown Timeout signature, was: \"s\""])j"},
      {"SignatureShutdownTimeout", R"j({"async_shutdown_timeout":""})j", R"j("s")j", "False", nullptr},
  });
}

TEST(RuleSemantics, IPCAndAnnotationsOfAnyType) {
  check({
      {"SignatureIPCChannelError", R"j({"ipc_channel_error":{"a":1}})j", R"j("s")j", "True",
       "TypeError: unhashable type: 'slice'"},
      {"SignatureIPCChannelError", R"j({"ipc_channel_error":1.5})j", R"j("s")j", "True",
       "TypeError: 'float' object is not subscriptable"},
      {"SignatureIPCChannelError", R"j({"ipc_channel_error":"e","additional_minidumps":5})j", R"j("s")j", "True",
       "TypeError: argument of type 'int' is not iterable"},
      {"SignatureIPCChannelError", R"j({"ipc_channel_error":"e","additional_minidumps":0})j", R"j("s")j", "True",
       R"j("IPCError-content | e")j", R"j(["SignatureIPCChannelError: IPC Channel Error stomped on signature"])j"},
      {"SignatureIPCChannelError", R"j({"ipc_channel_error":"e","additional_minidumps":{"upload_file_minidump_browser":0}})j",
       R"j("s")j", "True", R"j("IPCError-browser | e")j", R"j(["SignatureIPCChannelError: IPC Channel Error stomped on signature"])j"},
      {"SignatureIPCChannelError", R"j({"ipc_channel_error":[true,null,"\u00e9"]})j", R"j("s")j", "True",
       R"j("IPCError-content | [True, None, '\u00e9']")j", R"j(["SignatureIPCChannelError: IPC Channel Error stomped on signature"])j"},
      {"SignatureIPCMessageName", R"j({"ipc_message_name":["a"]})j", R"j("s")j", "True", R"j("s | IPC_Message_Name=['a']")j"},
      {"SignatureIPCMessageName", R"j({"ipc_message_name":1e16})j", R"j("s")j", "True", R"j("s | IPC_Message_Name=1e+16")j"},
      {"SignatureIPCMessageName", R"j({"ipc_message_name":0.0})j", R"j("s")j", "False", R"j("s | IPC_Message_Name=0.0")j"},
      {"StackwalkerErrorSignatureRule", R"j({"mdsw_status_string":[1]})j", R"j("EMPTY: x")j", "True", R"j("EMPTY: x; [1]")j"},
      {"StackwalkerErrorSignatureRule", R"j({"mdsw_status_string":"e"})j", R"j("EMPT")j", "False", R"j("EMPT; e")j"},
      {"StackwalkerErrorSignatureRule", R"j({"mdsw_status_string":"e"})j", R"j("empty")j", "False", nullptr},
      {"HungProcess", R"j({"hang":0})j", R"j("s")j", "True", R"j("hang: 0 | s")j"},
      {"HungProcess", R"j({"hang":{"a":[null]}})j", R"j("s")j", "True", R"j("hang: {'a': [None]} | s")j"},
      {"BadHardware", R"j({"reason":{"STATUS_DEVICE_DATA_ERROR":1}})j", R"j("s")j", "True", R"j("bad hardware | s")j"},
      {"BadHardware", R"j({"reason":0})j", R"j("s")j", "False", nullptr},
      {"BadHardware", R"j({"reason":1.5})j", R"j("s")j", "TypeError: argument of type 'float' is not iterable", nullptr},
      {"StackOverflowSignature", R"j({"reason":["EXCEPTION_STACK_OVERFLOW"]})j", R"j("s")j", "False", nullptr},
      {"SignatureParentIDNotEqualsChildID", R"j({"moz_crash_reason":["MOZ_RELEASE_ASSERT(parentBuildID == childBuildID)"]})j",
       R"j("s")j", "False", nullptr},
  });
}

TEST(RuleSemantics, CleanUp) {
  check({
      // Python's str.isspace() (and re's \s): U+001C..U+001F, U+0085, U+3000 and the
      // line/paragraph separators are whitespace; U+200B and U+180E are not.
      {"SigFixWhitespace", R"j({})j", R"j("\u3000a\u2028\u2029 b\u001f")j", "True", R"j("a b")j"},
      {"SigFixWhitespace", R"j({})j", R"j("a\u001c\u001d\u001e\u001fb")j", "True", R"j("a b")j"},
      {"SigFixWhitespace", R"j({})j", R"j("x\u0085y\u00a0z")j", "True", R"j("x y z")j"},
      {"SigFixWhitespace", R"j({})j", R"j("a\u200bb\u180ec")j", "True", R"j("a\u200bb\u180ec")j"},
      {"SigFixWhitespace", R"j({})j", R"j("a\ud800 \t b")j", "True", R"j("a\ud800 b")j"},
      // Printable ASCII is kept, then spaces are trimmed.
      {"SigPrintableCharsOnly", R"j({})j", R"j(" a\u0000b\t\u00e9 ")j", "True", R"j("ab")j",
       R"j(["SigPrintableCharsOnly: unprintable characters removed"])j"},
      {"SigPrintableCharsOnly", R"j({})j", R"j("\u00e9")j", "True", R"j("")j",
       R"j(["SigPrintableCharsOnly: unprintable characters removed"])j"},
      {"SigPrintableCharsOnly", R"j({})j", R"j("a ~")j", "True", R"j("a ~")j"},
  });
}

TEST(RuleSemantics, TruncationCountsCodePoints) {
  const auto rule = test::annotation_and_cleanup_rules().make("SigTruncate");
  ASSERT_TRUE(rule);
  auto repeat = [](std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  for (std::string_view c : {"a", "\xC3\xA9", "\xF0\x9F\x98\x80", "\xED\xA0\x80"}) {  // 1 to 4 bytes
    Result result;
    result.signature = repeat(c, 255);
    EXPECT_FALSE(rule->predicate(Value(), result));
    result.signature += c;
    ASSERT_TRUE(rule->predicate(Value(), result));
    rule->action(Value(), result);
    EXPECT_EQ(result.signature, repeat(c, 252) + "...");
    EXPECT_EQ(result.notes, std::vector<std::string>{"SigTruncate: SigTrunc: signature truncated due to length"});
  }
}

}  // namespace
}  // namespace crashsig
