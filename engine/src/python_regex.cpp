// Python `re` patterns, as signature lists are written, run with RE2 (see siglists.h).
#include <re2/re2.h>

#include <cstring>

#include "crashsig/python.h"
#include "crashsig/rule.h"
#include "crashsig/siglists.h"
#include "plain_expansion.h"

namespace crashsig {

namespace {

// What Python's \s matches in a str pattern: the characters str.isspace() accepts.
constexpr std::string_view kSpaceMembers =
    "\\t-\\r\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
    "\\x{202f}\\x{205f}\\x{3000}";
// What Python's \w matches: str.isalnum() (letters and numbers) or '_'.
constexpr std::string_view kWordMembers = "\\p{L}\\p{N}_";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

// Length of a Python `{,n}` or `{,}` quantifier at p[i] (0 when there is none).
// RE2 reads these as literal text; Python as {0,n} and {0,}.
std::size_t open_lower_bound_quantifier(std::string_view p, std::size_t i) {
  if (i + 2 >= p.size() || p[i + 1] != ',') return 0;
  std::size_t j = i + 2;
  while (j < p.size() && is_digit(p[j])) ++j;
  return j < p.size() && p[j] == '}' ? j - i + 1 : 0;
}

// Python's \uXXXX and \UXXXXXXXX escapes, which RE2 spells \x{...}. Returns the
// number of pattern bytes consumed after the backslash (0 when it is not one).
std::size_t unicode_escape(std::string_view p, std::size_t i, std::string& out) {
  const std::size_t digits = p[i] == 'u' ? 4 : 8;
  if (i + digits >= p.size()) return 0;
  for (std::size_t k = 1; k <= digits; ++k)
    if (!is_hex_digit(p[i + k])) return 0;
  out.append("\\x{").append(p.substr(i + 1, digits)).append("}");
  return digits + 1;
}

// Lone surrogates (kept by json.loads, stored as WTF-8) are invalid UTF-8 to RE2,
// which then lets no `.` or negated class match them, while Python's do. U+FFFD
// behaves like a lone surrogate for every pattern that does not name either, and
// has the same encoded length.
bool has_surrogate(std::string_view s) {
  for (std::size_t i = s.find('\xED'); i != std::string_view::npos; i = s.find('\xED', i + 1))
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0xA0) return true;
  return false;
}

void replace_surrogates(std::string_view s, std::string& out) {
  out.assign(s);
  for (std::size_t i = 0; i + 2 < out.size(); ++i) {
    if (static_cast<unsigned char>(out[i]) == 0xED && static_cast<unsigned char>(out[i + 1]) >= 0xA0) {
      out.replace(i, 3, "\xEF\xBF\xBD");
      i += 2;
    }
  }
}

}  // namespace

std::vector<PythonRegexToken> tokenize_python_regex(std::string_view p) {
  using Kind = PythonRegexToken::Kind;
  std::vector<PythonRegexToken> tokens;
  tokens.reserve(p.size());  // at most one token a byte
  bool in_class = false;
  std::size_t class_first = 0;  // where a class's members start: a ']' there is literal
  const auto add = [&](Kind kind, std::size_t offset, std::size_t length) {
    tokens.push_back({kind, p.substr(offset, length), offset, in_class});
  };
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      add(Kind::kEscape, i, 2);
      ++i;
    } else if (in_class) {
      if (c == ']' && i != class_first) {
        in_class = false;
        add(Kind::kClassClose, i, 1);
      } else {
        add(Kind::kClassMember, i, 1);
      }
    } else if (c == '[') {
      const std::size_t length = i + 1 < p.size() && p[i + 1] == '^' ? 2 : 1;
      add(Kind::kClassOpen, i, length);
      in_class = true;
      i += length - 1;
      class_first = i + 1;
    } else if (const std::size_t n = c == '{' ? open_lower_bound_quantifier(p, i) : 0) {
      add(Kind::kOpenLowerBound, i, n);
      i += n - 1;
    } else {
      add(Kind::kCharacter, i, 1);
    }
  }
  return tokens;
}

