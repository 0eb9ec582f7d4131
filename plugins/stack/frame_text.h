// The text transformations Socorro's frame normalization is built from (its
// signature/utils.py): collapsing template arguments and parameter lists, dropping
// return types, reading source file names and hex offsets.
//
// Inputs are UTF-8 (WTF-8) strings. Every delimiter involved is ASCII, so working
// on bytes gives the same result as Python working on code points; byte offsets
// are returned where Python returns indices.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crashsig/text_search.h"

namespace crashsig::stack {

inline bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Python's find_enclosed_slices: calls `visit(start, end)` with the byte range of
// each outermost `open ... close` span. An unclosed span runs to the end of `s`.
template <class Visit>
void for_each_enclosed_slice(std::string_view s, char open, char close, Visit&& visit) {
  std::size_t depth = 0, start = 0;
  // Only the delimiters matter, found sixteen bytes at a time: a byte loop through
  // the spans' insides was a third of the collapses' instructions.
  const char delimiters[2] = {open, close};
  for_each_byte_of(s, std::string_view(delimiters, 2), [&](std::size_t i) {
    if (s[i] == open) {
      if (depth++ == 0) start = i;
    } else if (depth > 0 && --depth == 0) {
      visit(start, i + 1);
    }
  });
  if (depth > 0) visit(start, s.size());
}

// Python's replace_enclosed_slices, appending to `out`: the text between spans is
// copied, each span is handed to `replace(before, inside, after, out)`, where
// `before` is the text since the previous span, `inside` the span with its
// delimiters and `after` the rest of `s`.
template <class Replace>
void replace_enclosed_slices(std::string_view s, char open, char close, std::string& out,
                             Replace&& replace) {
  std::size_t previous_end = 0;
  for_each_enclosed_slice(s, open, close, [&](std::size_t start, std::size_t end) {
    const std::string_view before = s.substr(previous_end, start - previous_end);
    out.append(before);
    replace(before, s.substr(start, end - start), s.substr(end), out);
    previous_end = end;
  });
  out.append(s.substr(previous_end));
}

// C++ template arguments become <T>, except "<name omitted>", spans naming a trait
// implementation (" as ") or an unknown module (" in "), operator< and friends,
// and IPC::ParamTraits<...>, whose arguments are collapsed one level down.
void collapse_types(std::string_view function, std::string& out);
// Parameter lists are dropped, except "(anonymous namespace)" and operator().
void collapse_arguments(std::string_view function, std::string& out);
// Rust: generic arguments become <T> unless they name a trait implementation
// (" as "), and parameter lists are dropped.
void collapse_rust_types(std::string_view function, std::string& out);
void collapse_rust_arguments(std::string_view function, std::string& out);
// Every [...] span is dropped (PGO "[clone .cold.N]" labels).
void drop_bracketed(std::string_view function, std::string& out);

// Socorro's drop_prefix_and_return_type: the last space-separated token of a
// function signature, not splitting inside (), {}, [], <> or `', and keeping a
// trailing "(args)" or "[clone ...]" token attached. A view into `function`.
// Throws RuleError IndexError for an empty string, as the Python does.
std::string_view drop_prefix_and_return_type(std::string_view function);

// Socorro's parse_source_file: the path part of a VCS source reference
// ("hg:host/repo:path:rev"), of "c:\\path", or an absolute "/path"; nullopt for
// anything else (and for "").
std::optional<std::string_view> parse_source_file(std::string_view source_file);

// Socorro's strip_leading_zeros on a str: hex(int(text, 16)) ("0x0032ec0" ->
// "0x32ec0"), appended to `out`. Returns false, leaving `out` alone, when
// Python's int() refuses the text (the caller then keeps it unchanged).
bool strip_leading_zeros(std::string_view text, std::string& out);

// The three regex substitutions of frame normalization, done by hand:
// " (?=[*&,])" -> "" (no space before * & ,), ",(?! )" -> ", " (a space after
// every comma), "::h[0-9a-fA-F]+$" -> "" (the Rust hash suffix, also before a
// final newline), and "::\$_\d+::" -> "::$::" (clang lambda numbers, Unicode digits).
void remove_space_before_punctuation(std::string_view s, std::string& out);
void space_after_commas(std::string_view s, std::string& out);
void remove_rust_hash(std::string& s);
void remove_lambda_numbers(std::string_view s, std::string& out);

}  // namespace crashsig::stack
