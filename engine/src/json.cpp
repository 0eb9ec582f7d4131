// JSON reading with Python's json.loads semantics.
//
// Fast path: simdjson's stage 1, then arena Values built from its structural index
// (keys de-duplicated last-wins, as a Python dict does). When that path cannot
// take a text exactly, PythonJsonParser reads it instead: it accepts what json.loads accepts beyond
// RFC 8259 (NaN, Infinity, -Infinity, integers of any size, numbers that overflow
// to infinity, lone surrogate escapes) and otherwise fails with json.loads' own
// message ("Expecting value: line 1 column 1 (char 0)"), which some rules quote.
#include "crashsig/json.h"

#include <simdjson.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "crashsig/python.h"

namespace crashsig {

namespace {

// A 256-bit filter over (length, first and last byte) of an object's keys: keys
// that land on different bits differ, so most objects need no key comparison.
// Keys are added as they are read, while their bytes are in cache. The four words
// are selected without indexing so that they stay in registers: an indexed array
// is kept in memory, and each key then waited on the store of the one before.
class KeyFilter {
 public:
  void add(std::string_view k) {
    const unsigned h = k.empty() ? 0
        : (static_cast<unsigned>(k.size()) * 73u + static_cast<unsigned char>(k.front()) * 151u +
           static_cast<unsigned char>(k.back())) & 255u;
    const std::uint64_t bit = std::uint64_t{1} << (h & 63);
    const unsigned word = h >> 6;
    const std::uint64_t b0 = word == 0 ? bit : 0, b1 = word == 1 ? bit : 0, b2 = word == 2 ? bit : 0,
                        b3 = word == 3 ? bit : 0;
    seen_twice_ |= (w0_ & b0) | (w1_ & b1) | (w2_ & b2) | (w3_ & b3);
    w0_ |= b0;
    w1_ |= b1;
    w2_ |= b2;
    w3_ |= b3;
  }
  bool maybe_duplicate() const { return seen_twice_ != 0; }

 private:
  std::uint64_t w0_ = 0, w1_ = 0, w2_ = 0, w3_ = 0, seen_twice_ = 0;
};

// Python dicts keep the first position of a key and its last value. Duplicate
// keys are rare, so this compacts in place only when it finds one; `filter` holds
// the object's keys.
std::uint32_t dedupe_members(Member* m, std::uint32_t n, const KeyFilter& filter) {
  if (!filter.maybe_duplicate()) return n;
  // The filter can be wrong about a small object (one in ten, in crash data):
  // comparing its keys pairwise allocates nothing.
  bool dup = false;
  if (n <= 32) {
    for (std::uint32_t i = 1; i < n && !dup; ++i)
      for (std::uint32_t j = 0; j < i && !dup; ++j) dup = m[i].key == m[j].key;
  } else {
    std::unordered_map<std::string_view, std::uint32_t> seen;
    seen.reserve(n);
    for (std::uint32_t i = 0; i < n && !dup; ++i) dup = !seen.emplace(m[i].key, i).second;
  }
  if (!dup) return n;
  std::unordered_map<std::string_view, std::uint32_t> first;
  std::uint32_t out = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    auto [it, inserted] = first.emplace(m[i].key, out);
    if (inserted) m[out++] = m[i];
    else m[it->second].value = m[i].value;
  }
  return out;
}

// ---- json.loads' string literals -------------------------------------------

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Four hex digits at s[at]. Like CPython's scanner, it also wants a character
// after them (the closing quote at least), else the escape is "invalid".
bool u_escape(std::string_view s, std::size_t at, char32_t& cp) {
  if (at + 4 >= s.size()) return false;
  cp = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const int h = hex_digit(s[at + k]);
    if (h < 0) return false;
    cp = cp * 16 + char32_t(h);
  }
  return true;
}

// The first index at or after `from` whose byte ends a run of plain string text: a
// quote, a backslash or a control character; s.size() when there is none. Sixteen
// bytes at a time: escaped strings (Java stack traces, Windows paths) are long, and
// a byte loop through them cost ~1,000 instructions a string.
std::size_t end_of_plain_run(std::string_view s, std::size_t from) {
  const char* p = s.data();
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  // Unsigned c < 0x20 as a signed compare: flip the top bit of both sides.
  const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80)), below = _mm_set1_epi8(static_cast<char>(0x20 ^ 0x80));
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash)),
                                      _mm_cmplt_epi8(_mm_xor_si128(block, flip), below));
    if (const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits))) return i + __builtin_ctz(mask);
  }
