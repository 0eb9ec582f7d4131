#include "cli_runner.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.h"

namespace fs = std::filesystem;

namespace crashsig::test {

namespace {

std::string shell_quote(const std::string& s) { return "'" + replace_all(s, "'", "'\\''") + "'"; }

fs::path scratch_root() {
  static const fs::path root = [] {
    fs::path p = fs::temp_directory_path() / ("crashsig-cli-test-" + std::to_string(::getpid()));
    fs::create_directories(p);
    std::atexit([] { fs::remove_all(fs::temp_directory_path() / ("crashsig-cli-test-" + std::to_string(::getpid()))); });
    return p;
  }();
  return root;
}

}  // namespace

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
    text.replace(at, from.size(), to);
  return text;
}

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::string scratch_dir(const std::string& name) {
  const fs::path dir = scratch_root() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void rewrite_keeping_size_and_time(const std::string& path, const std::string& content) {
  ASSERT_EQ(fs::file_size(path), content.size());
  const fs::file_time_type modified = fs::last_write_time(path);
  write_file(path, content);
  fs::last_write_time(path, modified);
  ASSERT_EQ(fs::last_write_time(path), modified);
}

std::string small_signature_lists(const std::string& name) {
  const std::string dir = scratch_dir(name);
  write_file(dir + "/irrelevant_signature_re.txt", "Skipped\n");
  write_file(dir + "/prefix_signature_re.txt", "Gamma\n");
  write_file(dir + "/signatures_with_line_numbers_re.txt", "Numbered\n");
  write_file(dir + "/signature_sentinels.txt", "Sentinel\n");
  return dir;
}

Outcome run_crashsig(const std::string& args, const std::string& input, const std::string& cwd) {
  static int counter = 0;
  const fs::path io = scratch_root() / ("run-" + std::to_string(++counter));
  const std::string in_path = io.string() + ".in", err_path = io.string() + ".err";
  write_file(in_path, input);
  const std::string cli = shell_quote(CRASHSIG_CLI);
  std::string command = (cwd.empty() ? "" : "cd " + shell_quote(cwd) + " && ") + cli + " " +
                        replace_all(args, "| crashsig ", "| " + cli + " ") + " <" + shell_quote(in_path) +
                        " 2>" + shell_quote(err_path);
  const auto start = std::chrono::steady_clock::now();
  FILE* pipe = popen(command.c_str(), "r");
  Outcome r;
  if (!pipe) return r;
  char buf[65536];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) r.out.append(buf, n);
  const int status = pclose(pipe);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.err = read_file(err_path);
  return r;
}

void exec_crashsig(std::vector<std::string> args) {
  // A test may ignore SIGPIPE while it writes to the CLI; the CLI gets it as from a shell.
  std::signal(SIGPIPE, SIG_DFL);
  std::string program = CRASHSIG_CLI;
  std::vector<char*> argv = {program.data()};
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(program.c_str(), argv.data());
  _exit(127);
}

void expect_golden(const std::string& relative_path, const std::string& text) {
  const std::string path = source_path(relative_path);
  if (std::getenv("CRASHSIG_UPDATE_GOLDEN")) {
    write_file(path, text);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (CRASHSIG_UPDATE_GOLDEN=1 writes it); output was:\n"
                  << text;
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(text, want.str()) << "golden file " << path << " (CRASHSIG_UPDATE_GOLDEN=1 rewrites it)";
}

}  // namespace crashsig::test
