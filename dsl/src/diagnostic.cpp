#include "crashsig/dsl/diagnostic.h"

#include <algorithm>
#include <cctype>

namespace crashsig::dsl {

namespace {

// The text of the 1-based `line`, without its line break.
std::string_view line_of(std::string_view text, std::size_t line) {
  std::size_t start = 0;
  for (std::size_t n = 1; n < line; ++n) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return text.substr(start, end - start);
}

}  // namespace

std::string format_diagnostic(const Source& source, SourcePosition at, std::string_view message) {
  std::string out = source.path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                    ": error: " + std::string(message) + "\n";
  const std::string_view line = line_of(source.text, at.line);
  out.append(line).append("\n");
  // The caret goes under the column: tabs are kept so it lines up in a terminal,
  // and a multi-byte UTF-8 character takes one place.
  const std::size_t before = std::min(at.column - 1, line.size());
  for (std::size_t i = 0; i < before; ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    out += c == '\t' ? '\t' : ' ';
  }
  out += '^';
  return out;
}

}  // namespace crashsig::dsl