#endif
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c == '"' || c == '\\' || c < 0x20) return i;
  }
  return s.size();
}

// Where and why json.loads refuses a string literal.
struct StringError {
  const char* message = nullptr;
  std::size_t at = 0;
};

// Reads the string literal whose opening quote is s[pos] as json.loads does:
// escapes decoded, an unpaired \uD800-\uDFFF kept as a lone surrogate (WTF-8), raw
// control characters refused. On success `pos` is past the closing quote and `out`
// is the text: a view into `s` when nothing was escaped, else into `scratch`.
bool read_string_literal(std::string_view s, std::size_t& pos, std::string& scratch, std::string_view& out,
                         StringError& error) {
  const std::size_t begin = pos++;  // the opening quote
  std::size_t run = pos;
  scratch.clear();
  bool escaped = false;
  while (true) {
    if (pos >= s.size()) {
      error = {"Unterminated string starting at", begin};
      return false;
    }
    const unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c == '"') break;
    if (c < 0x20) {
      error = {"Invalid control character at", pos};
      return false;
    }
    if (c != '\\') {
      pos = end_of_plain_run(s, pos + 1);
      continue;
    }
    escaped = true;
    scratch.append(s.data() + run, pos - run);
    if (pos + 1 >= s.size()) {
      error = {"Unterminated string starting at", begin};
      return false;
    }
    switch (s[pos + 1]) {
      case '"': scratch += '"'; break;
      case '\\': scratch += '\\'; break;
      case '/': scratch += '/'; break;
      case 'b': scratch += '\b'; break;
      case 'f': scratch += '\f'; break;
      case 'n': scratch += '\n'; break;
      case 'r': scratch += '\r'; break;
      case 't': scratch += '\t'; break;
      case 'u': {
        char32_t cp;
        if (!u_escape(s, pos + 2, cp)) {
          error = {"Invalid \\uXXXX escape", pos + 1};
          return false;
        }
        pos += 6;
        // A high surrogate followed by an escaped low one is one code point;
        // anything else is kept as a lone surrogate, as Python does.
        if (cp >= 0xD800 && cp <= 0xDBFF && pos + 1 < s.size() && s[pos] == '\\' && s[pos + 1] == 'u') {
          char32_t lo;
          if (u_escape(s, pos + 2, lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            pos += 6;
          }
        }
        py::append_utf8(scratch, cp);
        run = pos;
        continue;
      }
      default: error = {"Invalid \\escape", pos}; return false;
    }
    pos += 2;
    run = pos;
  }
  if (escaped) {
    scratch.append(s.data() + run, pos - run);
    out = scratch;
  } else {
    out = s.substr(begin + 1, pos - begin - 1);
  }
  ++pos;  // closing quote
  return true;
}

// ---- fast path: simdjson's stage 1, then Values built from its index -----------
//
// simdjson's stage 1 validates UTF-8, refuses raw control characters inside
// strings and unclosed strings, and lists the offset of each structural character
// ({ } [ ] : ,) and of the first byte of every scalar, string or not. IndexWalker
// walks that list with JSON's grammar and builds Values directly; simdjson's own
// stage 2 would write a tape and a copy of every string, to be converted after.
//
// Strings cost no scan: a string's closing quote is the last byte before the next
// structural that is not JSON whitespace (anything else there would have started
// a structural of its own), and a string without a backslash is a view into the
// text. Backslashes are found with one memchr that moves ahead of the walk, so the
// text is searched for them once in all.
//
// It takes only what it reads exactly as json.loads does. Anything else (a grammar
// error, NaN, integers over 18 digits, floats that overflow or underflow, deep
// nesting) makes it give up, and PythonJsonParser reads the text instead.
// JsonFastPath tests check both agree on every corpus line and on mutations.

// Reused between texts, so building allocates nothing once warm.
struct WalkScratch {
  std::vector<Value> items;     // of the arrays being built, innermost last
  std::vector<Member> members;  // of the objects being built, innermost last
  std::string unescaped;
};

