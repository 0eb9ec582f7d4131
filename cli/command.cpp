#include "command.h"

#include <iostream>

#include "crashsig/json.h"
#include "crashsig/python.h"

namespace crashsig::cli {

EngineOptions RulesetChoice::engine_options() const {
  EngineOptions options;
  options.ruleset = ruleset;
  options.siglists_dir = siglists;
  return options;
}

void add_ruleset_options(CLI::App& command, RulesetChoice& choice) {
  command.add_option("--ruleset", choice.ruleset,
                     "Ruleset: a name ('default', 'socorro-current') or a ruleset YAML file")
      ->default_val("default");
  command.add_option("--siglists", choice.siglists,
                     "Signature lists directory to use instead of the ruleset's")
      ->check(CLI::ExistingDirectory);
}

void add_ruleset_argument(CLI::App& command, std::string& positional) {
  command.add_option("RULESET", positional, "The ruleset, as --ruleset takes it (default: 'default')");
}

bool settle_ruleset(RulesetChoice& choice, const std::string& positional, const CLI::App& command) {
  if (positional.empty()) return true;
  if (command.count("--ruleset") > 0 && choice.ruleset != positional) {
    std::cerr << "crashsig " << command.get_name() << ": the ruleset is given twice ('" << positional
              << "' and --ruleset '" << choice.ruleset << "')\n";
    return false;
  }
  choice.ruleset = positional;
  return true;
}

void add_format_option(CLI::App& command, std::string& format, const std::vector<std::string>& formats) {
  std::string help = "Output format: ";
  for (std::size_t i = 0; i < formats.size(); ++i) {
    if (i > 0) help += i + 1 < formats.size() ? ", " : " or ";
    help += formats[i];
    // What Markdown output is for is the one thing its name does not say.
    if (formats[i] == "markdown") help += " (to paste into a bug)";
  }
  command.add_option("--format", format, help)->default_val(formats.front())->check(CLI::IsMember(formats));
}

std::unique_ptr<Engine> load_engine(const EngineOptions& options) {
  try {
    return Engine::load(options);
  } catch (const std::exception& e) {
    std::cerr << "crashsig: " << e.what() << "\n";
    return nullptr;
  }
}

void ProgressLine::show(const std::string& text) {
  if (!enabled_) return;
  std::string line = "\r" + text;
  if (text.size() < shown_) line.append(shown_ - text.size(), ' ');
  std::cerr << line << std::flush;
  shown_ = text.size();
}

void ProgressLine::message(const std::string& line) {
  clear();
  std::cerr << line << "\n";
}

void ProgressLine::clear() {
  if (!enabled_ || shown_ == 0) return;
  std::cerr << "\r" << std::string(shown_, ' ') << "\r" << std::flush;
  shown_ = 0;
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string json_strings(const std::vector<std::string>& items) {
  std::string out;
  append_json_strings(out, items);
  return out;
}

std::string csv_field(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string markdown_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string markdown_code(std::string_view s) {
  if (s.empty()) return "`\"\"`";
  // The fence is one backtick longer than the longest run inside; a space pads
  // text that starts or ends with a backtick.
  std::size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = !s.empty() && (s.front() == '`' || s.back() == '`');
  std::string out = fence;
  if (pad) out += ' ';
  out += s;
  if (pad) out += ' ';
  return out + fence;
}

std::string with_commas(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string text_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows)
    for (std::size_t c = 0; c + 1 < row.size(); ++c) {
      if (widths.size() <= c) widths.resize(c + 1, 0);
      widths[c] = std::max(widths[c], py::length(row[c]));
    }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line.append(widths[c] - py::length(row[c]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  }
  return out;
}

std::string_view strip_blanks(std::string_view text) { return py::strip_chars(text, " \t\r\n"); }

bool parse_json_object(JsonReader& reader, std::string_view text, Document& doc, std::string& why) {
  const JsonReader::ObjectParse found = reader.parse_object(text, doc, why);
  if (found == JsonReader::ObjectParse::kInvalidJson) why.insert(0, "invalid JSON: ");
  return found == JsonReader::ObjectParse::kObject;
}

}  // namespace crashsig::cli
