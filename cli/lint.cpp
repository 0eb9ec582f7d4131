#include "lint.h"

#include <cctype>
#include <filesystem>
#include <iostream>

#include "list_checks.h"

namespace fs = std::filesystem;

namespace crashsig::cli {

namespace {

struct LintOptions {
  RulesetChoice ruleset;
  std::string positional;
};

// "file:line[:column]: rest" split at its place, when the message starts with one.
bool take_place(Finding& f) {
  const std::string& m = f.message;
  for (std::size_t i = 0; i + 1 < m.size(); ++i) {
    if (m[i] != ':' || !std::isdigit(static_cast<unsigned char>(m[i + 1]))) continue;
    std::size_t line_end = i + 1;
    while (line_end < m.size() && std::isdigit(static_cast<unsigned char>(m[line_end]))) ++line_end;
    std::size_t end = line_end;
    if (end + 1 < m.size() && m[end] == ':' && std::isdigit(static_cast<unsigned char>(m[end + 1]))) {
      ++end;
      while (end < m.size() && std::isdigit(static_cast<unsigned char>(m[end]))) ++end;
    }
    if (m.compare(end, 2, ": ") != 0) continue;
    f.file = m.substr(0, i);
    f.line = std::stoul(m.substr(i + 1, line_end - i - 1));
    f.column = end > line_end ? std::stoul(m.substr(line_end + 1, end - line_end - 1)) : 0;
    f.message = m.substr(end + 2);
    return true;
  }
  return false;
}

// A load error as a finding. It may nest places ("ruleset.yaml:21: x.rule:9:6:
// error: ..."): the innermost is where the mistake is.
Finding load_error_finding(const std::string& message) {
  Finding f{"", 0, 0, Finding::Severity::kError, "ruleset", message};
  while (take_place(f)) {
  }
  constexpr std::string_view kError = "error: ";
  if (f.message.compare(0, kError.size(), kError) == 0) f.message.erase(0, kError.size());
  return f;
}

// Whether a load error only repeats an error already found in a list file (the
// stack rules refuse lists with the first error they meet).
bool repeats_list_error(const std::string& message, const std::vector<Finding>& findings) {
  for (const Finding& f : findings)
    if (f.severity == Finding::Severity::kError && !f.file.empty() &&
        message.find(f.file + (f.line ? ":" + std::to_string(f.line) + ":" : std::string(":"))) != std::string::npos)
      return true;
  return false;
}

// A path as the user would write it: relative to the current directory when inside it.
std::string display_path(const std::string& path) {
  if (path.empty()) return path;
  std::error_code ec;
  const fs::path relative = fs::path(path).lexically_relative(fs::current_path(ec));
  if (ec || relative.empty() || *relative.begin() == "..") return path;
  return relative.string();
}

std::string format_finding(const Finding& f) {
  std::string out;
  if (!f.file.empty()) {
    out += display_path(f.file);
    if (f.line) out += ":" + std::to_string(f.line);
    if (f.column) out += ":" + std::to_string(f.column);
    out += ": ";
  }
  out += f.severity == Finding::Severity::kError ? "error: " : "warning: ";
  // The check's name ends the first line; a rule file's error goes on with the
  // source line and a caret under the mistake.
  const std::size_t first_line_end = std::min(f.message.find('\n'), f.message.size());
  return out + f.message.substr(0, first_line_end) + " [" + f.check + "]" + f.message.substr(first_line_end);
}

std::string count(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

int run(LintOptions& o, const CLI::App& command) {
  if (!settle_ruleset(o.ruleset, o.positional, command)) return kExitCannotStart;
  const EngineOptions options = o.ruleset.engine_options();
  // Loading checks the ruleset, rule names and options, plugins and rule files;
  // every rule that does not load is reported, not only the first.
  const RulesetCheck check = check_ruleset(options);
  std::vector<Finding> findings;
  if (!check.files.siglists_dir.empty()) findings = check_signature_lists(check.files.siglists_dir);
  std::vector<Finding> load_findings;
  for (const LoadError& e : check.errors)
    if (!repeats_list_error(e.what(), findings)) load_findings.push_back(load_error_finding(e.what()));
  findings.insert(findings.begin(), load_findings.begin(), load_findings.end());

  std::size_t errors = 0;
  for (const Finding& f : findings) {
    std::cout << format_finding(f) << "\n";
    errors += f.severity == Finding::Severity::kError;
  }
  const std::size_t warnings = findings.size() - errors;
  std::cout << "crashsig lint: " << o.ruleset.ruleset << ": "
            << (findings.empty() ? std::string("no problems found")
                                 : count(errors, "error") + ", " + count(warnings, "warning"))
            << "\n";
  return errors ? kExitFindings : kExitOk;
}

}  // namespace

Command add_lint_command(CLI::App& crashsig) {
  auto o = std::make_shared<LintOptions>();
  CLI::App* c = crashsig.add_subcommand("lint", "Check a ruleset, its signature lists and its rule files");
  c->description(
      "Check a ruleset, its signature lists and its rule files.\n\n"
      "Prints one line per finding: FILE:LINE: error|warning: what [check].\n\n"
      "Errors (the ruleset would not load, or Socorro could not load the lists):\n"
      "  ruleset        the ruleset, a rule, its options or a rule file does not load\n"
      "  regex          an entry RE2 rejects (lookaround, backreferences, bad syntax)\n"
      "  utf8           a line that is not UTF-8\n"
      "  missing-file   one of the four list files is missing\n"
      "  empty-list     a pattern list with no entries matches every frame\n"
      "Warnings (it loads, but probably does not do what was meant):\n"
      "  python-re2         \\d \\w \\s \\b \\Z \\z $ or {,n}: they mean different things in\n"
      "                     Python's re (Socorro) and RE2\n"
      "  duplicate          the same entry twice in one file\n"
      "  trailing-dot-star  a needless trailing .* (entries match at the start of a frame)\n"
      "  order              an entry out of alphabetical order within its group (lines between\n"
      "                     comments or blank lines), by letters and digits, ignoring case,\n"
      "                     punctuation and optional groups such as (__GI_)?\n"
      "  shadowed-prefix    a prefix entry that never takes effect: an irrelevant entry\n"
      "                     matches every frame it matches (checked on sample frames)\n"
      "  sentinel-pattern   a sentinel line that looks like a pattern (sentinels are plain text)\n\n"
      "Exit status: 0 no errors (warnings only, or nothing); 1 errors found; 2 bad usage.");
  c->footer(
      "Examples:\n"
      "  crashsig lint\n"
      "  crashsig lint --siglists my-lists\n"
      "  crashsig lint rulesets/mine.yaml");
  add_ruleset_options(*c, o->ruleset);
  add_ruleset_argument(*c, o->positional);
  return Command{c, [o, c] { return run(*o, *c); }};
}

}  // namespace crashsig::cli
