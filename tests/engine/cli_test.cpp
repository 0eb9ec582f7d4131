// The crashsig command as a user runs it: odd input, exit statuses, ordering.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crashsig/json.h"
#include "cli_runner.h"
#include "test_support.h"

namespace crashsig {
namespace {


std::string write_temp(const std::string& name, const std::string& content) {
  const std::string path = test::scratch_dir("cli_test-" + name) + "/" + name;
  test::write_file(path, content);
  return path;
}

const std::string kShared = " --siglists " + test::shared_path("siglists/socorro-7e28d72b5") + " ";

TEST(Cli, EveryInputLineGetsOneOutputLineAndBadOnesAreErrors) {
  std::string deep = "{\"threads\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  std::string huge_name = "{\"threads\":[{\"frames\":[{\"function\":\"" + std::string(2 << 20, 'f') + "\"}]}]}";
  std::vector<std::string> input = {
      R"({"threads":[{"frames":[{"function":"foo"}]}]})",  // fine
      R"({"threads":[{"frames":[{"function":"foo"}]})",    // syntax error
      R"({"threads":5,"crashing_thread":"x","reason":[1]})",  // wrong types: still a crash
      huge_name,                                            // 2 MB function name
      deep,                                                 // 5,000-deep nesting
      "{\"reason\":\"\xFF\xFE\"}",                          // invalid UTF-8
      "",                                                   // empty line
      "[1, 2]",                                             // not an object
  };
  std::string text;
  for (const auto& l : input) text += l + "\n";
  test::Outcome r = test::run_crashsig("signify --no-progress" + kShared + write_temp("bad_input.jsonl", text));
  EXPECT_EQ(r.status, 1) << r.err;
  auto out = test::lines(r.out);
  ASSERT_EQ(out.size(), input.size());
  JsonReader reader;
  Document doc;
  std::string error;
  std::vector<bool> is_error;
  for (const auto& l : out) {
    ASSERT_TRUE(reader.parse(l, doc, error)) << l.substr(0, 200);
    is_error.push_back(doc.root().find("error") != nullptr);
  }
  EXPECT_EQ(is_error, (std::vector<bool>{false, true, false, false, true, true, true, true}));
  ASSERT_TRUE(reader.parse(out[0], doc, error));
  EXPECT_EQ(doc.root().get("signature").as_string(), "foo");
  ASSERT_TRUE(reader.parse(out[1], doc, error));
  EXPECT_EQ(doc.root().get("error").as_string().substr(0, 7), "line 2:");
  ASSERT_TRUE(reader.parse(out[6], doc, error));
  EXPECT_EQ(doc.root().get("error").as_string(), "line 7: empty line");
}

TEST(Cli, APrettyPrintedDocumentIsOneCrash) {
  std::string doc = "{\n  \"threads\": [\n    {\"frames\": [{\"function\": \"bar\"}]}\n  ]\n}\n";
  test::Outcome r = test::run_crashsig("signify --no-progress" + kShared + write_temp("pretty.json", doc));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"signature\": \"bar\", \"notes\": [], \"proto_signature\": \"bar\", "
            "\"normalized_frames\": [\"bar\"]}\n");
}

TEST(Cli, ReadsStandardInputAndAddsTheDebugLogOnRequest) {
  test::Outcome r = test::run_crashsig("signify --no-progress --debug-log" + kShared,
                                       "{\"threads\":[{\"frames\":[{\"function\":\"baz\"}]}]}\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"debug_log\": [\"SignatureGenerationRule: using CSignatureTool\""), std::string::npos)
      << r.out;
}

TEST(Cli, JobsKeepInputOrder) {
  std::string corpus = test::shared_path("corpus/synthetic/typed.jsonl");
  test::Outcome one = test::run_crashsig("signify --no-progress --jobs 1" + kShared + corpus);
  test::Outcome two = test::run_crashsig("signify --no-progress --jobs 3" + kShared + corpus);
  EXPECT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(two.status, 0) << two.err;
  EXPECT_EQ(test::lines(one.out).size(), 4000u);
  EXPECT_TRUE(one.out == two.out);
}

TEST(Cli, LoadErrorsExitTwoWithTheReason) {
  test::Outcome r = test::run_crashsig("signify --no-progress --ruleset no-such-ruleset /dev/null");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("crashsig: unknown ruleset 'no-such-ruleset'", 0), 0u) << r.err;
  test::Outcome bad = test::run_crashsig("signify --no-progress --ruleset " +
                test::source_path("tests/engine/rulesets/bad-yaml.yaml") + " /dev/null");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("bad-yaml.yaml:4:1: invalid YAML"), std::string::npos) << bad.err;
}

// An input that cannot be read stops the run with its name and why (a directory
// once read as an empty input: no output, exit status 0).
TEST(Cli, InputsThatCannotBeReadExitTwoWithTheReason) {
  const std::string dir = test::scratch_dir("cli_test-unreadable");
  const test::Outcome missing = test::run_crashsig("signify --no-progress " + dir + "/missing.jsonl");
  const test::Outcome directory = test::run_crashsig("signify --no-progress " + dir);
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(directory.status, 2);
  EXPECT_EQ(directory.out, "");
  test::expect_golden("tests/engine/golden/input-unreadable.txt",
                      test::replace_all(missing.err + directory.err, dir, "DIR"));
}

// Standard input that cannot be read is named where a file name would stand, as
// "<stdin>". A directory opens but fails to read: the read error on demand.
TEST(Cli, StandardInputThatCannotBeReadIsCalledStdin) {
  const std::string dir = test::scratch_dir("cli_test-stdin-directory");
  const std::string err_path = dir + "/stderr";
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const int in = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || err < 0 || dup2(in, STDIN_FILENO) < 0 || dup2(err, STDERR_FILENO) < 0) _exit(126);
    test::exec_crashsig({"signify", "--no-progress"});
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_EQ(test::read_file(err_path), "crashsig signify: <stdin>: cannot read: Is a directory\n");
}

TEST(Cli, UsageErrorsExitTwoAndHelpTeaches) {
  EXPECT_EQ(test::run_crashsig("signify --jobs 0 /dev/null").status, 2);
  EXPECT_EQ(test::run_crashsig("no-such-command").status, 2);
  test::Outcome help = test::run_crashsig("signify --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--ruleset"), std::string::npos);
  EXPECT_NE(help.out.find("Example"), std::string::npos);
}

}  // namespace
}  // namespace crashsig
