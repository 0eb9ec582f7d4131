// crashsig/json.h — reading crash JSON into Values.
//
// Parsing uses simdjson's structural index (its stage 1). Where that path is
// stricter than Python's json.loads (NaN/Infinity literals, integers beyond 64
// bits, numbers that overflow or underflow, nesting too deep, errors of any kind,
// whose messages must be json.loads') a small fallback parser with json.loads'
// rules takes over, so crashes read the same as they did in the reference, down
// to refusing integers of more than 4,300 digits as Python 3.11's int() does.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "crashsig/value.h"

// Everything the library declares here is part of its ABI (see export.h).
#pragma GCC visibility push(default)

namespace crashsig {

// One parsed JSON text and the arena its Values live in.
class Document {
 public:
  const Value& root() const { return root_; }
  Arena& arena() { return arena_; }
  void set_root(Value v) { root_ = v; }

 private:
  Arena arena_;
  Value root_;
};

// simdjson reads up to this many bytes past the end of a text (without using their
// values). A text known to have them is parsed where it lies; any other is first
// copied into a padded buffer, which costs as much as a tenth of signing a crash.
inline constexpr std::size_t kJsonPadding = 64;

// A JSON text in a std::string whose spare capacity may hold the padding, as
// simdjson's own padded_string_view sees a std::string. Parsed in place when
// `s.capacity() - s.size() >= kJsonPadding` (reserve_json_padding makes sure of
// it), copied otherwise. The string must outlive the parse.
class PaddedJson {
 public:
  explicit PaddedJson(const std::string& s) : text_(s), padded_(s.capacity() - s.size() >= kJsonPadding) {}
  std::string_view text() const { return text_; }
  bool padded() const { return padded_; }

 private:
  std::string_view text_;
  bool padded_;
};

// Grows `s`'s capacity, if need be, so that PaddedJson(s) is parsed in place.
inline void reserve_json_padding(std::string& s) { s.reserve(s.size() + kJsonPadding); }

// Reads JSON texts. Keeps simdjson's buffers between calls: use one per thread.
class Signifier;

class JsonReader {
 public:
  JsonReader();
  ~JsonReader();
  JsonReader(const JsonReader&) = delete;
  JsonReader& operator=(const JsonReader&) = delete;

  // Parses `text` into `doc` (resetting it). On failure returns false and sets
  // `error` to json.loads' message ("Expecting ',' delimiter: line 1 column 3
  // (char 2)"), or "invalid UTF-8".
  bool parse(std::string_view text, Document& doc, std::string& error);
  // The same. The document keeps one padded copy of the text either way; a text
  // that carries its padding saves a copy only in Signifier (engine.h), whose
  // documents view the text itself.
  bool parse(const PaddedJson& text, Document& doc, std::string& error);

  // What parse_object() found.
  enum class ObjectParse { kObject, kInvalidJson, kNotObject };
  // Parses `text` into `doc` and requires it to be a JSON object, as a crash (or a
  // Socorro API answer) must be. When it is not, sets `error` and says which way:
  //   kInvalidJson  not JSON: `error` is parse()'s, "Expecting value: line 1
  //                 column 1 (char 0)"
  //   kNotObject    JSON of another type: "expected a JSON object, got list" (the
  //                 type as Python names it)
  // A caller with one wording for both uses `error` as it is:
  //   if (reader.parse_object(text, doc, error) != JsonReader::ObjectParse::kObject)
  //     fail(error);
  ObjectParse parse_object(std::string_view text, Document& doc, std::string& error);

  // Nesting deeper than this is refused rather than recursed into.
  static constexpr std::size_t kMaxDepth = 1024;

 private:
  friend class Signifier;
  // Without `copy_strings`, string Values point into `text` (or this reader's padded
  // copy of it) and are valid only while the text lives and until the reader's next
  // parse: for callers that use one document at a time.
  // With `padded`, kJsonPadding bytes past the text may be read.
  bool parse(std::string_view text, bool padded, Document& doc, std::string& error, bool copy_strings);
  ObjectParse parse_object(std::string_view text, bool padded, Document& doc, std::string& error,
                           bool copy_strings);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// json.loads(text) where text is a Python str (WTF-8 allowed): never uses the
// simdjson fast path, so errors always carry json.loads' message, e.g.
// "Expecting value: line 1 column 1 (char 0)". For rules that decode JSON fields.
bool parse_python_json(std::string_view text, Document& doc, std::string& error);

// Writes `s` as a JSON string literal (with quotes) to `out`. Lone surrogates are
// written as \uXXXX escapes; other non-ASCII characters as UTF-8.
void append_json_string(std::string& out, std::string_view s);
// Serializes a Value as compact JSON (NaN and infinities as Python writes them).
std::string to_json(const Value& v);

}  // namespace crashsig

#pragma GCC visibility pop
