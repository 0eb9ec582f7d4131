// crashsig/printable_ascii.h, the filter AbortSignature (through Socorro's
// drop_bad_characters), SigPrintableCharsOnly and the rule language's
// printable_ascii() share: Socorro's own calls, and what Python does with the
// lists and dicts drop_bad_characters also accepts.
#include "crashsig/printable_ascii.h"

#include <gtest/gtest.h>

#include <string>

#include "crashsig/json.h"
#include "test_support.h"

namespace crashsig {
namespace {

TEST(DropBadCharacters, EveryRecordOfTheReferenceMatches) {
  int checked = 0;
  for (const auto& doc : test::read_jsonl(test::shared_path("vectors/socorro-7e28d72b5/utils.jsonl"))) {
    const Value& r = doc->root();
    if (!py::equals(r.get("function"), "drop_bad_characters")) continue;
    const Value& text = r.get("args").get("text");
    EXPECT_EQ(drop_bad_characters(text), r.get("expected").get("return").as_string()) << py::repr(text);
    ++checked;
  }
  EXPECT_EQ(checked, 12);
}

std::string dropped(std::string_view json) {
  Document doc;
  std::string error;
  EXPECT_TRUE(parse_python_json(json, doc, error)) << error;
  return drop_bad_characters(doc.root());
}

TEST(DropBadCharacters, KeepsPrintableAsciiOnly) {
  EXPECT_EQ(dropped(R"(" a~\u007f\u0000\t\n\u00e9\u2028\ud800\ud83d\ude00b ")"), " a~b ");
  // Items of a list and keys of a dict are kept when they are one such character.
  EXPECT_EQ(dropped(R"(["a", "bc", 1, null, " ", "\u00e9", "~"])"), "a ~");
  EXPECT_EQ(dropped(R"({"x": 1, "yz": 2, "\t": 3, "!": 4})"), "x!");
  EXPECT_EQ(dropped("[]"), "");
  try {
    dropped("5");
    ADD_FAILURE() << "no TypeError";
  } catch (const RuleError& e) {
    EXPECT_EQ(e.kind() + ": " + e.what(), "TypeError: 'int' object is not iterable");
  }
}

TEST(AppendPrintableAscii, DropsNonAsciiAndInvalidBytes) {
  std::string out = "x";
  append_printable_ascii(out, "a\xC3\xA9" "b\xFF\x80" "c\x7F" "d\x1F");
  EXPECT_EQ(out, "xabcd");
  EXPECT_TRUE(is_printable_ascii(' '));
  EXPECT_TRUE(is_printable_ascii('~'));
  EXPECT_FALSE(is_printable_ascii('\x7F'));
  EXPECT_FALSE(is_printable_ascii('\x1F'));
  EXPECT_FALSE(is_printable_ascii('\x80'));
}

}  // namespace
}  // namespace crashsig
