// crashsig/python.h — Python's semantics for the operations Socorro's rules use.
//
// Socorro's signature generation is Python; matching it line for line means doing
// exactly what CPython 3.11 does on odd input: int() that accepts " 1_000 " and
// Arabic-Indic digits, str() and repr() of any value, `in` on strings, lists and
// dicts, Unicode-aware lower(), strip(), isspace(), isprintable() and splitlines().
// Strings are UTF-8 (WTF-8 for lone surrogates); lengths and slices count code
// points, as Python's do. Unicode tables are generated from CPython 3.11's
// unicodedata (Unicode 14.0) by scripts/gen_unicode_tables.py.
//
// Functions that Python would make raise throw RuleError with Python's message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/rule.h"
#include "crashsig/value.h"

// Plugins call these across the library boundary; everything else is hidden.
#pragma GCC visibility push(default)

namespace crashsig::py {

// ---- code points -------------------------------------------------------------
// Decodes one code point from UTF-8/WTF-8 at `p` (advancing it). Invalid bytes
// decode as U+FFFD one byte at a time.
char32_t next_code_point(const char*& p, const char* end);
void append_utf8(std::string& out, char32_t c);
// len(s): number of code points.
std::size_t length(std::string_view s);
// s[start:stop] with Python's clamping and negative indices, in code points.
std::string_view slice(std::string_view s, std::int64_t start, std::int64_t stop);
// s[:n] in code points (n >= 0).
std::string_view prefix(std::string_view s, std::size_t n);

// ---- character classes (CPython 3.11 / Unicode 14.0) ------------------------
bool isspace(char32_t c);       // str.isspace(), also what re's \s matches
bool isprintable(char32_t c);   // str.isprintable()
int decimal_value(char32_t c);  // unicodedata.decimal(c), -1 when not Nd; re's \d
bool isalnum(char32_t c);       // str.isalnum(); re's \w is this or '_'

// ---- str methods ------------------------------------------------------------
std::string_view strip(std::string_view s);   // str.strip(): Unicode whitespace
std::string_view lstrip(std::string_view s);
std::string_view rstrip(std::string_view s);
std::string_view strip_chars(std::string_view s, std::string_view chars);  // ASCII chars only
std::string lower(std::string_view s);        // str.lower(), full mapping (U+0130 -> "i\u0307")
bool isprintable(std::string_view s);
// str.splitlines(): splits at \n \r \r\n \v \f \x1c \x1d \x1e \x85 U+2028 U+2029.
std::vector<std::string_view> splitlines(std::string_view s);

// ---- conversions ------------------------------------------------------------
// repr() of a str: quotes and escapes as CPython does.
std::string repr(std::string_view s);
// str(v) and repr(v) of any value: "None", "True", "1.0", "1e+16", "inf", "['x']",
// "{'a': 1}".
std::string str(const Value& v);
std::string repr(const Value& v);
// repr() of a float (shortest round-trip form).
std::string float_repr(double d);

// The result of int(): Python ints are unbounded; signature rules only compare
// them or use them as indices, so values beyond int64 saturate and say so.
struct Int {
  std::int64_t value = 0;
  bool saturated = false;
};
// The exception int() raises on a value, or None when it returns an int.
enum class IntError : std::uint8_t { None, TypeError, ValueError, OverflowError };
// What int(v) does: its value when error is None.
struct IntOutcome {
  Int value;
  IntError error = IntError::None;
};
// int(v) without raising, and without building a message: rules that catch some
// of int()'s exceptions ask this first, as a missing field is common and a thrown
// exception costs more than the rule. int() takes bool, int, float (truncated) or
// str in base 10 (whitespace, sign, underscores between digits, any Unicode
// decimal digits). It raises TypeError for None, lists and dicts, ValueError for a
// str it cannot read and for NaN, OverflowError for infinities.
IntOutcome int_outcome(const Value& v);
// Raises what int(v) raises, with Python's message, for a value int_outcome()
// refuses: ValueError "invalid literal for int() with base 10: 'abc'", OverflowError
// "cannot convert float infinity to integer", ValueError "cannot convert float NaN
// to integer", TypeError "int() argument must be a string, a bytes-like object or a
// real number, not 'list'".
[[noreturn]] void raise_int_error(const Value& v);
// int(v), raising as int() does.
Int to_int(const Value& v);
// int(v) exactly, as decimal text ("-123", "98765432109876543210"), for results
// beyond int64 that Int only saturates. Raises as int() does.
std::string int_decimal(const Value& v);
// CPython 3.11 refuses to turn more digits than this into an int in a base that is
// not a power of two (sys.get_int_max_str_digits()): to_int() and json.loads alike.
inline constexpr std::size_t kMaxIntStrDigits = 4300;
// The ValueError message for a text of `digits` digits over that limit.
std::string int_max_str_digits_message(std::size_t digits);
// int(text, base) for a str and 2 <= base <= 36; nullopt where Python raises
// ValueError. Bases 2, 8 and 16 accept an optional 0b/0o/0x prefix (either case).
std::optional<Int> parse_int(std::string_view text, int base);

// `needle in container` where needle is a str: substring test on str, membership
// on list (equal str items), key test on dict. Throws RuleError TypeError
// "argument of type 'int' is not iterable" for other containers.
bool contains(const Value& container, std::string_view needle);

// Python equality of a Value with a str.
inline bool equals(const Value& v, std::string_view s) { return v.is_string() && v.as_string() == s; }
// a == b: numbers by value (True == 1 == 1.0), str, list and dict by content,
// their items compared as item_equals does.
bool equals(const Value& a, const Value& b);
// `a is b or a == b` (PyObject_RichCompareBool): how lists and dicts compare
// their items, and how `in` on a list and the order of lists compare them.
// Identity tells only for NaN, which is not == to itself: json.loads gives every
// NaN as one object (JsonReader gives them all the same bits), so [NaN] == [NaN]
// though NaN != NaN; a NaN that arithmetic makes (new_float) is a new object,
// identical to its own copies only.
bool item_equals(const Value& a, const Value& b);
// The float that arithmetic gives: a new Python object (see item_equals). A NaN
// made here is identical to no NaN but its copies.
Value new_float(double d);
// Whether Python calls `v` a number: bool, int or float.
inline bool is_number(const Value& v) { return v.is_bool() || v.is_int() || v.is_float(); }
// The value of a bool or an int that fits in 64 bits (True is 1), as Python's
// arithmetic sees it.
inline std::int64_t integral(const Value& v) { return v.is_bool() ? (v.as_bool() ? 1 : 0) : v.as_int(); }
// How number a compares to number b (bool, int of any size, float): -1, 0 or 1,
// or nullopt when either is NaN, making every comparison but != false. An int and
// a float compare exactly, as in Python: 2**53 + 1 > 2.0**53, though converting
// the int to a float would make them equal.
std::optional<int> compare_numbers(const Value& a, const Value& b);

// "'int' object has no attribute 'get'"-style messages.
[[noreturn]] void raise_attribute_error(const Value& v, std::string_view attribute);
[[noreturn]] void raise_type_error(std::string message);

// ---- operations on values of unchecked type ---------------------------------
// Socorro's rules rarely check the shape of crash data; these do what Python does
// with whatever value arrives, failing with Python's exception and message.

// `for item in v`: list items, dict keys, or the characters of a str (keys and
// characters as str Values). `visit(item)` returns false to stop early. TypeError
// "'int' object is not iterable" for other values.
template <class Visit>
void for_each_item(const Value& v, Visit&& visit) {
  switch (v.type()) {
    case Type::Array:
      for (const Value& item : v)
        if (!visit(item)) return;
      return;
    case Type::Object:
      for (const Member* m = v.members(); m != v.members_end(); ++m)
        if (!visit(Value::string(m->key))) return;
      return;
    case Type::String: {
      const std::string_view s = v.as_string();
      const char* p = s.data();
      const char* end = p + s.size();
      while (p < end) {
        const char* start = p;
        next_code_point(p, end);
        if (!visit(Value::string(std::string_view(start, static_cast<std::size_t>(p - start))))) return;
      }
      return;
    }
    default:
      raise_type_error("'" + std::string(python_type_name(v.type())) + "' object is not iterable");
  }
}

// v[0]: the first list item or character (IndexError when empty); KeyError 0 for
// a dict (JSON keys are strings); TypeError "'int' object is not subscriptable".
Value first_item(const Value& v);

// v[key] on a dict: KeyError 'key' when missing; TypeError for non-dicts.
const Value& getitem(const Value& v, std::string_view key);

// v.get(key) where v must be a dict: AttributeError "'str' object has no attribute
// 'get'" otherwise.
const Value& dict_get(const Value& v, std::string_view key);

// A value a str method is called on: AttributeError "'int' object has no attribute
// '<method>'" unless it is a str.
std::string_view require_str(const Value& v, std::string_view method);

}  // namespace crashsig::py

#pragma GCC visibility pop
