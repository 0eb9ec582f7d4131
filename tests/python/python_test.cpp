// crashsig/python.h against CPython 3.11. Expected values were printed by CPython
// 3.11.7 (Unicode 14.0); the whole-range checksums say how they were computed.
#include "crashsig/python.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crashsig/json.h"
#include "test_support.h"

namespace crashsig {
namespace {

using py::Int;

// Values built from JSON text, kept alive for the whole test.
class Values {
 public:
  const Value& operator()(std::string_view json) {
    docs_.push_back(std::make_unique<Document>());
    std::string error;
    EXPECT_TRUE(reader_.parse(json, *docs_.back(), error)) << json << ": " << error;
    return docs_.back()->root();
  }

 private:
  JsonReader reader_;
  std::vector<std::unique_ptr<Document>> docs_;
};

std::string utf8(char32_t c) {
  std::string s;
  py::append_utf8(s, c);
  return s;
}

std::vector<char32_t> decode_all(std::string_view s) {
  std::vector<char32_t> out;
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) out.push_back(py::next_code_point(p, end));
  return out;
}

// The message of the RuleError `f` throws, prefixed by its kind ("ValueError: ...").
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const RuleError& e) {
    return e.kind() + ": " + e.what();
  }
  return "no error";
}

// Every code point U+0000..U+10FFFF in order, surrogates as WTF-8: what CPython's
// ''.join(map(chr, range(0x110000))).encode('utf-8', 'surrogatepass') gives.
std::string all_code_points() {
  std::string s;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) py::append_utf8(s, c);
  return s;
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char b : s) {
    h ^= b;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Count and order-sensitive hash of the code points a predicate accepts:
// n += 1; h = h * 31 + c (mod 2**64) over range(0x110000) in Python.
template <class Pred>
std::pair<int, std::uint64_t> summarize(Pred pred) {
  int n = 0;
  std::uint64_t h = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (pred(c)) {
      ++n;
      h = h * 31 + c;
    }
  }
  return {n, h};
}

// ---- code points ------------------------------------------------------------

TEST(CodePoints, DecodesUtf8AndWtf8) {
  EXPECT_EQ(decode_all("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"), (std::vector<char32_t>{'a', 0xE9, 0x20AC, 0x1F600}));
  EXPECT_EQ(decode_all("\xED\xA0\x80\xED\xBF\xBF"), (std::vector<char32_t>{0xD800, 0xDFFF}));
  EXPECT_EQ(decode_all("\xF4\x8F\xBF\xBF"), (std::vector<char32_t>{0x10FFFF}));
}

TEST(CodePoints, InvalidBytesAreOneReplacementEach) {
  const char32_t R = 0xFFFD;
  EXPECT_EQ(decode_all("\x80"), (std::vector<char32_t>{R}));
  EXPECT_EQ(decode_all("\xC0\x80"), (std::vector<char32_t>{R, R}));              // overlong
  EXPECT_EQ(decode_all("\xE0\x80\x80"), (std::vector<char32_t>{R, R, R}));       // overlong
  EXPECT_EQ(decode_all("\xF0\x8F\xBF\xBF"), (std::vector<char32_t>{R, R, R, R}));  // overlong
  EXPECT_EQ(decode_all("\xF4\x90\x80\x80"), (std::vector<char32_t>{R, R, R, R}));  // > U+10FFFF
  EXPECT_EQ(decode_all("\xE2\x82"), (std::vector<char32_t>{R, R}));              // truncated
  EXPECT_EQ(decode_all("\xE2\x82x"), (std::vector<char32_t>{R, R, 'x'}));
  EXPECT_EQ(decode_all("\xF5\xFF"), (std::vector<char32_t>{R, R}));
}

TEST(CodePoints, AppendUtf8RoundTripsEveryCodePoint) {
  const std::string all = all_code_points();
  EXPECT_EQ(all.size(), 4388736u);  // len(all_code_points().encode('utf-8', 'surrogatepass'))
  const char* p = all.data();
  const char* end = p + all.size();
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    ASSERT_LT(p, end);
    ASSERT_EQ(py::next_code_point(p, end), c);
  }
  EXPECT_EQ(p, end);
  EXPECT_EQ(utf8(0x110000), "\xEF\xBF\xBD");
}

TEST(CodePoints, Length) {
  EXPECT_EQ(py::length(""), 0u);
  EXPECT_EQ(py::length("abc"), 3u);
  EXPECT_EQ(py::length("a\xC3\xA9" "b"), 3u);
  EXPECT_EQ(py::length("\xF0\x9F\x98\x80"), 1u);
  EXPECT_EQ(py::length("a\xED\xA0\x80" "b"), 3u);  // lone surrogate counts one
  EXPECT_EQ(py::length("\xED\xA0\xBD\xED\xB8\x80"), 2u);  // a WTF-8 "pair" is two lone surrogates
  EXPECT_EQ(py::length("\xE2\x82"), 2u);
  EXPECT_EQ(py::length(std::string(100, 'x') + "\xC3\xA9" + std::string(37, 'y')), 138u);
  EXPECT_EQ(py::length(all_code_points()), 0x110000u);
}

