// Matching a signature list without RE2 where its entries allow (see siglists.h).
#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <mutex>
#include <map>
#include <optional>

#include "crashsig/printable_ascii.h"
#include "crashsig/python.h"
#include "crashsig/siglists.h"
#include "crashsig/text_search.h"
#include "plain_expansion.h"

namespace crashsig {

struct PythonRegexList::Impl {
  // The plain entries' prefixes as a radix tree: each node is reached by a label
  // of one or more bytes, so a walk makes one dependent load per branching point,
  // not per byte (the tree is cold in cache by the time the next crash asks).
  // Nodes and labels are laid out depth-first, so a path reads nearby memory. A
  // node's `conditions` are the `then` lists of the entries whose prefix ends
  // there (an empty one: matched).
  struct Node {
    std::uint32_t label_begin = 0, label_length = 0;
    std::uint32_t first_edge = 0, edge_count = 0;
    std::uint32_t first_condition = 0, condition_count = 0;
  };
  struct Edge {
    unsigned char byte;  // the first byte of the child's label
    std::uint32_t node;
  };
  std::vector<Node> nodes;  // nodes[0] is the root, with an empty label
  std::vector<Edge> edges;  // each node's edges, sorted by byte
  std::string labels;
  std::vector<std::vector<std::string>> conditions;
  std::array<std::uint32_t, 256> root_child{};  // the root's edges by byte (0: none)

  // The other entries: one joined pattern per set of entries a first byte may
  // start, found by the text's first byte (-1: none can match). Each is compiled
  // when a text first needs it: a run that signs one crash (the CLI's start-up)
  // compiles only the few its frames start with.
  struct LazyPattern {
    std::string pattern;
    mutable std::once_flag compiled;
    mutable std::optional<PythonRegex> regex;
    bool match(std::string_view text) const {
      std::call_once(compiled, [this] { regex.emplace(pattern); });
      return regex->match(text);
    }
  };
  std::deque<LazyPattern> joined;  // a deque: once_flag cannot move
  std::array<std::int32_t, 256> joined_for_byte{};
  std::int32_t joined_for_empty_text = -1;

  std::deque<LazyPattern> each_entry;  // for first_matching_entry

  explicit Impl(const std::vector<std::string>& entries);
  bool plain_match(std::string_view text) const;
  bool other_match(std::string_view text) const;
};

namespace {

// The plain entries' prefixes, one node per byte, as they are added.
struct ByteTrie {
  struct Node {
    std::map<unsigned char, std::size_t> children;
    std::vector<std::vector<std::string>> conditions;
  };
  std::vector<Node> nodes{1};

