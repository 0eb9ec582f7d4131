#include "frame_text.h"

#include <array>
#include <utility>
#include <vector>

#include "crashsig/python.h"
#include "crashsig/rule.h"

namespace crashsig::stack {

namespace {

bool is_ascii_hex_digit(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

int hex_digit_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return py::decimal_value(c);  // int(text, 16) takes any Unicode decimal digit
}

// The characters drop_prefix_and_return_type acts on: the space and delimiters.
// Names are mostly letters and "::", so they are found sixteen bytes at a time
// (drop_prefix_and_return_type: 14.5M -> 10.2M instructions per pass of
// typed.jsonl against a byte-by-byte loop).
constexpr std::string_view kTokenizerCharacters = " (){}[]<>`'";

// The closing delimiter of each opening one; 0 for every other byte, which no
// closing delimiter equals.
constexpr std::array<char, 256> kClosing = [] {
  std::array<char, 256> t{};
  t['('] = ')';
  t['{'] = '}';
  t['['] = ']';
  t['<'] = '>';
  t['`'] = '\'';
  return t;
}();

}  // namespace

// The replace= callables of the collapses: (before, inside, after, out).
using Span = std::string_view;

void collapse_types(std::string_view function, std::string& out) {
  const auto replace = [](Span before, Span inside, Span, std::string& o) {
    if (inside == "<name omitted>" || contains(inside, " as ") || contains(inside, " in ") ||
        ends_with(before, "operator")) {
      o.append(inside);
    } else if (ends_with(before, "IPC::ParamTraits")) {
      // inside[1:-1]: an unclosed span ends with any character, not '>'.
      o.push_back('<');
      collapse_types(py::slice(inside, 1, -1), o);
      o.push_back('>');
    } else {
      o.append("<T>");
    }
  };
  replace_enclosed_slices(function, '<', '>', out, replace);
}

void collapse_arguments(std::string_view function, std::string& out) {
  const auto replace = [](Span before, Span inside, Span, std::string& o) {
    if (inside == "(anonymous namespace)" || ends_with(before, "operator")) o.append(inside);
  };
  replace_enclosed_slices(function, '(', ')', out, replace);
}

void collapse_rust_types(std::string_view function, std::string& out) {
  const auto replace = [](Span, Span inside, Span, std::string& o) {
    o.append(contains(inside, " as ") ? inside : Span("<T>"));
  };
  replace_enclosed_slices(function, '<', '>', out, replace);
}

void collapse_rust_arguments(std::string_view function, std::string& out) {
  replace_enclosed_slices(function, '(', ')', out, [](Span, Span, Span, std::string&) {});
}

void drop_bracketed(std::string_view function, std::string& out) {
  replace_enclosed_slices(function, '[', ']', out, [](Span, Span, Span, std::string&) {});
}

std::string_view drop_prefix_and_return_type(std::string_view function) {
  if (function.empty()) throw RuleError("IndexError", "list index out of range");
  // Tokens are separated by spaces outside delimiters, so with no space the
  // whole text is the one token.
  if (!contains(function, ' ')) return function;

  // The result runs from the last token that does not start with "(" or "[clone"
  // (those stay attached to the token before them; the first token always
  // counts) to the end of the last token. Consecutive spaces make empty tokens.
  //
  // The open delimiters are a stack above a 0 at the bottom (whose "closing
  // delimiter" is 0, matching nothing), updated without branching on which
  // delimiter came: the delimiters of a name follow no pattern a branch predictor
  // learns. It cannot be deeper than the name is long.
  char small_stack[128];
  std::string large_stack;
  char* open_delimiters = small_stack;
  if (function.size() >= sizeof small_stack) {
    large_stack.resize(function.size() + 1);
    open_delimiters = large_stack.data();
  }
  open_delimiters[0] = 0;
  std::size_t depth = 0;
  std::size_t token_start = 0, token_count = 0;
  std::size_t result_start = 0, result_end = 0;
  const auto end_token = [&](std::size_t end) {
    const std::string_view token = function.substr(token_start, end - token_start);
    if (token_count++ == 0 || !(starts_with(token, "(") || starts_with(token, "[clone")))
      result_start = token_start;
    result_end = end;
  };
  for_each_byte_of(function, kTokenizerCharacters, [&](std::size_t i) {
    const char c = function[i];
    if (c == ' ') {
      if (depth == 0) {
        end_token(i);
        token_start = i + 1;
      }
      return;
    }
    const bool opens = kClosing[static_cast<unsigned char>(c)] != 0;
    const bool closes_top = kClosing[static_cast<unsigned char>(open_delimiters[depth])] == c;
    open_delimiters[depth + 1] = c;  // kept only when it opens
    depth = depth + opens - closes_top;
  });
  if (token_start < function.size()) end_token(function.size());
  return function.substr(result_start, result_end - result_start);
}

std::optional<std::string_view> parse_source_file(std::string_view source_file) {
  if (source_file.empty()) return std::nullopt;
  std::size_t colons[3];
  std::size_t count = 0;
  for (std::size_t i = find_byte(source_file, ':'); i != std::string_view::npos && count <= 3;
       i = find_byte(source_file, ':', i + 1)) {
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
  const std::size_t mark = out.size();
  out.append("-0x");
  bool significant = false;  // past the leading zeros
  const char* p = t.data();
  const char* end = t.data() + t.size();
  while (p < end) {
    const char32_t c = py::next_code_point(p, end);
    if (c == '_') continue;
    const int value = hex_digit_value(c);
    significant = significant || value != 0;
    if (significant) out.push_back("0123456789abcdef"[value]);
  }
  if (!significant) out.push_back('0');
  if (!negative || !significant) out.erase(mark, 1);  // hex() writes no "-0x0"
  return true;
}

void remove_space_before_punctuation(std::string_view s, std::string& out) {
  std::size_t from = 0;
  for (std::size_t i = find_byte(s, ' '); i != std::string_view::npos; i = find_byte(s, ' ', i + 1)) {
    if (i + 1 < s.size() && (s[i + 1] == '*' || s[i + 1] == '&' || s[i + 1] == ',')) {
      out.append(s.substr(from, i - from));
      from = i + 1;
    }
  }
  out.append(s.substr(from));
}

void space_after_commas(std::string_view s, std::string& out) {
  std::size_t from = 0;
  for (std::size_t i = find_byte(s, ','); i != std::string_view::npos; i = find_byte(s, ',', i + 1)) {
    if (i + 1 == s.size() || s[i + 1] != ' ') {
      out.append(s.substr(from, i + 1 - from)).push_back(' ');
      from = i + 1;
    }
  }
  out.append(s.substr(from));
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
  constexpr std::string_view kStart = "::$_";
  std::size_t from = 0;
  for (std::size_t i = find_text(s, kStart); i != std::string_view::npos; i = find_text(s, kStart, i + 1)) {
    if (i < from) continue;  // inside a replaced match
    // One or more Unicode decimal digits, then "::".
    const char* p = s.data() + i + kStart.size();
    const char* end = s.data() + s.size();
    const char* digits_end = p;
    while (p < end && py::decimal_value(py::next_code_point(p, end)) >= 0) digits_end = p;
    const auto after = static_cast<std::size_t>(digits_end - s.data());
    if (after == i + kStart.size() || s.compare(after, 2, "::") != 0) continue;
    out.append(s.substr(from, i - from)).append("::$::");
    from = after + 2;
  }
  out.append(s.substr(from));
}

}  // namespace crashsig::stack
