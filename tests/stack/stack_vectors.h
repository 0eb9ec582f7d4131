// Replaying the reference's recorded calls (../shared/vectors/socorro-7e28d72b5)
// against the stack plugin's tools.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "c_signature_tool.h"
#include <gtest/gtest.h>

#include "crashsig/json.h"
#include "crashsig/rule.h"
#include "test_support.h"

namespace crashsig::stack::test {

// The records of one vector file.
std::vector<std::unique_ptr<Document>> vectors(std::string_view file);

// Socorro's bundled lists at the target revision.
std::string included_siglists_dir();

// The CSignatureTool a record was made with: the bundled lists ("included") or
// the joined patterns and sentinels the record carries. A conditional sentinel
// counts when the record says its condition held.
const CSignatureTool& tool_for(const Value& tool);

// A call's result, for failure messages.
std::string show(const std::string& s);
std::string show(const std::vector<std::string>& v);
std::string show(const std::optional<std::string>& s);
std::string show(bool b);

// Compares what `call()` did with a record's "expected": its return value, checked
// by `same(result, expected_return)`, or the exception it raised (a RuleError of
// the same Python type; the message too when `exact_message`). Reports a failure
// showing the record when they differ; returns whether they matched.
template <class Call, class Same>
bool replay(const Value& record, Call&& call, Same&& same, bool exact_message = true) {
  const Value& expected = record.get("expected");
  const Value& exception = expected.get("exception");
  std::string outcome;
  bool ok;
  try {
    auto result = call();
    ok = exception.is_null() && same(result, expected.get("return"));
    outcome = "returned " + show(result) + ", expected " + to_json(expected);
  } catch (const RuleError& e) {
    ok = !exception.is_null() && exception.get("type").as_string() == e.kind() &&
         (!exact_message || exception.get("message").as_string() == e.what());
    outcome = std::string("raised ") + e.kind() + ": " + e.what();
  }
  if (!ok) ADD_FAILURE() << "record: " << to_json(record) << "\n" << outcome;
  return ok;
}

// Prints "<file>: <matched>/<total> records match" (the figures of the report).
void report(std::string_view file, std::size_t matched, std::size_t total);

// The strings of a JSON array, for comparing lists.
inline std::vector<std::string> texts(const Value& array) { return crashsig::test::strings(array); }

// A tool with the bundled lists, for calls recorded without one.
const CSignatureTool& included_tool();

// The records of one file whose `field` equals `value`.
std::vector<const Value*> where(const std::vector<std::unique_ptr<Document>>& docs, std::string_view field,
                                std::string_view value);

}  // namespace crashsig::stack::test
