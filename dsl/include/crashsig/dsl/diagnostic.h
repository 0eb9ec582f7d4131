// crashsig/dsl/diagnostic.h — load-time errors in rule files.
//
// Every error is reported the way compilers do, so editors can jump to it:
//
//   rulesets/socorro/OOMSignature.rule:12:9: error: unknown function 'lenght' (did you mean 'len'?)
//       if lenght(reason) > 3:
//          ^
#pragma once

#include "crashsig/nearest_name.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/rule.h"

namespace crashsig::dsl {

// A rule file's text and the name it is reported under.
struct Source {
  std::string path;
  std::string text;
};

// 1-based line, and 1-based column counted in bytes (as PEGTL counts).
struct SourcePosition {
  std::size_t line = 1;
  std::size_t column = 1;
};

// "path:line:column: error: message", the source line, and a caret under the column.
std::string format_diagnostic(const Source& source, SourcePosition at, std::string_view message);

// A rule file that cannot be compiled. A ConfigError, so the engine reports it as
// it reports any rule that cannot be created; what() is the whole diagnostic.
class CompileError : public ConfigError {
 public:
  CompileError(const Source& source, SourcePosition at, const std::string& message)
      : ConfigError(format_diagnostic(source, at, message)), message_(message), at_(at) {}
  const std::string& message() const { return message_; }
  SourcePosition position() const { return at_; }

 private:
  std::string message_;
  SourcePosition at_;
};

// Suggestions for misspelt names come from the engine's crashsig::did_you_mean.
using crashsig::did_you_mean;

}  // namespace crashsig::dsl
