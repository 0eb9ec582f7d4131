#include "frame_text.h"

#include <utility>
#include <vector>

#include "crashsig/python.h"
#include "crashsig/rule.h"

namespace crashsig::stack {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

bool is_ascii_hex_digit(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

int hex_digit_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return py::decimal_value(c);  // int(text, 16) takes any Unicode decimal digit
}

char closing_delimiter(char open) {
  switch (open) {
    case '(': return ')';
    case '{': return '}';
    case '[': return ']';
    case '<': return '>';
    default: return '\'';  // '`'
  }
}

}  // namespace

void collapse_types(std::string_view function, std::string& out) {
  replace_enclosed_slices(function, '<', '>', out,
                          [](std::string_view before, std::string_view inside, std::string_view, std::string& o) {
                            if (inside == "<name omitted>" || contains(inside, " as ") ||
                                contains(inside, " in ") || ends_with(before, "operator")) {
                              o.append(inside);
                            } else if (ends_with(before, "IPC::ParamTraits")) {
                              // inside[1:-1]: an unclosed span ends with any character.
                              o.push_back('<');
                              collapse_types(py::slice(inside, 1, -1), o);
                              o.push_back('>');
                            } else {
                              o.append("<T>");
                            }
                          });
}

void collapse_arguments(std::string_view function, std::string& out) {
  replace_enclosed_slices(function, '(', ')', out,
                          [](std::string_view before, std::string_view inside, std::string_view, std::string& o) {
                            if (inside == "(anonymous namespace)" || ends_with(before, "operator"))
                              o.append(inside);
                          });
}

void collapse_rust_types(std::string_view function, std::string& out) {
  replace_enclosed_slices(function, '<', '>', out,
                          [](std::string_view, std::string_view inside, std::string_view, std::string& o) {
                            o.append(contains(inside, " as ") ? inside : std::string_view("<T>"));
                          });
}

void collapse_rust_arguments(std::string_view function, std::string& out) {
  replace_enclosed_slices(function, '(', ')', out,
                          [](std::string_view, std::string_view, std::string_view, std::string&) {});
}

void drop_bracketed(std::string_view function, std::string& out) {
  replace_enclosed_slices(function, '[', ']', out,
                          [](std::string_view, std::string_view, std::string_view, std::string&) {});
}

std::string_view drop_prefix_and_return_type(std::string_view function) {
  // Token boundaries: every space outside delimiters ends a token (empty ones too).
  thread_local std::vector<std::pair<std::size_t, std::size_t>> tokens;
  thread_local std::string open_delimiters;
  tokens.clear();
  open_delimiters.clear();
  std::size_t token_start = 0;
  for (std::size_t i = 0; i < function.size(); ++i) {
    const char c = function[i];
    switch (c) {
      case '(': case '{': case '[': case '<': case '`':
        open_delimiters.push_back(c);
        break;
      case ')': case '}': case ']': case '>': case '\'':
        if (!open_delimiters.empty() && closing_delimiter(open_delimiters.back()) == c)
          open_delimiters.pop_back();
        break;
      case ' ':
        if (open_delimiters.empty()) {
          tokens.emplace_back(token_start, i);
          token_start = i + 1;
        }
        break;
      default: break;
    }
  }
  if (token_start < function.size()) tokens.emplace_back(token_start, function.size());
  if (tokens.empty()) throw RuleError("IndexError", "list index out of range");

  // A trailing "(args)" or "[clone ...]" token belongs to the one before it; the
  // two were separated by exactly one space, so joining them is widening the span.
  std::size_t last = tokens.size() - 1;
  const auto text = [&](std::size_t k) {
    return function.substr(tokens[k].first, tokens[k].second - tokens[k].first);
  };
  while (last > 0 && (starts_with(text(last), "(") || starts_with(text(last), "[clone"))) {
    tokens[last - 1].second = tokens[last].second;
    --last;
  }
  return text(last);
}

std::optional<std::string_view> parse_source_file(std::string_view source_file) {
  if (source_file.empty()) return std::nullopt;
  std::size_t colons[3];
  std::size_t count = 0;
  for (std::size_t i = 0; i < source_file.size() && count <= 3; ++i)
    if (source_file[i] == ':') {
      if (count < 3) colons[count] = i;
      ++count;
    }
  if (count == 3) return source_file.substr(colons[1] + 1, colons[2] - colons[1] - 1);  // vcs:root:path:rev
  if (count == 1) return source_file.substr(colons[0] + 1);                             // c:\path
  if (source_file.front() == '/') return source_file;
  return std::nullopt;
}

bool strip_leading_zeros(std::string_view text, std::string& out) {
  if (!py::parse_int(text, 16)) return false;
  // int() accepted it, so it is: whitespace, a sign, an optional 0x, and hex digits
  // with single underscores between them. hex() of that value is the digits
  // without leading zeros, in lower case.
  std::string_view t = py::strip(text);
  const bool negative = !t.empty() && t.front() == '-';
  if (!t.empty() && (t.front() == '-' || t.front() == '+')) t.remove_prefix(1);
  if (t.size() >= 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) t.remove_prefix(2);
  std::string digits;
  const char* p = t.data();
  const char* end = t.data() + t.size();
  while (p < end) {
    const char32_t c = py::next_code_point(p, end);
    if (c == '_') continue;
    const int value = hex_digit_value(c);
    if (value == 0 && digits.empty()) continue;
    digits.push_back("0123456789abcdef"[value]);
  }
  out.assign(negative && !digits.empty() ? "-0x" : "0x");
  out.append(digits.empty() ? "0" : digits);
  return true;
}

void remove_space_before_punctuation(std::string_view s, std::string& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' && i + 1 < s.size() && (s[i + 1] == '*' || s[i + 1] == '&' || s[i + 1] == ','))
      continue;
    out.push_back(s[i]);
  }
}

void space_after_commas(std::string_view s, std::string& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    out.push_back(s[i]);
    if (s[i] == ',' && (i + 1 == s.size() || s[i + 1] != ' ')) out.push_back(' ');
  }
}

void remove_rust_hash(std::string& s) {
  // Only a hash that runs to the end (or to a final newline, which `$` allows)
  // matches; "::h" cannot sit inside the hex run, so it must directly precede
  // the longest run of hex digits ending there.
  const std::size_t end = !s.empty() && s.back() == '\n' ? s.size() - 1 : s.size();
  std::size_t start = end;
  while (start > 0 && is_ascii_hex_digit(s[start - 1])) --start;
  if (start == end || start < 3 || std::string_view(s).substr(start - 3, 3) != "::h") return;
  s.erase(start - 3, end - start + 3);
}

void remove_lambda_numbers(std::string_view s, std::string& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 4, "::$_") == 0) {
      // One or more Unicode decimal digits, then "::".
      const char* p = s.data() + i + 4;
      const char* end = s.data() + s.size();
      const char* digits_end = p;
      while (p < end) {
        const char* at = p;
        if (py::decimal_value(py::next_code_point(p, end)) < 0) {
          p = at;
          break;
        }
        digits_end = p;
      }
      const std::size_t after = static_cast<std::size_t>(digits_end - s.data());
      if (digits_end != s.data() + i + 4 && s.compare(after, 2, "::") == 0) {
        out.append("::$::");
        i = after + 2;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
}

}  // namespace crashsig::stack
