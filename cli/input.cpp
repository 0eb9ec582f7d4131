#include "input.h"

#include "crashsig/json.h"

namespace crashsig::cli {

bool InputFile::open(const std::string& name, std::string_view command) {
  if (name == "-") return true;
  file_.open(name, std::ios::binary);
  if (!file_) std::cerr << "crashsig " << command << ": " << name << ": cannot open file\n";
  return static_cast<bool>(file_);
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
  while (added < max && std::getline(in_, line)) {
    ++line_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Most lines already have the room (getline grows by doubling): then the
    // parser reads them where they are.
    reserve_json_padding(line);
    if (!decided_) {
      if (line.find_first_not_of(" \t") == std::string::npos) {
        out.push_back({line_, std::move(line)});
        ++added;
        continue;
      }
      decided_ = true;
      if (leaves_json_open(line)) {
        // One document: the rest of the input belongs to it.
        InputRecord doc{line_, std::move(line)};
        std::string more;
        while (std::getline(in_, more)) {
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
  if (added < max) done_ = true;
  return added > 0 || !done_;
}

}  // namespace crashsig::cli