std::string translate_python_regex(std::string_view p) {
  using Kind = PythonRegexToken::Kind;
  std::string out;
  out.reserve(p.size() + 16);
  std::size_t resume = 0;  // tokens before this were consumed by a \u or \U escape
  for (const PythonRegexToken& t : tokenize_python_regex(p)) {
    if (t.offset < resume) continue;
    switch (t.kind) {
      case Kind::kEscape: {
        const char e = t.text[1];
        switch (e) {
          case 'd': out.append("\\p{Nd}"); break;
          case 'D': out.append("\\P{Nd}"); break;
          case 'w':
            if (t.in_class) out.append(kWordMembers);
            else out.append("[").append(kWordMembers).append("]");
            break;
          case 's':
            if (t.in_class) out.append(kSpaceMembers);
            else out.append("[").append(kSpaceMembers).append("]");
            break;
          case 'W':
          case 'S':
            if (t.in_class)
              throw ConfigError(std::string("\\") + e + " inside a character class is not supported");
            out.append("[^").append(e == 'W' ? kWordMembers : kSpaceMembers).append("]");
            break;
          case 'Z': out.append(t.in_class ? "\\Z" : "\\z"); break;
          case 'u':
          case 'U':
            if (const std::size_t n = unicode_escape(p, t.offset + 1, out)) {
              resume = t.offset + 1 + n;
              break;
            }
            [[fallthrough]];
          default: out.append(t.text);
        }
        break;
      }
      case Kind::kOpenLowerBound:
        // Python reads {,n} as {0,n}; RE2 would read it as text.
        out.append("{0").append(t.text.substr(1));
        break;
      case Kind::kCharacter:
        if (t.text == "$") {
          // Python's `$` also matches before a newline that ends the text. The
          // lists are only used to ask whether a frame matches, so consuming that
          // newline changes nothing.
          out.append("(?:\\n?\\z)");
          break;
        }
        out.push_back(t.text[0]);
        break;
      default: out.append(t.text);  // class brackets and members, as they are
    }
  }
  return out;
}

namespace {

// Whether `pattern` is literal text (escaped punctuation included) with `.` or
// `.*` anywhere: a pattern that always compiles, to Python and RE2 alike.
bool is_text_or_dot_star(std::string_view pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(pattern[i]);
    if (c == '\\') {
      // An escaped ASCII punctuation character is that character, to both.
      if (++i == pattern.size()) return false;
      const unsigned char e = static_cast<unsigned char>(pattern[i]);
      if (e >= 0x80 || py::isalnum(e) || e == '_' || e <= ' ') return false;
    } else if (c == '.') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '*') ++i;
    } else if (c == 0 || std::strchr("()[]{}|*+?^$", c)) {
      return false;
    }
  }
  return true;
}

std::unique_ptr<RE2> compile(std::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  // The joined irrelevant list outgrows RE2's default 8 MB DFA budget and then
  // runs 6-7x slower (deps.md section 3).
  options.set_max_mem(int64_t{64} << 20);
  auto re = std::make_unique<RE2>("(?:" + translate_python_regex(pattern) + ")", options);
  if (!re->ok()) throw ConfigError(re->error());
  return re;
}

}  // namespace

void check_python_regex(std::string_view pattern) {
  // Every entry of every list is checked at start-up: most are text (or text and
  // `.*`, or alternatives and classes of plain text), which cannot fail, and
  // compiling each with RE2 had cost ~1 ms.
  if (is_text_or_dot_star(pattern) || PlainExpansion::of(pattern)) return;
  // On its own, not wrapped as compile() does: "a)|(b" must fail as it does in
  // Python, and RE2's message should quote the entry, not the wrapper.
  RE2::Options options;
  options.set_log_errors(false);
  RE2 re(translate_python_regex(pattern), options);
  if (!re.ok()) throw ConfigError(re.error());
}

PythonRegex::PythonRegex(std::string_view pattern) : re_(compile(pattern)) {
  // Every match lies between min and max, so starts with their common prefix: a
  // text without it cannot match, and a string compare is much cheaper than
  // RE2's set-up for a match (the joined patterns of PythonRegexList's non-plain
  // entries are tried on many frames). Eight bytes of prefix are plenty: walking RE2's DFA
  // 64 bytes deep for every non-plain list entry had cost ~2 ms of start-up.
  std::string min, max;
  if (re_->PossibleMatchRange(&min, &max, 8)) {
    std::size_t n = 0;
    while (n < min.size() && n < max.size() && min[n] == max[n]) ++n;
    required_prefix_ = min.substr(0, n);
    // An empty min means the empty text may match: then no byte is required.
    if (!min.empty() && !max.empty())
      first_byte_range_ = ByteRange{static_cast<unsigned char>(min[0]), static_cast<unsigned char>(max[0])};
  }
}

PythonRegex::~PythonRegex() = default;
PythonRegex::PythonRegex(PythonRegex&&) noexcept = default;
PythonRegex& PythonRegex::operator=(PythonRegex&&) noexcept = default;

bool PythonRegex::match(std::string_view text) const {
  if (text.substr(0, required_prefix_.size()) != required_prefix_) return false;
  if (has_surrogate(text)) {
    thread_local std::string sanitized;
    replace_surrogates(text, sanitized);
    return re_->Match(sanitized, 0, sanitized.size(), RE2::ANCHOR_START, nullptr, 0);
  }
  return re_->Match(text, 0, text.size(), RE2::ANCHOR_START, nullptr, 0);
}

}  // namespace crashsig
