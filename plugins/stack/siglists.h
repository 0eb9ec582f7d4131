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

// The four lists CSignatureTool uses, as read: each entry with the file and line
// it came from, which traces name.
struct SignatureLists {
  SignatureListFile irrelevant;    // frames to skip
  SignatureListFile prefix;        // frames to keep walking past
  SignatureListFile line_numbers;  // functions that get ":<line>" appended
  SignatureListFile sentinels;     // frames the signature starts at (exact text)

  static SignatureLists read(const std::string& dir);
};

}  // namespace crashsig::stack
