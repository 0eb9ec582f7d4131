// Python 3.11 semantics for the operations signature rules use (see python.h).
//
// Everything here walks UTF-8/WTF-8 text one code point at a time, with ASCII
// answered in code before any table is consulted: crash data is overwhelmingly
// ASCII, and these functions run on every frame.
#include "crashsig/python.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace crashsig::py {
namespace {

struct CodePointRange {
  char32_t first, last;
};
// unicodedata.decimal() is first_value + (c - first) within a run.
struct DecimalRun {
  char32_t first, last;
  int first_value;
};
// str.lower() maps first, first + stride, ..., last to c + delta.
struct LowerRun {
  char32_t first, last;
  std::int32_t delta;
  std::uint8_t stride;
};

#include "unicode_tables.inc"

constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kCapitalSigma = 0x3A3;
constexpr char32_t kCapitalIWithDot = 0x130;

// The row of a table sorted by `first` whose [first, last] holds c, or nullptr.
template <class Row, std::size_t N>
const Row* find_row(const Row (&rows)[N], char32_t c) {
  const Row* after = std::upper_bound(rows, rows + N, c, [](char32_t x, const Row& r) { return x < r.first; });
  if (after == rows) return nullptr;
  const Row* row = after - 1;
  return c <= row->last ? row : nullptr;
}

template <std::size_t N>
bool in_ranges(const CodePointRange (&rows)[N], char32_t c) {
  return find_row(rows, c) != nullptr;
}

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Decodes a sequence whose lead byte is not ASCII. Surrogates (ED A0..BF xx) are
// accepted: they are how WTF-8 keeps JSON's lone surrogates.
char32_t decode_multibyte(const char*& p, const char* end) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  const std::ptrdiff_t avail = end - p;
  const unsigned char b0 = s[0];
  int need;
  char32_t c;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    c = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    c = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    ++p;
    return kReplacement;
  }
  if (avail <= need || s[1] < lo || s[1] > hi) {
    ++p;
    return kReplacement;
  }
  for (int i = 1; i <= need; ++i) {
    if (!is_continuation(s[i])) {
      ++p;
      return kReplacement;
    }
    c = (c << 6) | (s[i] & 0x3F);
  }
  p += need + 1;
  return c;
}

inline char32_t decode(const char*& p, const char* end) {
  const auto b = static_cast<unsigned char>(*p);
  if (b < 0x80) {
    ++p;
    return b;
  }
  return decode_multibyte(p, end);
}

// The code point ending at `p` (> begin), moving `p` to its start. A byte that
// does not end a valid sequence is one U+FFFD, as decoding forward would make it.
char32_t decode_backward(const char* begin, const char*& p) {
  const auto last = static_cast<unsigned char>(p[-1]);
  if (last < 0x80) {
    --p;
    return last;
  }
  const char* start = p - 1;
  while (start > begin && p - start < 4 && is_continuation(static_cast<unsigned char>(*start))) --start;
  const char* q = start;
  const char32_t c = decode_multibyte(q, p);
  if (q == p) {
    p = start;
    return c;
  }
  --p;
  return kReplacement;
}

// Eight bytes at a time while the text is ASCII ("SWAR": each byte's high bit
// answers for that byte).
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