TEST(CodePoints, SliceLikePython) {
  // s = 'aé😀bc'
  const std::string s = "a\xC3\xA9\xF0\x9F\x98\x80" "bc";
  constexpr auto kEnd = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(py::slice(s, 1, 3), "\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(py::slice(s, -2, kEnd), "bc");
  EXPECT_EQ(py::slice(s, 0, -1), "a\xC3\xA9\xF0\x9F\x98\x80" "b");
  EXPECT_EQ(py::slice(s, -100, 2), "a\xC3\xA9");
  EXPECT_EQ(py::slice(s, 3, 1), "");
  EXPECT_EQ(py::slice(s, 5, 10), "");
  EXPECT_EQ(py::slice(s, 2, 100), "\xF0\x9F\x98\x80" "bc");
  EXPECT_EQ(py::slice(s, -3, -1), "\xF0\x9F\x98\x80" "b");
  EXPECT_EQ(py::slice(s, std::numeric_limits<std::int64_t>::min(), kEnd), s);
  EXPECT_EQ(py::slice("", -1, 1), "");
  const std::string long_ascii(300, 'x');
  EXPECT_EQ(py::slice(long_ascii, 10, 110).size(), 100u);
}

TEST(CodePoints, Prefix) {
  EXPECT_EQ(py::prefix("abc", 0), "");
  EXPECT_EQ(py::prefix("abc", 2), "ab");
  EXPECT_EQ(py::prefix("abc", 10), "abc");
  EXPECT_EQ(py::prefix("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9");
  EXPECT_EQ(py::prefix("a\xED\xA0\x80" "bc", 2), "a\xED\xA0\x80");
  // 150 astral characters are 150 code points (ipcchan-long, java-len-astral).
  std::string astral;
  for (int i = 0; i < 150; ++i) astral += "\xF0\x9F\x98\x80";
  EXPECT_EQ(py::prefix(astral, 100).size(), 400u);
  EXPECT_EQ(py::prefix(std::string(120, 'x'), 100), std::string(100, 'x'));
}

// ---- character classes --------------------------------------------------------

TEST(CharacterClasses, Ascii) {
  for (char32_t c = 0; c < 0x80; ++c) {
    const bool space = (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x20);
    EXPECT_EQ(py::isspace(c), space) << c;
    EXPECT_EQ(py::isprintable(c), c >= 0x20 && c < 0x7F) << c;
    const bool digit = c >= '0' && c <= '9';
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    EXPECT_EQ(py::isalnum(c), digit || alpha) << c;
    EXPECT_EQ(py::decimal_value(c), digit ? static_cast<int>(c - '0') : -1) << c;
  }
}

TEST(CharacterClasses, Examples) {
  EXPECT_TRUE(py::isspace(0x1C));     // ws-x1c
  EXPECT_TRUE(py::isspace(0x85));
  EXPECT_TRUE(py::isspace(0xA0));
  EXPECT_TRUE(py::isspace(0x2028));
  EXPECT_TRUE(py::isspace(0x3000));
  EXPECT_FALSE(py::isspace(0x200B));  // ws-zwsp
  EXPECT_FALSE(py::isspace(0x180E));
  EXPECT_FALSE(py::isspace(0xFEFF));

  EXPECT_FALSE(py::isprintable(0xA0));
  EXPECT_FALSE(py::isprintable(0xAD));     // soft hyphen, Cf
  EXPECT_FALSE(py::isprintable(0x2028));
  EXPECT_FALSE(py::isprintable(0xD800));
  EXPECT_FALSE(py::isprintable(0xE000));   // private use
  EXPECT_FALSE(py::isprintable(0x0378));   // unassigned
  EXPECT_FALSE(py::isprintable(0x10FFFF));
  EXPECT_TRUE(py::isprintable(0xE9));
  EXPECT_TRUE(py::isprintable(0x1F600));

  EXPECT_EQ(py::decimal_value(0x663), 3);     // ARABIC-INDIC DIGIT THREE
  EXPECT_EQ(py::decimal_value(0xFF19), 9);    // FULLWIDTH DIGIT NINE
  EXPECT_EQ(py::decimal_value(0x1D7CE), 0);   // MATHEMATICAL BOLD DIGIT ZERO
  EXPECT_EQ(py::decimal_value(0x1D7FF), 9);   // MATHEMATICAL MONOSPACE DIGIT NINE
  EXPECT_EQ(py::decimal_value(0x1FBF9), 9);   // SEGMENTED DIGIT NINE
  EXPECT_EQ(py::decimal_value(0xB2), -1);     // SUPERSCRIPT TWO: a digit, not decimal
  EXPECT_EQ(py::decimal_value(0x2160), -1);   // ROMAN NUMERAL ONE

  EXPECT_TRUE(py::isalnum(0xE9));
  EXPECT_TRUE(py::isalnum(0xB2));
  EXPECT_TRUE(py::isalnum(0x2160));
  EXPECT_TRUE(py::isalnum(0x663));
  EXPECT_FALSE(py::isalnum(0x301));  // combining acute
  EXPECT_FALSE(py::isalnum('_'));
}

// Whole-range checks against CPython 3.11: counts and hashes computed with
// sum(1 for c in range(0x110000) if chr(c).isspace()) and the hash of summarize().
TEST(CharacterClasses, WholeRangeMatchesCPython) {
  EXPECT_EQ(summarize([](char32_t c) { return py::isspace(c); }),
            std::make_pair(29, std::uint64_t{0x3e332c7582934fdcULL}));
  EXPECT_EQ(summarize([](char32_t c) { return py::isprintable(c); }),
            std::make_pair(144516, std::uint64_t{0x312432e51b58ac64ULL}));
  EXPECT_EQ(summarize([](char32_t c) { return py::isalnum(c); }),
            std::make_pair(133547, std::uint64_t{0x1258b71010f34603ULL}));
  // Decimal digits: n += 1; h = h * 31 + c * 10 + unicodedata.decimal(c).
  int n = 0;
  std::uint64_t h = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    const int d = py::decimal_value(c);
    if (d < 0) continue;
    ++n;
    h = h * 31 + std::uint64_t{c} * 10 + static_cast<std::uint64_t>(d);
  }
  EXPECT_EQ(n, 660);
  EXPECT_EQ(h, 0xe9b6832c0924976eULL);
}

// ---- str methods --------------------------------------------------------------

TEST(StrMethods, Strip) {
  EXPECT_EQ(py::strip("  a b \t"), "a b");
  EXPECT_EQ(py::strip(""), "");
  EXPECT_EQ(py::strip(" \t\n"), "");
  EXPECT_EQ(py::lstrip("  a "), "a ");
  EXPECT_EQ(py::rstrip("  a "), "  a");
  // NBSP, IDEOGRAPHIC SPACE, LINE SEPARATOR, \x1c and NEL are whitespace.
  EXPECT_EQ(py::strip("\xC2\xA0\xE3\x80\x80x\xE2\x80\xA8\x1c\xC2\x85"), "x");
  // java-strip-unicode
  EXPECT_EQ(py::strip("\xC2\xA0java.lang.Foo\xE3\x80\x80: bar\xC2\xA0"), "java.lang.Foo\xE3\x80\x80: bar");
  EXPECT_EQ(py::strip("\xE2\x80\x8Bx"), "\xE2\x80\x8Bx");  // ZWSP is not whitespace
  EXPECT_EQ(py::strip("\xC3\xA9 "), "\xC3\xA9");
  EXPECT_EQ(py::strip(" \xED\xA0\x80 "), "\xED\xA0\x80");
  EXPECT_EQ(py::strip(" \xFF\x80 "), "\xFF\x80");  // invalid bytes are not whitespace
  EXPECT_EQ(py::rstrip("a\xC3\xA9\xA9 "), "a\xC3\xA9\xA9");
}

TEST(StrMethods, StripChars) {
  EXPECT_EQ(py::strip_chars("][m.dll[[", "[]"), "m.dll");  // frame-module-brackets
  EXPECT_EQ(py::strip_chars("[[]]", "[]"), "");
  EXPECT_EQ(py::strip_chars("", "[]"), "");
  EXPECT_EQ(py::strip_chars("[\xC3\xA9]", "[]"), "\xC3\xA9");
  EXPECT_EQ(py::strip_chars("abc", ""), "abc");
}

TEST(StrMethods, Lower) {
  EXPECT_EQ(py::lower("ABC def 123"), "abc def 123");
  EXPECT_EQ(py::lower("\xC4\xB0X.DLL"), "i\xCC\x87x.dll");  // windows-lower-unicode
  EXPECT_EQ(py::lower("\xC3\x80\xC3\x89"), "\xC3\xA0\xC3\xA9");
  EXPECT_EQ(py::lower("\xF0\x90\x90\x80"), "\xF0\x90\x90\xA8");  // DESERET CAPITAL LONG I
  EXPECT_EQ(py::lower("\xE2\x84\xAA"), "k");                  // KELVIN SIGN
  EXPECT_EQ(py::lower("\xE1\xBA\x9E"), "\xC3\x9F");           // CAPITAL SHARP S
  EXPECT_EQ(py::lower("I"), "i");                             // no locale: not dotless
  EXPECT_EQ(py::lower("\xED\xA0\x80\xFF"), "\xED\xA0\x80\xFF");  // surrogates and invalid bytes kept
  EXPECT_EQ(py::lower(""), "");
}

TEST(StrMethods, LowerFinalSigma) {
  // CPython: 'ΟΔΟΣ'.lower() == 'οδος' etc.
  EXPECT_EQ(py::lower("\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3"), "\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82");
  EXPECT_EQ(py::lower("\xCE\xA3"), "\xCF\x83");                                 // 'Σ' -> 'σ'
  EXPECT_EQ(py::lower("\xCE\x91\xCE\xA3 \xCE\x92"), "\xCE\xB1\xCF\x82 \xCE\xB2");  // 'ΑΣ Β' -> 'ας β'
  EXPECT_EQ(py::lower("\xCE\x91\xCE\xA3\xCE\x91"), "\xCE\xB1\xCF\x83\xCE\xB1");    // 'ΑΣΑ' -> 'ασα'
  EXPECT_EQ(py::lower("\xCE\x91\xCE\xA3."), "\xCE\xB1\xCF\x82.");                  // 'ΑΣ.' -> 'ας.'
  EXPECT_EQ(py::lower("\xCE\x91.\xCE\xA3"), "\xCE\xB1.\xCF\x82");                  // 'Α.Σ' -> 'α.ς'
  EXPECT_EQ(py::lower("\xCE\x91\xCE\xA3'\xCE\x91"), "\xCE\xB1\xCF\x83'\xCE\xB1");  // "ΑΣ'Α" -> "ασ'α"
  EXPECT_EQ(py::lower("\xCE\x91\xCE\xA3'"), "\xCE\xB1\xCF\x82'");                  // "ΑΣ'" -> "ας'"
  EXPECT_EQ(py::lower("\xCE\x91\xCE\xA3\xCE\xA3"), "\xCE\xB1\xCF\x83\xCF\x82");    // 'ΑΣΣ' -> 'ασς'
  EXPECT_EQ(py::lower("1\xCE\xA3"), "1\xCF\x83");                                 // '1Σ' -> '1σ'
  EXPECT_EQ(py::lower("\xCE\x91\xCC\x81\xCE\xA3"), "\xCE\xB1\xCC\x81\xCF\x82");    // 'Α\u0301Σ' -> 'α\u0301ς'
}

// fnv1a64(''.join(map(chr, range(0x110000))).lower().encode('utf-8', 'surrogatepass'))
TEST(StrMethods, LowerOfEveryCodePointMatchesCPython) {
  const std::string lowered = py::lower(all_code_points());
  EXPECT_EQ(lowered.size(), 4388716u);
  EXPECT_EQ(fnv1a(lowered), 0x1b7c962dd8a8099eULL);
}

TEST(StrMethods, IsPrintable) {
  EXPECT_TRUE(py::isprintable(""));
  EXPECT_TRUE(py::isprintable("abc xyz ~"));
  EXPECT_TRUE(py::isprintable("\xC3\xA9\xF0\x9F\x98\x80"));
  EXPECT_FALSE(py::isprintable("a\tb"));
  EXPECT_FALSE(py::isprintable("a\x7f"));
  EXPECT_FALSE(py::isprintable("\xC2\xA0"));
  EXPECT_FALSE(py::isprintable("a\xED\xA0\x80"));
}

// isprintable() and lower() look at eight ASCII bytes at once: every byte value at
// every position of such a word must get the per-character answer.
TEST(StrMethods, WordAtATimePathsAgreeWithPerCharacterAnswers) {
  for (int b = 0; b < 256; ++b) {
    for (std::size_t pos = 0; pos < 16; ++pos) {
      std::string s(17, 'Q');
      s[pos] = static_cast<char>(b);
      // A lone byte >= 0x80 is invalid UTF-8 and reads as U+FFFD (printable).
      const char32_t c = b < 0x80 ? static_cast<char32_t>(b) : 0xFFFD;
      EXPECT_EQ(py::isprintable(s), py::isprintable(c)) << b << " at " << pos;
      std::string lowered(17, 'q');
      lowered[pos] = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      EXPECT_EQ(py::lower(s), lowered) << b << " at " << pos;  // invalid bytes are kept as they are
    }
  }
}

using Lines = std::vector<std::string_view>;

TEST(StrMethods, SplitLines) {
  EXPECT_EQ(py::splitlines(""), Lines{});
  EXPECT_EQ(py::splitlines("abc"), Lines{"abc"});
  EXPECT_EQ(py::splitlines("a\n"), Lines{"a"});
  EXPECT_EQ(py::splitlines("\n"), Lines{""});
  EXPECT_EQ(py::splitlines("a\n\nb"), (Lines{"a", "", "b"}));
  EXPECT_EQ(py::splitlines("a\r\nb"), (Lines{"a", "b"}));
  EXPECT_EQ(py::splitlines("a\n\rb"), (Lines{"a", "", "b"}));
  EXPECT_EQ(py::splitlines("a\r\r\nb\r"), (Lines{"a", "", "b"}));
  EXPECT_EQ(py::splitlines("a\x1f" "b"), Lines{"a\x1f" "b"});
  const char* separators[] = {"\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e",
                              "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"};
  for (const char* sep : separators) {
    EXPECT_EQ(py::splitlines(std::string("java.lang.Foo: bar") + sep + "at a.b(C.java:3)"),
              (Lines{"java.lang.Foo: bar", "at a.b(C.java:3)"}))
        << sep;
  }
}

// [hex(c) for c in range(0x110000) if len(('a' + chr(c) + 'b').splitlines()) > 1]
TEST(StrMethods, SplitLinesBreaksExactlyWhereCPythonDoes) {
  std::vector<char32_t> breaks;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (py::splitlines("a" + utf8(c) + "b").size() > 1) breaks.push_back(c);
  }
  EXPECT_EQ(breaks, (std::vector<char32_t>{0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029}));
}

