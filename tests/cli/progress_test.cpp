// The progress line: shown only when standard error is a terminal, so these runs
// give the CLI a pseudo-terminal (forkpty) and read what it draws there.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "cli_runner.h"
#include "cli/progress_delay.h"
#include "test_support.h"

namespace crashsig::test {
namespace {

struct TerminalRun {
  int status = -1;
  std::string screen;  // everything written to the terminal, stdout and stderr
};

// Runs the CLI with `args` on a pseudo-terminal and returns what it wrote there.
// Standard input and output are the terminal too, unless `feed` is given: then
// standard input is a pipe that `feed` writes while the CLI runs (the input ends
// when it returns) and standard output goes to the file `output_path`, so the
// terminal holds only what the CLI writes on standard error.
TerminalRun run_on_terminal(std::vector<std::string> args, const std::function<void(int input)>& feed = nullptr,
                            const std::string& output_path = "") {
  TerminalRun run;
  int input[2] = {-1, -1};
  int output = -1;
  if (feed && (pipe(input) != 0 || (output = open(output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)) {
    ADD_FAILURE() << "cannot set up the input pipe or " << output_path;
    return run;
  }
  int terminal = -1;
  const pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
  if (pid < 0) return run;
  if (pid == 0) {
    if (feed) {
      dup2(input[0], STDIN_FILENO);
      dup2(output, STDOUT_FILENO);
      close(input[0]);
      close(input[1]);  // else the CLI would never see its input end
      close(output);
    }
    exec_crashsig(std::move(args));
  }
  if (feed) {
    close(input[0]);
    close(output);
    // A CLI that exits early must fail the test (the write fails), not kill it.
    const auto previous = std::signal(SIGPIPE, SIG_IGN);
    feed(input[1]);
    std::signal(SIGPIPE, previous);
    close(input[1]);
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

// signify draws its line when a batch of crashes ends more than kProgressDelay
// after the run started; a pause longer than that makes sure one does.
constexpr std::chrono::milliseconds kLongerThanProgressDelay = cli::kProgressDelay + std::chrono::milliseconds(200);

// Writes crashes (typed.jsonl's lines, over and over) to signify's standard input
// so that the run outlasts the progress delay on any machine, however fast: small
// chunks until signify has written results to `output_path` (so its clock runs),
// then, after a pause longer than the delay, one more chunk, whose batch ends after
// the delay. Returns how many lines it wrote.
std::size_t feed_past_progress_delay(int input, const std::string& output_path) {
  const std::string corpus = shared_path("corpus/synthetic/typed.jsonl");
  std::vector<std::string> crashes = lines(read_file(corpus));
  if (crashes.empty()) {
    ADD_FAILURE() << "no crashes in " << corpus;
    return 0;
  }
  std::size_t sent = 0;
  auto send_chunk = [&] {
    std::string chunk;
    for (int i = 0; i < 64; ++i) chunk += crashes[sent++ % crashes.size()] + "\n";
    return write_all(input, chunk);
  };
  while (std::filesystem::file_size(output_path) == 0) {
    if (sent >= 100000 || !send_chunk()) {
      ADD_FAILURE() << "signify wrote no results for " << sent << " lines";
      return sent;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(kLongerThanProgressDelay);
  EXPECT_TRUE(send_chunk()) << "signify stopped reading";
  return sent;
}

struct SignifyRun {
  TerminalRun terminal;
  std::size_t lines_in = 0;
  std::vector<std::string> lines_out;  // standard output
};

// Runs `crashsig signify` with `options`, its standard error on a terminal and its
// standard output in a file, on input that outlasts the progress delay.
SignifyRun run_signify_past_progress_delay(const std::vector<std::string>& options) {
  const std::string output = scratch_dir("signify-progress") + "/results.jsonl";
  std::vector<std::string> args = {"signify"};
  args.insert(args.end(), options.begin(), options.end());
  SignifyRun run;
  run.terminal = run_on_terminal(
      args, [&](int input) { run.lines_in = feed_past_progress_delay(input, output); }, output);
  run.lines_out = lines(read_file(output));
  return run;
}

// One result per crash, in JSON, however the progress line is drawn.
void expect_one_result_per_line(const SignifyRun& run) {
  EXPECT_EQ(run.lines_out.size(), run.lines_in);
  for (const std::string& result : run.lines_out)
    ASSERT_EQ(result.rfind("{\"signature\": ", 0), 0u) << result;
}

TEST(Progress, SignifyDrawsCountAndRateOnATerminalAndWipesTheLineAtTheEnd) {
  const SignifyRun run = run_signify_past_progress_delay({});
  const std::string& screen = run.terminal.screen;
  ASSERT_EQ(run.terminal.status, 0) << screen;
  expect_one_result_per_line(run);

  // The terminal holds only progress lines, each drawn over the last from the left
  // margin; the last one is wiped (spaces, then back to the start) so that the
  // shell's prompt comes on a clean line.
  const std::size_t last = screen.rfind("\rsignify: ");
  ASSERT_NE(last, std::string::npos) << "no progress line on the terminal: \"" << screen << "\"";
  EXPECT_EQ(screen.rfind("\rsignify: ", 0), 0u) << screen;
  const std::size_t wipe = screen.find('\r', last + 1);
  ASSERT_NE(wipe, std::string::npos) << "progress line not wiped: " << screen;
  std::string text = screen.substr(last + 1, wipe - last - 1);
  text.erase(text.find_last_not_of(' ') + 1);  // blanks over a longer previous line
  int parsed = -1;
  std::sscanf(text.c_str(), "signify: %*[0-9,] crashes, %*[0-9,]/s%n", &parsed);
  EXPECT_EQ(parsed, static_cast<int>(text.size())) << "not \"signify: N crashes, R/s\": \"" << text << "\"";
  EXPECT_EQ(screen.substr(wipe), "\r" + std::string(text.size(), ' ') + "\r") << screen;
}

TEST(Progress, SignifyNoProgressLeavesTheTerminalBlank) {
  const SignifyRun run = run_signify_past_progress_delay({"--no-progress"});
  EXPECT_EQ(run.terminal.status, 0);
  EXPECT_EQ(run.terminal.screen, "");
  expect_one_result_per_line(run);
}

}  // namespace
}  // namespace crashsig::test