class IndexWalker {
 public:
  // `index` holds `n` offsets into `text`, then (simdjson's padding) text.size().
  IndexWalker(std::string_view text, const std::uint32_t* index, std::uint32_t n, Arena& arena,
              WalkScratch& scratch)
      : text_(text), index_(index), n_(n), arena_(arena), scratch_(scratch) {
    const void* b = std::memchr(text.data(), '\\', text.size());
    next_backslash_ = b ? static_cast<std::size_t>(static_cast<const char*>(b) - text.data()) : text.size();
  }

  // False when the text is not one JSON value this walker reads exactly.
  bool walk(Value& root) {
    scratch_.items.clear();
    scratch_.members.clear();
    root = value(0);
    return !failed_ && i_ == n_;
  }

 private:
  std::string_view text_;
  const std::uint32_t* index_;
  std::uint32_t n_;
  std::uint32_t i_ = 0;  // the next structural
  Arena& arena_;
  WalkScratch& scratch_;
  std::size_t next_backslash_;  // the first backslash at or after the last string's start
  // Set when the walker gives up. Values are returned, not written through a
  // pointer, so that they stay in registers (16-byte Values stored and reloaded at
  // once stall store forwarding).
  bool failed_ = false;

  Value fail() {
    failed_ = true;
    return Value();
  }

  // The current structural's first byte. Past the last one, simdjson's index holds
  // the text's length, and the byte there is a NUL (a std::string's terminator, or
  // padding we zeroed), which no grammar rule accepts: so no bounds check, as long
  // as nothing reads on after a failure (the loops below check failed_ first).
  char next() const { return text_.data()[index_[i_]]; }
  // Where the current structural's token must end: at the next one.
  std::size_t bound() const { return index_[i_ + 1]; }
  // A scalar ends at JSON whitespace or at the next structural.
  bool ends_scalar(std::size_t p) const { return p == bound() || is_json_space(text_[p]); }

  Value value(std::size_t depth) {
    if (i_ >= n_ || depth >= JsonReader::kMaxDepth) return fail();
    const std::size_t p = index_[i_];
    switch (text_[p]) {
      case '"': return Value::string(string());
      case '{': return object(depth);
      case '[': return array(depth);
      case 't': return literal(p, "true", Value::boolean(true));
      case 'f': return literal(p, "false", Value::boolean(false));
      case 'n': return literal(p, "null", Value());
      default: return number(p);
    }
  }

  Value literal(std::size_t p, std::string_view word, Value v) {
    if (bound() - p < word.size() || text_.compare(p, word.size(), word) != 0 || !ends_scalar(p + word.size()))
      return fail();
    ++i_;
    return v;
  }

