#include "pattern_samples.h"

#include <cstdint>
#include <memory>
#include <random>
#include <set>

#include "crashsig/python.h"

namespace crashsig::cli {

namespace {

// Characters tried where a pattern allows almost anything ('.', negated classes):
// letters, digits and the punctuation frames are made of.
constexpr char32_t kAnyPool[] = {U'a', U'Z', U'0', U'_', U':', U'<', U'>', U' ', U'(', U')', U'@', U'.', U'~',
                                 U'\u00e9'};

struct Range {
  char32_t lo, hi;
};

// A parsed pattern: the few node kinds sampling needs.
struct Node {
  enum class Kind { kLiteral, kClass, kAlternation, kSequence, kRepeat, kEmpty } kind;
  char32_t literal = 0;
  std::vector<Range> ranges;  // kClass
  bool negated = false;       // kClass
  std::vector<std::unique_ptr<Node>> children;  // kAlternation, kSequence, kRepeat (one)
  std::size_t min = 0, max = 0;                 // kRepeat; max == kUnbounded for no bound
};

constexpr std::size_t kUnbounded = static_cast<std::size_t>(-1);

class Unsupported {};

class Parser {
 public:
  explicit Parser(std::string_view pattern) {
    const char* p = pattern.data();
    const char* end = p + pattern.size();
    while (p < end) text_.push_back(py::next_code_point(p, end));
  }

  std::unique_ptr<Node> parse() {
    auto node = alternation();
    if (pos_ != text_.size()) throw Unsupported();  // a stray ')'
    return node;
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char32_t peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : 0; }
  char32_t next() {
    if (at_end()) throw Unsupported();
    return text_[pos_++];
  }

  std::unique_ptr<Node> alternation() {
    auto alt = std::make_unique<Node>(Node{Node::Kind::kAlternation});
    alt->children.push_back(sequence());
    while (!at_end() && peek() == U'|') {
      ++pos_;
      alt->children.push_back(sequence());
    }
    return alt;
  }

  std::unique_ptr<Node> sequence() {
    auto seq = std::make_unique<Node>(Node{Node::Kind::kSequence});
    while (!at_end() && peek() != U'|' && peek() != U')') {
      auto atom = this->atom();
      seq->children.push_back(quantified(std::move(atom)));
    }
    return seq;
  }

  // The quantifier after `atom`, if any: *, +, ?, {m}, {m,}, {m,n}, {,n} (then a lazy '?').
  std::unique_ptr<Node> quantified(std::unique_ptr<Node> atom) {
    std::size_t min = 0, max = 0;
    const char32_t c = peek();
    if (c == U'*') min = 0, max = kUnbounded, ++pos_;
    else if (c == U'+') min = 1, max = kUnbounded, ++pos_;
    else if (c == U'?') min = 0, max = 1, ++pos_;
    else if (c == U'{' && braces(min, max)) {}
    else return atom;
    if (peek() == U'?' || peek() == U'+') ++pos_;  // lazy or possessive: same strings
    auto repeat = std::make_unique<Node>(Node{Node::Kind::kRepeat});
    repeat->min = min;
    repeat->max = max;
    repeat->children.push_back(std::move(atom));
    return repeat;
  }

  // A {m}, {m,}, {m,n} or {,n} quantifier at pos_; false (nothing consumed) when the
  // brace is literal text, as Python reads it then.
  bool braces(std::size_t& min, std::size_t& max) {
    std::size_t i = pos_ + 1;
    const auto number = [&](std::size_t& out) {
      const std::size_t start = i;
      out = 0;
      while (i < text_.size() && text_[i] >= U'0' && text_[i] <= U'9' && out < 1000) out = out * 10 + (text_[i++] - U'0');
      return i > start;
    };
    const bool has_min = number(min);
    if (!has_min) min = 0;
    if (i < text_.size() && text_[i] == U'}') {
      if (!has_min) return false;
      max = min;
    } else if (i < text_.size() && text_[i] == U',') {
      ++i;
      if (!number(max)) max = kUnbounded;
      if (i >= text_.size() || text_[i] != U'}') return false;
    } else {
      return false;
    }
    pos_ = i + 1;
    return true;
  }

