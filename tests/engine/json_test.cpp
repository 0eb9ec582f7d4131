// Reading crash JSON the way Python's json.loads does.
#include <gtest/gtest.h>

#include <cmath>

#include "crashsig/json.h"

namespace crashsig {
namespace {

struct Parsed {
  Document doc;
  std::string error;
  bool ok;
};

std::unique_ptr<Parsed> parse(std::string_view text) {
  auto p = std::make_unique<Parsed>();
  JsonReader reader;
  p->ok = reader.parse(text, p->doc, p->error);
  return p;
}

TEST(Json, DuplicateKeysKeepFirstPositionAndLastValue) {
  auto p = parse(R"({"reason":"x","os":"Linux","reason":"y"})");
  ASSERT_TRUE(p->ok);
  const Value& root = p->doc.root();
  ASSERT_EQ(root.size(), 2u);
  EXPECT_EQ(root.members()[0].key, "reason");
  EXPECT_EQ(root.get("reason").as_string(), "y");
  EXPECT_EQ(root.get("os").as_string(), "Linux");
}

// A padded text is read where it lies; an unpadded std::string must still be copied.
// Both must read the same, including texts that end in a number or a truncation,
// where simdjson looks past the last byte.
TEST(Json, PaddedAndUnpaddedTextsReadTheSame) {
  for (std::string text : {std::string(R"({"a":[1,"x\u00e9",{"b":null}]})"), std::string("12345"), std::string("{\"a\": 1"),
                           std::string("[1, 2")}) {
    Document plain_doc, padded_doc;
    std::string plain_error, padded_error;
    JsonReader reader;
    const bool plain_ok = reader.parse(std::string_view(text), plain_doc, plain_error);
    const std::string plain = plain_ok ? to_json(plain_doc.root()) : plain_error;

    std::string padded_text = text;
    reserve_json_padding(padded_text);
    ASSERT_TRUE(PaddedJson(padded_text).padded());
    const bool padded_ok = reader.parse(PaddedJson(padded_text), padded_doc, padded_error);
    EXPECT_EQ(padded_ok, plain_ok) << text;
    EXPECT_EQ(padded_ok ? to_json(padded_doc.root()) : padded_error, plain) << text;

    std::string tight = text;
    tight.shrink_to_fit();
    if (!PaddedJson(tight).padded()) {
      Document tight_doc;
      std::string tight_error;
      const bool tight_ok = reader.parse(PaddedJson(tight), tight_doc, tight_error);
      EXPECT_EQ(tight_ok ? to_json(tight_doc.root()) : tight_error, plain) << text;
    }
  }
}

TEST(Json, PythonOnlyLiterals) {
  auto p = parse(R"({"a":NaN,"b":Infinity,"c":-Infinity,"d":1e999})");
  ASSERT_TRUE(p->ok) << p->error;
  const Value& root = p->doc.root();
  EXPECT_TRUE(std::isnan(root.get("a").as_float()));
  EXPECT_EQ(root.get("b").as_float(), HUGE_VAL);
  EXPECT_EQ(root.get("c").as_float(), -HUGE_VAL);
  EXPECT_EQ(root.get("d").as_float(), HUGE_VAL);
}

TEST(Json, IntegersOfAnySize) {
  auto p = parse(R"([18446744073709551615, 123456789012345678901234567890, -5, 1.0])");
  ASSERT_TRUE(p->ok) << p->error;
  const Value& root = p->doc.root();
  EXPECT_TRUE(root[0].is_big_int());
  EXPECT_EQ(root[0].big_digits(), "18446744073709551615");
  EXPECT_EQ(root[1].big_digits(), "123456789012345678901234567890");
  EXPECT_EQ(root[2].as_int(), -5);
  EXPECT_TRUE(root[3].is_float());
  EXPECT_TRUE(root[1].truthy());
}

// int() refuses more than 4,300 digits, so json.loads does too, without a position.
TEST(Json, IntegersOverPythonsDigitLimitAreRefused) {
  EXPECT_TRUE(parse(std::string(4300, '7'))->ok);
  EXPECT_TRUE(parse(std::string(5000, '7') + ".5")->ok);  // floats have no limit
  auto p = parse("{\"a\": [-" + std::string(4301, '7') + "]}");
  ASSERT_FALSE(p->ok);
  EXPECT_EQ(p->error,
            "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; "
            "use sys.set_int_max_str_digits() to increase the limit");
}

TEST(Json, LoneSurrogatesAreKeptAndWrittenBackEscaped) {
  auto p = parse(R"(["a\ud800b", "\ud83d\ude00"])");
  ASSERT_TRUE(p->ok) << p->error;
  EXPECT_EQ(p->doc.root()[0].as_string(), "a\xED\xA0\x80" "b");
  EXPECT_EQ(p->doc.root()[1].as_string(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(to_json(p->doc.root()), "[\"a\\ud800b\",\"\xF0\x9F\x98\x80\"]");
}

TEST(Json, ErrorsCarryPythonMessages) {
  struct {
    const char* text;
    const char* message;
  } cases[] = {
      {"", "Expecting value: line 1 column 1 (char 0)"},
      {"{\"a\":1} x", "Extra data: line 1 column 9 (char 8)"},
      {"{\"a\" 1}", "Expecting ':' delimiter: line 1 column 6 (char 5)"},
      {"{a:1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"},
      {"[1,]", "Expecting value: line 1 column 4 (char 3)"},
      {"[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"},
      {"\"abc", "Unterminated string starting at: line 1 column 1 (char 0)"},
      {"\xEF\xBB\xBF{}", "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"},
      {"[\"\xC3\xA9\",\n x]", "Expecting value: line 2 column 2 (char 7)"},
  };
  for (const auto& c : cases) {
    auto p = parse(c.text);
    EXPECT_FALSE(p->ok) << c.text;
    EXPECT_EQ(p->error, c.message) << c.text;
  }
}

// Crashes and Socorro's answers are objects: the engine and the CLI refuse anything
// else through the one function, and the CLI tells the two failures apart.
TEST(Json, ParseObjectTellsTextThatIsNotJsonFromJsonThatIsNotAnObject) {
  JsonReader reader;
  Document doc;
  std::string error;
  EXPECT_EQ(reader.parse_object(R"( {"a": [1]} )", doc, error), JsonReader::ObjectParse::kObject);
  EXPECT_EQ(doc.root().get("a")[0].as_int(), 1);
  EXPECT_EQ(reader.parse_object("{\"a\": ", doc, error), JsonReader::ObjectParse::kInvalidJson);
  EXPECT_EQ(error, "Expecting value: line 1 column 7 (char 6)");
  EXPECT_EQ(reader.parse_object("[1, 2]", doc, error), JsonReader::ObjectParse::kNotObject);
  EXPECT_EQ(error, "expected a JSON object, got list");
  EXPECT_EQ(reader.parse_object("null", doc, error), JsonReader::ObjectParse::kNotObject);
  EXPECT_EQ(error, "expected a JSON object, got NoneType");
}

TEST(Json, InvalidUtf8IsRefused) {
  auto p = parse("{\"function\":\"\xFF\xFE\"}");
  EXPECT_FALSE(p->ok);
  EXPECT_EQ(p->error, "invalid UTF-8");
}

TEST(Json, DeepNestingIsRefusedWithoutRecursingFurther) {
  std::string deep(5000, '[');
  deep += std::string(5000, ']');
  auto p = parse(deep);
  EXPECT_FALSE(p->ok);
  EXPECT_FALSE(p->error.empty());
}

TEST(Json, PythonJsonOfAStrValue) {
  Document doc;
  std::string error;
  EXPECT_FALSE(parse_python_json("[1", doc, error));
  EXPECT_EQ(error, "Expecting ',' delimiter: line 1 column 3 (char 2)");
  ASSERT_TRUE(parse_python_json("{\"phase\":\"p\",\"phase\":\"q\"}", doc, error));
  EXPECT_EQ(doc.root().get("phase").as_string(), "q");
}

}  // namespace
}  // namespace crashsig
