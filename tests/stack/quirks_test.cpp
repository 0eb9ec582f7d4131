// The edge cases of ../shared/vectors/quirks that exercise this plugin alone:
// "call" records of its helpers, and "siglists" records that change one list.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "frame_text.h"
#include "siglists.h"
#include "stack_rules.h"
#include "stack_vectors.h"

namespace crashsig::stack::test {
namespace {

namespace fs = std::filesystem;

const Value& observed_at_target(const Value& quirk) { return quirk.get("observed").get("socorro:HEAD"); }

TEST(Quirks, Calls) {
  const auto quirks = crashsig::test::read_jsonl(crashsig::test::shared_path("vectors/quirks/quirks.jsonl"));
  std::size_t matched = 0, total = 0;
  for (const auto& doc : quirks) {
    const Value& quirk = doc->root();
    if (quirk.get("mode").as_string() != "call") continue;
    ++total;
    Document input;
    JsonReader reader;
    std::string error;
    ASSERT_TRUE(reader.parse(quirk.get("input_line").as_string(), input, error)) << error;
    const Value& call = input.root();
    const Value& args = call.get("args");
    const Value& want = observed_at_target(quirk).get("return");
    std::string got;
    if (py::equals(call.get("function"), "strip_leading_zeros")) {
      if (!strip_leading_zeros(args.get("text").as_string(), got)) got = args.get("text").as_string();
    } else if (py::equals(call.get("function"), "drop_prefix_and_return_type")) {
      got = drop_prefix_and_return_type(args.get("function").as_string());
    } else {
      ASSERT_TRUE(py::equals(call.get("kind"), "c_generate")) << to_json(quirk);
      std::vector<std::string> notes, debug;
      got = tool_for(call.get("tool"))
                .generate(crashsig::test::string_list(args.get("source_list")), std::nullopt, notes, &debug);
      EXPECT_EQ(notes, texts(want[1])) << to_json(quirk);
      EXPECT_EQ(debug, texts(want[2])) << to_json(quirk);
    }
    const std::string expected(want.is_array() ? want[0].as_string() : want.as_string());
    EXPECT_EQ(got, expected) << to_json(quirk);
    matched += got == expected;
  }
  report("quirks.jsonl (call)", matched, total);
}

// A copy of the bundled lists with one list replaced.
class ListsWithOverride {
 public:
  ListsWithOverride(const std::string& list, std::string_view content)
      : dir_(fs::temp_directory_path() / ("crashsig-quirk-" + std::to_string(::getpid()) + "-" + list)) {
    fs::create_directories(dir_);
    for (const auto& entry : fs::directory_iterator(included_siglists_dir()))
      fs::copy_file(entry.path(), dir_ / entry.path().filename(), fs::copy_options::overwrite_existing);
    std::ofstream(dir_ / (list + ".txt"), std::ios::binary) << content;
  }
  ~ListsWithOverride() { fs::remove_all(dir_); }
  std::string path() const { return dir_.string(); }

 private:
  fs::path dir_;
};

// An empty list joins to "", which matches every frame.
TEST(Quirks, EmptyLists) {
  const auto quirks = crashsig::test::read_jsonl(crashsig::test::shared_path("vectors/quirks/quirks.jsonl"));
  std::size_t matched = 0, total = 0;
  for (const auto& doc : quirks) {
    const Value& quirk = doc->root();
    const std::string_view id = quirk.get("id").as_string();
    if (id != "siglists-empty-irrelevant" && id != "siglists-empty-prefix") continue;
    ++total;
    const std::string list = id == "siglists-empty-prefix" ? "prefix_signature_re" : "irrelevant_signature_re";
    const ListsWithOverride lists(list, "# nothing\n");
    const SignatureGenerationRule rule(CSignatureTool(SignatureLists::read(lists.path()), ""));
    Document input;
    JsonReader reader;
    std::string error;
    ASSERT_TRUE(reader.parse(quirk.get("input_line").as_string(), input, error)) << error;
    Result result;
    rule.action(input.root(), result);
    const Value& want = observed_at_target(quirk);
    const bool same = result.signature == want.get("signature").as_string() &&
                      result.notes == (want.find("notes") ? texts(want.get("notes")) : std::vector<std::string>{});
    EXPECT_TRUE(same) << to_json(quirk) << "\ngot " << show(result.signature) << " " << show(result.notes);
    matched += same;
  }
  report("quirks.jsonl (empty lists)", matched, total);
}

}  // namespace
}  // namespace crashsig::stack::test