  std::unique_ptr<Node> atom() {
    const char32_t c = next();
    switch (c) {
      case U'(': {
        if (peek() == U'?') {
          // Only non-capturing and named groups; lookaround, flags and the rest
          // change what matches in ways samples cannot follow.
          if (peek(1) == U':') {
            pos_ += 2;
          } else if (peek(1) == U'P' && peek(2) == U'<') {
            pos_ += 3;
            while (next() != U'>') {}
          } else {
            throw Unsupported();
          }
        }
        auto inner = alternation();
        if (next() != U')') throw Unsupported();
        return inner;
      }
      case U'[': return char_class();
      case U'.': return klass({{0x20, 0x7e}, {0xa0, 0x10ffff}}, false);
      case U'^':
      case U'$': return std::make_unique<Node>(Node{Node::Kind::kEmpty});
      case U'\\': return escape(false);
      default: return literal(c);
    }
  }

  static std::unique_ptr<Node> literal(char32_t c) {
    auto node = std::make_unique<Node>(Node{Node::Kind::kLiteral});
    node->literal = c;
    return node;
  }
  static std::unique_ptr<Node> klass(std::vector<Range> ranges, bool negated) {
    auto node = std::make_unique<Node>(Node{Node::Kind::kClass});
    node->ranges = std::move(ranges);
    node->negated = negated;
    return node;
  }

  static std::vector<Range> digits() { return {{U'0', U'9'}}; }
  static std::vector<Range> word() { return {{U'a', U'z'}, {U'A', U'Z'}, {U'0', U'9'}, {U'_', U'_'}}; }
  static std::vector<Range> space() { return {{U' ', U' '}, {U'\t', U'\r'}}; }

  // The escape after a backslash: a class (\d...), an anchor (\b...: nothing), or a
  // literal character. Inside a class, `in_class` (anchors are then literal).
  std::unique_ptr<Node> escape(bool in_class) {
    const char32_t e = next();
    switch (e) {
      case U'd': return klass(digits(), false);
      case U'D': return klass(digits(), true);
      case U'w': return klass(word(), false);
      case U'W': return klass(word(), true);
      case U's': return klass(space(), false);
      case U'S': return klass(space(), true);
      case U'b':
        if (in_class) return literal(U'\b');
        [[fallthrough]];
      case U'B':
      case U'A':
      case U'Z':
      case U'z': return std::make_unique<Node>(Node{Node::Kind::kEmpty});
      case U'n': return literal(U'\n');
      case U't': return literal(U'\t');
      case U'r': return literal(U'\r');
      case U'f': return literal(U'\f');
      case U'v': return literal(U'\v');
      case U'a': return literal(U'\a');
      case U'x': return literal(hex(2));
      case U'u': return literal(hex(4));
      case U'U': return literal(hex(8));
      default:
        if (e >= U'1' && e <= U'9') throw Unsupported();  // a backreference
        if (e == U'0') {
          char32_t value = 0;
          for (int k = 0; k < 2 && peek() >= U'0' && peek() <= U'7'; ++k) value = value * 8 + (next() - U'0');
          return literal(value);
        }
        return literal(e);
    }
  }

  char32_t hex(int digits) {
    char32_t value = 0;
    for (int k = 0; k < digits; ++k) {
      const char32_t h = next();
      int v;
      if (h >= U'0' && h <= U'9') v = static_cast<int>(h - U'0');
      else if ((h | 0x20) >= U'a' && (h | 0x20) <= U'f') v = static_cast<int>((h | 0x20) - U'a' + 10);
      else throw Unsupported();
      value = value * 16 + static_cast<char32_t>(v);
    }
    return value;
  }

