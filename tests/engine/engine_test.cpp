// The engine with test plugins: loading, rule order, failures, processed crashes.
#include <gtest/gtest.h>

#include <thread>

#include "crashsig/engine.h"
#include "test_support.h"

namespace crashsig {
namespace {

std::string plugin_dir(const char* name) { return std::string(TEST_PLUGIN_DIR) + "/" + name; }
std::string ruleset(const char* name) { return test::source_path(std::string("tests/engine/rulesets/") + name); }

std::unique_ptr<Engine> load_test_ruleset(const char* name) {
  EngineOptions o;
  o.ruleset = ruleset(name);
  o.plugin_dirs = {plugin_dir("test-rules")};
  return Engine::load(o);
}

TEST(Engine, RunsRulesInRulesetOrderWithTheirOptions) {
  auto engine = load_test_ruleset("two-appends.yaml");
  ASSERT_EQ(engine->rules().size(), 2u);
  EXPECT_EQ(engine->rules()[0].name, "TestAppend");
  EXPECT_EQ(engine->rules()[0].doc, "Appends the `text` option.");
  Signifier s(*engine);
  Result r = s.signify("{}", true);
  EXPECT_EQ(r.signature, "first | second");
  EXPECT_EQ(r.debug_log, (std::vector<std::string>{
                             "TestAppend: change signature: \"\" -> \"first\"",
                             "TestAppend: change signature: \"first\" -> \"first | second\""}));
}

TEST(Engine, AFailingRuleBecomesANoteAndThePipelineGoesOn) {
  auto engine = load_test_ruleset("failing-rule.yaml");
  Signifier s(*engine);
  Result r = s.signify("{}");
  EXPECT_EQ(r.signature, "after");
  EXPECT_EQ(r.notes, (std::vector<std::string>{"TestFails: Rule failed: this rule always fails"}));
}

TEST(Engine, SignifierRefusesWhatIsNotACrash) {
  auto engine = load_test_ruleset("two-appends.yaml");
  Signifier s(*engine);
  EXPECT_THROW(s.signify("[1, 2]"), InputError);
  EXPECT_THROW(s.signify("{\"a\": "), InputError);
  try {
    s.signify("42");
    ADD_FAILURE() << "a JSON int was signed as a crash";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "expected a JSON object, got int");
  }
}

TEST(Engine, ProcessedCrashesAreConvertedLikeConvertToCrashData) {
  Document doc;
  JsonReader reader;
  std::string error;
  ASSERT_TRUE(reader.parse(R"({"uuid":"x","oom_allocation_size":" 12 ","hang":0,
    "json_dump":{"crash_info":{"crashing_thread":1,"type":"SIGSEGV"},
                 "system_info":{"os":"Linux"},"threads":[{"frames":[]}]},
    "java_stack_trace":"j"})", doc, error)) << error;
  Arena arena;
  Value crash = convert_processed_crash(doc.root(), arena);
  EXPECT_EQ(crash.get("oom_allocation_size").as_int(), 12);
  EXPECT_EQ(crash.get("crashing_thread").as_int(), 1);
  EXPECT_EQ(crash.get("reason").as_string(), "SIGSEGV");
  EXPECT_EQ(crash.get("os").as_string(), "Linux");
  EXPECT_TRUE(crash.get("threads").is_array());
  EXPECT_TRUE(crash.get("hang").is_int());
  EXPECT_TRUE(crash.get("abort_message").is_null());
  EXPECT_NE(crash.find("abort_message"), nullptr);
  EXPECT_EQ(crash.get("additional_minidumps").size(), 0u);
  EXPECT_EQ(crash.get("original_signature").as_string(), "");
  EXPECT_EQ(crash.get("java_stack_trace").as_string(), "j");
  EXPECT_EQ(crash.find("java_exception"), nullptr);
}

TEST(Engine, ManyThreadsShareOneEngine) {
  EngineOptions o;
  o.ruleset = "default";
  o.siglists_dir = test::shared_path("siglists/socorro-7e28d72b5");
  auto engine = Engine::load(o);
  auto docs = test::read_jsonl(test::shared_path("corpus/synthetic/typed.jsonl"));
  ASSERT_GT(docs.size(), 100u);
  docs.resize(400);
  std::vector<std::string> serial;
  for (const auto& d : docs) serial.push_back(engine->generate(d->root()).signature);
  std::vector<std::string> parallel(docs.size());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < docs.size(); i += 4) parallel[i] = engine->generate(docs[i]->root()).signature;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(serial, parallel);
}

}  // namespace
}  // namespace crashsig
