// Holding JsonReader (simdjson's index and the walk over it) to the exact json.loads
// reader (parse_python_json): the JSON fast-path tests and the JSON fuzzer
// (scripts/fuzz-json.sh) share these.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "crashsig/json.h"
#include "crashsig/value.h"

namespace crashsig::test {

// Whether two Values are the same data, stricter than Python's ==: same types (1 is
// not 1.0 nor True), same string bytes, same float bits, same member order.
inline ::testing::AssertionResult identical(const Value& a, const Value& b, const std::string& at = "$") {
  if (a.type() != b.type() || a.is_big_int() != b.is_big_int())
    return ::testing::AssertionFailure() << at << ": types differ";
  switch (a.type()) {
    case Type::Null: return ::testing::AssertionSuccess();
    case Type::Bool:
      if (a.as_bool() != b.as_bool()) return ::testing::AssertionFailure() << at << ": bools differ";
      return ::testing::AssertionSuccess();
    case Type::Int:
      if (a.is_big_int() ? a.big_digits() != b.big_digits() : a.as_int() != b.as_int())
        return ::testing::AssertionFailure() << at << ": ints differ";
      return ::testing::AssertionSuccess();
    case Type::Float: {
      const double x = a.as_float(), y = b.as_float();
      if (std::memcmp(&x, &y, sizeof x) != 0 && !(std::isnan(x) && std::isnan(y)))
        return ::testing::AssertionFailure() << at << ": floats differ: " << x << " vs " << y;
      return ::testing::AssertionSuccess();
    }
    case Type::String:
      if (a.as_string() != b.as_string())
        return ::testing::AssertionFailure() << at << ": strings differ: \"" << a.as_string() << "\" vs \""
                                             << b.as_string() << "\"";
      return ::testing::AssertionSuccess();
    case Type::Array:
      if (a.size() != b.size()) return ::testing::AssertionFailure() << at << ": lengths differ";
      for (std::uint32_t i = 0; i < a.size(); ++i)
        if (auto r = identical(a[i], b[i], at + "[" + std::to_string(i) + "]"); !r) return r;
      return ::testing::AssertionSuccess();
    case Type::Object:
      if (a.size() != b.size()) return ::testing::AssertionFailure() << at << ": member counts differ";
      for (std::uint32_t i = 0; i < a.size(); ++i) {
        const Member &x = a.members()[i], &y = b.members()[i];
        if (x.key != y.key) return ::testing::AssertionFailure() << at << ": keys differ at member " << i;
        if (auto r = identical(x.value, y.value, at + "." + std::string(x.key)); !r) return r;
      }
      return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << at << ": unknown type";
}

// Both readers on `text`: the same verdict, the same Values, and (for UTF-8 texts,
// which the exact reader also takes) the same error message. `accepted`, when
// given, is set to the exact reader's verdict.
inline ::testing::AssertionResult readers_agree(const std::string& text, bool* accepted = nullptr) {
  std::string padded = text;
  reserve_json_padding(padded);
  JsonReader reader;
  Document fast, exact;
  std::string fast_error, exact_error;
  const bool fast_ok = reader.parse(PaddedJson(padded), fast, fast_error);
  const bool exact_ok = parse_python_json(text, exact, exact_error);
  if (accepted) *accepted = exact_ok;
  if (!fast_ok && fast_error == "invalid UTF-8") return ::testing::AssertionSuccess();
  if (fast_ok != exact_ok)
    return ::testing::AssertionFailure() << "fast path " << (fast_ok ? "accepts" : "refuses (" + fast_error + ")")
                                         << ", json.loads " << (exact_ok ? "accepts" : "refuses (" + exact_error + ")")
                                         << ": " << text;
  if (!fast_ok) {
    if (fast_error != exact_error)
      return ::testing::AssertionFailure() << "errors differ: " << fast_error << " vs " << exact_error;
    return ::testing::AssertionSuccess();
  }
  if (auto r = identical(fast.root(), exact.root()); !r) return r << " in: " << text;
  return ::testing::AssertionSuccess();
}

}  // namespace crashsig::test
