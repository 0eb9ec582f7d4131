// `crashsig explain`: the walk over a crash that meets every kind of step, and the
// rules one by one, against golden files.
#include <gtest/gtest.h>

#include "cli_runner.h"
#include "fixtures.h"
#include "crashsig/json.h"

namespace crashsig::test {
namespace {

const std::string kArgs = "explain --siglists lists-explain explain-crash.json";

TEST(Explain, TextShowsEveryFrameAndEveryRule) {
  const Outcome r = run_crashsig(kArgs, "", fixture(""));
  ASSERT_EQ(r.status, 0) << r.err;
  // The crash was built to meet each step of the walk once.
  for (const char* step : {"above sentinel", "sentinel, prefix", "irrelevant", "empty", "duplicate module",
                           "(inlined)", "stop", "not reached"})
    EXPECT_NE(r.out.find(step), std::string::npos) << step;
  EXPECT_NE(r.out.find("irrelevant_signature_re.txt:3 _*pthread_kill"), std::string::npos);
  expect_golden(golden("explain.txt"), r.out);
}

TEST(Explain, MarkdownAndJson) {
  const Outcome md = run_crashsig(kArgs + " --format markdown", "", fixture(""));
  ASSERT_EQ(md.status, 0) << md.err;
  expect_golden(golden("explain.md"), md.out);

  const Outcome js = run_crashsig(kArgs + " --format json", "", fixture(""));
  ASSERT_EQ(js.status, 0) << js.err;
  JsonReader reader;
  Document doc;
  std::string error;
  ASSERT_TRUE(reader.parse(js.out, doc, error)) << error;
  const Value& frames = doc.root().get("walks")[0].get("frames");
  ASSERT_EQ(frames.size(), 10u);
  EXPECT_EQ(frames[2].get("walk").as_string(), "irrelevant");
  EXPECT_EQ(frames[2].get("matched").get("line").as_int(), 3);
  EXPECT_EQ(frames[1].get("sentinel").get("entry").as_string(), "fatal_error_handler");
  EXPECT_EQ(doc.root().get("rules").size(), 13u);
  EXPECT_EQ(doc.root().get("signature").as_string(),
            "Abort | explained | fatal_error_handler | libc.so.6 | mozilla::ipc::Alloc<T> | app::Widget::Paint");
}

TEST(Explain, PicksALineOfJsonLinesAndReadsStdin) {
  const Outcome r = run_crashsig("explain --siglists lists-before --line 12 diff-corpus.jsonl", "", fixture(""));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Crash: diff-corpus.jsonl:12"), std::string::npos);
  EXPECT_NE(r.out.find("old_entry_point"), std::string::npos);

  const Outcome in = run_crashsig("explain", R"({"threads": [{"frames": [{"function": "f"}]}]})");
  ASSERT_EQ(in.status, 0) << in.err;
  EXPECT_NE(in.out.find("Signature: \"f\""), std::string::npos);
}

// Blank means JSON whitespace, carriage returns included: a line of stray CRs (line
// ends written as "\r\r\n") before a pretty-printed crash does not make the input
// JSON Lines, which would cut the crash into lines that do not parse.
TEST(Explain, BlankLinesBeforeAPrettyPrintedCrash) {
  const Outcome r = run_crashsig("explain", "\r\r\n \t\n{\n  \"threads\": [{\"frames\": [{\"function\": \"f\"}]}]\n}\n");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Crash: <stdin>:3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Signature: \"f\""), std::string::npos) << r.out;
}

TEST(Explain, UnreadableInputIsExitOne) {
  const Outcome r = run_crashsig("explain", "{not json");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("crashsig explain: <stdin>:1: invalid JSON: ", 0), 0u) << r.err;
  const Outcome list = run_crashsig("explain", "[1, 2]");
  EXPECT_EQ(list.status, 1);
  EXPECT_EQ(list.err, "crashsig explain: <stdin>:1: expected a JSON object, got list\n");
  const Outcome missing = run_crashsig("explain --line 99", "{}");
  EXPECT_EQ(missing.status, 1);
  EXPECT_EQ(missing.err, "crashsig explain: <stdin>: no crash starts at line 99\n");
  // A file's crash is named FILE:LINE, as diff names it.
  const std::string dir = scratch_dir("explain-unreadable");
  write_file(dir + "/crashes.jsonl", "{}\n[1]\n");
  const Outcome in_file = run_crashsig("explain --line 2 crashes.jsonl", "", dir);
  EXPECT_EQ(in_file.status, 1);
  EXPECT_EQ(in_file.err, "crashsig explain: crashes.jsonl:2: expected a JSON object, got list\n");
}

}  // namespace
}  // namespace crashsig::test