  void add(const PlainEntry& entry) {
    std::size_t at = 0;
    for (const char c : entry.prefix) {
      const auto [it, added] = nodes[at].children.emplace(static_cast<unsigned char>(c), nodes.size());
      const std::size_t next = it->second;  // read before nodes grows
      if (added) nodes.emplace_back();
      at = next;
    }
    nodes[at].conditions.push_back(entry.then);
  }
};

}  // namespace

PythonRegexList::Impl::Impl(const std::vector<std::string>& list) {
  for (const std::string& entry : list) each_entry.emplace_back().pattern = entry;
  // No entries join to "", which matches every text.
  static const std::vector<std::string> kMatchesEverything{""};
  const std::vector<std::string>& entries = list.empty() ? kMatchesEverything : list;
  ByteTrie trie;
  // Entries that may start with any byte (or match the empty text) go with every byte.
  std::vector<std::string> any_byte;
  std::array<std::vector<std::string>, 256> by_byte;
  std::vector<std::string> others;  // every entry that is not plain
  // A non-plain entry is compiled here for its first byte, and kept for
  // first_matching_entry (tracing) rather than compiled again there.
  std::size_t index = 0;
  for (const std::string& entry : entries) {
    LazyPattern* traced = list.empty() ? nullptr : &each_entry[index++];
    if (std::optional<std::vector<PlainEntry>> plain = PlainExpansion::of(entry)) {
      for (const PlainEntry& p : *plain) trie.add(p);
      continue;
    }
    others.push_back(entry);
    PythonRegex regex(entry);
    const std::optional<PythonRegex::ByteRange> range = regex.first_byte_range();
    if (traced) std::call_once(traced->compiled, [&] { traced->regex.emplace(std::move(regex)); });
    if (!range) {
      any_byte.push_back(entry);
      continue;
    }
    for (unsigned b = range->first; b <= range->last; ++b) by_byte[b].push_back(entry);
  }

  // Lay the trie out as a radix tree, depth-first: a run of nodes with one child
  // and no entry ending at them becomes one label.
  const auto emit = [&](const auto& self, std::size_t at, const std::string& label) -> std::uint32_t {
    const auto index = static_cast<std::uint32_t>(nodes.size());
    nodes.emplace_back();
    nodes[index].label_begin = static_cast<std::uint32_t>(labels.size());
    nodes[index].label_length = static_cast<std::uint32_t>(label.size());
    labels += label;
    nodes[index].first_condition = static_cast<std::uint32_t>(conditions.size());
    nodes[index].condition_count = static_cast<std::uint32_t>(trie.nodes[at].conditions.size());
    for (const auto& c : trie.nodes[at].conditions) conditions.push_back(c);
    std::vector<Edge> children;
    for (const auto& [byte, first] : trie.nodes[at].children) {
      std::string child_label(1, static_cast<char>(byte));
      std::size_t child = first;
      while (trie.nodes[child].conditions.empty() && trie.nodes[child].children.size() == 1) {
        child_label.push_back(static_cast<char>(trie.nodes[child].children.begin()->first));
        child = trie.nodes[child].children.begin()->second;
      }
      children.push_back({byte, self(self, child, child_label)});
    }
    nodes[index].first_edge = static_cast<std::uint32_t>(edges.size());
    nodes[index].edge_count = static_cast<std::uint32_t>(children.size());
    edges.insert(edges.end(), children.begin(), children.end());
    return index;
  };
  emit(emit, 0, "");
  for (std::uint32_t e = nodes[0].first_edge; e < nodes[0].first_edge + nodes[0].edge_count; ++e)
    root_child[edges[e].byte] = edges[e].node;

  // A text whose first byte is not ASCII may hold a lone surrogate that RE2 sees
  // replaced (PythonRegex): it gets every entry rather than a range of bytes.
  std::map<std::vector<std::string>, std::int32_t> compiled;
  const auto joined_index = [&](std::vector<std::string> set) -> std::int32_t {
    if (set.empty()) return -1;
    const auto [it, added] = compiled.emplace(set, static_cast<std::int32_t>(joined.size()));
    if (added) joined.emplace_back().pattern = join_patterns(set);
    return it->second;
  };
  for (unsigned b = 0; b < 256; ++b) {
    if (b >= 0x80) {
      joined_for_byte[b] = joined_index(others);
      continue;
    }
    std::vector<std::string> set = by_byte[b];
    set.insert(set.end(), any_byte.begin(), any_byte.end());
    joined_for_byte[b] = joined_index(std::move(set));
  }
  joined_for_empty_text = joined_index(any_byte);
}

bool PythonRegexList::Impl::plain_match(std::string_view text) const {
  std::size_t line_end = std::string_view::npos;  // found when an entry first needs it
  const auto satisfied = [&](const std::vector<std::string>& then, std::size_t from) {
    if (then.empty()) return true;
    if (line_end == std::string_view::npos) line_end = std::min(find_byte(text, '\n'), text.size());
    const std::string_view line = text.substr(0, line_end);
    for (const std::string& piece : then) {
      const std::size_t at = find_text(line, piece, from);
      if (at == std::string_view::npos) return false;
      from = at + piece.size();
    }
    return true;
  };
  std::uint32_t node = 0;
  for (std::size_t i = 0;;) {
    const Node& n = nodes[node];
    for (std::uint32_t c = n.first_condition; c < n.first_condition + n.condition_count; ++c)
      if (satisfied(conditions[c], i)) return true;
    if (i == text.size()) return false;
    const auto byte = static_cast<unsigned char>(text[i]);
    std::uint32_t child = 0;
    if (node == 0) {
      child = root_child[byte];  // the widest node: one lookup
    } else {
      // Below the root nodes have a few children: a linear scan beats a binary search.
      for (const Edge *e = edges.data() + n.first_edge, *last = e + n.edge_count; e != last && e->byte <= byte; ++e)
        if (e->byte == byte) child = e->node;
    }
    if (child == 0) return false;
    const Node& c = nodes[child];
    if (text.size() - i < c.label_length || std::memcmp(text.data() + i, labels.data() + c.label_begin, c.label_length) != 0)
      return false;
    i += c.label_length;
    node = child;
  }
}

bool PythonRegexList::Impl::other_match(std::string_view text) const {
  const std::int32_t index =
      text.empty() ? joined_for_empty_text : joined_for_byte[static_cast<unsigned char>(text.front())];
  return index >= 0 && joined[static_cast<std::size_t>(index)].match(text);
}

PythonRegexList::PythonRegexList(const std::vector<std::string>& entries)
    : impl_(std::make_unique<const Impl>(entries)) {}
PythonRegexList::~PythonRegexList() = default;
PythonRegexList::PythonRegexList(PythonRegexList&&) noexcept = default;
PythonRegexList& PythonRegexList::operator=(PythonRegexList&&) noexcept = default;

bool PythonRegexList::match(std::string_view text) const { return impl_->plain_match(text) || impl_->other_match(text); }

std::optional<std::size_t> PythonRegexList::first_matching_entry(const std::vector<std::string_view>& texts) const {
  for (std::size_t i = 0; i < impl_->each_entry.size(); ++i) {
    const Impl::LazyPattern& entry = impl_->each_entry[i];
    if (std::all_of(texts.begin(), texts.end(), [&](std::string_view text) { return entry.match(text); })) return i;
  }
  return std::nullopt;
}

}  // namespace crashsig