inline std::uint64_t load_word(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

inline bool ascii_word(const char* p, const char* end) {
  return end - p >= 8 && (load_word(p) & kHighBits) == 0;
}

// Whether all eight bytes are printable ASCII, 0x20..0x7E. A byte below 0x20
// borrows into its high bit when 0x20 is subtracted; 0x7F reaches it when 1 is
// added. Bytes from 0x80 have it already (their carries only touch bytes of a
// word that is refused anyway).
inline bool printable_ascii_word(std::uint64_t w) {
  const std::uint64_t below_space = (w - kOnes * 0x20) & ~w;
  const std::uint64_t delete_char = w + kOnes;
  return ((below_space | delete_char | w) & kHighBits) == 0;
}

// Eight ASCII bytes with 'A'..'Z' lowered: the high bit of b + (0x80 - 'A') says
// b >= 'A', that of b + (0x80 - 'Z' - 1) says b > 'Z'; 0x80 >> 2 is the case bit.
inline std::uint64_t lower_ascii_word(std::uint64_t w) {
  const std::uint64_t at_least_a = w + kOnes * (0x80 - 'A');
  const std::uint64_t above_z = w + kOnes * (0x80 - 'Z' - 1);
  return w | (((at_least_a ^ above_z) & kHighBits) >> 2);
}

// Skips n code points from p (or to end), returning where it stopped.
const char* skip_code_points(const char* p, const char* end, std::size_t n) {
  while (n > 0 && p < end) {
    if (n >= 8 && ascii_word(p, end)) {
      p += 8;
      n -= 8;
      continue;
    }
    decode(p, end);
    --n;
  }
  return p;
}

bool ascii_space(char32_t c) { return (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= ' '); }
bool ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool ascii_alpha(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// str.lower() of one code point from U+0080 up, other than U+0130 and U+03A3.
char32_t lower_non_ascii(char32_t c) {
  const LowerRun* run = find_row(kLowerRuns, c);
  if (run == nullptr || (c - run->first) % run->stride != 0) return c;
  return static_cast<char32_t>(static_cast<std::int32_t>(c) + run->delta);
}

bool is_cased(char32_t c) {
  if (c < 0x80) return ascii_alpha(c);
  return in_ranges(kCasedRanges, c);
}

bool is_case_ignorable(char32_t c) {
  if (c < 0x80) return c == '\'' || c == '.' || c == ':' || c == '^' || c == '`';
  return in_ranges(kCaseIgnorableRanges, c);
}

// Whether the capital sigma occupying [at, after) ends a word and so lowers to
// final sigma: a cased letter precedes it and none follows, skipping
// case-ignorable characters both ways (Unicode's Final_Sigma, as CPython has it).
bool is_final_sigma(const char* begin, const char* at, const char* after, const char* end) {
  const char* p = at;
  char32_t c = 0;
  bool found = false;
  while (p > begin) {
    c = decode_backward(begin, p);
    if (!is_case_ignorable(c)) {
      found = true;
      break;
    }
  }
  if (!found || !is_cased(c)) return false;
  p = after;
  while (p < end) {
    c = decode(p, end);
    if (!is_case_ignorable(c)) return !is_cased(c);
  }
  return true;
}

const char kHexDigits[] = "0123456789abcdef";

void append_hex(std::string& out, char32_t c, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(kHexDigits[(c >> shift) & 0xF]);
}

void append_repr(std::string& out, std::string_view s) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char quote = (has_single && !has_double) ? '"' : '\'';
  out.reserve(out.size() + s.size() + 2);
  out.push_back(quote);
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    const char* start = p;
    const char32_t c = decode(p, end);
    if (c < 0x80) {
      if (c == static_cast<char32_t>(quote) || c == '\\') {
        out.push_back('\\');
        out.push_back(static_cast<char>(c));
      } else if (c == '\t') {
        out += "\\t";
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c < ' ' || c == 0x7F) {
        out += "\\x";
        append_hex(out, c, 2);
      } else {
        out.push_back(static_cast<char>(c));
      }
    } else if (isprintable(c)) {
      // A one-byte "sequence" was an invalid byte: write the U+FFFD it stands for.
      if (p - start == 1) {
        append_utf8(out, c);
      } else {
        out.append(start, p);
      }
    } else if (c <= 0xFF) {
      out += "\\x";
      append_hex(out, c, 2);
    } else if (c <= 0xFFFF) {
      out += "\\u";
      append_hex(out, c, 4);
    } else {
      out += "\\U";
      append_hex(out, c, 8);
    }
  }
  out.push_back(quote);
}

