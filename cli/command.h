// The shape every `crashsig` subcommand shares, and what they have in common:
// choosing a ruleset, loading it, reading crashes and crash ids, and writing text
// for people and programs.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/engine.h"

namespace crashsig::cli {

// A subcommand: added to the parser by its add_*_command(); `run` runs it once the
// command line is parsed and returns the exit status.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// --ruleset and --siglists, which every command that signs crashes takes.
struct RulesetChoice {
  std::string ruleset = "default";
  std::string siglists;  // empty: the ruleset's own lists

  EngineOptions engine_options() const;
};
void add_ruleset_options(CLI::App& command, RulesetChoice& choice);
// For commands that also take the ruleset as their one positional argument
// (`crashsig lint [RULESET]`): the positional wins; giving both differently is a
// usage error.
void add_ruleset_argument(CLI::App& command, std::string& positional);
// Applies the positional ruleset; returns false (after saying why) on a conflict.
bool settle_ruleset(RulesetChoice& choice, const std::string& positional, const CLI::App& command);

// --format, for the commands that write reports: one of `formats`, the first the
// default. The help names them from the same list, so what it says and what it
// takes cannot drift apart, nor the commands' help from each other.
void add_format_option(CLI::App& command, std::string& format, const std::vector<std::string>& formats);

// Loads the engine, or says why it cannot on stderr ("crashsig: ...") and returns null.
std::unique_ptr<Engine> load_engine(const EngineOptions& options);

// Exit statuses shared by the commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;  // some input failed, or lint found errors
inline constexpr int kExitCannotStart = 2;  // usage, ruleset, lists or plugins

// A progress line on stderr ("signature: 12/50"), rewritten in place. Only shown
// when `enabled` (stderr is a terminal and the run is long enough to need it);
// messages printed through it do not get mixed into the line.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled) {}
  ~ProgressLine() { clear(); }
  void show(const std::string& text);
  // Prints a line on stderr, above the progress line.
  void message(const std::string& line);
  void clear();

 private:
  bool enabled_;
  std::size_t shown_ = 0;  // length of the line on screen
};

// ---- output helpers ----------------------------------------------------------

// `s` as a JSON string literal.
std::string json_string(std::string_view s);
// A JSON array of strings; append_json_strings writes one (from any sequence of
// strings: a vector, a StringList) at the end of `out`.
std::string json_strings(const std::vector<std::string>& items);
template <class Strings>
void append_json_strings(std::string& out, const Strings& items) {
  out += '[';
  bool first = true;
  for (std::string_view item : items) {
    if (!first) out += ", ";
    first = false;
    append_json_string(out, item);
  }
  out += ']';
}
// `s` as a CSV field: always quoted, quotes doubled.
std::string csv_field(std::string_view s);
// `s` as the text of a Markdown table cell: '|' and newlines cannot stay raw.
std::string markdown_cell(std::string_view s);
// `s` as Markdown inline code, with a fence long enough for the backticks inside;
// the empty string as `""` (empty code spans do not render).
std::string markdown_code(std::string_view s);
// A number with thousands separators: 12,345.
std::string with_commas(std::size_t n);

// Rows of cells laid out in columns padded with spaces (the last column is not
// padded), each row one line.
std::string text_table(const std::vector<std::vector<std::string>>& rows);

// ---- input helpers -----------------------------------------------------------

// `text` without the whitespace JSON allows around a value (space, tab, CR, LF).
// A line that strips to nothing is blank: it holds no crash, nor a crash id.
std::string_view strip_blanks(std::string_view text);
inline bool is_blank(std::string_view line) { return strip_blanks(line).empty(); }

// JsonReader::parse_object in the words of the commands' messages, which tell text
// that is not JSON from JSON that is not an object: false with `why` "invalid JSON:
// <the parser's reason>" or "expected a JSON object, got list".
bool parse_json_object(JsonReader& reader, std::string_view text, Document& doc, std::string& why);

}  // namespace crashsig::cli
