// `crashsig signify` on input that trickles in: a tool that writes one crash into a
// pipe and waits for its signature, or `tail -f crashes.jsonl | crashsig signify`.
// signify must answer what it has read whenever no more input is there yet, not
// only when a batch is full or the input ends.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cli_runner.h"

namespace crashsig::test {
namespace {

using Clock = std::chrono::steady_clock;

// Only a run that is stuck gets near this: the tests wait for output, they never
// time it.
constexpr std::chrono::seconds kStuck{20};

// The CLI running with pipes for its standard input and output (standard error is
// the test's). Ending it (or leaving scope) closes its input, so that a run that
// still waits for input ends rather than outliving the test. While it runs, a
// write to a CLI that has exited fails the test (write returns false) instead of
// killing it with SIGPIPE.
class PipedRun {
 public:
  // With `nonblocking_input`, its standard input is left in O_NONBLOCK mode, as some
  // parent processes leave it.
  explicit PipedRun(std::vector<std::string> args, bool nonblocking_input = false)
      : previous_sigpipe_(std::signal(SIGPIPE, SIG_IGN)) {
    int in[2], out[2];
    if (pipe(in) != 0) return;
    if (pipe(out) != 0) {
      close(in[0]);
      close(in[1]);
      return;
    }
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], STDIN_FILENO);
      dup2(out[1], STDOUT_FILENO);
      if (nonblocking_input) fcntl(STDIN_FILENO, F_SETFL, fcntl(STDIN_FILENO, F_GETFL) | O_NONBLOCK);
      for (int fd : {in[0], in[1], out[0], out[1]}) close(fd);
      exec_crashsig(std::move(args));
    }
    close(in[0]);
    close(out[1]);
    input_ = in[1];
    output_ = out[0];
  }
  ~PipedRun() { end(); }
  PipedRun(const PipedRun&) = delete;
  PipedRun& operator=(const PipedRun&) = delete;

  bool started() const { return pid_ > 0; }
  bool write(std::string_view text) { return write_all(input_, text); }

  // Reads its output until `out` holds `count` whole lines; false if the output
  // ends first or the run looks stuck.
  bool read_lines(std::size_t count) {
    const Clock::time_point deadline = Clock::now() + kStuck;
    while (static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')) < count)
      if (!read_more(deadline)) return false;
    return true;
  }

  // Closes its input, reads the rest of its output and returns its exit status
  // (-1 if it had to be killed, being stuck).
  int end() {
    if (input_ >= 0) close(input_);
    input_ = -1;
    const Clock::time_point deadline = Clock::now() + kStuck;
    while (read_more(deadline)) {
    }
    if (output_ >= 0) close(output_);
    output_ = -1;
    std::signal(SIGPIPE, previous_sigpipe_);
    if (pid_ <= 0) return -1;
    if (!output_ended_) kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string out;  // its standard output so far

 private:
  void (*previous_sigpipe_)(int);
  pid_t pid_ = -1;
  int input_ = -1, output_ = -1;
  bool output_ended_ = false;

  // Adds what its output has to `out`, waiting until `deadline` at most; false
  // when the output has ended or the deadline has passed.
  bool read_more(Clock::time_point deadline) {
    while (output_ >= 0 && !output_ended_) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return false;
      pollfd ready{output_, POLLIN, 0};
      if (poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;  // EINTR or time: checked above
      char buffer[4096];
      const ssize_t n = ::read(output_, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      out.append(buffer, static_cast<std::size_t>(n));
      return true;
    }
    output_ended_ = true;
    return false;
  }
};

std::string crash_line(const std::string& function) {
  return "{\"threads\": [{\"frames\": [{\"function\": \"" + function + "\"}]}]}\n";
}
std::string result_line(const std::string& function) {
  return "{\"signature\": \"" + function + "\", \"notes\": [], \"proto_signature\": \"" + function +
         "\", \"normalized_frames\": [\"" + function + "\"]}\n";
}

TEST(SignifyStreaming, AnswersEachCrashWhileItsInputIsStillOpen) {
  for (const char* jobs : {"1", "3"}) {
    SCOPED_TRACE(std::string("--jobs ") + jobs);
    PipedRun signify({"signify", "--no-progress", "--jobs", jobs});
    ASSERT_TRUE(signify.started());
    ASSERT_TRUE(signify.write(crash_line("first")));
    ASSERT_TRUE(signify.read_lines(1)) << "no answer to a crash while the input stays open; output: \""
                                       << signify.out << "\"";
    // After a short batch signify goes on reading, and answers the next one too.
    ASSERT_TRUE(signify.write(crash_line("second")));
    ASSERT_TRUE(signify.read_lines(2)) << "no answer to the second crash; output: \"" << signify.out << "\"";
    EXPECT_EQ(signify.end(), 0);
    EXPECT_EQ(signify.out, result_line("first") + result_line("second"));
  }
}

// An input with nothing to read yet is not an ended input, even when it was left
// non-blocking: signify waits for the second crash instead of stopping after the first.
TEST(SignifyStreaming, WaitsOnANonBlockingInput) {
  PipedRun signify({"signify", "--no-progress"}, /*nonblocking_input=*/true);
  ASSERT_TRUE(signify.started());
  ASSERT_TRUE(signify.write(crash_line("first")));
  ASSERT_TRUE(signify.read_lines(1)) << "output: \"" << signify.out << "\"";
  // Gives signify time to find its input empty (if it has not, the test checks less
  // but cannot fail wrongly).
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(signify.write(crash_line("second")));
  ASSERT_TRUE(signify.read_lines(2)) << "signify stopped at an empty non-blocking input; output: \""
                                     << signify.out << "\"";
  EXPECT_EQ(signify.end(), 0);
  EXPECT_EQ(signify.out, result_line("first") + result_line("second"));
}

// A pretty-printed document is one crash however it arrives: signify waits for its
// end rather than answering the part that is there.
TEST(SignifyStreaming, ReadsADocumentThatArrivesInPartsWhole) {
  PipedRun signify({"signify", "--no-progress"});
  ASSERT_TRUE(signify.started());
  ASSERT_TRUE(signify.write("{\n  \"threads\": [\n"));
  // Gives signify time to read the first part on its own (the test cannot tell
  // whether it has; if not, it checks less but cannot fail wrongly).
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(signify.write("    {\"frames\": [{\"function\": \"whole\"}]}\n  ]\n}\n"));
  EXPECT_EQ(signify.end(), 0);
  EXPECT_EQ(signify.out, result_line("whole"));
}

}  // namespace
}  // namespace crashsig::test