// ---- repr / str ---------------------------------------------------------------

TEST(Repr, String) {
  EXPECT_EQ(py::repr(std::string_view("abc")), "'abc'");
  EXPECT_EQ(py::repr(std::string_view("")), "''");
  EXPECT_EQ(py::repr(std::string_view("it's")), "\"it's\"");
  EXPECT_EQ(py::repr(std::string_view("say \"hi\"")), "'say \"hi\"'");
  EXPECT_EQ(py::repr(std::string_view("'\"")), "'\\'\"'");
  EXPECT_EQ(py::repr(std::string_view("a\\b")), "'a\\\\b'");
  EXPECT_EQ(py::repr(std::string_view("\t\n\r\0\x7f\x1c", 6)), "'\\t\\n\\r\\x00\\x7f\\x1c'");
  // 'é\xa0\u200b😀\ue000\U0010ffff\ud800\u0378\U000e0001\xad'
  EXPECT_EQ(py::repr(std::string_view("\xC3\xA9\xC2\xA0\xE2\x80\x8B\xF0\x9F\x98\x80\xEE\x80\x80\xF4\x8F\xBF\xBF"
                                      "\xED\xA0\x80\xCD\xB8\xF3\xA0\x80\x81\xC2\xAD")),
            "'\xC3\xA9\\xa0\\u200b\xF0\x9F\x98\x80\\ue000\\U0010ffff\\ud800\\u0378\\U000e0001\\xad'");
  EXPECT_EQ(py::repr(std::string_view("\xC2\x85")), "'\\x85'");
}