void append_float_repr(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "nan";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "inf" : "-inf";
    return;
  }
  // Shortest round-trip digits, as "[-]d[.ddd]e±XX", rearranged the way repr() lays
  // them out: positional for exponents -4..15, else d[.ddd]e±XX.
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const char* p = buf;
  if (*p == '-') {
    out.push_back('-');
    ++p;
  }
  char digits[20];
  int n = 0;
  for (; *p != 'e'; ++p) {
    if (*p != '.') digits[n++] = *p;
  }
  int exponent = 0;
  std::from_chars(p[1] == '+' ? p + 2 : p + 1, res.ptr, exponent);
  if (exponent < -4 || exponent >= 16) {
    out.push_back(digits[0]);
    if (n > 1) {
      out.push_back('.');
      out.append(digits + 1, n - 1);
    }
    out.push_back('e');
    out.push_back(exponent < 0 ? '-' : '+');
    const int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10) out.push_back('0');
    out += std::to_string(magnitude);
  } else if (exponent < 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent - 1), '0');
    out.append(digits, n);
  } else {
    const int int_digits = exponent + 1;
    if (n <= int_digits) {
      out.append(digits, n);
      out.append(static_cast<std::size_t>(int_digits - n), '0');
      out += ".0";
    } else {
      out.append(digits, int_digits);
      out.push_back('.');
      out.append(digits + int_digits, n - int_digits);
    }
  }
}

void append_int(std::string& out, std::int64_t i) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, i).ptr);
}

void append_value(std::string& out, const Value& v, bool as_repr) {
  switch (v.type()) {
    case Type::Null:
      out += "None";
      return;
    case Type::Bool:
      out += v.as_bool() ? "True" : "False";
      return;
    case Type::Int:
      if (v.is_big_int()) {
        out += v.big_digits();
      } else {
        append_int(out, v.as_int());
      }
      return;
    case Type::Float:
      append_float_repr(out, v.as_float());
      return;
    case Type::String:
      if (as_repr) {
        append_repr(out, v.as_string());
      } else {
        out += v.as_string();
      }
      return;
    case Type::Array: {
      out.push_back('[');
      bool first = true;
      for (const Value& item : v) {
        if (!first) out += ", ";
        first = false;
        append_value(out, item, true);
      }
      out.push_back(']');
      return;
    }
    case Type::Object: {
      out.push_back('{');
      for (const Member* m = v.members(); m != v.members_end(); ++m) {
        if (m != v.members()) out += ", ";
        append_repr(out, m->key);
        out += ": ";
        append_value(out, m->value, true);
      }
      out.push_back('}');
      return;
    }
  }
}

// ---- int() ------------------------------------------------------------------

enum class ParseStatus { Ok, Invalid, TooManyDigits };

struct Parsed {
  ParseStatus status = ParseStatus::Invalid;
  Int value;
  std::size_t digits = 0;
  // Where the digits, with the underscores between them, lie in the text parsed:
  // what int_decimal() spells out when the value does not fit in an Int.
  std::size_t digits_begin = 0;
  std::size_t digits_end = 0;
  bool negative = false;
};

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  const char folded = static_cast<char>(c | 0x20);
  if (folded >= 'a' && folded <= 'z') return folded - 'a' + 10;
  return 99;
}

// C's isspace() in the "C" locale: the only whitespace int() skips once the text
// is ASCII (so \x1c..\x1f, which str.isspace() accepts, are refused).
bool c_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

char prefix_letter(int base) {
  switch (base) {
    case 16: return 'x';
    case 8: return 'o';
    case 2: return 'b';
    default: return 0;
  }
}

