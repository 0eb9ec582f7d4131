// Running the crashsig command as a user does, and golden files for what it prints.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crashsig::test {

struct Outcome {
  int status = -1;
  std::string out;
  std::string err;
  double seconds = 0;  // wall-clock time of the run
};

// Runs `crashsig ARGS` through the shell, in `cwd` when not empty, with `input` on
// standard input. ARGS may go on with a pipe into further commands; "crashsig"
// there is replaced with the CLI's path.
Outcome run_crashsig(const std::string& args, const std::string& input = "", const std::string& cwd = "");

// For a test that runs the CLI itself (with pipes or a terminal): in the forked
// child, replaces it with `crashsig ARGS` (SIGPIPE back to its default); exits
// 127 if that cannot start.
[[noreturn]] void exec_crashsig(std::vector<std::string> args);

// A fresh directory for one test, removed at the end of the test program.
std::string scratch_dir(const std::string& name);
void write_file(const std::string& path, const std::string& content);
// The whole file; empty when it cannot be read.
std::string read_file(const std::string& path);
// Rewrites `path` in place (same inode, same size) with `content`, and puts its
// modification time back: only the text tells the two versions apart.
void rewrite_keeping_size_and_time(const std::string& path, const std::string& content);
// A scratch directory holding four small signature lists: irrelevant "Skipped",
// prefix "Gamma", line numbers "Numbered", sentinel "Sentinel".
std::string small_signature_lists(const std::string& name);

// Compares `text` with the golden file at `path` (relative to the source tree, e.g.
// "tests/cli/golden/lint-order.txt"); with CRASHSIG_UPDATE_GOLDEN=1 in the
// environment, writes it there instead.
void expect_golden(const std::string& path, const std::string& text);

// Writes all of `text` to the file descriptor `fd` (a pipe into the CLI); false
// once nothing reads it.
bool write_all(int fd, std::string_view text);

std::vector<std::string> lines(const std::string& text);
std::string replace_all(std::string text, const std::string& from, const std::string& to);

}  // namespace crashsig::test