TEST(Repr, Float) {
  const std::pair<double, const char*> cases[] = {
      {1.0, "1.0"},
      {1e16, "1e+16"},
      {1e15, "1000000000000000.0"},
      {1e-5, "1e-05"},
      {1e-4, "0.0001"},
      {0.1, "0.1"},
      {0.0, "0.0"},
      {-0.0, "-0.0"},
      {123.456, "123.456"},
      {1.5e300, "1.5e+300"},
      {5e-324, "5e-324"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {1.2345678901234567e17, "1.2345678901234566e+17"},
      {0.1 + 0.2, "0.30000000000000004"},
      {2.5, "2.5"},
      {1e22, "1e+22"},
      {9007199254740993.0, "9007199254740992.0"},
      {-1e-7, "-1e-07"},
      {12345678901234567.0, "1.2345678901234568e+16"},
      {0.00012345, "0.00012345"},
      {100.0, "100.0"},
      {1e100, "1e+100"},
      {std::numeric_limits<double>::infinity(), "inf"},
      {-std::numeric_limits<double>::infinity(), "-inf"},
      {std::numeric_limits<double>::quiet_NaN(), "nan"},
  };
  for (const auto& [d, expected] : cases) EXPECT_EQ(py::float_repr(d), expected);
}

TEST(Repr, Values) {
  Values json;
  EXPECT_EQ(py::str(json("null")), "None");
  EXPECT_EQ(py::str(json("true")), "True");
  EXPECT_EQ(py::str(json("false")), "False");
  EXPECT_EQ(py::str(json("-5")), "-5");
  EXPECT_EQ(py::str(json("123456789012345678901234567890")), "123456789012345678901234567890");
  EXPECT_EQ(py::str(json("-123456789012345678901234567890")), "-123456789012345678901234567890");
  EXPECT_EQ(py::str(json("1.0")), "1.0");  // ipcmsg-float
  EXPECT_EQ(py::str(json("1e16")), "1e+16");
  EXPECT_EQ(py::str(json("NaN")), "nan");
  EXPECT_EQ(py::str(json("-Infinity")), "-inf");
  EXPECT_EQ(py::str(json("1e999")), "inf");
  EXPECT_EQ(py::str(json("\"it's\"")), "it's");
  EXPECT_EQ(py::repr(json("\"it's\"")), "\"it's\"");
  EXPECT_EQ(py::repr(json("\"a\\ud800b\"")), "'a\\ud800b'");
  EXPECT_EQ(py::str(json("[\"x\", 1, null]")), "['x', 1, None]");
  EXPECT_EQ(py::str(json("{\"a\": 1}")), "{'a': 1}");  // ipcmsg-dict
  EXPECT_EQ(py::repr(json("{\"a\": [1.0, true, {\"b\": \"it's\"}], \"c\": {}}")),
            "{'a': [1.0, True, {'b': \"it's\"}], 'c': {}}");
  EXPECT_EQ(py::str(json("[]")), "[]");
  EXPECT_EQ(py::str(json("{}")), "{}");
  EXPECT_EQ(py::str(json("{\"k\": 1, \"k\": 2}")), "{'k': 2}");
}

// ---- comparisons --------------------------------------------------------------

// compare_numbers(a, b), checked against compare_numbers(b, a).
std::optional<int> compare(const Value& a, const Value& b) {
  const std::optional<int> ab = py::compare_numbers(a, b);
  const std::optional<int> ba = py::compare_numbers(b, a);
  EXPECT_EQ(ab.has_value(), ba.has_value());
  if (ab && ba) EXPECT_EQ(*ab, -*ba);
  return ab;
}

TEST(CompareNumbers, IntAndFloatCompareExactly) {
  Values json;
  // 2**53 + 1 is no float: converting it to one would make it 2.0**53.
  EXPECT_EQ(compare(json("9007199254740993"), json("9007199254740992.0")), 1);
  EXPECT_EQ(compare(json("9007199254740992"), json("9007199254740992.0")), 0);
  EXPECT_EQ(compare(json("9223372036854775807"), json("9223372036854775808.0")), -1);
  EXPECT_EQ(compare(json("-9223372036854775808"), json("-9223372036854775808.0")), 0);
  EXPECT_EQ(compare(json("-9223372036854775809"), json("-9223372036854775808.0")), -1);
  EXPECT_EQ(compare(json("123456789012345678901234567890"), json("1.2345678901234568e29")), 1);
  EXPECT_EQ(compare(json("1180591620717411303424"), json("1180591620717411303424.0")), 0);  // 2**70
  EXPECT_EQ(compare(json("-123456789012345678901234567890"), json("-1e300")), 1);
  EXPECT_EQ(compare(json("123456789012345678901234567890"), json("0.5")), 1);
  EXPECT_EQ(compare(json("1"), json("1.5")), -1);
  EXPECT_EQ(compare(json("-1"), json("-1.5")), 1);
  EXPECT_EQ(compare(json("2"), json("1.5")), 1);
  EXPECT_EQ(compare(json("0"), json("-0.0")), 0);
  EXPECT_EQ(compare(json("true"), json("1.0")), 0);
  EXPECT_EQ(compare(json("false"), json("0.5")), -1);
}

TEST(CompareNumbers, InfinitiesAndNaN) {
  Values json;
  EXPECT_EQ(compare(json("123456789012345678901234567890"), json("1e999")), -1);
  EXPECT_EQ(compare(json("-123456789012345678901234567890"), json("-1e999")), 1);
  EXPECT_EQ(compare(json("9223372036854775807"), json("Infinity")), -1);
  EXPECT_EQ(compare(json("1e999"), json("1e999")), 0);
  EXPECT_EQ(compare(json("-1e999"), json("1e308")), -1);
  EXPECT_FALSE(compare(json("NaN"), json("1")).has_value());
  EXPECT_FALSE(compare(json("NaN"), json("123456789012345678901234567890")).has_value());
  EXPECT_FALSE(compare(json("NaN"), json("1e999")).has_value());
  EXPECT_FALSE(compare(json("NaN"), json("NaN")).has_value());
}

TEST(CompareNumbers, Ints) {
  Values json;
  EXPECT_EQ(compare(json("1"), json("2")), -1);
  EXPECT_EQ(compare(json("true"), json("1")), 0);
  EXPECT_EQ(compare(json("123456789012345678901234567890"), json("9223372036854775807")), 1);
  EXPECT_EQ(compare(json("-123456789012345678901234567890"), json("-9223372036854775808")), -1);
  EXPECT_EQ(compare(json("123456789012345678901234567890"), json("123456789012345678901234567891")), -1);
  EXPECT_EQ(compare(json("-123456789012345678901234567890"), json("-123456789012345678901234567891")), 1);
  EXPECT_EQ(compare(json("-123456789012345678901234567890"), json("123456789012345678901234567890")), -1);
  EXPECT_EQ(compare(json("123456789012345678901234567890"), json("123456789012345678901234567890")), 0);
}

TEST(Equals, IsPythonsEquality) {
  Values json;
  EXPECT_TRUE(py::equals(json(R"([1, "a", {"k": true}])"), json(R"([1.0, "a", {"k": 1}])")));
  EXPECT_FALSE(py::equals(json("[9007199254740993]"), json("[9007199254740992.0]")));
  EXPECT_FALSE(py::equals(json(R"({"k": 123456789012345678901234567890})"), json(R"({"k": 1.2345678901234568e29})")));
  EXPECT_FALSE(py::equals(json("NaN"), json("NaN")));
  EXPECT_FALSE(py::equals(json("1"), json(R"("1")")));
  EXPECT_FALSE(py::equals(json("null"), json("false")));
  EXPECT_TRUE(py::equals(json("null"), json("null")));
  EXPECT_FALSE(py::equals(json("[1]"), json("[1, 2]")));
  EXPECT_FALSE(py::equals(json(R"({"a": 1})"), json(R"({"b": 1})")));
  EXPECT_TRUE(py::equals(json(R"({"a": 1, "b": 2})"), json(R"({"b": 2, "a": 1})")));
}

// Lists and dicts compare items as `a is b or a == b`, and json.loads gives every
// NaN as one object: [NaN] == [NaN] though NaN != NaN. Arithmetic makes new ones.
TEST(Equals, ItemsThatAreOneNaNAreEqual) {
  Values json;
  const Value& nan = json("NaN");
  EXPECT_FALSE(py::equals(nan, nan));
  EXPECT_TRUE(py::item_equals(nan, json("NaN")));
  EXPECT_TRUE(py::equals(json("[NaN]"), json("[NaN]")));
  EXPECT_TRUE(py::equals(json(R"({"k": [1, NaN]})"), json(R"({"k": [1.0, NaN]})")));
  EXPECT_FALSE(py::equals(json("[NaN]"), json("[1]")));

  // What arithmetic on the NaN gives (x + 1, -x): new objects, each itself only.
  const Value made = py::new_float(nan.as_float());
  EXPECT_TRUE(std::isnan(made.as_float()));
  EXPECT_FALSE(py::equals(made, made));
  EXPECT_TRUE(py::item_equals(made, made));
  EXPECT_FALSE(py::item_equals(made, nan));
  EXPECT_FALSE(py::item_equals(made, py::new_float(nan.as_float())));
  EXPECT_FALSE(py::item_equals(made, py::new_float(-nan.as_float())));
  EXPECT_TRUE(py::item_equals(py::new_float(1.5), json("1.5")));
}

// ---- int() --------------------------------------------------------------------

TEST(ToInt, NonStrings) {
  Values json;
  EXPECT_EQ(py::to_int(json("true")).value, 1);
  EXPECT_EQ(py::to_int(json("false")).value, 0);
  EXPECT_EQ(py::to_int(json("-7")).value, -7);
  EXPECT_EQ(py::to_int(json("1e6")).value, 1000000);
  EXPECT_EQ(py::to_int(json("1.9")).value, 1);
  EXPECT_EQ(py::to_int(json("-1.9")).value, -1);
  EXPECT_EQ(py::to_int(json("-0.5")).value, 0);

  const Int big = py::to_int(json("123456789012345678901234567890"));
  EXPECT_TRUE(big.saturated);
  EXPECT_EQ(big.value, std::numeric_limits<std::int64_t>::max());
  const Int big_float = py::to_int(json("1e19"));
  EXPECT_TRUE(big_float.saturated);
  EXPECT_EQ(big_float.value, std::numeric_limits<std::int64_t>::max());
  const Int neg_float = py::to_int(json("-9.3e18"));
  EXPECT_TRUE(neg_float.saturated);
  EXPECT_EQ(neg_float.value, std::numeric_limits<std::int64_t>::min());
  const Int min_float = py::to_int(json("-9223372036854775808.0"));
  EXPECT_FALSE(min_float.saturated);
  EXPECT_EQ(min_float.value, std::numeric_limits<std::int64_t>::min());
  EXPECT_FALSE(py::to_int(json("9223372036854775807")).saturated);
}

TEST(ToInt, Errors) {
  Values json;
  EXPECT_EQ(error_of([&] { py::to_int(json("1e999")); }), "OverflowError: cannot convert float infinity to integer");
  EXPECT_EQ(error_of([&] { py::to_int(json("-Infinity")); }), "OverflowError: cannot convert float infinity to integer");
  EXPECT_EQ(error_of([&] { py::to_int(json("NaN")); }), "ValueError: cannot convert float NaN to integer");
  EXPECT_EQ(error_of([&] { py::to_int(json("null")); }),
            "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
  EXPECT_EQ(error_of([&] { py::to_int(json("[1]")); }),
            "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'list'");
  EXPECT_EQ(error_of([&] { py::to_int(json("{}")); }),
            "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'dict'");
  EXPECT_EQ(error_of([&] { py::to_int(json("\"abc\"")); }), "ValueError: invalid literal for int() with base 10: 'abc'");
  EXPECT_EQ(error_of([&] { py::to_int(json("\"0x10\"")); }), "ValueError: invalid literal for int() with base 10: '0x10'");
  EXPECT_EQ(error_of([&] { py::to_int(json("\"it's\"")); }),
            "ValueError: invalid literal for int() with base 10: \"it's\"");
  EXPECT_EQ(error_of([&] { py::to_int(json("\"\\u001c12\\u001f\"")); }),
            "ValueError: invalid literal for int() with base 10: '\\x1c12\\x1f'");
}

TEST(ToInt, ErrorMessageQuotesAtMost200CodePointsOfRepr) {
  Values json;
  const std::string message = error_of([&] { py::to_int(json("\"" + std::string(300, 'a') + "\"")); });
  EXPECT_EQ(message, "ValueError: invalid literal for int() with base 10: '" + std::string(199, 'a'));
  std::string astral_json = "\"";
  for (int i = 0; i < 300; ++i) astral_json += "\\ud83d\\ude00";
  astral_json += "\"";
  const std::string astral = error_of([&] { py::to_int(json(astral_json)); });
  EXPECT_EQ(py::length(astral), 12u + 40u + 200u);  // "ValueError: " + Python's 240 code points
}

TEST(ToInt, DigitLimit) {
  Values json;
  EXPECT_EQ(py::to_int(json("\"" + std::string(4299, '0') + "1\"")).value, 1);  // 4300 digits: the most allowed
  EXPECT_EQ(error_of([&] { py::to_int(json("\"" + std::string(4301, '0') + "\"")); }).substr(0, 47),
            "ValueError: Exceeds the limit (4300 digits) for");  // zeros count too
  const std::string limit_error =
      "ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 4302 digits; use "
      "sys.set_int_max_str_digits() to increase the limit";
  EXPECT_EQ(error_of([&] { py::to_int(json("\"" + std::string(4302, '1') + "\"")); }), limit_error);
  EXPECT_EQ(error_of([&] { py::to_int(json("\"" + std::string(4302, '1') + " x\"")); }), limit_error);
  // A trailing underscore is refused before digits are counted.
  EXPECT_EQ(error_of([&] { py::to_int(json("\"" + std::string(4302, '1') + "_\"")); }).substr(0, 53),
            "ValueError: invalid literal for int() with base 10: '");
}

struct IntCase {
  const char* json;
  std::int64_t value;  // meaningless when !valid
  bool valid;
};

TEST(ToInt, Strings) {
  const IntCase cases[] = {
      {R"(" 123 ")", 123, true},                 // oom-spaces
      {R"("1_000")", 1000, true},                // oom-underscore
      {R"("1_0_0")", 100, true},
      {R"("0")", 0, true},
      {R"("-5")", -5, true},
      {R"("+5")", 5, true},
      {R"("007")", 7, true},
      {R"("\u0663\u0663")", 33, true},           // oom-arabic-digits
      {R"(" \u0663\u0663 ")", 33, true},
      {R"("\u0661")", 1, true},                  // thread-arabic
      {R"("\uff11\uff12")", 12, true},           // fullwidth
      {R"("\u00a012\u3000")", 12, true},         // Unicode whitespace around
      {R"("\t\n\u000b\u000c\r 7 \r\n")", 7, true},
      {R"("\u0085-4")", -4, true},
      {R"("1\u0663_\u0664")", 134, true},
      {R"("9223372036854775807")", 9223372036854775807, true},
      {R"("-9223372036854775808")", std::numeric_limits<std::int64_t>::min(), true},
      {R"("1__0")", 0, false},
      {R"("_1")", 0, false},
      {R"("1_")", 0, false},
      {R"("-_1")", 0, false},
      {R"("")", 0, false},
      {R"(" ")", 0, false},
      {R"("+")", 0, false},
      {R"("- 1")", 0, false},
      {R"("+-1")", 0, false},
      {R"("1 2")", 0, false},
      {R"("\u001c12")", 0, false},   // \x1c..\x1f are str.isspace() but int() refuses them
      {R"("12\u001f")", 0, false},
      {R"("\u200b1")", 0, false},
      {R"("1\u0000")", 0, false},
      {R"("\u00b2")", 0, false},     // superscript two is a digit, not a decimal
      {R"("1.5")", 0, false},
      {R"("1e3")", 0, false},
      {R"("0x10")", 0, false},       // oom-hex
      {R"("\ud800")", 0, false},
  };
  Values json;
  for (const IntCase& c : cases) {
    const Value& v = json(c.json);
    if (c.valid) {
      const Int i = py::to_int(v);
      EXPECT_EQ(i.value, c.value) << c.json;
      EXPECT_FALSE(i.saturated) << c.json;
      EXPECT_EQ(py::parse_int(v.as_string(), 10)->value, c.value) << c.json;
    } else {
      EXPECT_EQ(error_of([&] { py::to_int(v); }).substr(0, 52), "ValueError: invalid literal for int() with base 10: ")
          << c.json;
      EXPECT_FALSE(py::parse_int(v.as_string(), 10).has_value()) << c.json;
    }
  }
}

TEST(ToInt, SaturatesBeyondInt64) {
  const auto over = py::parse_int("9223372036854775808", 10);
  ASSERT_TRUE(over.has_value());
  EXPECT_TRUE(over->saturated);
  EXPECT_EQ(over->value, std::numeric_limits<std::int64_t>::max());
  const auto under = py::parse_int("-9223372036854775809", 10);
  ASSERT_TRUE(under.has_value());
  EXPECT_TRUE(under->saturated);
  EXPECT_EQ(under->value, std::numeric_limits<std::int64_t>::min());
  const auto huge = py::parse_int(std::string(100, '9') + "x", 10);
  EXPECT_FALSE(huge.has_value());  // still checked to the end
}

// int_outcome() says what int() does without raising; raise_int_error() then
// raises exactly what to_int() would.
struct OutcomeCase {
  const char* json;
  py::IntError error;
  std::int64_t value;  // when error is None
  bool saturated;
};

TEST(IntOutcome, SaysWhichErrorIntRaises) {
  using py::IntError;
  const std::string too_many_digits = "\"" + std::string(4301, '1') + "\"";
  const OutcomeCase cases[] = {
      {"true", IntError::None, 1, false},
      {"false", IntError::None, 0, false},
      {"-7", IntError::None, -7, false},
      {"1.9", IntError::None, 1, false},
      {"-1e19", IntError::None, std::numeric_limits<std::int64_t>::min(), true},
      {"123456789012345678901234567890", IntError::None, std::numeric_limits<std::int64_t>::max(), true},
      {R"(" 123 ")", IntError::None, 123, false},           // oom-spaces
      {R"("1_000")", IntError::None, 1000, false},          // oom-underscore
      {R"("\u00a0-1_2\u3000")", IntError::None, -12, false},
      {R"("\u0663\u0663")", IntError::None, 33, false},     // oom-arabic-digits
      {R"("99999999999999999999")", IntError::None, std::numeric_limits<std::int64_t>::max(), true},
      {R"("abc")", IntError::ValueError, 0, false},         // oom-abc
      {R"("0x10")", IntError::ValueError, 0, false},        // oom-hex
      {R"("1__0")", IntError::ValueError, 0, false},
      {R"("")", IntError::ValueError, 0, false},
      {too_many_digits.c_str(), IntError::ValueError, 0, false},
      {"NaN", IntError::ValueError, 0, false},              // thread-nan
      {"1e999", IntError::OverflowError, 0, false},         // oom-inf, thread-inf
      {"-Infinity", IntError::OverflowError, 0, false},
      {"null", IntError::TypeError, 0, false},              // thread-null
      {"[1]", IntError::TypeError, 0, false},               // oom-list
      {"{}", IntError::TypeError, 0, false},
  };
  const char* const kind[] = {"", "TypeError", "ValueError", "OverflowError"};
  Values json;
  for (const OutcomeCase& c : cases) {
    const Value& v = json(c.json);
    const py::IntOutcome outcome = py::int_outcome(v);
    const std::string label = std::string(c.json).substr(0, 40);
    EXPECT_EQ(outcome.error, c.error) << label;
    if (c.error == IntError::None) {
      EXPECT_EQ(outcome.value.value, c.value) << label;
      EXPECT_EQ(outcome.value.saturated, c.saturated) << label;
      EXPECT_EQ(py::to_int(v).value, c.value) << label;
    } else {
      const std::string raised = error_of([&] { py::raise_int_error(v); });
      EXPECT_EQ(raised.substr(0, raised.find(':')), kind[static_cast<int>(c.error)]) << label;
      EXPECT_EQ(error_of([&] { py::to_int(v); }), raised) << label;
    }
  }
}

TEST(IntDecimal, IsExactBeyondInt64) {
  Values json;
  EXPECT_EQ(py::int_decimal(json("123456789012345678901234567890")), "123456789012345678901234567890");
  EXPECT_EQ(py::int_decimal(json(R"(" -000123456789012345678901234567890 ")")), "-123456789012345678901234567890");
  EXPECT_EQ(py::int_decimal(json(R"("1_000_000_000_000_000_000_000")")), "1000000000000000000000");
  EXPECT_EQ(py::int_decimal(json(R"("\u3000+\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660 ")")),
            "12345678901234567890");
  EXPECT_EQ(py::int_decimal(json("1e30")), "1000000000000000019884624838656");
  EXPECT_EQ(py::int_decimal(json("-1e19")), "-10000000000000000000");
  EXPECT_EQ(py::int_decimal(json("-0.5")), "0");
  EXPECT_EQ(py::int_decimal(json(R"("-00")")), "0");
  EXPECT_EQ(py::int_decimal(json("true")), "1");
  EXPECT_EQ(py::int_decimal(json("-42")), "-42");
  EXPECT_EQ(error_of([&] { py::int_decimal(json(R"("1 2")")); }), "ValueError: invalid literal for int() with base 10: '1 2'");
  EXPECT_EQ(error_of([&] { py::int_decimal(json("NaN")); }), "ValueError: cannot convert float NaN to integer");
  EXPECT_EQ(error_of([&] { py::int_decimal(json("1e999")); }), "OverflowError: cannot convert float infinity to integer");
  EXPECT_EQ(error_of([&] { py::int_decimal(json("[]")); }).substr(0, 10), "TypeError:");
}

TEST(ParseInt, Base16) {
  const std::pair<const char*, std::int64_t> ok[] = {
      {"0x_1F", 31},        // strip-zeros-underscore
      {" -0X0010 ", -16},   // strip-zeros-space-sign
      {"40", 64},           // strip-zeros-decimal-looking
      {"0x0000000000032ec0", 0x32ec0},
      {"  +ff  ", 255},
      {"DeadBeef", 0xdeadbeef},
      {"0", 0},
      {"0x0", 0},
      {"\xD9\xA3" "f", 0x3f},  // '\u0663f': Unicode decimals are digits in any base
      {"0x\xD9\xA3", 3},
      {"f_f", 255},
      {"0b1", 0xb1},  // no 0b prefix in base 16: b is a digit
      {"7fffffffffffffff", std::numeric_limits<std::int64_t>::max()},
      {"-0x8000000000000000", std::numeric_limits<std::int64_t>::min()},
  };
  for (const auto& [text, value] : ok) {
    const auto parsed = py::parse_int(text, 16);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(parsed->value, value) << text;
    EXPECT_FALSE(parsed->saturated) << text;
  }
  const char* bad[] = {"0x", "0X", "0x_", "0x__1", "_1", "1_", "0x1_", "+-1", "- 1", "g", "0xg", "x10", ""};
  for (const char* text : bad) EXPECT_FALSE(py::parse_int(text, 16).has_value()) << text;
  // Base 16 has no digit limit (it is a power of two).
  const auto long_hex = py::parse_int(std::string(5000, 'f'), 16);
  ASSERT_TRUE(long_hex.has_value());
  EXPECT_TRUE(long_hex->saturated);
}

TEST(ParseInt, OtherBases) {
  EXPECT_EQ(py::parse_int("0b101", 2)->value, 5);
  EXPECT_EQ(py::parse_int("0o17", 8)->value, 15);
  EXPECT_EQ(py::parse_int("z", 36)->value, 35);
  EXPECT_FALSE(py::parse_int("0x1", 8).has_value());
  EXPECT_FALSE(py::parse_int("2", 2).has_value());
}

// hex(int(text, 16)), or text itself when int() raises: Socorro's strip_leading_zeros.
std::string strip_leading_zeros(std::string_view text) {
  const auto parsed = py::parse_int(text, 16);
  if (!parsed) return std::string(text);
  const bool negative = parsed->value < 0;
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(parsed->value) : parsed->value;
  std::string digits;
  do {
    digits.insert(digits.begin(), "0123456789abcdef"[magnitude % 16]);
    magnitude /= 16;
  } while (magnitude != 0);
  return (negative ? "-0x" : "0x") + digits;
}

void check_strip_leading_zeros(const Value& call, const Value& expected_return, int& checked) {
  if (!py::equals(call.get("function"), "strip_leading_zeros")) return;
  const Value& text = call.get("args").get("text");
  if (!text.is_string()) return;  // non-str arguments never reach int()
  ASSERT_TRUE(expected_return.is_string()) << text.as_string();
  EXPECT_EQ(strip_leading_zeros(text.as_string()), expected_return.as_string()) << text.as_string();
  ++checked;
}

TEST(ParseInt, StripLeadingZerosVectors) {
  int checked = 0;
  for (const auto& doc : test::read_jsonl(test::shared_path("vectors/socorro-7e28d72b5/utils.jsonl"))) {
    check_strip_leading_zeros(doc->root(), doc->root().get("expected").get("return"), checked);
  }
  JsonReader reader;
  for (const auto& doc : test::read_jsonl(test::shared_path("vectors/quirks/quirks.jsonl"))) {
    const Value& q = doc->root();
    if (!py::equals(q.get("mode"), "call")) continue;
    Document call;
    std::string error;
    ASSERT_TRUE(reader.parse(q.get("input_line").as_string(), call, error)) << error;
    check_strip_leading_zeros(call.root(), q.get("observed").get("socorro:HEAD").get("return"), checked);
  }
  EXPECT_EQ(checked, 8);  // 4 str arguments in the suite's records, 4 quirks
}

// int_or_none() and get_crashing_thread() from the reference's own test suite.
TEST(ToInt, UtilsVectors) {
  int checked = 0;
  for (const auto& doc : test::read_jsonl(test::shared_path("vectors/socorro-7e28d72b5/utils.jsonl"))) {
    const Value& r = doc->root();
    const Value& function = r.get("function");
    const Value* arg;
    if (py::equals(function, "int_or_none")) {
      arg = &r.get("args").get("data");
    } else if (py::equals(function, "get_crashing_thread")) {
      arg = r.get("args").get("crash_data").find("crashing_thread");
      if (arg == nullptr) continue;  // the default, 0
    } else {
      continue;
    }
    const Value& expected = r.get("expected").get("return");
    try {
      const Int i = py::to_int(*arg);
      EXPECT_TRUE(expected.is_int()) << py::repr(*arg);
      EXPECT_EQ(i.value, expected.as_int()) << py::repr(*arg);
    } catch (const RuleError& e) {
      // Both catch TypeError and ValueError: None resp. 0.
      EXPECT_TRUE(e.kind() == "TypeError" || e.kind() == "ValueError") << e.what();
      EXPECT_TRUE(expected.is_null() || (expected.is_int() && expected.as_int() == 0)) << py::repr(*arg);
    }
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

// The "Rule failed: <message>" a quirk's expected output has for `rule`, or "".
std::string failure_message(const Value& observed, std::string_view rule) {
  const std::string prefix = std::string(rule) + ": Rule failed: ";
  for (const Value& note : observed.get("notes")) {
    if (note.is_string() && note.as_string().substr(0, prefix.size()) == prefix) {
      return std::string(note.as_string().substr(prefix.size()));
    }
  }
  return "";
}

// The oom-* and thread-* quirks: where int() fails, and which value it gives
// (other quirks carry these fields too, with other rules deciding the outcome).
TEST(ToInt, QuirkVectors) {
  JsonReader reader;
  int checked = 0;
  for (const auto& doc : test::read_jsonl(test::shared_path("vectors/quirks/quirks.jsonl"))) {
    const Value& q = doc->root();
    const std::string_view id = q.get("id").as_string();
    const bool oom_case = id.substr(0, 4) == "oom-";
    const bool thread_case = id.substr(0, 7) == "thread-";
    if (!oom_case && !thread_case) continue;
    Document input;
    std::string error;
    ASSERT_TRUE(reader.parse(q.get("input_line").as_string(), input, error)) << id << ": " << error;
    const Value& crash = input.root();
    const Value& observed = q.get("observed").get("socorro:HEAD");
    const std::string_view signature = observed.get("signature").as_string();

    if (const Value* size = crash.find("oom_allocation_size"); oom_case && size != nullptr && size->truthy()) {
      // OOMSignature catches only TypeError ("OOM | unknown").
      const std::string failure = failure_message(observed, "OOMSignature");
      try {
        const Int i = py::to_int(*size);
        EXPECT_EQ(failure, "") << id;
        EXPECT_EQ(signature.substr(0, 11), i.value <= 262144 ? "OOM | small" : "OOM | large")
            << id;
      } catch (const RuleError& e) {
        if (e.kind() == "TypeError") {
          EXPECT_EQ(signature.substr(0, 13), "OOM | unknown") << id;
        } else {
          EXPECT_EQ(failure, e.what()) << id;
        }
      }
      ++checked;
    }

    if (const Value* thread = crash.find("crashing_thread"); thread_case && thread != nullptr) {
      // get_crashing_thread catches TypeError and ValueError (thread 0); others escape.
      const std::string failure = failure_message(observed, "SignatureGenerationRule");
      std::int64_t index = 0;
      try {
        index = py::to_int(*thread).value;
        EXPECT_EQ(failure, "") << id;
      } catch (const RuleError& e) {
        if (e.kind() != "TypeError" && e.kind() != "ValueError") {
          EXPECT_EQ(failure, e.what()) << id;
          ++checked;
          continue;
        }
      }
      const Value& threads = crash.get("threads");
      const auto n = static_cast<std::int64_t>(threads.size());
      if (index < 0) index += n;
      if (index >= 0 && index < n) {
        EXPECT_EQ(signature, threads[index].get("frames")[0].get("function").as_string())
            << id;
      } else {
        EXPECT_EQ(signature.substr(0, 5), "EMPTY") << id;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 22);  // 13 oom-* with a truthy size, 9 thread-*
}

// ---- in / attribute errors ------------------------------------------------------

TEST(Contains, StrListDict) {
  Values json;
  EXPECT_TRUE(py::contains(json("\"xxupload_file_minidump_browserxx\""), "upload_file_minidump_browser"));
  EXPECT_TRUE(py::contains(json("\"abc\""), ""));
  EXPECT_FALSE(py::contains(json("\"abc\""), "abd"));
  EXPECT_TRUE(py::contains(json("[\"STATUS_DEVICE_DATA_ERROR\"]"), "STATUS_DEVICE_DATA_ERROR"));  // badhw-list
  EXPECT_FALSE(py::contains(json("[\"STATUS_DEVICE_DATA_ERROR_X\"]"), "STATUS_DEVICE_DATA_ERROR"));
  EXPECT_FALSE(py::contains(json("[1, null, [\"1\"]]"), "1"));
  EXPECT_FALSE(py::contains(json("[]"), ""));
  EXPECT_TRUE(py::contains(json("{\"a\": 1}"), "a"));
  EXPECT_FALSE(py::contains(json("{\"a\": \"b\"}"), "b"));
}

TEST(Contains, NonContainersRaiseTypeError) {
  Values json;
  EXPECT_EQ(error_of([&] { py::contains(json("5"), "x"); }), "TypeError: argument of type 'int' is not iterable");
  EXPECT_EQ(error_of([&] { py::contains(json("null"), "x"); }),
            "TypeError: argument of type 'NoneType' is not iterable");
  EXPECT_EQ(error_of([&] { py::contains(json("true"), "x"); }), "TypeError: argument of type 'bool' is not iterable");
  EXPECT_EQ(error_of([&] { py::contains(json("1.5"), "x"); }), "TypeError: argument of type 'float' is not iterable");
}

TEST(Errors, AttributeAndTypeErrors) {
  Values json;
  EXPECT_EQ(error_of([&] { py::raise_attribute_error(json("[1]"), "get"); }),
            "AttributeError: 'list' object has no attribute 'get'");
  EXPECT_EQ(error_of([&] { py::raise_attribute_error(json("null"), "get"); }),
            "AttributeError: 'NoneType' object has no attribute 'get'");
  EXPECT_EQ(error_of([&] { py::raise_attribute_error(json("\"abc\""), "get"); }),
            "AttributeError: 'str' object has no attribute 'get'");
  EXPECT_EQ(error_of([] { py::raise_type_error("'int' object is not subscriptable"); }),
            "TypeError: 'int' object is not subscriptable");
}

}  // namespace
}  // namespace crashsig
