// Python `re` patterns, as Socorro's signature lists are written, run with RE2.
//
// RE2 accepts almost all of the lists as they are, but a few constructs mean
// something else in RE2: Python's \d, \w and \s are Unicode-aware, its `$` also
// matches before a final newline, and it reads `{,n}` as a quantifier. The
// translation below rewrites those so matches agree with Python. Constructs RE2
// has no equivalent for (lookaround, backreferences) stay as they are and RE2
// rejects the pattern.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace crashsig::stack {

// RE2 syntax for a Python pattern. Throws ConfigError for the few escapes it cannot
// express (\W and \S inside a character class).
std::string translate_python_regex(std::string_view pattern);

// Throws ConfigError with RE2's reason when the pattern does not compile.
void check_python_regex(std::string_view pattern);

// A compiled Python pattern used the way Socorro uses its lists: re.match, a match
// anchored at the start of the text that need not reach its end. Immutable and safe
// to share between threads.
class PythonRegex {
 public:
  // Throws ConfigError with RE2's reason when the pattern does not compile.
  explicit PythonRegex(std::string_view pattern);
  ~PythonRegex();
  PythonRegex(PythonRegex&&) noexcept;
  PythonRegex& operator=(PythonRegex&&) noexcept;

  bool match(std::string_view text) const;

 private:
  std::unique_ptr<re2::RE2> re_;
  std::string required_prefix_;  // what every match starts with
};

}  // namespace crashsig::stack