// int(text, base) once text is ASCII, following CPython's PyLong_FromString.
Parsed parse_ascii_int(std::string_view t, int base) {
  Parsed out;
  std::size_t i = 0;
  const std::size_t n = t.size();
  while (i < n && c_space(t[i])) ++i;
  if (i < n && (t[i] == '+' || t[i] == '-')) {
    out.negative = t[i] == '-';
    ++i;
  }
  const char letter = prefix_letter(base);
  if (letter != 0 && i + 1 < n && t[i] == '0' && (t[i + 1] | 0x20) == letter) {
    i += 2;
    if (i < n && t[i] == '_') ++i;  // one underscore may follow the prefix
  }
  if (i < n && t[i] == '_') return out;
  out.digits_begin = i;
  const std::uint64_t limit = out.negative ? std::uint64_t{1} << 63 : std::numeric_limits<std::int64_t>::max();
  std::uint64_t magnitude = 0;
  bool saturated = false;
  char prev = 0;
  for (; i < n; ++i) {
    const char c = t[i];
    const int d = digit_value(c);
    if (d < base) {
      ++out.digits;
      if (!saturated) {
        if (magnitude > (limit - static_cast<std::uint64_t>(d)) / static_cast<std::uint64_t>(base)) {
          saturated = true;
          magnitude = limit;
        } else {
          magnitude = magnitude * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
        }
      }
    } else if (c == '_') {
      if (prev == '_') return out;
    } else {
      break;
    }
    prev = c;
  }
  if (prev == '_') return out;
  out.digits_end = i;
  if ((base & (base - 1)) != 0 && out.digits > kMaxIntStrDigits) {
    out.status = ParseStatus::TooManyDigits;
    return out;
  }
  if (out.digits == 0) return out;
  while (i < n && c_space(t[i])) ++i;
  if (i != n) return out;
  out.status = ParseStatus::Ok;
  out.value.saturated = saturated;
  out.value.value = out.negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
  return out;
}

// int() first rewrites non-ASCII text: whitespace becomes ' ', decimal digits
// their ASCII digit, and anything else ends the text with an invalid character.
// Returns the text to parse: `text` itself when it is ASCII, else `rewritten`.
std::string_view ascii_int_text(std::string_view text, std::string& rewritten) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end && static_cast<unsigned char>(*p) < 0x80) ++p;
  if (p == end) return text;
  rewritten.assign(text.data(), p);
  while (p < end) {
    const char32_t c = decode(p, end);
    if (c < 0x7F) {
      rewritten.push_back(static_cast<char>(c));
    } else if (isspace(c)) {
      rewritten.push_back(' ');
    } else if (const int d = decimal_value(c); d >= 0) {
      rewritten.push_back(static_cast<char>('0' + d));
    } else {
      rewritten.push_back('?');
      break;
    }
  }
  return rewritten;
}

Parsed parse_text_int(std::string_view text, int base) {
  std::string rewritten;
  return parse_ascii_int(ascii_int_text(text, rewritten), base);
}

constexpr double kTwo63 = 9223372036854775808.0;

// The decimal text of a double holding an integer ("-0" is "0"). glibc prints a
// double's exact value.
std::string integral_double_decimal(double t) {
  if (t == 0) return "0";
  char buffer[400];
  std::snprintf(buffer, sizeof buffer, "%.0f", t);
  return buffer;
}

// ---- comparing numbers ----------------------------------------------------------

// Compares two ints given as decimal text without leading zeros.
int compare_decimal(std::string_view x, std::string_view y) {
  const bool x_negative = !x.empty() && x[0] == '-';
  const bool y_negative = !y.empty() && y[0] == '-';
  if (x_negative != y_negative) return x_negative ? -1 : 1;
  if (x_negative) {
    x.remove_prefix(1);
    y.remove_prefix(1);
  }
  int magnitude = x.size() != y.size() ? (x.size() < y.size() ? -1 : 1) : x.compare(y);
  magnitude = (magnitude > 0) - (magnitude < 0);
  return x_negative ? -magnitude : magnitude;
}