  // The string whose opening quote is the current structural.
  std::string_view string() {
    const std::size_t open = index_[i_];
    std::size_t close = bound() - 1;
    while (is_json_space(text_[close])) --close;
    ++i_;
    if (close <= open || text_[close] != '"') {
      failed_ = true;
      return {};
    }
    if (next_backslash_ < open) {
      const void* b = std::memchr(text_.data() + open, '\\', text_.size() - open);
      next_backslash_ = b ? static_cast<std::size_t>(static_cast<const char*>(b) - text_.data()) : text_.size();
    }
    if (next_backslash_ > close) return text_.substr(open + 1, close - open - 1);
    std::size_t pos = open;
    StringError error;
    std::string_view decoded;
    if (!read_string_literal(text_, pos, scratch_.unescaped, decoded, error) || pos != close + 1) {
      failed_ = true;
      return {};
    }
    return arena_.copy(decoded);
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?
  Value number(std::size_t start) {
    const std::size_t end = bound();
    std::size_t p = start;
    const bool negative = text_[p] == '-';
    if (negative) ++p;
    const std::size_t digits = p;
    if (p == end || !is_digit(text_[p])) return fail();
    if (text_[p] == '0') ++p;
    else while (p < end && is_digit(text_[p])) ++p;
    const std::size_t int_end = p;
    bool is_float = false;
    if (p < end && text_[p] == '.') {
      if (++p == end || !is_digit(text_[p])) return fail();
      while (p < end && is_digit(text_[p])) ++p;
      is_float = true;
    }
    if (p < end && (text_[p] == 'e' || text_[p] == 'E')) {
      if (++p < end && (text_[p] == '+' || text_[p] == '-')) ++p;
      if (p == end || !is_digit(text_[p])) return fail();
      while (p < end && is_digit(text_[p])) ++p;
      is_float = true;
    }
    if (!ends_scalar(p)) return fail();
    ++i_;
    if (is_float) {
      // Correctly rounded, as Python's float() is; overflow and underflow are left
      // to the fallback, which gives what Python gives.
      double d;
      const auto r = std::from_chars(text_.data() + start, text_.data() + p, d);
      if (r.ec != std::errc() || r.ptr != text_.data() + p) return fail();
      return Value::floating(d);
    }
    if (int_end - digits > 18) return fail();  // may not fit: the fallback makes big ints
    std::int64_t v = 0;
    for (std::size_t k = digits; k < int_end; ++k) v = v * 10 + (text_[k] - '0');
    return Value::integer(negative ? -v : v);
  }

  // Moves the elements pushed since `first` into the arena. A container's elements
  // are only known once it closes, and a nested one's are pushed in between.
  template <class T>
  std::pair<T*, std::uint32_t> settle(std::vector<T>& pending, std::size_t first) {
    const auto n = static_cast<std::uint32_t>(pending.size() - first);
    T* out = static_cast<T*>(arena_.allocate(n * sizeof(T), alignof(T)));
    std::memcpy(static_cast<void*>(out), pending.data() + first, n * sizeof(T));
    pending.resize(first);
    return {out, n};
  }

  Value array(std::size_t depth) {
    ++i_;  // '['
    if (next() == ']') {
      ++i_;
      return Value::array(nullptr, 0);
    }
    std::vector<Value>& items = scratch_.items;
    const std::size_t first = items.size();
    while (true) {
      // Arrays of crash data mostly hold objects (threads, frames): read here,
      // without value()'s call and checks, when the depth allows one more level.
      items.push_back(next() == '{' && depth + 1 < JsonReader::kMaxDepth ? object(depth + 1) : value(depth + 1));
      if (failed_) return Value();
      const char c = next();
      ++i_;
      if (c == ']') break;
      if (c != ',') return fail();
    }
    const auto [out, n] = settle(items, first);
    return Value::array(out, n);
  }

  Value object(std::size_t depth) {
    ++i_;  // '{'
    if (next() == '}') {
      ++i_;
      return Value::object(nullptr, 0);
    }
    std::vector<Member>& members = scratch_.members;
    const std::size_t first = members.size();
    KeyFilter filter;
    while (true) {
      if (next() != '"') return fail();
      const std::string_view key = string();
      if (next() != ':') return fail();
      ++i_;
      filter.add(key);
      // Written field by field: a Member assembled on the stack and copied was read
      // back as 16 bytes stored as two 8-byte halves, stalling store forwarding.
      // Most members are strings: read here, without value()'s call and checks.
      const Value v = next() == '"' ? Value::string(string()) : value(depth + 1);
      if (failed_) return Value();
      Member& m = members.emplace_back();
      m.key = key;
      m.value = v;
      const char c = next();
      ++i_;
      if (c == '}') break;
      if (c != ',') return fail();
    }
    const auto [out, n] = settle(members, first);
    return Value::object(out, dedupe_members(out, n, filter));
  }
};

// ---- json.loads -------------------------------------------------------------

class PythonJsonParser {
 public:
  PythonJsonParser(std::string_view text, Arena& arena) : s_(text), arena_(arena) {}

  bool parse(Value& out, std::string& error) {
    if (s_.size() >= 3 && std::memcmp(s_.data(), "\xEF\xBB\xBF", 3) == 0)
      return fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0, error);
    skip_ws();
    if (!value(out, 0)) return report(error);
    skip_ws();
    if (pos_ != s_.size()) {
      err_ = "Extra data";
      err_pos_ = pos_;
      return report(error);
    }
    return true;
  }

 private:
  std::string_view s_;
  Arena& arena_;
  std::size_t pos_ = 0;
  const char* err_ = nullptr;
  std::size_t err_pos_ = 0;
  std::string scratch_;
  // An error int() raises inside the scanner: Python reports it without a position.
  std::string value_error_;

