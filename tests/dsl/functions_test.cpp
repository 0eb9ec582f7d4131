// The built-in functions: each behaves as the Python built-in or str method it is
// named after, on odd input too (QUIRKS.md), and raises what Python raises.
#include <gtest/gtest.h>

#include "dsl_test_support.h"

namespace crashsig::dsl::test {
namespace {

std::string failure(std::string_view message) { return "T: Rule failed: " + std::string(message); }

TEST(Functions, IntIsPythonsInt) {
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":" 123 "})"), "123");
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":"1_000"})"), "1000");
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":"-5"})"), "-5");
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":"\u0663\u0663"})"), "33");
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":true})"), "1");
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":1.9})"), "1");
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":-1.9})"), "-1");
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":"abc"})"),
            failure("invalid literal for int() with base 10: 'abc'"));
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":"0x10"})"),
            failure("invalid literal for int() with base 10: '0x10'"));
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":[1]})"),
            failure("int() argument must be a string, a bytes-like object or a real number, not 'list'"));
  EXPECT_EQ(value_of("str(int(reason))", R"({})"),
            failure("int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"));
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":1e999})"), failure("cannot convert float infinity to integer"));
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":NaN})"), failure("cannot convert float NaN to integer"));
}

TEST(Functions, IntBeyond64BitsIsExact) {
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":" +0_099999999999999999999 "})"), "99999999999999999999");
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":"-99999999999999999999"})"), "-99999999999999999999");
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":1e20})"), "100000000000000000000");
  EXPECT_EQ(value_of("str(int(reason))", R"({"reason":123456789012345678901234567890})"),
            "123456789012345678901234567890");
  EXPECT_EQ(value_of("str(int(reason) > 99999999999999999998)", R"({"reason":"99999999999999999999"})"), "True");
}

TEST(Functions, StrAndType) {
  EXPECT_EQ(value_of("str(reason)", R"({"reason":{"a":[1.0,null,"b"]}})"), "{'a': [1.0, None, 'b']}");
  EXPECT_EQ(value_of("str(reason)", R"({"reason":"x"})"), "x");
  EXPECT_EQ(value_of("type(reason)"), "NoneType");
  EXPECT_EQ(value_of("type(reason)", R"({"reason":true})"), "bool");
  EXPECT_EQ(value_of("type(reason)", R"({"reason":1})"), "int");
  EXPECT_EQ(value_of("type(reason)", R"({"reason":1.5})"), "float");
  EXPECT_EQ(value_of("type(reason)", R"({"reason":"s"})"), "str");
  EXPECT_EQ(value_of("type(reason)", R"({"reason":[]})"), "list");
  EXPECT_EQ(value_of("type(reason)", R"({"reason":{}})"), "dict");
}

TEST(Functions, LenCountsCodePoints) {
  EXPECT_EQ(value_of("str(len(reason))", R"({"reason":"h\u00e9\ud83d\ude00"})"), "3");
  EXPECT_EQ(value_of("str(len(reason))", R"({"reason":"a\ud800b"})"), "3");
  EXPECT_EQ(value_of("str(len(reason))", R"({"reason":[1,2]})"), "2");
  EXPECT_EQ(value_of("str(len(reason))", R"({"reason":{"a":1}})"), "1");
  EXPECT_EQ(value_of("str(len(reason))", R"({"reason":5})"), failure("object of type 'int' has no len()"));
}

TEST(Functions, LowerAndStripAreUnicodeAware) {
  EXPECT_EQ(value_of("lower(reason)", R"({"reason":"\u0130X.DLL"})"), "i\u0307x.dll");
  EXPECT_EQ(value_of("\"[\" + strip(reason) + \"]\"", R"({"reason":"\u00a0 a b\u3000\n"})"), "[a b]");
  EXPECT_EQ(value_of("strip(reason)", R"({"reason":5})"), failure("'int' object has no attribute 'strip'"));
  EXPECT_EQ(value_of("lower(reason)", R"({"reason":[]})"), failure("'list' object has no attribute 'lower'"));
}

TEST(Functions, SplitIsStrSplit) {
  EXPECT_EQ(value_of("str(split(reason, \", \"))", R"({"reason":"a, b, , c"})"), "['a', 'b', '', 'c']");
  EXPECT_EQ(value_of("str(split(reason, \"x\", 1))", R"({"reason":"axbxc"})"), "['a', 'bxc']");
  EXPECT_EQ(value_of("str(split(reason, \"x\", 0))", R"({"reason":"axb"})"), "['axb']");
  EXPECT_EQ(value_of("str(split(reason))", R"({"reason":"  a\tb\u00a0 c  "})"), "['a', 'b', 'c']");
  EXPECT_EQ(value_of("str(split(reason, null, 1))", R"({"reason":"  a  b c  "})"), "['a', 'b c  ']");
  EXPECT_EQ(value_of("str(split(reason))", R"({"reason":"   "})"), "[]");
  EXPECT_EQ(value_of("str(split(reason, \"\"))", R"({"reason":"a"})"), failure("empty separator"));
  EXPECT_EQ(value_of("str(split(reason, 1))", R"({"reason":"a"})"), failure("must be str or None, not int"));
  EXPECT_EQ(value_of("str(split(reason, \"a\", \"1\"))", R"({"reason":"a"})"),
            failure("'str' object cannot be interpreted as an integer"));
  EXPECT_EQ(value_of("str(split(reason))", R"({"reason":["a"]})"), failure("'list' object has no attribute 'split'"));
}