// An int (or bool) against a float that is not NaN, exactly: the int against the
// float's integer part, then, when they are equal, the fraction decides.
int compare_int_float(const Value& i, double d) {
  if (std::isinf(d)) return d > 0 ? -1 : 1;
  const double t = std::trunc(d);
  int c;
  if (i.is_big_int()) {
    c = compare_decimal(i.big_digits(), integral_double_decimal(t));
  } else if (t >= kTwo63) {
    c = -1;
  } else if (t < -kTwo63) {
    c = 1;
  } else {
    const std::int64_t x = integral(i);
    const auto y = static_cast<std::int64_t>(t);
    c = (x > y) - (x < y);
  }
  if (c != 0) return c;
  return d > t ? -1 : (d < t ? 1 : 0);
}

// Python's "%.200R": the repr cut to 200 code points.
std::string repr_for_message(std::string_view s) {
  std::string r = repr(s);
  r.resize(static_cast<std::size_t>(prefix(r, 200).size()));
  return r;
}

}  // namespace

// ---- code points ------------------------------------------------------------

char32_t next_code_point(const char*& p, const char* end) { return decode(p, end); }

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
    return;
  }
  if (c > 0x10FFFF) c = kReplacement;
  char buf[4];
  int n;
  if (c < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (c >> 6));
    n = 2;
  } else if (c < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (c >> 12));
    n = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (c >> 18));
    n = 4;
  }
  for (int i = n - 1; i > 0; --i) {
    buf[i] = static_cast<char>(0x80 | (c & 0x3F));
    c >>= 6;
  }
  out.append(buf, n);
}

std::size_t length(std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  std::size_t n = 0;
  while (p < end) {
    if (ascii_word(p, end)) {
      p += 8;
      n += 8;
      continue;
    }
    decode(p, end);
    ++n;
  }
  return n;
}

std::string_view prefix(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;  // a code point is at least one byte
  const char* stop = skip_code_points(s.data(), s.data() + s.size(), n);
  return s.substr(0, static_cast<std::size_t>(stop - s.data()));
}

std::string_view slice(std::string_view s, std::int64_t start, std::int64_t stop) {
  if (start < 0 || stop < 0) {
    const auto len = static_cast<std::int64_t>(length(s));
    if (start < 0) start = std::max<std::int64_t>(start + len, 0);
    if (stop < 0) stop = std::max<std::int64_t>(stop + len, 0);
  }
  if (stop <= start) return {};
  const char* end = s.data() + s.size();
  const char* from = skip_code_points(s.data(), end, static_cast<std::size_t>(start));
  const char* to = skip_code_points(from, end, static_cast<std::size_t>(stop - start));
  return {from, static_cast<std::size_t>(to - from)};
}

// ---- character classes --------------------------------------------------------

bool isspace(char32_t c) {
  if (c < 0x80) return ascii_space(c);
  return in_ranges(kSpaceRanges, c);
}

bool isprintable(char32_t c) {
  if (c < 0x80) return c >= ' ' && c < 0x7F;
  return in_ranges(kPrintableRanges, c);
}

int decimal_value(char32_t c) {
  if (c < 0x80) return ascii_digit(c) ? static_cast<int>(c - '0') : -1;
  const DecimalRun* run = find_row(kDecimalRuns, c);
  return run == nullptr ? -1 : run->first_value + static_cast<int>(c - run->first);
}

bool isalnum(char32_t c) {
  if (c < 0x80) return ascii_digit(c) || ascii_alpha(c);
  return in_ranges(kAlnumRanges, c);
}

// ---- str methods --------------------------------------------------------------

std::string_view lstrip(std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    const char* q = p;
    if (!isspace(decode(q, end))) break;
    p = q;
  }
  return {p, static_cast<std::size_t>(end - p)};
}

std::string_view rstrip(std::string_view s) {
  const char* begin = s.data();
  const char* p = begin + s.size();
  while (p > begin) {
    const char* q = p;
    if (!isspace(decode_backward(begin, q))) break;
    p = q;
  }
  return {begin, static_cast<std::size_t>(p - begin)};
}

