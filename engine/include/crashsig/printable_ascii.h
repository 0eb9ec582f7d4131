// crashsig/printable_ascii.h — reducing text to printable ASCII, as Socorro does
// with what it puts in a signature.
//
// Socorro keeps the characters U+0020 (space) to U+007E in two places: its
// drop_bad_characters(), which AbortSignature applies to the abort message, and
// the SigPrintableCharsOnly rule, which applies the same filter to the whole
// signature. Everything else goes: control characters, tabs and newlines, and all
// non-ASCII text.
#pragma once

#include <string>
#include <string_view>

#include "crashsig/python.h"
#include "crashsig/value.h"

namespace crashsig {

inline bool is_printable_ascii(char c) { return c >= 0x20 && c <= 0x7E; }

// Appends the printable ASCII characters of `text`. The bytes of a multi-byte
// UTF-8 (or WTF-8) sequence, and invalid bytes, are all 0x80 or above, so keeping
// bytes keeps exactly the printable ASCII code points.
inline void append_printable_ascii(std::string& out, std::string_view text) {
  for (char c : text)
    if (is_printable_ascii(c)) out.push_back(c);
}

// drop_bad_characters(text): Socorro joins the items of `text` that are printable
// ASCII characters, so a str keeps its printable ASCII characters, a list its
// items and a dict its keys that are single such characters. Raises TypeError
// "'int' object is not iterable" for a value that is none of these.
inline std::string drop_bad_characters(const Value& text) {
  std::string out;
  if (text.is_string()) {
    append_printable_ascii(out, text.as_string());
    return out;
  }
  py::for_each_item(text, [&out](const Value& item) {
    if (item.is_string() && item.as_string().size() == 1) append_printable_ascii(out, item.as_string());
    return true;
  });
  return out;
}

}  // namespace crashsig
