// Whole-pipeline records from the reference's own test suite
// (../shared/vectors/socorro-7e28d72b5/generator.jsonl and pipeline_derived.jsonl):
// Socorro's default pipeline at that revision is our socorro-current ruleset.
#include <gtest/gtest.h>

#include "crashsig/engine.h"
#include "test_support.h"

namespace crashsig {
namespace {

void replay(const std::string& file, std::size_t expected_records) {
  EngineOptions options;
  options.ruleset = "socorro-current";
  options.siglists_dir = test::shared_path("siglists/socorro-7e28d72b5");
  auto engine = Engine::load(options);
  std::size_t replayed = 0;
  for (const auto& record : test::read_jsonl(test::shared_path("vectors/socorro-7e28d72b5/" + file))) {
    const Value& r = record->root();
    if (!r.get("replayable").truthy() || !r.get("default_ruleset").truthy()) continue;
    ++replayed;
    const Value& want = r.get("expected");
    const std::string where = file + ": " + to_json(r.get("crash_data")).substr(0, 300);
    Result got = engine->generate(r.get("crash_data"));
    EXPECT_EQ(got.signature, want.get("signature").as_string()) << where;
    EXPECT_EQ(got.notes, test::strings(want.get("notes"))) << where;
    const Value& extra = want.get("extra");
    const ExtraValue* proto = got.extra("proto_signature");
    if (const Value* p = extra.find("proto_signature")) {
      ASSERT_TRUE(proto && std::holds_alternative<std::string>(*proto)) << where;
      EXPECT_EQ(std::get<std::string>(*proto), p->as_string()) << where;
    } else {
      EXPECT_EQ(proto, nullptr) << where;
    }
    const ExtraValue* frames = got.extra("normalized_frames");
    if (const Value* f = extra.find("normalized_frames")) {
      ASSERT_TRUE(frames && std::holds_alternative<StringList>(*frames)) << where;
      EXPECT_EQ(test::strings(std::get<StringList>(*frames)), test::strings(*f)) << where;
    } else {
      EXPECT_EQ(frames, nullptr) << where;
    }
  }
  EXPECT_EQ(replayed, expected_records) << file;
}

TEST(PipelineVectors, GeneratorRecords) { replay("generator.jsonl", 1); }
TEST(PipelineVectors, PipelineDerivedRecords) { replay("pipeline_derived.jsonl", 51); }

}  // namespace
}  // namespace crashsig
