// Reading signature list files, as Socorro's get_signature_list_content does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crashsig::stack {

// The entries of `<dir>/<name>.txt`: each line stripped of surrounding whitespace,
// blank lines and '#' comments skipped. The file must be UTF-8 and every entry must
// be a valid pattern (sentinels too, as in Socorro). Throws ConfigError
// "<path>:<line>: <reason>" (line numbers from 1) or "<path>: cannot open".
std::vector<std::string> read_signature_list(const std::string& dir, std::string_view name);

// The four lists CSignatureTool uses.
struct SignatureLists {
  std::vector<std::string> irrelevant;    // frames to skip
  std::vector<std::string> prefix;        // frames to keep walking past
  std::vector<std::string> line_numbers;  // functions that get ":<line>" appended
  std::vector<std::string> sentinels;     // frames the signature starts at (exact text)

  static SignatureLists read(const std::string& dir);
};

// Socorro's "|".join(lines): one pattern matching any entry. An empty list joins
// to "", which matches everything.
std::string join_patterns(const std::vector<std::string>& entries);

}  // namespace crashsig::stack
