// JsonReader's fast path (simdjson's stage 1 and a walk of its structural index)
// against the exact json.loads reader (parse_python_json), which the fast path
// falls back to: on every corpus line and on many mutations of them, both must
// accept the same texts and give identical Values, byte for byte and in order.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "crashsig/json.h"
#include "test_support.h"
#include "json_agreement.h"

namespace crashsig {
namespace {

using test::readers_agree;

std::vector<std::string> read_corpus_lines() {
  std::set<std::string> files;
  for (const test::CorpusCase& c : test::corpus_cases()) files.insert(c.corpus);
  std::vector<std::string> lines;
  for (const std::string& file : files) {
    std::ifstream in(test::shared_path("corpus/" + file));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  return lines;
}

// Every line of ../shared/corpus, read once for all the tests here.
const std::vector<std::string>& corpus_lines() {
  static const std::vector<std::string> lines = read_corpus_lines();
  return lines;
}

TEST(JsonFastPath, AgreesWithJsonLoadsOnEveryCorpusLine) {
  const std::vector<std::string>& lines = corpus_lines();
  ASSERT_GT(lines.size(), 6000u);
  for (const std::string& line : lines) ASSERT_TRUE(readers_agree(line));
}

// Edits that reach what stage 1 and the walk decide: quotes, escapes, brackets,
// separators, whitespace, number and literal characters, control bytes.
TEST(JsonFastPath, AgreesWithJsonLoadsOnMutatedLines) {
  const std::vector<std::string>& lines = corpus_lines();
  static const std::string kAlphabet =
      "\"\\{}[],: \t\n\r0123456789-+.eEtrufalsnNIu/bx\x01\x1f\x7f";
  std::mt19937 rng(20261125);
  const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = lines[pick(lines.size())];
    if (text.size() > 600) text.resize(600 + pick(text.size() - 600));  // short texts: more edits land inside
    for (int edits = 1 + static_cast<int>(pick(3)); edits > 0 && !text.empty(); --edits) {
      const std::size_t at = pick(text.size());
      const char c = kAlphabet[pick(kAlphabet.size())];
      switch (pick(3)) {
        case 0: text[at] = c; break;
        case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        default: text.erase(at, 1); break;
      }
    }
    bool json_loads_accepts = false;
    ASSERT_TRUE(readers_agree(text, &json_loads_accepts));
    accepted += json_loads_accepts;
  }
  // Mutations that json.loads still accepts exercise the walk's Values, not only
  // its refusals.
  EXPECT_GT(accepted, 1000);
}

TEST(JsonFastPath, AgreesOnHandPickedEdges) {
  for (const char* text : {
           R"("a")", R"("")", R"(  "a"  )", R"(["a" ,"b" ])", R"({"a" : "b" , "c":"d"})", R"(["a\"", "b"])",
           R"(["a\\", "b"])", R"(["\\\"", "x"])", R"(["a\u00e9\ud83d\ude00", "\ud800"])", R"(["\x"])",
           R"(["\u12"])", R"("a"b)", R"(["a"b])", R"(["a" "b"])", R"({"a":1,"a":2,"b":3})", R"([1,2,]])",
           R"([-0, -0.0, 0.5e-3, 1E+2, 123456789012345678, 1234567890123456789, 1e400, 1e-400])",
           R"([01])", R"([1.])", R"([.5])", R"([-])", R"([truex])", R"([true , false,null])", R"([tru])",
           R"([NaN, Infinity, -Infinity])", R"({"a":{}, "b":[], "c":[{}]})", "[\"a\tb\"]", "\t[1]\n",
           R"({"a"})", R"({"a":})", R"({1:2})", R"([1 2])", R"({"a":1 "b":2})", "\"\xc3\xa9\"", "[\"\x7f\"]",
       }) {
    EXPECT_TRUE(readers_agree(text)) << text;
  }
}

}  // namespace
}  // namespace crashsig
