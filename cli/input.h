// Reading crash inputs: JSON Lines, or one (possibly pretty-printed) JSON document.
#pragma once

#include <cstddef>
#include <istream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace crashsig::cli {

struct InputRecord {
  std::size_t line = 0;  // 1-based line where the record starts
  std::string text;
};

// The inputs a command reads: the files named, or standard input ("-") when none is.
inline std::vector<std::string> input_names(const std::vector<std::string>& files) {
  return files.empty() ? std::vector<std::string>{"-"} : files;
}

// What messages and reports call an input where a file name stands, as in
// "crashsig diff: FILE:LINE: ..." or "crashsig explain: FILE: no crash": the name,
// or "<stdin>" for "-", as compilers and Python call it there. Sentences (help,
// usage messages) say "standard input".
inline std::string input_label(const std::string& name) { return name == "-" ? "<stdin>" : name; }

// One input named on the command line: a file, or standard input for "-". It is
// read through a buffer of its own, so that a reader can tell whether the next line
// is there or would have to be waited for (a pipe or terminal that input trickles
// into).
class InputFile {
 public:
  InputFile() : stream_(&buffer_) {}
  // Opens it; on failure says so on stderr ("crashsig COMMAND: FILE: cannot open
  // file") and returns false.
  bool open(const std::string& name, std::string_view command);
  std::istream& stream() { return stream_; }
  // Whether the next line can be read without waiting for more input: it has
  // arrived whole, or the input has ended.
  bool line_ready() { return buffer_.line_ready(); }
  // After the input ended: if it ended on a read error, says so on stderr
  // ("crashsig COMMAND: FILE: cannot read: <reason>") and returns true.
  bool report_read_error(std::string_view command) const;

 private:
  class Buffer : public std::streambuf {
   public:
    Buffer() = default;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer() override;
    void attach(int fd, bool owned);
    bool line_ready();
    int read_errno() const { return read_errno_; }  // 0 unless a read failed

   protected:
    int_type underflow() override;

   private:
    int fd_ = -1;
    bool owned_ = false;
    // Once a read has said the input ended, no more reads: on a terminal the next
    // one would wait for more typing after Ctrl-D.
    bool ended_ = false;
    int read_errno_ = 0;
    std::vector<char> data_;
    // Reads what the input has next after the unread bytes (moving them to the
    // front, making room when they fill the buffer); false when it has ended.
    bool fill();
  };
  std::string name_ = "-";
  Buffer buffer_;
  std::istream stream_;
};

// Yields the records of one input. The first non-blank line decides the format:
// a line that leaves a JSON object or array open starts a single document that
// runs to the end of the input; otherwise every line is one record (JSON Lines).
// A blank line in JSON Lines is a record too, so that output lines match input lines.
class InputReader {
 public:
  explicit InputReader(InputFile& file) : file_(file) {}
  // Appends up to `max` records to `out`, waiting for the first one but not for
  // more: it stops early when the next line has not arrived yet, so that a caller
  // can answer what came so far (a tool that writes one crash into a pipe and waits
  // for its answer). Returns false at the end of the input.
  bool read(std::vector<InputRecord>& out, std::size_t max);

 private:
  InputFile& file_;
  std::size_t line_ = 0;
  bool decided_ = false;
  bool done_ = false;
};

// Whether `text` leaves a JSON object or array open (brackets outside strings).
bool leaves_json_open(const std::string& text);

}  // namespace crashsig::cli
