// Signatures for Java crashes: Socorro's JavaSignatureTool (from a Java stack trace
// as text) and JavaExceptionSignatureTool (from a structured, Sentry-style
// java_exception).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crashsig/value.h"

namespace crashsig::stack {

struct ToolSignature {
  std::string signature;
  std::vector<std::string> notes;
};

// "<exception class>: <description> <first frame>" from a stack trace such as
// "java.lang.Foo: bar@0123abcd\n\tat a.b(C.java:12)": object addresses become
// "@<addr>", line numbers are dropped, and a description that would make the
// signature longer than 255 characters is left out. `source` may be any value;
// a non-str gives an EMPTY signature.
ToolSignature java_stack_trace_signature(const Value& source, std::string_view delimiter = ": ");

// "<module>.<type>: at <first frame>" from
// {"exception": {"values": [{"stacktrace": {"type", "module", "frames"}}]}}; an
// EMPTY signature when the value does not have that shape.
ToolSignature java_exception_signature(const Value& source);

// One java_exception frame: "module.function(filename)", parts left out when
// empty, "unknown" when there is neither module nor function.
std::string java_exception_frame(const Value& frame);

}  // namespace crashsig::stack
