// The Java signature tools against java.jsonl.
#include <gtest/gtest.h>

#include "java_signature_tools.h"
#include "stack_vectors.h"

namespace crashsig::stack {
// For replay()'s failure messages (found by argument-dependent lookup).
std::string show(const ToolSignature& s) { return test::show(s.signature) + " " + test::show(s.notes); }
}  // namespace crashsig::stack

namespace crashsig::stack::test {
namespace {

// [signature, notes, debug_notes]; the Java tools never have debug notes.
bool same_signature(const ToolSignature& got, const Value& expected) {
  return got.signature == expected[0].as_string() && got.notes == texts(expected[1]) && expected[2].size() == 0;
}

TEST(JavaVectors, EveryRecordMatches) {
  const auto docs = vectors("java.jsonl");
  std::size_t matched = 0;
  for (const auto& doc : docs) {
    const Value& record = doc->root();
    const Value& args = record.get("args");
    const std::string_view kind = record.get("kind").as_string();
    if (kind == "java_generate") {
      matched += replay(
          record, [&] { return java_stack_trace_signature(args.get("source"), args.get("delimiter").as_string()); },
          same_signature);
    } else if (kind == "java_exception_generate") {
      matched += replay(record, [&] { return java_exception_signature(args.get("source")); }, same_signature);
    } else {
      EXPECT_EQ(kind, "java_exception_normalize_frame");
      matched += replay(
          record, [&] { return java_exception_frame(args.get("frame")); },
          [](const std::string& got, const Value& expected) { return got == expected.as_string(); });
    }
  }
  report("java.jsonl", matched, docs.size());
}

// Python's str.splitlines() and str.strip() and re's Unicode \d, on cases the
// recorded tests do not reach. Inputs are JSON string literals.
TEST(JavaStackTrace, PythonTextSemantics) {
  Document doc;
  JsonReader reader;
  std::string error;
  const auto signature = [&](const std::string& json) {
    EXPECT_TRUE(reader.parse(json, doc, error)) << error;
    return java_stack_trace_signature(doc.root()).signature;
  };
  const std::string method = "at a.b(C.java:3)";
  EXPECT_EQ(signature("\"java.lang.Foo: bar\\u001c" + method + "\""), "java.lang.Foo: bar at a.b(C.java)");
  EXPECT_EQ(signature("\"java.lang.Foo: bar\\u2028" + method + "\""), "java.lang.Foo: bar at a.b(C.java)");
  EXPECT_EQ(signature("\"\\u00a0java.lang.Foo\\u3000: bar\\u00a0\\n\\u2003" + method + "\\u00a0\""),
            "java.lang.Foo: bar at a.b(C.java)");
  EXPECT_EQ(signature("\"java.lang.Foo: obj@0123abcd\\n" + method + "\""),
            "java.lang.Foo: obj@<addr>: at a.b(C.java)");
  // Arabic-Indic digits are \d to Python; other characters are not.
  EXPECT_EQ(signature("\"E: x\\nat a.b(C.java:\\u0663\\u0661)\""), "E: x at a.b(C.java)");
  EXPECT_EQ(signature("\"E: x\\nat a.b(C.java:1x)\""), "E: x at a.b(C.java:1x)");
  // 145 x U+00E9: a 175-code-point signature of 320 UTF-8 bytes keeps its description.
  std::string json = "\"java.lang.Foo: ", description;
  for (int i = 0; i < 145; ++i) {
    json += "\\u00e9";
    description += "\xC3\xA9";
  }
  EXPECT_EQ(signature(json + "\\n" + method + "\""), "java.lang.Foo: " + description + " at a.b(C.java)");
}

}  // namespace
}  // namespace crashsig::stack::test
