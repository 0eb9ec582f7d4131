// `crashsig signify`: signatures for crash files, one JSON object per crash.
#pragma once

#include <string>
#include <vector>

namespace crashsig::cli {

struct SignifyOptions {
  std::string ruleset = "default";
  std::string siglists;
  std::vector<std::string> files;  // empty or "-": standard input
  unsigned jobs = 1;
  bool debug_log = false;
  bool progress = false;           // progress line on stderr
};

// Returns the exit status: 0 all crashes signed, 1 some input could not be read,
// 2 the ruleset, lists or plugins could not be loaded (message on stderr).
int run_signify(const SignifyOptions& options);

}  // namespace crashsig::cli
