// crashsig/siglists.h — signature lists: reading their files and matching their patterns.
//
// A signature lists directory holds four text files with one entry a line (see
// siglists/README.md). Three are lists of Python `re` patterns, which crashsig runs
// with RE2; the sentinels are plain text. The stack rules read them here, and so do
// tools that check lists (`crashsig lint`), so both read a file the same way.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

// Everything the library declares here is part of its ABI (see export.h).
#pragma GCC visibility push(default)

namespace crashsig {

// The list files of a signature lists directory, by name ("<name>.txt").
inline constexpr std::string_view kIrrelevantList = "irrelevant_signature_re";
inline constexpr std::string_view kPrefixList = "prefix_signature_re";
inline constexpr std::string_view kLineNumbersList = "signatures_with_line_numbers_re";
inline constexpr std::string_view kSentinelList = "signature_sentinels";

// One list file as Socorro's get_signature_list_content reads it: each line stripped
// of surrounding (Unicode) whitespace, blank lines and '#' comments skipped.
struct SignatureListFile {
  std::string path;
  std::vector<std::string> entries;
  std::vector<std::size_t> lines;           // lines[i]: the 1-based line of entries[i]
  std::vector<std::size_t> bad_utf8_lines;  // lines that are not UTF-8, left out of entries
};

// Reads `<dir>/<name>.txt` without judging its entries. Throws ConfigError
// "<path>: cannot open".
SignatureListFile read_list_file(const std::string& dir, std::string_view name);

// A line that makes a list unusable: not UTF-8, or an entry RE2 rejects (sentinels
// included: Socorro compiles every line of every list).
struct ListError {
  std::size_t line;
  std::string reason;  // "not valid UTF-8", or RE2's reason ("missing ): a(b")
};
// Every such line, in line order.
std::vector<ListError> list_errors(const SignatureListFile& file);

// Socorro's "|".join(entries): one pattern matching any entry. No entries join to
// "", which matches everything.
std::string join_patterns(const std::vector<std::string>& entries);

// One piece of a Python `re` pattern, as code that reads or rewrites patterns needs
// to see it: escapes and character classes are where Python and RE2 differ, and
// where a plain character scan goes wrong ("[)]", "\\(" are not groups).
struct PythonRegexToken {
  enum class Kind {
    kEscape,          // a backslash and the character after it ("\\d"), in or out of a class
    kClassOpen,       // "[" or "[^", starting a character class
    kClassMember,     // any other character inside a class (a "]" first in it included)
    kClassClose,      // the "]" that ends a class
    kOpenLowerBound,  // "{,n}" or "{,}": a quantifier to Python, literal text to RE2
    kCharacter,       // any other single character outside a class
  };
  Kind kind;
  std::string_view text;  // a view into the pattern
  std::size_t offset;     // where `text` starts in the pattern
  bool in_class;          // inside a character class (escapes and members)

  // Whether this is `c` as syntax: outside a class and not escaped.
  bool is_character(char c) const { return kind == Kind::kCharacter && text[0] == c; }
};

// The tokens of `pattern`, in order; their texts together are the pattern.
std::vector<PythonRegexToken> tokenize_python_regex(std::string_view pattern);
// Whether token k is there and is `c` as syntax.
inline bool is_character_at(const std::vector<PythonRegexToken>& tokens, std::size_t k, char c) {
  return k < tokens.size() && tokens[k].is_character(c);
}

// RE2 syntax for a Python `re` pattern. Python's \d, \w and \s are Unicode-aware,
// its `$` also matches before a final newline, `\Z` is RE2's `\z`, and it reads
// `{,n}` as a quantifier: these are rewritten so that matches agree with Python.
// Constructs RE2 has no equivalent for (lookaround, backreferences) stay as they
// are, and RE2 rejects the pattern. Throws ConfigError for \W and \S inside a
// character class, which it cannot express.
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

  // The bytes a match can start with, [first, last], when RE2 can bound them and
  // the pattern cannot match the empty text; nullopt otherwise.
  struct ByteRange {
    unsigned char first, last;
  };
  std::optional<ByteRange> first_byte_range() const { return first_byte_range_; }

 private:
  std::unique_ptr<re2::RE2> re_;
  std::string required_prefix_;  // what every match starts with
  std::optional<ByteRange> first_byte_range_;
};

// A signature list as Socorro uses it: re.match of "|".join(entries), which for
// entries that each compile is "does any entry match at the start". Most entries
// are plain text, or plain text around `.*` ("ns.*Hashtable", ".*abort"): those are
// answered by a trie walk and substring searches, without RE2. The others are
// joined into one RE2 pattern per first byte a match can start with, so a text
// starting with a byte no such entry can start with needs no RE2 call at all.
// (In the walk, RE2 had cost ~500 ns a call: its DFA is no longer in cache by the
// time the next crash asks.) Immutable and safe to share between threads.
class PythonRegexList {
 public:
  // Throws ConfigError with RE2's reason when an entry does not compile.
  explicit PythonRegexList(const std::vector<std::string>& entries);
  ~PythonRegexList();
  PythonRegexList(PythonRegexList&&) noexcept;
  PythonRegexList& operator=(PythonRegexList&&) noexcept;

  bool match(std::string_view text) const;

  // The index of the first entry that matches each of `texts` (re.match), nullopt
  // when none does (an empty list, which matches every text, has none to name).
  // For explaining a match, such as which entry skipped a frame: each entry is
  // compiled on its own the first time it is asked.
  std::optional<std::size_t> first_matching_entry(const std::vector<std::string_view>& texts) const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace crashsig

#pragma GCC visibility pop
