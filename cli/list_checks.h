// The checks `crashsig lint` runs on a signature lists directory.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace crashsig::cli {

struct Finding {
  enum class Severity { kError, kWarning };
  std::string file;      // "" when the finding has no file
  std::size_t line = 0;  // 0 when it has no line
  std::size_t column = 0;  // 0 when it has no column
  Severity severity = Severity::kWarning;
  std::string check;     // short name of the check, e.g. "duplicate"
  std::string message;
};

// Every finding for the four lists of `dir`, file by file (irrelevant, prefix,
// sentinels, line numbers), in line order within a file:
//   errors    missing file, not UTF-8, a pattern RE2 rejects
//   warnings  a construct whose meaning differs between Python's re and RE2,
//             duplicate entries, a needless trailing .*, entries out of
//             alphabetical order within their group, prefix entries an irrelevant
//             entry always overrides, sentinels that look like patterns, an empty
//             pattern list
std::vector<Finding> check_signature_lists(const std::string& dir);

}  // namespace crashsig::cli
