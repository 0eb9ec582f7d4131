// Mutated rule files never crash the loader: thousands of mutations of the eleven
// shipped rule files (byte flips, deletions, duplications, truncations, splices and
// stray tokens, from a fixed seed) go through the parser and the compiler. Each
// must compile or be rejected with a CompileError; nothing else may escape. The
// ones that compile also run on a few crashes, where they may fail only as rules
// fail (an exception the engine turns into a note).
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <random>

#include "crashsig/dsl/compiler.h"
#include "cli_runner.h"
#include "crashsig/json.h"
#include "dsl_test_support.h"
#include "test_support.h"

namespace crashsig::dsl {
namespace {

namespace fs = std::filesystem;

constexpr int kIterations = 20000;

std::vector<std::string> shipped_rule_files() {
  std::vector<std::string> texts;
  for (const auto& e : fs::directory_iterator(crashsig::test::source_path("rulesets/socorro"))) {
    texts.push_back(crashsig::test::read_file(e.path().string()));
  }
  return texts;
}

class Mutator {
 public:
  Mutator(std::vector<std::string> originals, std::uint64_t seed) : originals_(std::move(originals)), rng_(seed) {}

  std::string next() {
    std::string text = originals_[pick(originals_.size())];
    for (std::size_t n = 1 + pick(4); n > 0; --n) mutate(text);
    return text;
  }

 private:
  std::vector<std::string> originals_;
  std::mt19937_64 rng_;

  std::size_t pick(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

  void mutate(std::string& text) {
    const std::size_t at = pick(text.size() + 1);
    const std::size_t length = 1 + pick(pick(2) ? 8 : 200);
    switch (pick(6)) {
      case 0:  // flip a bit, or replace a byte
        if (at < text.size()) text[at] = pick(2) ? static_cast<char>(text[at] ^ (1 << pick(8))) : static_cast<char>(pick(256));
        break;
      case 1: text.erase(at, length); break;
      case 2: text.insert(at, text.substr(pick(text.size() + 1), length)); break;
      case 3: text.resize(at); break;
      case 4: {  // a slice of another rule file
        const std::string& other = originals_[pick(originals_.size())];
        text.insert(at, other.substr(pick(other.size() + 1), length));
        break;
      }
      default: {
        static const char* const tokens[] = {"(", ")", "[", "]", "{", "}", "\"", "\"\"\"", ":", ",", "=", "==", "-",
                                             "\\", "#", "\n", "end", "if x:", "else:", "try:", "except ", "for x in ",
                                             "let ", "not ", " and ", " or ", "[1:", "{{", "}}", "rerun ", "\xff", "\0"};
        const char* token = tokens[pick(sizeof tokens / sizeof *tokens)];
        text.insert(at, token, token[0] ? std::char_traits<char>::length(token) : 1);
      }
    }
  }
};

std::vector<std::unique_ptr<Document>> sample_crashes() {
  std::vector<std::unique_ptr<Document>> crashes;
  for (const char* corpus : {"corpus/synthetic/typed.jsonl", "corpus/synthetic/malformed.jsonl"}) {
    auto docs = crashsig::test::read_jsonl(crashsig::test::shared_path(corpus));
    for (std::size_t i = 0; i < docs.size() && i < 40; i += 4) crashes.push_back(std::move(docs[i]));
  }
  return crashes;
}

TEST(Fuzz, MutatedRuleFilesAreCompiledOrRejected) {
  const auto crashes = sample_crashes();
  Mutator mutator(shipped_rule_files(), 0x5eed2024);
  int compiled = 0, rejected = 0, runs = 0;
  for (int i = 0; i < kIterations; ++i) {
    const Source source{"mutated.rule", mutator.next()};
    std::unique_ptr<Rule> rule;
    try {
      rule = compile_source(source, test::stub_environment());
    } catch (const CompileError&) {
      ++rejected;
      continue;
    } catch (const std::exception& e) {
      FAIL() << "iteration " << i << ": " << e.what() << "\n--- text ---\n" << source.text;
    }
    ++compiled;
    for (const auto& crash : crashes) {
      Result result(true);
      try {
        if (rule->predicate(crash->root(), result)) rule->action(crash->root(), result);
      } catch (const std::exception&) {
        // A rule failure: the engine would note it.
      }
      ++runs;
    }
  }
  std::cout << "[ fuzz     ] " << kIterations << " mutated rule files: " << compiled << " compiled (" << runs
            << " runs), " << rejected << " rejected\n";
  // The mutations reach both sides: a fuzzer whose inputs all fail to parse tests little.
  EXPECT_GT(compiled, kIterations / 20);
  EXPECT_GT(rejected, kIterations / 2);
}

TEST(Fuzz, DeepNestingIsAnErrorNotAStackOverflow) {
  const std::string head = "rule T\ndoc \"\"\"d\"\"\"\nwhen ";
  for (const std::string& deep : {std::string(100000, '('), std::string(100000, '['), std::string(100000, '-'),
                                  [] {
                                    std::string s;
                                    for (int i = 0; i < 50000; ++i) s += "not ";
                                    return s;
                                  }(),
                                  [] {
                                    std::string s;
                                    for (int i = 0; i < 50000; ++i) s += "\"{";
                                    return s;
                                  }()}) {
    try {
      compile_source(Source{"deep.rule", head + deep + "x"}, test::stub_environment());
      ADD_FAILURE() << "accepted " << deep.substr(0, 20);
    } catch (const CompileError& e) {
      EXPECT_EQ(e.message(), "expressions or blocks nested too deeply") << deep.substr(0, 20);
    }
  }
  std::string blocks = "rule T\ndoc \"\"\"d\"\"\"\nthen\n";
  for (int i = 0; i < 20000; ++i) blocks += "if reason:\n";
  try {
    compile_source(Source{"deep.rule", blocks}, test::stub_environment());
    ADD_FAILURE() << "accepted 20000 nested blocks";
  } catch (const CompileError& e) {
    EXPECT_EQ(e.message(), "expressions or blocks nested too deeply");
  }
}

TEST(Fuzz, ModerateNestingCompiles) {
  // What a person might write stays well inside the limit.
  const std::string text = "rule T\ndoc \"\"\"d\"\"\"\nwhen " + std::string(30, '(') + "reason" + std::string(30, ')') +
                           "\nthen\n" + [] {
                             std::string s;
                             for (int i = 0; i < 20; ++i) s += "if reason:\n";
                             s += "note \"deep\"\n";
                             for (int i = 0; i < 20; ++i) s += "end\n";
                             return s;
                           }();
  EXPECT_NO_THROW(compile_source(Source{"nested.rule", text}, test::stub_environment()));
}

}  // namespace
}  // namespace crashsig::dsl