  bool fail(const char* msg, std::size_t at, std::string& error) {
    err_ = msg;
    err_pos_ = at;
    return report(error);
  }
  bool set_error(const char* msg, std::size_t at) {
    err_ = msg;
    err_pos_ = at;
    return false;
  }

  // "msg: line L column C (char P)" with positions in code points, as Python counts.
  bool report(std::string& error) {
    if (!value_error_.empty()) {
      error = value_error_;
      return false;
    }
    std::size_t chars = 0, line = 1, col_start = 0;
    const char* p = s_.data();
    const char* stop = s_.data() + std::min(err_pos_, s_.size());
    while (p < stop) {
      char32_t c = py::next_code_point(p, stop);
      ++chars;
      if (c == '\n') {
        ++line;
        col_start = chars;
      }
    }
    error = std::string(err_) + ": line " + std::to_string(line) + " column " +
            std::to_string(chars - col_start + 1) + " (char " + std::to_string(chars) + ")";
    return false;
  }

  void skip_ws() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool value(Value& out, std::size_t depth) {
    if (depth >= JsonReader::kMaxDepth)
      return set_error("Nesting too deep", pos_);
    if (pos_ >= s_.size()) return set_error("Expecting value", pos_);
    char c = s_[pos_];
    switch (c) {
      case '{': return object(out, depth);
      case '[': return array(out, depth);
      case '"': {
        std::string_view str;
        if (!string(str)) return false;
        out = Value::string(str);
        return true;
      }
      case 'n':
        if (literal("null")) { out = Value(); return true; }
        break;
      case 't':
        if (literal("true")) { out = Value::boolean(true); return true; }
        break;
      case 'f':
        if (literal("false")) { out = Value::boolean(false); return true; }
        break;
      case 'N':
        // json.loads gives every NaN as one object: every NaN here has the same
        // bits, the quiet NaN without payload, which py::new_float never makes.
        if (literal("NaN")) { out = Value::floating(std::numeric_limits<double>::quiet_NaN()); return true; }
        break;
      case 'I':
        if (literal("Infinity")) { out = Value::floating(HUGE_VAL); return true; }
        break;
      case '-':
        if (literal("-Infinity")) { out = Value::floating(-HUGE_VAL); return true; }
        [[fallthrough]];
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(out);
    }
    return set_error("Expecting value", pos_);
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? — Python's scanner takes the
  // longest such prefix and leaves the rest (so "01" is 0 then "Extra data").
  bool number(Value& out) {
    std::size_t start = pos_, p = pos_;
    if (s_[p] == '-') ++p;
    if (p >= s_.size() || !is_digit(s_[p])) return set_error("Expecting value", start);
    if (s_[p] == '0') ++p;
    else while (p < s_.size() && is_digit(s_[p])) ++p;
    bool is_float = false;
    if (p + 1 < s_.size() && s_[p] == '.' && is_digit(s_[p + 1])) {
      is_float = true;
      p += 2;
      while (p < s_.size() && is_digit(s_[p])) ++p;
    }
    if (p < s_.size() && (s_[p] == 'e' || s_[p] == 'E')) {
      std::size_t q = p + 1;
      if (q < s_.size() && (s_[q] == '+' || s_[q] == '-')) ++q;
      if (q < s_.size() && is_digit(s_[q])) {
        is_float = true;
        p = q;
        while (p < s_.size() && is_digit(s_[p])) ++p;
      }
    }
    pos_ = p;
    std::string_view text = s_.substr(start, p - start);
    if (is_float) {
      std::string tmp(text);
      out = Value::floating(std::strtod(tmp.c_str(), nullptr));  // overflow gives +-inf, as Python
      return true;
    }
    // json.loads makes integers with int(), and so has its digit limit.
    const std::size_t digits = text.size() - (text.front() == '-' ? 1 : 0);
    if (digits > py::kMaxIntStrDigits) {
      value_error_ = py::int_max_str_digits_message(digits);
      return false;
    }
    std::int64_t i = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), i);
    if (r.ec == std::errc() && r.ptr == text.data() + text.size()) out = Value::integer(i);
    else out = Value::big_integer(arena_.copy(text));
    return true;
  }

  bool string(std::string_view& out) {
    StringError e;
    std::string_view text;
    if (!read_string_literal(s_, pos_, scratch_, text, e)) return set_error(e.message, e.at);
    out = arena_.copy(text);
    return true;
  }

  bool array(Value& out, std::size_t depth) {
    ++pos_;
    std::vector<Value> items;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      out = Value::array(nullptr, 0);
      return true;
    }
    while (true) {
      skip_ws();
      Value v;
      if (!value(v, depth + 1)) return false;
      items.push_back(v);
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        break;
      }
      if (pos_ >= s_.size() || s_[pos_] != ',') return set_error("Expecting ',' delimiter", pos_);
      ++pos_;
    }
    Value* mem = arena_.values(items.size());
    std::copy(items.begin(), items.end(), mem);
    out = Value::array(mem, static_cast<std::uint32_t>(items.size()));
    return true;
  }

  bool object(Value& out, std::size_t depth) {
    ++pos_;
    std::vector<Member> members;
    KeyFilter filter;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      out = Value::object(nullptr, 0);
      return true;
    }
    while (true) {
      if (pos_ >= s_.size() || s_[pos_] != '"')
        return set_error("Expecting property name enclosed in double quotes", pos_);
      Member m;
      if (!string(m.key)) return false;
      filter.add(m.key);
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') return set_error("Expecting ':' delimiter", pos_);
      ++pos_;
      skip_ws();
      if (!value(m.value, depth + 1)) return false;
      members.push_back(m);
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        break;
      }
      if (pos_ >= s_.size() || s_[pos_] != ',') return set_error("Expecting ',' delimiter", pos_);
      ++pos_;
      skip_ws();
    }
    Member* mem = arena_.members(members.size());
    std::copy(members.begin(), members.end(), mem);
    out = Value::object(mem, dedupe_members(mem, static_cast<std::uint32_t>(members.size()), filter));
    return true;
  }
};

