#include "java_signature_tools.h"

#include <initializer_list>

#include "crashsig/python.h"
#include "frame_text.h"

namespace crashsig::stack {

namespace {

constexpr std::size_t kMaxSignatureLength = 255;  // code points


bool is_lower_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// re.sub(r"@[0-9a-f]{8}", "@<addr>", s)
std::string hide_addresses(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '@' && i + 8 < s.size()) {
      std::size_t k = 1;
      while (k <= 8 && is_lower_hex_digit(s[i + k])) ++k;
      if (k == 9) {
        out.append("@<addr>");
        i += 9;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

// re.sub(r"\.java\:\d+\)$", ".java)", s) on a stripped line (so `$` is its end).
// Only the last ".java:" can be followed by nothing but digits and ")".
std::string drop_line_number(std::string_view s) {
  constexpr std::string_view kJava = ".java:";
  const std::size_t at = s.rfind(kJava);
  if (at == std::string_view::npos || !ends_with(s, ")")) return std::string(s);
  const std::string_view digits = s.substr(at + kJava.size(), s.size() - 1 - at - kJava.size());
  if (digits.empty()) return std::string(s);
  const char* p = digits.data();
  const char* end = p + digits.size();
  while (p < end)
    if (py::decimal_value(py::next_code_point(p, end)) < 0) return std::string(s);  // \d is Unicode
  return std::string(s.substr(0, at)) + ".java)";
}

// Socorro's join_ignore_empty.
std::string join_non_empty(std::string_view delimiter, std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out.append(delimiter);
    out.append(part);
  }
  return out;
}

ToolSignature not_a_stack_trace() {
  return {"EMPTY: Java stack trace not in expected format",
          {"JavaSignatureTool: stack trace not in expected format"}};
}

ToolSignature not_an_exception() {
  return {"EMPTY: Java exception not in expected format",
          {"JavaExceptionSignatureTool: value not in expected format"}};
}

// value[key] for a dict value, or nullptr.
const Value* member(const Value* value, std::string_view key) {
  return value && value->is_object() ? value->find(key) : nullptr;
}

}  // namespace

ToolSignature java_stack_trace_signature(const Value& source, std::string_view delimiter) {
  if (!source.is_string()) return not_a_stack_trace();
  const std::vector<std::string_view> lines = py::splitlines(source.as_string());
  if (lines.empty()) return not_a_stack_trace();

  ToolSignature out;
  const std::string_view first = py::strip(lines[0]);
  std::string_view exception_class = first;
  std::string description;
  if (const std::size_t colon = first.find(':'); colon != std::string_view::npos) {
    exception_class = py::strip(first.substr(0, colon));
    description = std::string(py::strip(hide_addresses(first.substr(colon + 1))));
  } else {
    out.notes.emplace_back("JavaSignatureTool: stack trace line 1 is not in the expected format");
  }

  std::string method;
  if (lines.size() < 2) {
    out.notes.emplace_back("JavaSignatureTool: stack trace line 2 is missing");
  } else {
    method = drop_line_number(py::strip(lines[1]));
    if (method.empty()) out.notes.emplace_back("JavaSignatureTool: stack trace line 2 is empty");
  }

  // Socorro keeps an old bug: the delimiter between description and method is
  // dropped unless the description ends with an address.
  if (ends_with(description, "<addr>")) {
    out.signature = join_non_empty(delimiter, {exception_class, description, method});
  } else {
    const std::string phrase = join_non_empty(" ", {description, method});
    out.signature = join_non_empty(delimiter, {exception_class, phrase});
  }

  if (py::length(out.signature) > kMaxSignatureLength) {
    out.signature.assign(exception_class).append(delimiter).append(method);
    out.notes.emplace_back("JavaSignatureTool: dropped Java exception description due to length");
  }
  return out;
}

std::string java_exception_frame(const Value& frame) {
  const Value& module = py::dict_get(frame, "module");
  const Value& function = frame.get("function");
  const Value& filename = frame.get("filename");
  std::string out;
  if (module.truthy()) out = py::str(module);
  if (function.truthy()) {
    if (module.truthy()) out.push_back('.');
    out.append(py::str(function));
  }
  if (!module.truthy() && !function.truthy()) return "unknown";
  if (filename.truthy()) out.append("(").append(py::str(filename)).push_back(')');
  return out;
}

ToolSignature java_exception_signature(const Value& source) {
  const Value* values = member(member(&source, "exception"), "values");
  if (!values || !values->is_array() || values->size() == 0) return not_an_exception();
  const Value* stacktrace = member(&(*values)[0], "stacktrace");
  if (!stacktrace || !stacktrace->is_object()) return not_an_exception();

  const Value& type = stacktrace->get("type");
  const Value& module = stacktrace->get("module");
  const Value& frames = stacktrace->get("frames");
  ToolSignature out;
  if (type.truthy()) {
    if (module.truthy()) out.signature.append(py::str(module)).push_back('.');
    out.signature.append(py::str(type));
  }
  if (frames.truthy()) out.signature.append(": at ").append(java_exception_frame(py::first_item(frames)));
  return out;
}

}  // namespace crashsig::stack
