// The progress line: shown only when standard error is a terminal, so these runs
// give the CLI a pseudo-terminal (forkpty) and read what it draws there.
#include <gtest/gtest.h>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

namespace crashsig::test {
namespace {

struct TerminalRun {
  int status = -1;
  std::string screen;  // everything written to the terminal, stdout and stderr
};

// Runs the CLI with `args` on a pseudo-terminal and returns what it wrote.
TerminalRun run_on_terminal(std::vector<std::string> args) {
  TerminalRun run;
  int terminal = -1;
  const pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
  if (pid < 0) return run;
  if (pid == 0) {
    std::vector<char*> argv;
    std::string program = CRASHSIG_CLI;
    argv.push_back(program.data());
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  char buffer[4096];
  while (true) {
    const ssize_t n = read(terminal, buffer, sizeof buffer);
    if (n > 0) run.screen.append(buffer, static_cast<std::size_t>(n));
    else if (n < 0 && errno == EINTR) continue;
    else break;  // EIO once the child has closed the terminal
  }
  close(terminal);
  int status = 0;
  waitpid(pid, &status, 0);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

const std::vector<std::string> kNotCrashIds = {"signature", "one", "two", "three", "four", "five"};

TEST(Progress, DrawnOnATerminalAndWipedBeforeEachMessage) {
  const TerminalRun run = run_on_terminal(kNotCrashIds);
  ASSERT_EQ(run.status, 1) << run.screen;  // every id skipped
  // The line counts crashes and is wiped (spaces, then back to the start) before a
  // warning is printed, so the warning starts at the left margin on a clean line.
  const std::string progress = "\rsignature: 0/5 crashes";
  const std::string wipe = "\r" + std::string(progress.size() - 1, ' ') + "\r";
  EXPECT_NE(run.screen.find(progress + wipe + "crashsig signature: warning: 'one' is not a crash id"),
            std::string::npos)
      << run.screen;
  EXPECT_NE(run.screen.find("\rsignature: 4/5 crashes" + wipe + "crashsig signature: warning: 'five'"),
            std::string::npos)
      << run.screen;
  EXPECT_EQ(run.screen.find("signature: 5/5"), std::string::npos) << run.screen;
}

TEST(Progress, NoProgressKeepsTheTerminalToMessages) {
  std::vector<std::string> args = kNotCrashIds;
  args.insert(args.begin() + 1, "--no-progress");
  const TerminalRun run = run_on_terminal(args);
  EXPECT_EQ(run.status, 1) << run.screen;
  EXPECT_EQ(run.screen.find("crashes"), std::string::npos) << run.screen;
  EXPECT_NE(run.screen.find("crashsig signature: warning: 'one' is not a crash id"), std::string::npos);
}

}  // namespace
}  // namespace crashsig::test