bool valid_utf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

}  // namespace

struct JsonReader::Impl {
  // simdjson's stage 1 for this CPU. (simdjson marks this interface internal; it
  // is the one that lets stage 1 run without its stage 2. See docs/architecture.md.)
  std::unique_ptr<simdjson::internal::dom_parser_implementation> indexer;
  WalkScratch scratch;
  // simdjson reads up to kJsonPadding bytes past the text (IndexWalker never
  // does): unpadded texts are copied into this reused buffer rather than into a
  // fresh allocation per parse.
  std::unique_ptr<char[]> padded;
  std::size_t padded_capacity = 0;

  const char* pad(std::string_view text) {
    if (text.size() + kJsonPadding > padded_capacity) {
      padded_capacity = std::max<std::size_t>(2 * padded_capacity, text.size() + kJsonPadding);
      padded.reset(new char[padded_capacity]);
    }
    std::memcpy(padded.get(), text.data(), text.size());
    std::memset(padded.get() + text.size(), 0, kJsonPadding);
    return padded.get();
  }

  // Runs stage 1 over `text` (padded); false when simdjson refuses it.
  bool index(const char* text, std::size_t length) {
    if (length == 0 || length > simdjson::SIMDJSON_MAXSIZE_BYTES) return false;
    if (!indexer) {
      if (simdjson::get_active_implementation()->create_dom_parser_implementation(length, kMaxDepth, indexer))
        return false;
    } else if (indexer->capacity() < length && indexer->allocate(std::max(length, 2 * indexer->capacity()), kMaxDepth)) {
      return false;
    }
    return indexer->stage1(reinterpret_cast<const std::uint8_t*>(text), length, simdjson::stage1_mode::regular) ==
           simdjson::SUCCESS;
  }
};

JsonReader::JsonReader() : impl_(std::make_unique<Impl>()) {}
JsonReader::~JsonReader() = default;

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING, "kJsonPadding must cover simdjson's reads");

bool JsonReader::parse(std::string_view text, Document& doc, std::string& error) {
  return parse(text, false, doc, error, true);
}

bool JsonReader::parse(const PaddedJson& text, Document& doc, std::string& error) {
  return parse(text.text(), text.padded(), doc, error, true);
}