std::string_view strip(std::string_view s) { return rstrip(lstrip(s)); }

// ASCII bytes never occur inside a multi-byte sequence, so stripping bytes is
// stripping code points.
std::string_view strip_chars(std::string_view s, std::string_view chars) {
  const std::size_t first = s.find_first_not_of(chars);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(chars) - first + 1);
}

std::string lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const char* begin = s.data();
  const char* end = begin + s.size();
  const char* p = begin;
  while (p < end) {
    if (ascii_word(p, end)) {
      const std::uint64_t w = lower_ascii_word(load_word(p));
      char buf[8];
      std::memcpy(buf, &w, 8);
      out.append(buf, 8);
      p += 8;
      continue;
    }
    const auto b = static_cast<unsigned char>(*p);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++p;
      continue;
    }
    const char* start = p;
    const char32_t c = decode_multibyte(p, end);
    if (c == kCapitalIWithDot) {
      out += "i\xCC\x87";  // "i" + U+0307 COMBINING DOT ABOVE
    } else if (c == kCapitalSigma) {
      append_utf8(out, is_final_sigma(begin, start, p, end) ? 0x3C2 : 0x3C3);
    } else if (const char32_t l = lower_non_ascii(c); l != c) {
      append_utf8(out, l);
    } else {
      out.append(start, p);  // unchanged, invalid bytes included
    }
  }
  return out;
}

bool isprintable(std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    if (end - p >= 8 && printable_ascii_word(load_word(p))) {
      p += 8;
      continue;
    }
    if (!isprintable(decode(p, end))) return false;
  }
  return true;
}

