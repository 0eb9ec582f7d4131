// PlainExpansion: list entries that are really plain text, which
// PythonRegexList matches without RE2 and check_python_regex accepts without
// compiling. Internal to the engine.
#pragma once

#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/printable_ascii.h"
#include "crashsig/python.h"
#include "crashsig/siglists.h"

namespace crashsig {

// An entry that is plain text around `.*`: it matches a text that starts with
// `prefix` and then holds each of `then`, in order, before the first newline
// (Python's `.` matches anything but "\n"). "ns.*Hashtable" is {"ns", {"Hashtable"}},
// ".*abort" {"", {"abort"}}; a trailing `.*` matches the empty text, so it adds
// nothing. Only printable ASCII counts as plain text, so the answer is the same
// on the text RE2 would see (lone surrogates replaced, see PythonRegex).
struct PlainEntry {
  std::string prefix;
  std::vector<std::string> then;
};

inline bool is_plain_character(char c) { return is_printable_ascii(c) && !std::strchr(".^$*+?{}[]()|\\", c); }

// Rewrites an entry made of plain text, `.*`, character classes of plain
// characters, groups of alternatives and `?` as the plain entries it is the union
// of: "(Nt|Zw)?Wait[AW]" is six of them. For re.match, which only asks whether
// some string of the pattern's language starts the text, the union is exact.
// nullopt for anything else (other quantifiers, anchors, \d...) or past
// kMaxExpansions, which keeps the trie small.
class PlainExpansion {
 public:
  static std::optional<std::vector<PlainEntry>> of(std::string_view entry) {
    PlainExpansion e(entry);
    std::optional<Alternatives> all = e.alternatives();
    if (!all || e.i_ != e.tokens_.size()) return std::nullopt;
    std::vector<PlainEntry> plain;
    for (Pieces& pieces : *all) {
      PlainEntry p{std::move(pieces.front()), {}};
      for (std::size_t k = 1; k < pieces.size(); ++k)
        if (!pieces[k].empty()) p.then.push_back(std::move(pieces[k]));
      plain.push_back(std::move(p));
    }
    return plain;
  }

 private:
  using Kind = PythonRegexToken::Kind;
  using Pieces = std::vector<std::string>;  // plain texts, with a `.*` between each two
  using Alternatives = std::vector<Pieces>;
  static constexpr std::size_t kMaxExpansions = 64;

  explicit PlainExpansion(std::string_view entry) : tokens_(tokenize_python_regex(entry)) {}

  bool is(char c, std::size_t k) const { return is_character_at(tokens_, k, c); }

  // a|b|...
  std::optional<Alternatives> alternatives() {
    std::optional<Alternatives> all = sequence();
    while (all && is('|', i_)) {
      ++i_;
      std::optional<Alternatives> more = sequence();
      if (!more || all->size() + more->size() > kMaxExpansions) return std::nullopt;
      all->insert(all->end(), more->begin(), more->end());
    }
    return all;
  }

  // Items up to a ')', a '|' or the end.
  std::optional<Alternatives> sequence() {
    Alternatives out{Pieces{""}};
    while (i_ < tokens_.size() && !is(')', i_) && !is('|', i_)) {
      std::optional<Alternatives> next = item();
      if (!next || out.size() * next->size() > kMaxExpansions) return std::nullopt;
      Alternatives product;
      for (const Pieces& a : out)
        for (const Pieces& b : *next) {
          Pieces joined = a;
          joined.back() += b.front();
          joined.insert(joined.end(), b.begin() + 1, b.end());
          product.push_back(std::move(joined));
        }
      out = std::move(product);
    }
    return out;
  }

  // One character, class, group or `.*`, and an optional `?`.
  std::optional<Alternatives> item() {
    const PythonRegexToken& t = tokens_[i_];
    Alternatives atom;
    if (is('.', i_) && is('*', i_ + 1)) {
      i_ += 2;
      atom = {Pieces{"", ""}};
    } else if (is('(', i_)) {
      ++i_;
      if (is('?', i_)) {  // only (?:...), a group that captures nothing
        if (!is(':', i_ + 1)) return std::nullopt;
        i_ += 2;
      }
      std::optional<Alternatives> inner = alternatives();
      if (!inner || !is(')', i_)) return std::nullopt;
      ++i_;
      atom = std::move(*inner);
    } else if (t.kind == Kind::kClassOpen) {
      if (t.text != "[") return std::nullopt;  // a negated class
      const std::size_t first = ++i_;
      for (; i_ < tokens_.size() && tokens_[i_].kind == Kind::kClassMember; ++i_) {
        const char c = tokens_[i_].text[0];
        // '-' between members is a range; first or last it is itself.
        const bool range =
            c == '-' && i_ != first && i_ + 1 < tokens_.size() && tokens_[i_ + 1].kind == Kind::kClassMember;
        if (!is_printable_ascii(c) || c == '\\' || c == '[' || range) return std::nullopt;
        atom.push_back(Pieces{std::string(1, c)});
      }
      if (i_ == tokens_.size() || tokens_[i_].kind != Kind::kClassClose || atom.empty()) return std::nullopt;
      ++i_;
    } else if (t.kind == Kind::kEscape) {
      // A backslash before ASCII punctuation is that character; before a letter
      // or digit it is a class, an anchor or a group reference.
      const char c = t.text[1];
      if (!is_printable_ascii(c) || py::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
      atom = {Pieces{std::string(1, c)}};
      ++i_;
    } else if (t.kind == Kind::kCharacter && is_plain_character(t.text[0])) {
      atom = {Pieces{std::string(1, t.text[0])}};
      ++i_;
    } else {
      return std::nullopt;
    }
    if (is('?', i_) && !(atom.size() == 1 && atom.front().size() == 2)) {  // not after `.*`
      ++i_;
      atom.push_back(Pieces{""});
    }
    // Any other quantifier, or a lazy or possessive `?`, is beyond plain text.
    if (is('*', i_) || is('+', i_) || is('?', i_) || is('{', i_) ||
        (i_ < tokens_.size() && tokens_[i_].kind == Kind::kOpenLowerBound))
      return std::nullopt;
    return atom;
  }

  std::vector<PythonRegexToken> tokens_;
  std::size_t i_ = 0;
};

}  // namespace crashsig