bool JsonReader::parse(std::string_view text, bool padded, Document& doc, std::string& error,
                       bool copy_strings) {
  doc.arena().reset();
  doc.set_root(Value());
  const bool bom = text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0;
  if (!bom) {
    // Values view the text they are read from. With `copy_strings` that is a copy
    // in the arena, padded there so that stage 1 indexes it in place (one copy);
    // otherwise the text itself, or the reader's padded copy of it.
    const char* input;
    if (copy_strings) {
      char* copy = static_cast<char*>(doc.arena().allocate(text.size() + kJsonPadding, 1));
      std::memcpy(copy, text.data(), text.size());
      std::memset(copy + text.size(), 0, kJsonPadding);
      input = copy;
    } else {
      input = padded ? text.data() : impl_->pad(text);
    }
    if (impl_->index(input, text.size())) {
      Value root;
      IndexWalker walker({input, text.size()}, impl_->indexer->structural_indexes.get(),
                         impl_->indexer->n_structural_indexes, doc.arena(), impl_->scratch);
      if (walker.walk(root)) {
        doc.set_root(root);
        return true;
      }
    }
    doc.arena().reset();
  }
  // Crash text must be UTF-8; the fallback accepts WTF-8 only from parse_python_json.
  if (!valid_utf8(text)) {
    error = "invalid UTF-8";
    return false;
  }
  Value root;
  PythonJsonParser p(text, doc.arena());
  if (!p.parse(root, error)) return false;
  doc.set_root(root);
  return true;
}

JsonReader::ObjectParse JsonReader::parse_object(std::string_view text, Document& doc, std::string& error) {
  return parse_object(text, false, doc, error, true);
}

JsonReader::ObjectParse JsonReader::parse_object(std::string_view text, bool padded, Document& doc,
                                                 std::string& error, bool copy_strings) {
  if (!parse(text, padded, doc, error, copy_strings)) return ObjectParse::kInvalidJson;
  if (doc.root().is_object()) return ObjectParse::kObject;
  error = "expected a JSON object, got " + std::string(python_type_name(doc.root().type()));
  return ObjectParse::kNotObject;
}

bool parse_python_json(std::string_view text, Document& doc, std::string& error) {
  doc.arena().reset();
  Value root;
  PythonJsonParser p(text, doc.arena());
  if (!p.parse(root, error)) return false;
  doc.set_root(root);
  return true;
}

// ---- writing ------------------------------------------------------------------

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;
  while (p < end) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++p;
      continue;
    }
    if (c >= 0x80) {
      // Surrogate code points (WTF-8 ED A0..BF xx) are not valid UTF-8: escape them.
      if (c == 0xED && end - p >= 3 && static_cast<unsigned char>(p[1]) >= 0xA0) {
        out.append(run, p);
        const char* q = p;
        char32_t cp = py::next_code_point(q, end);
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 0xF];
        p = q;
        run = p;
      } else {
        ++p;
      }
      continue;
    }
    out.append(run, p);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
    }
    ++p;
    run = p;
  }
  out.append(run, p);
  out += '"';
}

namespace {
void write(std::string& out, const Value& v) {
  switch (v.type()) {
    case Type::Null: out += "null"; break;
    case Type::Bool: out += v.as_bool() ? "true" : "false"; break;
    case Type::Int:
      if (v.is_big_int()) out.append(v.big_digits());
      else out += std::to_string(v.as_int());
      break;
    case Type::Float: {
      double d = v.as_float();
      if (std::isnan(d)) out += "NaN";
      else if (std::isinf(d)) out += d > 0 ? "Infinity" : "-Infinity";
      else out += py::float_repr(d);
      break;
    }
    case Type::String: append_json_string(out, v.as_string()); break;
    case Type::Array: {
      out += '[';
      bool first = true;
      for (const Value& item : v) {
        if (!first) out += ',';
        first = false;
        write(out, item);
      }
      out += ']';
      break;
    }
    case Type::Object: {
      out += '{';
      bool first = true;
      for (const Member* m = v.members(); m != v.members_end(); ++m) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, m->key);
        out += ':';
        write(out, m->value);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string to_json(const Value& v) {
  std::string out;
  write(out, v);
  return out;
}

}  // namespace crashsig
