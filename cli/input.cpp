#include "input.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "command.h"
#include "crashsig/json.h"

namespace crashsig::cli {

namespace {

// Room for many lines at once, as much as a pipe holds. It grows only while
// line_ready waits for the end of a longer line.
constexpr std::size_t kBufferSize = 64 * 1024;

}  // namespace

bool InputFile::open(const std::string& name, std::string_view command) {
  if (name == "-") {
    buffer_.attach(STDIN_FILENO, false);
    return true;
  }
  name_ = name;
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::cerr << "crashsig " << command << ": " << name << ": cannot open file\n";
    return false;
  }
  buffer_.attach(fd, true);
  // A directory opens, but its first read fails: say so now rather than read nothing.
  struct stat info;
  if (fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    std::cerr << "crashsig " << command << ": " << name << ": is a directory\n";
    return false;
  }
  return true;
}

bool InputFile::report_read_error(std::string_view command) const {
  if (buffer_.read_errno() == 0) return false;
  std::cerr << "crashsig " << command << ": " << input_label(name_) << ": cannot read: "
            << std::strerror(buffer_.read_errno()) << "\n";
  return true;
}

InputFile::Buffer::~Buffer() {
  if (owned_) ::close(fd_);
}

void InputFile::Buffer::attach(int fd, bool owned) {
  fd_ = fd;
  owned_ = owned;
  data_.resize(kBufferSize);
  setg(data_.data(), data_.data(), data_.data());
}

InputFile::Buffer::int_type InputFile::Buffer::underflow() {
  if (gptr() == egptr() && !fill()) return traits_type::eof();
  return traits_type::to_int_type(*gptr());
}

bool InputFile::Buffer::fill() {
  if (ended_ || fd_ < 0) return false;
  const std::size_t unread = static_cast<std::size_t>(egptr() - gptr());
  if (unread > 0 && gptr() != data_.data()) std::memmove(data_.data(), gptr(), unread);
  if (unread == data_.size()) data_.resize(2 * data_.size());
  ssize_t n;
  while ((n = ::read(fd_, data_.data() + unread, data_.size() - unread)) < 0) {
    if (errno == EINTR) continue;
    // A descriptor left non-blocking (by whatever started crashsig) has nothing yet:
    // wait for it rather than take that for the end of the input.
    if (errno != EAGAIN && errno != EWOULDBLOCK) break;
    pollfd input{fd_, POLLIN, 0};
    poll(&input, 1, -1);
  }
  // A read error ends the input too; report_read_error tells the user.
  if (n < 0) read_errno_ = errno;
  ended_ = n <= 0;
  setg(data_.data(), data_.data(), data_.data() + unread + (ended_ ? 0 : n));
  return !ended_;
}

bool InputFile::Buffer::line_ready() {
  while (gptr() == egptr() || !std::memchr(gptr(), '\n', static_cast<std::size_t>(egptr() - gptr()))) {
    if (ended_) return true;
    // Reading more now cannot wait only if poll says there is something (or an
    // end, or an error) to read.
    pollfd input{fd_, POLLIN, 0};
    if (poll(&input, 1, 0) == 0) return false;
    if (!fill()) return true;
  }
  return true;
}

bool leaves_json_open(const std::string& text) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return depth > 0;
}

bool InputReader::read(std::vector<InputRecord>& out, std::size_t max) {
  if (done_) return false;
  std::string line;
  std::size_t added = 0;
  while (added < max && (added == 0 || file_.line_ready())) {
    if (!std::getline(file_.stream(), line)) {
      done_ = true;
      break;
    }
    ++line_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Most lines already have the room (getline grows by doubling): then the
    // parser reads them where they are.
    reserve_json_padding(line);
    if (!decided_) {
      if (is_blank(line)) {
        out.push_back({line_, std::move(line)});
        ++added;
        continue;
      }
      decided_ = true;
      if (leaves_json_open(line)) {
        // One document: the rest of the input belongs to it, however slowly it comes.
        InputRecord doc{line_, std::move(line)};
        std::string more;
        while (std::getline(file_.stream(), more)) {
          ++line_;
          doc.text += '\n';
          doc.text += more;
        }
        reserve_json_padding(doc.text);
        out.push_back(std::move(doc));
        done_ = true;
        return true;
      }
    }
    out.push_back({line_, std::move(line)});
    ++added;
  }
  return added > 0 || !done_;
}

}  // namespace crashsig::cli
