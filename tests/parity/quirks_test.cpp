// The reference's edge cases (../shared/vectors/quirks): every `pipeline` case run
// through the socorro-current ruleset must give Socorro HEAD's signature and notes,
// word for word.
#include <gtest/gtest.h>

#include "crashsig/engine.h"
#include "test_support.h"

namespace crashsig {
namespace {

TEST(Quirks, EveryPipelineCaseMatchesSocorroHead) {
  EngineOptions options;
  options.ruleset = "socorro-current";
  options.siglists_dir = test::shared_path("siglists/socorro-7e28d72b5");
  auto engine = Engine::load(options);
  Signifier signifier(*engine);
  std::size_t cases = 0;
  for (const auto& record : test::read_jsonl(test::shared_path("vectors/quirks/quirks.jsonl"))) {
    const Value& q = record->root();
    if (q.get("mode").as_string() != "pipeline") continue;
    ++cases;
    const Value& want = q.get("observed").get("socorro:HEAD");
    const std::string id(q.get("id").as_string());
    ASSERT_TRUE(want.find("signature")) << id;
    Result got = signifier.signify(q.get("input_line").as_string());
    EXPECT_EQ(got.signature, want.get("signature").as_string()) << id;
    EXPECT_EQ(got.notes, test::strings(want.get("notes"))) << id;
  }
  EXPECT_EQ(cases, 95u);
}

}  // namespace
}  // namespace crashsig
