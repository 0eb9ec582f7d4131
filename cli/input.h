// Reading crash inputs: JSON Lines, or one (possibly pretty-printed) JSON document.
#pragma once

#include <cstddef>
#include <fstream>
#include <iostream>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace crashsig::cli {

struct InputRecord {
  std::size_t line = 0;  // 1-based line where the record starts
  std::string text;
};

// Yields the records of one input. The first non-blank line decides the format:
// a line that leaves a JSON object or array open starts a single document that
// runs to the end of the input; otherwise every line is one record (JSON Lines).
// A blank line in JSON Lines is a record too, so that output lines match input lines.
class InputReader {
 public:
  explicit InputReader(std::istream& in) : in_(in) {}
  // Appends up to `max` records to `out`; returns false at the end of the input.
  bool read(std::vector<InputRecord>& out, std::size_t max);

 private:
  std::istream& in_;
  std::size_t line_ = 0;
  bool decided_ = false;
  bool done_ = false;
};

// One input named on the command line: a file, or standard input for "-".
class InputFile {
 public:
  // Opens it; on failure says so on stderr ("crashsig COMMAND: FILE: cannot open
  // file") and returns false.
  bool open(const std::string& name, std::string_view command);
  std::istream& stream() { return file_.is_open() ? static_cast<std::istream&>(file_) : std::cin; }

 private:
  std::ifstream file_;
};

// Whether `text` leaves a JSON object or array open (brackets outside strings).
bool leaves_json_open(const std::string& text);

}  // namespace crashsig::cli
