#include "list_checks.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>

#include "crashsig/rule.h"
#include "crashsig/siglists.h"
#include "pattern_samples.h"

namespace fs = std::filesystem;

namespace crashsig::cli {

namespace {

using Severity = Finding::Severity;

// How many sample frames a prefix entry is tried with.
constexpr std::size_t kSamples = 24;

struct ListCheck {
  const SignatureListFile& file;
  std::vector<Finding>& findings;

  void add(std::size_t line, Severity severity, const char* check, std::string message) const {
    findings.push_back(Finding{file.path, line, 0, severity, check, std::move(message)});
  }
};

// ---- what differs between Python's re and RE2 ------------------------------------

// The message for an escape whose meaning differs, or null.
const char* escape_difference(char e) {
  switch (e) {
    case 'd':
    case 'D':
      return "is any Unicode decimal digit in Python's re but only 0-9 in RE2 (crashsig matches as Python "
             "does); write [0-9] to mean the same in both";
    case 'w':
    case 'W':
      return "is any Unicode letter, digit or _ in Python's re but only [0-9A-Za-z_] in RE2 (crashsig matches "
             "as Python does); write the class you mean, e.g. [0-9A-Za-z_]";
    case 's':
    case 'S':
      return "is any Unicode whitespace in Python's re but only ASCII whitespace in RE2 (crashsig matches as "
             "Python does); write the characters you mean, e.g. [ ]";
    case 'b':
    case 'B':
      return "is a Unicode word boundary in Python's re but an ASCII one in RE2, which is how crashsig runs it";
    case 'Z':
      return "is the end of the text in Python's re, but RE2 has no \\Z (crashsig reads it as \\z); use $, or "
             "leave the end open";
    case 'z':
      return "is the end of the text in RE2, but Python's re rejects it: Socorro cannot load this list";
    default: return nullptr;
  }
}

// Warns, once per construct, where Python's re and RE2 read entry `p` differently.
void check_dialect(const ListCheck& c, std::size_t line, std::string_view p) {
  using Kind = PythonRegexToken::Kind;
  std::map<std::string, const char*> found;  // construct -> message, one report each
  for (const PythonRegexToken& t : tokenize_python_regex(p)) {
    if (t.kind == Kind::kEscape) {
      if (const char* why = escape_difference(t.text[1])) found.emplace(std::string(t.text), why);
    } else if (t.is_character('$')) {
      found.emplace("$",
                    "also matches before a newline that ends the text in Python's re, but not in RE2 (crashsig "
                    "matches as Python does)");
    } else if (t.kind == Kind::kOpenLowerBound) {
      found.emplace(std::string(t.text),
                    "is a quantifier (0 to n times) in Python's re but literal text in RE2 (crashsig reads it "
                    "as Python does); write {0,n}");
    }
  }
  for (const auto& [construct, why] : found)
    c.add(line, Severity::kWarning, "python-re2", "`" + construct + "` " + why);
}

// ---- needless trailing .* ----------------------------------------------------------

// Whether an alternative at the top level of `p` ends in an unescaped `.*` (or
// `.*?`): entries match at the start of a frame and need not reach its end, so
// the `.*` changes nothing.
bool has_trailing_dot_star(std::string_view p) {
  const std::vector<PythonRegexToken> tokens = tokenize_python_regex(p);
  int depth = 0;
  std::size_t dot_star_end = std::string_view::npos;  // just past the last top-level `.*`
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (is_character_at(tokens, k, '(')) {
      ++depth;
    } else if (is_character_at(tokens, k, ')')) {
      --depth;
    } else if (depth == 0 && is_character_at(tokens, k, '.') && is_character_at(tokens, k + 1, '*')) {
      k += is_character_at(tokens, k + 2, '?') ? 2 : 1;
      dot_star_end = tokens[k].offset + 1;
      if (dot_star_end == p.size()) return true;
    } else if (depth == 0 && is_character_at(tokens, k, '|') && dot_star_end == tokens[k].offset) {
      return true;
    }
  }
  return false;
}

// ---- order -------------------------------------------------------------------------

// What entries are ordered by: their letters and digits, case ignored, without
// optional groups such as "(__GI_)?". A group goes only if every group inside it
// goes too: "((a)?b)?" goes, "((a)b)?" stays.
std::string sort_key(std::string_view entry) {
  const std::vector<PythonRegexToken> tokens = tokenize_python_regex(entry);
  struct OpenGroup {
    std::size_t key_size;  // the key's length where the group starts
    bool keeps_a_group;    // a group inside it stays in the key
  };
  std::vector<OpenGroup> open;
  std::string key;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (is_character_at(tokens, k, '(')) {
      open.push_back({key.size(), false});
    } else if (is_character_at(tokens, k, ')') && !open.empty()) {
      const OpenGroup group = open.back();
      open.pop_back();
      if (is_character_at(tokens, k + 1, '?') && !group.keeps_a_group) {
        key.resize(group.key_size);
        ++k;
      } else if (!open.empty()) {
        open.back().keeps_a_group = true;
      }
    } else {
      for (const char ch : tokens[k].text)
        if (std::isalnum(static_cast<unsigned char>(ch)))
          key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
  }
  return key;
}

void check_order(const ListCheck& c) {
  const SignatureListFile& f = c.file;
  for (std::size_t i = 1; i < f.entries.size(); ++i) {
    if (f.lines[i] != f.lines[i - 1] + 1) continue;  // a comment or blank line starts a new group
    if (sort_key(f.entries[i]) < sort_key(f.entries[i - 1]))
      c.add(f.lines[i], Severity::kWarning, "order",
            "out of alphabetical order: belongs before line " + std::to_string(f.lines[i - 1]) + " (`" +
                f.entries[i - 1] + "`)");
  }
}

// ---- the checks of one file ----------------------------------------------------------

void check_duplicates(const ListCheck& c) {
  std::map<std::string_view, std::size_t> first_line;
  for (std::size_t i = 0; i < c.file.entries.size(); ++i) {
    auto [at, added] = first_line.emplace(c.file.entries[i], c.file.lines[i]);
    if (!added) c.add(c.file.lines[i], Severity::kWarning, "duplicate", "duplicate of line " + std::to_string(at->second));
  }
}

// Whether a sentinel (plain text) looks like it was written as a pattern.
std::optional<std::string> pattern_syntax(std::string_view s) {
  for (std::string_view token : {"\\", ".*", ".+", "(?", "[^"})
    if (s.find(token) != std::string_view::npos) return std::string(token);
  if (s.front() == '^') return std::string("^");
  if (s.back() == '$') return std::string("$");
  return std::nullopt;
}

void check_sentinels(const ListCheck& c) {
  for (std::size_t i = 0; i < c.file.entries.size(); ++i)
    if (auto token = pattern_syntax(c.file.entries[i]))
      c.add(c.file.lines[i], Severity::kWarning, "sentinel-pattern",
            "looks like a pattern (`" + *token + "`), but sentinels are plain text: a frame must equal the line exactly");
}

void check_patterns(const ListCheck& c, const std::vector<std::size_t>& bad_lines) {
  const SignatureListFile& f = c.file;
  if (f.entries.empty() && f.bad_utf8_lines.empty())
    c.add(0, Severity::kError, "empty-list",
          "no entries: the list joins to the empty pattern, which matches every frame");
  for (std::size_t i = 0; i < f.entries.size(); ++i) {
    if (std::find(bad_lines.begin(), bad_lines.end(), f.lines[i]) != bad_lines.end()) continue;
    check_dialect(c, f.lines[i], f.entries[i]);
    if (has_trailing_dot_star(f.entries[i]))
      c.add(f.lines[i], Severity::kWarning, "trailing-dot-star",
            "needless trailing `.*`: entries match at the start of a frame and need not reach its end");
  }
}

// Prefix entries that never take effect: the walk tries the irrelevant list first,
// so a frame both lists match is skipped. An entry is reported when every sample
// frame it matches is also irrelevant.
void check_shadowed_prefixes(const SignatureListFile& irrelevant, const SignatureListFile& prefix,
                             std::vector<Finding>& findings) {
  std::optional<PythonRegexList> irrelevant_list;
  try {
    irrelevant_list.emplace(irrelevant.entries);
  } catch (const ConfigError&) {
    return;  // already reported as an error
  }
  for (std::size_t i = 0; i < prefix.entries.size(); ++i) {
    std::optional<PythonRegex> entry;
    try {
      entry.emplace(prefix.entries[i]);
    } catch (const ConfigError&) {
      continue;
    }
    const auto samples = sample_matches(prefix.entries[i], kSamples);
    if (!samples) continue;
    std::vector<std::string_view> frames;
    for (const std::string& s : *samples)
      if (entry->match(s)) frames.push_back(s);
    if (frames.empty()) continue;
    if (!std::all_of(frames.begin(), frames.end(), [&](std::string_view f) { return irrelevant_list->match(f); }))
      continue;
    std::string culprit = "the irrelevant list";
    if (const std::optional<std::size_t> k = irrelevant_list->first_matching_entry(frames))
      culprit = fs::path(irrelevant.path).filename().string() + ":" + std::to_string(irrelevant.lines[*k]) + " (`" +
                irrelevant.entries[*k] + "`)";
    findings.push_back(Finding{prefix.path, prefix.lines[i], 0, Severity::kWarning, "shadowed-prefix",
                               "never takes effect: " + culprit +
                                   " matches every frame this entry matches, and irrelevant frames are "
                                   "skipped before the prefix list is asked"});
  }
}

}  // namespace

