// Frame normalization and the stack walk against the reference's recorded calls:
// normalize_frame.jsonl, create_frame_list.jsonl and c_generate.jsonl.
#include <gtest/gtest.h>

#include "stack_vectors.h"

namespace crashsig::stack::test {
namespace {

bool same_text(const std::string& got, const Value& expected) {
  return expected.is_string() && got == expected.as_string();
}

// generate()'s crashed_thread argument: None when the call left it out.
std::optional<py::Int> crashed_thread(const Value& args) {
  const Value& t = args.get("crashed_thread");
  return t.is_null() ? std::nullopt : std::optional<py::Int>(py::to_int(t));
}

TEST(FrameVectors, NormalizeFrame) {
  const auto docs = vectors("normalize_frame.jsonl");
  std::size_t matched = 0;
  for (const auto& doc : docs) {
    const Value& record = doc->root();
    const CSignatureTool& tool = tool_for(record.get("tool"));
    const Value& args = record.get("args");
    const std::string_view kind = record.get("kind").as_string();
    matched += replay(
        record,
        [&] {
          std::string out;
          NormalizeBuffers buffers;
          if (kind == "normalize_frame") {
            tool.normalize_frame(Frame{args.get("module"), args.get("function"), args.get("file"),
                                       args.get("line"), args.get("offset"), args.get("unloaded_modules")},
                                 out, buffers);
          } else if (kind == "normalize_cpp_function") {
            tool.normalize_cpp_function(args.get("function").as_string(), args.get("line"), out, buffers);
          } else {
            EXPECT_EQ(kind, "normalize_rust_function");
            tool.normalize_rust_function(args.get("function").as_string(), args.get("line"), out, buffers);
          }
          return out;
        },
        same_text);
  }
  report("normalize_frame.jsonl", matched, docs.size());
}

TEST(FrameVectors, CreateFrameList) {
  const auto docs = vectors("create_frame_list.jsonl");
  std::size_t matched = 0;
  for (const auto& doc : docs) {
    const Value& record = doc->root();
    const Value& args = record.get("args");
    matched += replay(
        record,
        [&] {
          return crashsig::test::strings(tool_for(record.get("tool"))
              .create_frame_list(args.get("thread_data"), args.get("make_modules_lower_case").truthy()));
        },
        [](const std::vector<std::string>& got, const Value& expected) { return got == texts(expected); });
  }
  report("create_frame_list.jsonl", matched, docs.size());
}

TEST(FrameVectors, Generate) {
  const auto docs = vectors("c_generate.jsonl");
  std::size_t matched = 0;
  for (const auto& doc : docs) {
    const Value& record = doc->root();
    const Value& args = record.get("args");
    const StringList frames = crashsig::test::string_list(args.get("source_list"));
    matched += replay(
        record,
        [&] {
          std::vector<std::string> notes, debug;
          std::string signature = tool_for(record.get("tool")).generate(frames, crashed_thread(args), notes, &debug);
          // [signature, notes, debug_notes], flattened with markers for comparison.
          std::vector<std::string> out{signature, "--notes"};
          out.insert(out.end(), notes.begin(), notes.end());
          out.emplace_back("--debug");
          out.insert(out.end(), debug.begin(), debug.end());
          return out;
        },
        [](const std::vector<std::string>& got, const Value& expected) {
          std::vector<std::string> want{std::string(expected[0].as_string()), "--notes"};
          for (const std::string& n : texts(expected[1])) want.push_back(n);
          want.emplace_back("--debug");
          for (const std::string& n : texts(expected[2])) want.push_back(n);
          return got == want;
        });
  }
  report("c_generate.jsonl", matched, docs.size());
}

// Without debugging, generate() builds no debug notes and gives the same answer.
TEST(FrameVectors, GenerateWithoutDebugNotes) {
  for (const auto& doc : vectors("c_generate.jsonl")) {
    const Value& record = doc->root();
    const Value& args = record.get("args");
    std::vector<std::string> notes;
    const std::string signature = tool_for(record.get("tool"))
                                      .generate(crashsig::test::string_list(args.get("source_list")),
                                                crashed_thread(args), notes, nullptr);
    EXPECT_EQ(signature, record.get("expected").get("return")[0].as_string()) << to_json(record);
  }
}

}  // namespace
}  // namespace crashsig::stack::test