  std::unique_ptr<Node> char_class() {
    bool negated = false;
    if (peek() == U'^') negated = true, ++pos_;
    std::vector<Range> ranges;
    bool first = true;
    while (true) {
      char32_t c = next();
      if (c == U']' && !first) break;
      first = false;
      char32_t lo;
      if (c == U'\\') {
        auto escaped = escape(true);
        if (escaped->kind == Node::Kind::kClass) {
          if (escaped->negated) throw Unsupported();  // [\W]: rare, and hard to sample
          ranges.insert(ranges.end(), escaped->ranges.begin(), escaped->ranges.end());
          continue;
        }
        if (escaped->kind != Node::Kind::kLiteral) throw Unsupported();
        lo = escaped->literal;
      } else {
        lo = c;
      }
      char32_t hi = lo;
      if (peek() == U'-' && peek(1) != U']' && peek(1) != 0) {
        ++pos_;
        const char32_t h = next();
        if (h == U'\\') {
          auto escaped = escape(true);
          if (escaped->kind != Node::Kind::kLiteral) throw Unsupported();
          hi = escaped->literal;
        } else {
          hi = h;
        }
      }
      if (hi < lo) throw Unsupported();
      ranges.push_back({lo, hi});
    }
    return klass(std::move(ranges), negated);
  }

  std::u32string text_;
  std::size_t pos_ = 0;
};

bool in_ranges(const std::vector<Range>& ranges, char32_t c) {
  for (const Range& r : ranges)
    if (c >= r.lo && c <= r.hi) return true;
  return false;
}

// Writes one string the node matches. With `rng` null, the shortest and first
// choices; else random ones. `branch` picks the top-level alternative.
class Sampler {
 public:
  explicit Sampler(std::mt19937* rng) : rng_(rng) {}

  bool write(const Node& node, std::string& out, std::size_t depth = 0) {
    if (depth > 200) return false;
    switch (node.kind) {
      case Node::Kind::kEmpty: return true;
      case Node::Kind::kLiteral: py::append_utf8(out, node.literal); return true;
      case Node::Kind::kClass: return write_class(node, out);
      case Node::Kind::kSequence:
        for (const auto& child : node.children)
          if (!write(*child, out, depth + 1)) return false;
        return true;
      case Node::Kind::kAlternation: return write(*node.children[pick(node.children.size())], out, depth + 1);
      case Node::Kind::kRepeat: {
        std::size_t times = node.min;
        if (rng_ && node.max > node.min) times += std::min<std::size_t>(pick(3), node.max - node.min);
        for (std::size_t i = 0; i < times; ++i)
          if (!write(*node.children[0], out, depth + 1)) return false;
        return true;
      }
    }
    return false;
  }

 private:
  std::size_t pick(std::size_t n) { return rng_ && n > 1 ? (*rng_)() % n : 0; }

  bool write_class(const Node& node, std::string& out) {
    if (node.negated) {
      // The first (or a random) character of the pool outside the class.
      std::vector<char32_t> allowed;
      for (char32_t c : kAnyPool)
        if (!in_ranges(node.ranges, c)) allowed.push_back(c);
      if (allowed.empty()) return false;
      py::append_utf8(out, allowed[pick(allowed.size())]);
      return true;
    }
    if (node.ranges.empty()) return false;
    const Range& r = node.ranges[pick(node.ranges.size())];
    // Within a range, stay near its start: huge ranges would give unlikely characters.
    const std::size_t span = std::min<std::size_t>(r.hi - r.lo + 1, 26);
    py::append_utf8(out, r.lo + static_cast<char32_t>(pick(span)));
    return true;
  }

  std::mt19937* rng_;
};

}  // namespace

std::optional<std::vector<std::string>> sample_matches(std::string_view pattern, std::size_t count) {
  std::unique_ptr<Node> root;
  try {
    root = Parser(pattern).parse();
  } catch (const Unsupported&) {
    return std::nullopt;
  }
  std::set<std::string> seen;
  std::vector<std::string> samples;
  const auto add = [&](std::string s) {
    if (seen.insert(s).second) samples.push_back(std::move(s));
  };
  std::string shortest;
  if (Sampler(nullptr).write(*root, shortest)) add(std::move(shortest));
  // Every top-level alternative at least once, then random choices throughout.
  std::mt19937 rng(20240101);
  for (std::size_t attempt = 0; samples.size() < count && attempt < 4 * count; ++attempt) {
    std::string sample;
    Sampler sampler(&rng);
    const bool ok = attempt < root->children.size()
                        ? sampler.write(*root->children[attempt], sample)
                        : sampler.write(*root, sample);
    if (ok) add(std::move(sample));
  }
  return samples;
}

}  // namespace crashsig::cli
