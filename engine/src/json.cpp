// JSON reading with Python's json.loads semantics.
//
// Fast path: simdjson's DOM parser, then a conversion into arena Values (keys
// de-duplicated last-wins, as a Python dict does). When simdjson refuses a text,
// PythonJsonParser reads it instead: it accepts what json.loads accepts beyond
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
#include <string>
#include <unordered_map>
#include <vector>

#include "crashsig/python.h"

namespace crashsig {

namespace {

// A 256-bit filter over (length, first and last byte) of an object's keys: keys
// that land on different bits differ, so most objects need no key comparison.
// Keys are added as they are read, while they are at hand.
class KeyFilter {
 public:
  void add(std::string_view k) {
    const unsigned h = k.empty() ? 0
        : (static_cast<unsigned>(k.size()) * 73u + static_cast<unsigned char>(k.front()) * 151u +
           static_cast<unsigned char>(k.back())) & 255u;
    const std::uint64_t bit = std::uint64_t{1} << (h & 63);
    maybe_duplicate_ |= (bits_[h >> 6] & bit) != 0;
    bits_[h >> 6] |= bit;
  }
  bool maybe_duplicate() const { return maybe_duplicate_; }

 private:
  std::uint64_t bits_[4] = {0, 0, 0, 0};
  bool maybe_duplicate_ = false;
};

// Python dicts keep the first position of a key and its last value. Duplicate
// keys are rare, so this compacts in place only when it finds one; `filter` holds
// the object's keys.
std::uint32_t dedupe_members(Member* m, std::uint32_t n, const KeyFilter& filter) {
  if (!filter.maybe_duplicate()) return n;
  bool dup = false;
  std::unordered_map<std::string_view, std::uint32_t> seen;
  seen.reserve(n);
  for (std::uint32_t i = 0; i < n && !dup; ++i) dup = !seen.emplace(m[i].key, i).second;
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

// ---- simdjson tape -> Value --------------------------------------------------
//
// Values are built from simdjson's tape (the format of docs/tape.md in simdjson:
// one 64-bit word per scalar, two for numbers, containers holding the index past
// their end and their element count). The string buffer is copied into the arena
// once, and string Values point into that copy.

class TapeConverter {
 public:
  // With `copy_strings`, the strings are copied into the arena; without, Values
  // point into the parser's buffer and live only until its next parse.
  TapeConverter(const simdjson::dom::document& doc, std::size_t json_length, Arena& arena, bool copy_strings)
      : tape_(doc.tape.get()), arena_(arena) {
    const char* buffer = reinterpret_cast<const char*>(doc.string_buf.get());
    if (!copy_strings) {
      strings_ = buffer;
      return;
    }
    // simdjson sizes its string buffer 5/3 of the input (plus padding) and fills it
    // from the start, so this prefix holds every string of this document.
    const std::size_t used = 5 * json_length / 3 + simdjson::SIMDJSON_PADDING;
    char* copy = static_cast<char*>(arena.allocate(used, 8));
    std::memcpy(copy, buffer, used);
    strings_ = copy;
  }

  Value root() {
    std::size_t i = 1;  // tape[0] is the root word
    return value(i);
  }

 private:
  static constexpr std::uint64_t kPayload = 0x00FFFFFFFFFFFFFFull;
  const std::uint64_t* tape_;
  Arena& arena_;
  const char* strings_;

  std::string_view string_at(std::uint64_t offset) const {
    std::uint32_t length;
    std::memcpy(&length, strings_ + offset, sizeof length);
    return {strings_ + offset + sizeof length, length};
  }

  // Number of elements of the container starting at `i` (counted when saturated).
  std::uint32_t count(std::size_t i, bool object) const {
    const std::uint64_t word = tape_[i];
    std::uint32_t n = static_cast<std::uint32_t>((word >> 32) & 0xFFFFFF);
    if (n < 0xFFFFFF) return n;
    n = 0;
    const std::size_t end = static_cast<std::uint32_t>(word) - 1;
    for (std::size_t j = i + 1; j < end; ++n) {
      if (object) ++j;  // the key
      j = after(j);
    }
    return n;
  }

  // Index of the tape word after the value starting at `i`.
  std::size_t after(std::size_t i) const {
    switch (static_cast<char>(tape_[i] >> 56)) {
      case '{':
      case '[': return static_cast<std::uint32_t>(tape_[i]);
      case 'l':
      case 'u':
      case 'd': return i + 2;
      default: return i + 1;
    }
  }

  // Strings and integers, the most common values, are read here, which the
  // element loops inline; the rest costs a call. (other_value is kept out of
  // line: inlined, it made value() too big to inline, 2k instructions a crash.)
  Value value(std::size_t& i) {
    const std::uint64_t word = tape_[i];
    switch (static_cast<char>(word >> 56)) {
      case '"': ++i; return Value::string(string_at(word & kPayload));
      case 'l': {
        std::int64_t v;
        std::memcpy(&v, &tape_[i + 1], sizeof v);
        i += 2;
        return Value::integer(v);
      }
      default: return other_value(i);
    }
  }

  __attribute__((noinline)) Value other_value(std::size_t& i) {
    const std::uint64_t word = tape_[i];
    switch (static_cast<char>(word >> 56)) {
      case 'u': {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, tape_[i + 1]);
        i += 2;
        return Value::big_integer(arena_.copy({buf, std::size_t(r.ptr - buf)}));
      }
      case 'd': {
        double d;
        std::memcpy(&d, &tape_[i + 1], sizeof d);
        i += 2;
        return Value::floating(d);
      }
      case 't': ++i; return Value::boolean(true);
      case 'f': ++i; return Value::boolean(false);
      case '[': {
        const std::uint32_t n = count(i, false);
        Value* items = arena_.values(n);
        ++i;
        for (std::uint32_t k = 0; k < n; ++k) items[k] = value(i);
        ++i;  // ']'
        return Value::array(items, n);
      }
      case '{': {
        const std::uint32_t n = count(i, true);
        Member* members = arena_.members(n);
        KeyFilter filter;
        ++i;
        for (std::uint32_t k = 0; k < n; ++k) {
          members[k].key = string_at(tape_[i] & kPayload);
          filter.add(members[k].key);
          ++i;
          members[k].value = value(i);
        }
        ++i;  // '}'
        return Value::object(members, dedupe_members(members, n, filter));
      }
      default: ++i; return Value();  // 'n'
    }
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
        if (literal("NaN")) { out = Value::floating(std::nan("")); return true; }
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

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? — Python's scanner takes the
  // longest such prefix and leaves the rest (so "01" is 0 then "Extra data").
  bool number(Value& out) {
    std::size_t start = pos_, p = pos_;
    if (s_[p] == '-') ++p;
    if (p >= s_.size() || !digit(s_[p])) return set_error("Expecting value", start);
    if (s_[p] == '0') ++p;
    else while (p < s_.size() && digit(s_[p])) ++p;
    bool is_float = false;
    if (p + 1 < s_.size() && s_[p] == '.' && digit(s_[p + 1])) {
      is_float = true;
      p += 2;
      while (p < s_.size() && digit(s_[p])) ++p;
    }
    if (p < s_.size() && (s_[p] == 'e' || s_[p] == 'E')) {
      std::size_t q = p + 1;
      if (q < s_.size() && (s_[q] == '+' || s_[q] == '-')) ++q;
      if (q < s_.size() && digit(s_[q])) {
        is_float = true;
        p = q;
        while (p < s_.size() && digit(s_[p])) ++p;
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

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  // Four hex digits at `at`. Like CPython's scanner, it also wants a character
  // after them (the closing quote at least), else the escape is "invalid".
  bool u_escape(std::size_t at, char32_t& cp) {
    if (at + 4 >= s_.size()) return false;
    cp = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      int h = hex(s_[at + k]);
      if (h < 0) return false;
      cp = cp * 16 + char32_t(h);
    }
    return true;
  }

  bool string(std::string_view& out) {
    std::size_t begin = pos_++;  // the opening quote
    std::size_t run = pos_;
    scratch_.clear();
    bool escaped = false;
    while (true) {
      if (pos_ >= s_.size()) return set_error("Unterminated string starting at", begin);
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') break;
      if (c < 0x20) return set_error("Invalid control character at", pos_);
      if (c != '\\') {
        ++pos_;
        continue;
      }
      escaped = true;
      scratch_.append(s_.data() + run, pos_ - run);
      if (pos_ + 1 >= s_.size()) return set_error("Unterminated string starting at", begin);
      char e = s_[pos_ + 1];
      switch (e) {
        case '"': scratch_ += '"'; break;
        case '\\': scratch_ += '\\'; break;
        case '/': scratch_ += '/'; break;
        case 'b': scratch_ += '\b'; break;
        case 'f': scratch_ += '\f'; break;
        case 'n': scratch_ += '\n'; break;
        case 'r': scratch_ += '\r'; break;
        case 't': scratch_ += '\t'; break;
        case 'u': {
          char32_t cp;
          if (!u_escape(pos_ + 2, cp)) return set_error("Invalid \\uXXXX escape", pos_ + 1);
          pos_ += 6;
          // A high surrogate followed by an escaped low one is one code point;
          // anything else is kept as a lone surrogate, as Python does.
          if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < s_.size() && s_[pos_] == '\\' &&
              s_[pos_ + 1] == 'u') {
            char32_t lo;
            if (u_escape(pos_ + 2, lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              pos_ += 6;
            }
          }
          py::append_utf8(scratch_, cp);
          run = pos_;
          continue;
        }
        default: return set_error("Invalid \\escape", pos_);
      }
      pos_ += 2;
      run = pos_;
    }
    if (escaped) {
      scratch_.append(s_.data() + run, pos_ - run);
      out = arena_.copy(scratch_);
    } else {
      out = arena_.copy(s_.substr(begin + 1, pos_ - begin - 1));
    }
    ++pos_;  // closing quote
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
  simdjson::dom::parser parser;
  // simdjson reads up to SIMDJSON_PADDING bytes past the text: texts are copied
  // into this reused buffer rather than into a fresh allocation per parse.
  std::unique_ptr<char[]> padded;
  std::size_t padded_capacity = 0;

  const char* pad(std::string_view text) {
    if (text.size() + simdjson::SIMDJSON_PADDING > padded_capacity) {
      padded_capacity = std::max<std::size_t>(2 * padded_capacity, text.size() + simdjson::SIMDJSON_PADDING);
      padded.reset(new char[padded_capacity]);
    }
    std::memcpy(padded.get(), text.data(), text.size());
    std::memset(padded.get() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    return padded.get();
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
  bool bom = text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0;
  if (!bom) {
    simdjson::dom::element root;
    const char* input = padded ? text.data() : impl_->pad(text);
    if (impl_->parser.parse(input, text.size(), false).get(root) == simdjson::SUCCESS) {
      doc.set_root(TapeConverter(impl_->parser.doc, text.size(), doc.arena(), copy_strings).root());
      return true;
    }
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

bool numeric(const Value& v) { return v.is_bool() || v.is_int() || v.is_float(); }
double as_number(const Value& v) {
  if (v.is_bool()) return v.as_bool() ? 1 : 0;
  if (v.is_int()) return v.is_big_int() ? std::strtod(std::string(v.big_digits()).c_str(), nullptr)
                                        : double(v.as_int());
  return v.as_float();
}
}  // namespace

std::string to_json(const Value& v) {
  std::string out;
  write(out, v);
  return out;
}

bool deep_equal(const Value& a, const Value& b) {
  if (numeric(a) && numeric(b)) {
    if (a.is_int() && b.is_int() && !a.is_big_int() && !b.is_big_int()) return a.as_int() == b.as_int();
    if (a.is_big_int() && b.is_big_int()) return a.big_digits() == b.big_digits();
    return as_number(a) == as_number(b);
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Type::Null: return true;
    case Type::String: return a.as_string() == b.as_string();
    case Type::Array:
      if (a.size() != b.size()) return false;
      for (std::uint32_t i = 0; i < a.size(); ++i)
        if (!deep_equal(a[i], b[i])) return false;
      return true;
    case Type::Object:
      if (a.size() != b.size()) return false;
      for (const Member* m = a.members(); m != a.members_end(); ++m) {
        const Value* other = b.find(m->key);
        if (!other || !deep_equal(m->value, *other)) return false;
      }
      return true;
    default: return false;
  }
}

}  // namespace crashsig
