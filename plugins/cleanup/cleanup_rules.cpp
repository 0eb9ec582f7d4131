// The clean-up rules Socorro runs at the end of every ruleset. They look only at
// the signature, so they run for every crash: each first checks, without
// allocating, whether there is anything to change.
#include <algorithm>
#include <memory>
#include <string>

#include "crashsig/plugin.h"
#include "crashsig/printable_ascii.h"
#include "crashsig/python.h"

namespace crashsig::cleanup {

namespace {

class SigPrintableCharsOnly final : public Rule {
 public:
  static constexpr std::string_view kName = "SigPrintableCharsOnly";
  static constexpr std::string_view kDoc =
      "Deletes every character that is not printable ASCII (U+0020 to U+007E: control "
      "characters, tabs and newlines, and all non-ASCII text go) and then trims spaces "
      "from both ends, noting \"unprintable characters removed\" whenever the signature "
      "changed, even if only a trailing space went. Signatures are shown, searched and "
      "used as bucket names; invisible or exotic characters would split buckets that "
      "look identical.";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  void action(const Value&, Result& result) const override {
    const std::string& signature = result.signature;
    // Unchanged unless a byte is not printable ASCII or a space ends it; past this
    // test the filter or the strip always shortens the signature.
    if (std::all_of(signature.begin(), signature.end(), is_printable_ascii) &&
        (signature.empty() || (signature.front() != ' ' && signature.back() != ' ')))
      return;
    std::string kept;
    kept.reserve(signature.size());
    append_printable_ascii(kept, signature);
    std::string cleaned(py::strip(kept));
    result.note(kName, "unprintable characters removed");
    result.set_signature(kName, std::move(cleaned));
  }
};

class SigFixWhitespace final : public Rule {
 public:
  static constexpr std::string_view kName = "SigFixWhitespace";
  static constexpr std::string_view kDoc =
      "Normalizes whitespace: trims it from both ends, turns every whitespace character "
      "(tab, newline, no-break space, any Unicode space) into a plain space and collapses "
      "each run of whitespace into a single space, so signatures that differ only in "
      "spacing land in the same bucket.";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  void action(const Value&, Result& result) const override {
    const std::string& signature = result.signature;
    const std::string_view stripped = py::strip(signature);
    if (stripped.size() == signature.size() && !has_irregular_whitespace(stripped)) return;
    std::string fixed;
    fixed.reserve(stripped.size());
    const char* p = stripped.data();
    const char* end = p + stripped.size();
    bool after_space = false;
    while (p < end) {
      const char* start = p;
      if (plain_ascii(*p)) {
        ++p;
        fixed.append(start, p);
        after_space = false;
      } else if (py::isspace(py::next_code_point(p, end))) {
        if (!after_space) fixed += ' ';
        after_space = true;
      } else {
        fixed.append(start, p);
        after_space = false;
      }
    }
    result.set_signature(kName, std::move(fixed));
  }

 private:
  // Printable ASCII other than the space, nearly every character of a signature, is
  // never whitespace: no need to decode it or look it up.
  static bool plain_ascii(char c) { return c > ' ' && c < 0x7F; }

  // Whitespace other than single spaces: what the rule would rewrite.
  static bool has_irregular_whitespace(std::string_view s) {
    const char* p = s.data();
    const char* end = p + s.size();
    bool after_space = false;
    while (p < end) {
      if (plain_ascii(*p)) {
        ++p;
        after_space = false;
        continue;
      }
      const char32_t c = py::next_code_point(p, end);
      const bool space = py::isspace(c);
      if (space && (c != ' ' || after_space)) return true;
      after_space = space;
    }
    return false;
  }
};

class SigTruncate final : public Rule {
 public:
  static constexpr std::string_view kName = "SigTruncate";
  static constexpr std::string_view kDoc =
      "Cuts signatures longer than 255 characters (code points) to their first 252 "
      "characters followed by \"...\", with a note. 255 characters is the most Socorro "
      "stores and indexes for a signature.";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  bool predicate(const Value&, const Result& result) const override {
    // Cheap for the common case: fewer bytes than the limit means fewer code points.
    return result.signature.size() > 255 && py::length(result.signature) > 255;
  }
  void action(const Value&, Result& result) const override {
    result.set_signature(kName, std::string(py::prefix(result.signature, 252)) + "...");
    result.note(kName, "SigTrunc: signature truncated due to length");
  }
};

void register_rules(RuleRegistrar& registrar) {
  add_rule_without_options<SigPrintableCharsOnly>(registrar);
  add_rule_without_options<SigFixWhitespace>(registrar);
  add_rule_without_options<SigTruncate>(registrar);
}

}  // namespace

}  // namespace crashsig::cleanup

CRASHSIG_PLUGIN("crashsig-cleanup", crashsig::cleanup::register_rules)