std::vector<std::string_view> splitlines(std::string_view s) {
  std::vector<std::string_view> lines;
  const std::size_t n = s.size();
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  std::size_t line_start = 0;
  std::size_t i = 0;
  while (i < n) {
    // Width in bytes of the line break at i, 0 when there is none.
    std::size_t width = 0;
    const unsigned char b = byte(i);
    if (b < 0x80) {
      if ((b >= '\n' && b <= '\r') || (b >= 0x1C && b <= 0x1E)) {
        width = (b == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
      }
    } else if (b == 0xC2) {
      if (i + 1 < n && byte(i + 1) == 0x85) width = 2;  // U+0085
    } else if (b == 0xE2) {
      if (i + 2 < n && byte(i + 1) == 0x80 && (byte(i + 2) == 0xA8 || byte(i + 2) == 0xA9)) width = 3;  // U+2028/9
    }
    if (width == 0) {
      ++i;
      continue;
    }
    lines.push_back(s.substr(line_start, i - line_start));
    i += width;
    line_start = i;
  }
  if (line_start < n) lines.push_back(s.substr(line_start));
  return lines;
}

// ---- conversions --------------------------------------------------------------

std::string repr(std::string_view s) {
  std::string out;
  append_repr(out, s);
  return out;
}

std::string str(const Value& v) {
  if (v.is_string()) return std::string(v.as_string());
  std::string out;
  append_value(out, v, false);
  return out;
}

std::string repr(const Value& v) {
  std::string out;
  append_value(out, v, true);
  return out;
}

std::string float_repr(double d) {
  std::string out;
  append_float_repr(out, d);
  return out;
}

IntOutcome int_outcome(const Value& v) {
  switch (v.type()) {
    case Type::Bool:
      return {Int{v.as_bool() ? 1 : 0, false}};
    case Type::Int:
      return {Int{v.as_int(), v.is_big_int()}};
    case Type::Float: {
      const double d = v.as_float();
      if (std::isnan(d)) return {Int{}, IntError::ValueError};
      if (std::isinf(d)) return {Int{}, IntError::OverflowError};
      const double t = std::trunc(d);
      if (t >= kTwo63) return {Int{std::numeric_limits<std::int64_t>::max(), true}};
      if (t < -kTwo63) return {Int{std::numeric_limits<std::int64_t>::min(), true}};
      return {Int{static_cast<std::int64_t>(t), false}};
    }
    case Type::String: {
      const Parsed parsed = parse_text_int(v.as_string(), 10);
      if (parsed.status == ParseStatus::Ok) return {parsed.value};
      return {Int{}, IntError::ValueError};
    }
    case Type::Null:
    case Type::Array:
    case Type::Object:
      break;
  }
  return {Int{}, IntError::TypeError};
}

void raise_int_error(const Value& v) {
  if (v.is_float()) {
    if (std::isnan(v.as_float())) throw RuleError("ValueError", "cannot convert float NaN to integer");
    throw RuleError("OverflowError", "cannot convert float infinity to integer");
  }
  if (v.is_string()) {
    const std::string_view s = v.as_string();
    const Parsed parsed = parse_text_int(s, 10);
    if (parsed.status == ParseStatus::TooManyDigits) {
      throw RuleError("ValueError", int_max_str_digits_message(parsed.digits));
    }
    throw RuleError("ValueError", "invalid literal for int() with base 10: " + repr_for_message(s));
  }
  raise_type_error("int() argument must be a string, a bytes-like object or a real number, not '" +
                   std::string(python_type_name(v.type())) + "'");
}

Int to_int(const Value& v) {
  const IntOutcome outcome = int_outcome(v);
  if (outcome.error != IntError::None) raise_int_error(v);
  return outcome.value;
}

std::string int_decimal(const Value& v) {
  if (v.is_big_int()) return std::string(v.big_digits());
  if (v.is_float()) {
    if (!std::isfinite(v.as_float())) raise_int_error(v);
    return integral_double_decimal(std::trunc(v.as_float()));
  }
  if (!v.is_string()) return std::to_string(to_int(v).value);
  std::string rewritten;
  const std::string_view text = ascii_int_text(v.as_string(), rewritten);
  const Parsed parsed = parse_ascii_int(text, 10);
  if (parsed.status != ParseStatus::Ok) raise_int_error(v);
  std::string out = parsed.negative ? "-" : "";
  for (std::size_t i = parsed.digits_begin; i < parsed.digits_end; ++i) {
    const bool leading_zero = text[i] == '0' && out.size() == (parsed.negative ? 1u : 0u);
    if (text[i] != '_' && !leading_zero) out.push_back(text[i]);
  }
  return out.empty() || out == "-" ? "0" : out;
}

std::string int_max_str_digits_message(std::size_t digits) {
  return "Exceeds the limit (" + std::to_string(kMaxIntStrDigits) +
         " digits) for integer string conversion: value has " + std::to_string(digits) +
         " digits; use sys.set_int_max_str_digits() to increase the limit";
}

std::optional<Int> parse_int(std::string_view text, int base) {
  const Parsed parsed = parse_text_int(text, base);
  if (parsed.status != ParseStatus::Ok) return std::nullopt;
  return parsed.value;
}

bool contains(const Value& container, std::string_view needle) {
  switch (container.type()) {
    case Type::String:
      return container.as_string().find(needle) != std::string_view::npos;
    case Type::Array:
      return std::any_of(container.begin(), container.end(), [&](const Value& item) { return equals(item, needle); });
    case Type::Object:
      return container.find(needle) != nullptr;
    default:
      raise_type_error("argument of type '" + std::string(python_type_name(container.type())) +
                       "' is not iterable");
  }
}

std::optional<int> compare_numbers(const Value& a, const Value& b) {
  if (a.is_float() || b.is_float()) {
    if ((a.is_float() && std::isnan(a.as_float())) || (b.is_float() && std::isnan(b.as_float()))) return std::nullopt;
    if (!b.is_float()) return -compare_int_float(b, a.as_float());
    if (!a.is_float()) return compare_int_float(a, b.as_float());
    const double x = a.as_float(), y = b.as_float();
    return (x > y) - (x < y);
  }
  if (!a.is_big_int() && !b.is_big_int()) {
    const std::int64_t x = integral(a), y = integral(b);
    return (x > y) - (x < y);
  }
  return compare_decimal(int_decimal(a), int_decimal(b));
}

namespace {

// A NaN's bits say which Python object it is (item_equals, new_float).
std::uint64_t float_bits(double d) {
  std::uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

bool identical_nans(const Value& a, const Value& b) {
  return a.is_float() && b.is_float() && std::isnan(a.as_float()) &&
         float_bits(a.as_float()) == float_bits(b.as_float());
}

}  // namespace

Value new_float(double d) {
  if (!std::isnan(d)) return Value::floating(d);
  // JsonReader's NaN is the quiet NaN with no payload; each NaN made here gets a
  // payload of its own (they come round again after 2**51 - 1 of them). The
  // hardware's NaN would not do: it carries an operand's payload along.
  constexpr std::uint64_t kQuietNan = 0x7FF8000000000000, kPayloads = (std::uint64_t{1} << 51) - 1;
  static std::atomic<std::uint64_t> made{0};
  const std::uint64_t bits = kQuietNan | (made.fetch_add(1, std::memory_order_relaxed) % kPayloads + 1);
  double nan;
  std::memcpy(&nan, &bits, sizeof nan);
  return Value::floating(nan);
}

bool item_equals(const Value& a, const Value& b) { return equals(a, b) || identical_nans(a, b); }

bool equals(const Value& a, const Value& b) {
  if (is_number(a) && is_number(b)) return compare_numbers(a, b) == 0;
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Type::Null:
      return true;
    case Type::String:
      return a.as_string() == b.as_string();
    case Type::Array:
      if (a.size() != b.size()) return false;
      for (std::uint32_t i = 0; i < a.size(); ++i)
        if (!item_equals(a[i], b[i])) return false;
      return true;
    case Type::Object:
      if (a.size() != b.size()) return false;
      for (const Member* m = a.members(); m != a.members_end(); ++m) {
        const Value* other = b.find(m->key);
        if (!other || !item_equals(m->value, *other)) return false;
      }
      return true;
    default:
      return false;
  }
}

void raise_attribute_error(const Value& v, std::string_view attribute) {
  throw RuleError("AttributeError", "'" + std::string(python_type_name(v.type())) + "' object has no attribute '" +
                                        std::string(attribute) + "'");
}

void raise_type_error(std::string message) { throw RuleError("TypeError", message); }

// ---- operations on values of unchecked type ---------------------------------

Value first_item(const Value& v) {
  if (v.is_array()) {
    if (v.size() == 0) throw RuleError("IndexError", "list index out of range");
    return v[0];
  }
  if (v.is_string()) {
    if (v.as_string().empty()) throw RuleError("IndexError", "string index out of range");
    const char* p = v.as_string().data();
    const char* start = p;
    next_code_point(p, p + v.as_string().size());
    return Value::string(std::string_view(start, static_cast<std::size_t>(p - start)));
  }
  if (v.is_object()) throw RuleError("KeyError", "0");
  raise_type_error("'" + std::string(python_type_name(v.type())) + "' object is not subscriptable");
}

const Value& getitem(const Value& v, std::string_view key) {
  if (!v.is_object()) {
    if (v.is_array() || v.is_string())
      raise_type_error(std::string(v.is_array() ? "list" : "string") + " indices must be integers");
    raise_type_error("'" + std::string(python_type_name(v.type())) + "' object is not subscriptable");
  }
  const Value* item = v.find(key);
  if (!item) throw RuleError("KeyError", repr(key));
  return *item;
}

const Value& dict_get(const Value& v, std::string_view key) {
  if (!v.is_object()) raise_attribute_error(v, "get");
  return v.get(key);
}

std::string_view require_str(const Value& v, std::string_view method) {
  if (!v.is_string()) raise_attribute_error(v, method);
  return v.as_string();
}

}  // namespace crashsig::py