std::vector<Finding> check_signature_lists(const std::string& dir) {
  std::vector<Finding> findings;
  std::map<std::string_view, SignatureListFile> files;
  std::map<std::string, std::size_t> file_rank;
  for (std::string_view name : {kIrrelevantList, kPrefixList, kSentinelList, kLineNumbersList}) {
    file_rank.emplace(dir + "/" + std::string(name) + ".txt", file_rank.size());
    SignatureListFile file;
    try {
      file = read_list_file(dir, name);
    } catch (const ConfigError&) {
      findings.push_back(Finding{dir + "/" + std::string(name) + ".txt", 0, 0, Severity::kError, "missing-file",
                                 "cannot open: a lists directory needs all four list files"});
      continue;
    }
    const ListCheck check{file, findings};
    std::vector<std::size_t> bad_lines;
    for (const ListError& error : list_errors(file)) {
      const bool utf8 = error.reason == "not valid UTF-8";
      check.add(error.line, Severity::kError, utf8 ? "utf8" : "regex",
                utf8 ? error.reason : "RE2 rejects this pattern: " + error.reason);
      bad_lines.push_back(error.line);
    }
    if (name == kSentinelList) check_sentinels(check);
    else check_patterns(check, bad_lines);
    check_duplicates(check);
    check_order(check);
    files.emplace(name, std::move(file));
  }
  if (files.count(kIrrelevantList) && files.count(kPrefixList))
    check_shadowed_prefixes(files.at(kIrrelevantList), files.at(kPrefixList), findings);
  // File by file in the order read, then by line.
  std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
    const std::size_t ra = file_rank.at(a.file), rb = file_rank.at(b.file);
    return ra != rb ? ra < rb : a.line < b.line;
  });
  return findings;
}

}  // namespace crashsig::cli