TEST(Functions, ReplaceIsStrReplace) {
  EXPECT_EQ(value_of("replace(reason, \"ab\", \"-\")", R"({"reason":"abcabab"})"), "-c--");
  EXPECT_EQ(value_of("replace(reason, \"ab\", \"-\", 2)", R"({"reason":"abcabab"})"), "-c-ab");
  EXPECT_EQ(value_of("replace(reason, \"\", \"-\")", R"({"reason":"h\u00e9"})"), "-h-é-");
  EXPECT_EQ(value_of("replace(reason, \"\", \"-\", 2)", R"({"reason":"abc"})"), "-a-bc");
  EXPECT_EQ(value_of("replace(reason, 1, \"-\")", R"({"reason":"a"})"),
            failure("replace() argument 1 must be str, not int"));
}

TEST(Functions, FindCountsCodePoints) {
  EXPECT_EQ(value_of("str(find(reason, \"(\"))", R"j({"reason":"\u00e9t\u00e9 (x) (y)"})j"), "4");
  EXPECT_EQ(value_of("str(rfind(reason, \"(\"))", R"j({"reason":"\u00e9t\u00e9 (x) (y)"})j"), "8");
  EXPECT_EQ(value_of("str(find(reason, \"z\"))", R"({"reason":"abc"})"), "-1");
  EXPECT_EQ(value_of("str(rfind(reason, \"\"))", R"({"reason":"h\u00e9"})"), "2");
  EXPECT_EQ(value_of("str(find(reason, \"a\"))", R"({"reason":["a"]})"), failure("'list' object has no attribute 'find'"));
  EXPECT_EQ(value_of("str(find(reason, 1))", R"({"reason":"a"})"), failure("must be str, not int"));
}

TEST(Functions, PrintableAsciiIsDropBadCharacters) {
  EXPECT_EQ(value_of("printable_ascii(reason)", R"({"reason":"\u00e9t\u00e9 a\tb\u007f~ \ud83d\ude00!"})"), "t ab~ !");
  EXPECT_EQ(value_of("printable_ascii(reason)", R"({"reason":["a","bc","\u00e9"," ",1,["x"]]})"), "a ");
  EXPECT_EQ(value_of("printable_ascii(reason)", R"({"reason":{"k":1,"key":2}})"), "k");
  EXPECT_EQ(value_of("printable_ascii(reason)", R"({"reason":5})"), failure("'int' object is not iterable"));
}

TEST(Functions, JsonIsJsonLoads) {
  EXPECT_EQ(value_of("str(json(reason))", R"({"reason":"{\"a\":[1,2.5,null,true],\"a\":\"last\"}"})"),
            "{'a': 'last'}");
  EXPECT_EQ(value_of("str(json(reason))", R"({"reason":"NaN"})"), "nan");
  EXPECT_EQ(value_of("str(json(reason))", R"({"reason":""})"), failure("Expecting value: line 1 column 1 (char 0)"));
  EXPECT_EQ(value_of("str(json(reason))", R"({"reason":"\ufeff{}"})"),
            failure("Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"));
  EXPECT_EQ(value_of("str(json(reason))", R"({"reason":{"a":1}})"),
            failure("the JSON object must be str, bytes or bytearray, not dict"));
}

TEST(Functions, SortAndJoin) {
  EXPECT_EQ(value_of("join(sort(reason), \",\")", R"({"reason":["b","B","a","\u00e1","10","9"]})"), "10,9,B,a,b,á");
  EXPECT_EQ(value_of("str(sort(reason))", R"({"reason":[3,1.5,true]})"), "[True, 1.5, 3]");
  EXPECT_EQ(value_of("join(sort(reason), \"+\")", R"({"reason":{"k2":1,"k1":2}})"), "k1+k2");
  EXPECT_EQ(value_of("join(reason, \"\")", R"({"reason":"abc"})"), "abc");
  EXPECT_EQ(value_of("str(sort(reason))", R"({"reason":[1,"a"]})"),
            failure("'<' not supported between instances of 'str' and 'int'"));
  EXPECT_EQ(value_of("join(reason, \",\")", R"({"reason":["a",1]})"),
            failure("sequence item 1: expected str instance, int found"));
  EXPECT_EQ(value_of("join(reason, \",\")", R"({"reason":1})"), failure("can only join an iterable"));
  EXPECT_EQ(value_of("join(reason, 1)", R"({"reason":[]})"), failure("'int' object has no attribute 'join'"));
}

}  // namespace
}  // namespace crashsig::dsl::test
