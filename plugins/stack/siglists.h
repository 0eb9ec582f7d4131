// The signature lists CSignatureTool uses, read with the engine's list reader.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crashsig/siglists.h"

namespace crashsig::stack {

// The entries of `<dir>/<name>.txt` (see read_list_file). Every line must be UTF-8
// and every entry a valid pattern (sentinels too, as in Socorro). Throws
// ConfigError "<path>:<line>: <reason>" for the first line that is not (line
// numbers from 1), or "<path>: cannot open".
SignatureListFile read_checked_list(const std::string& dir, std::string_view name);
std::vector<std::string> read_signature_list(const std::string& dir, std::string_view name);

// Where a list's entries came from, to name the entry that decided a frame when a
// walk is traced.
struct ListOrigin {
  std::string path;
  std::vector<std::size_t> lines;  // lines[i]: the line of the list's entry i
};

// The four lists CSignatureTool uses.
struct SignatureLists {
  std::vector<std::string> irrelevant;    // frames to skip
  std::vector<std::string> prefix;        // frames to keep walking past
  std::vector<std::string> line_numbers;  // functions that get ":<line>" appended
  std::vector<std::string> sentinels;     // frames the signature starts at (exact text)
  ListOrigin irrelevant_origin;
  ListOrigin prefix_origin;
  ListOrigin sentinel_origin;

  static SignatureLists read(const std::string& dir);
};

}  // namespace crashsig::stack
