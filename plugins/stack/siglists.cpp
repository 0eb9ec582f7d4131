#include "siglists.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <tuple>

#include "crashsig/rule.h"

namespace crashsig::stack {

namespace {

std::uint64_t lengths_mod_64(const std::vector<std::string>& texts) {
  std::uint64_t lengths = 0;
  for (const std::string& s : texts) lengths |= std::uint64_t{1} << (s.size() % 64);
  return lengths;
}

// Every field, so that files comparing equal build the same compiled lists and
// report the same errors.
bool same_file(const SignatureListFile& a, const SignatureListFile& b) {
  return std::tie(a.path, a.entries, a.lines, a.bad_utf8_lines) ==
         std::tie(b.path, b.entries, b.lines, b.bad_utf8_lines);
}

bool same_lists(const SignatureLists& a, const SignatureLists& b) {
  return same_file(a.irrelevant, b.irrelevant) && same_file(a.prefix, b.prefix) &&
         same_file(a.line_numbers, b.line_numbers) && same_file(a.sentinels, b.sentinels);
}

// The compiled lists rules hold, by what they were built from. Weak: lists are
// freed with the last rule using them (expired entries go at the next add).
// Only looking up and adding hold the lock; reading, checking and compiling
// happen outside it, so rules loading the lists of different directories at once
// do not wait for one another.
class ListsInUse {
 public:
  // The lists in use that were built from the very same files, or null.
  std::shared_ptr<const CompiledSignatureLists> find(const SignatureLists& read) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return find_locked(read);
  }

  // `compiled`, now in use; or, when another thread compiled the same files
  // while this one did, the copy it added: every caller gets one copy.
  std::shared_ptr<const CompiledSignatureLists> add(std::shared_ptr<const CompiledSignatureLists> compiled) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (auto lists = find_locked(compiled->read)) return lists;
    lists_.erase(std::remove_if(lists_.begin(), lists_.end(), [](const auto& lists) { return lists.expired(); }),
                 lists_.end());
    lists_.push_back(compiled);
    return compiled;
  }

 private:
  std::mutex mutex_;
  std::vector<std::weak_ptr<const CompiledSignatureLists>> lists_;

  std::shared_ptr<const CompiledSignatureLists> find_locked(const SignatureLists& read) const {
    for (const auto& weak : lists_)
      if (auto lists = weak.lock(); lists && same_lists(lists->read, read)) return lists;
    return nullptr;
  }
};

}  // namespace

void check_list(const SignatureListFile& file) {
  const std::vector<ListError> errors = list_errors(file);
  if (!errors.empty())
    throw ConfigError(file.path + ":" + std::to_string(errors.front().line) + ": " + errors.front().reason);
}

SignatureListFile read_checked_list(const std::string& dir, std::string_view name) {
  SignatureListFile file = read_list_file(dir, name);
  check_list(file);
  return file;
}

SignatureLists SignatureLists::read(const std::string& dir) {
  // A braced list is evaluated in order: the first bad file is the one reported.
  return SignatureLists{read_checked_list(dir, kIrrelevantList), read_checked_list(dir, kPrefixList),
                        read_checked_list(dir, kLineNumbersList), read_checked_list(dir, kSentinelList)};
}

CompiledSignatureLists::CompiledSignatureLists(SignatureLists lists)
    : read(std::move(lists)),
      irrelevant(read.irrelevant.entries),
      prefix(read.prefix.entries),
      line_numbers(read.line_numbers.entries),
      sentinel_lengths(lengths_mod_64(read.sentinels.entries)) {}

const std::string* CompiledSignatureLists::find_sentinel(std::string_view frame) const {
  if (!(sentinel_lengths & (std::uint64_t{1} << (frame.size() % 64)))) return nullptr;
  const std::vector<std::string>& texts = read.sentinels.entries;
  const auto found = std::find(texts.begin(), texts.end(), frame);
  return found != texts.end() ? &*found : nullptr;
}

std::shared_ptr<const CompiledSignatureLists> shared_signature_lists(const std::string& dir) {
  // A static of the plugin library, so it goes when the library does.
  static ListsInUse in_use;
  std::optional<SignatureLists> on_disk;
  try {
    on_disk.emplace(SignatureLists{read_list_file(dir, kIrrelevantList), read_list_file(dir, kPrefixList),
                                   read_list_file(dir, kLineNumbersList), read_list_file(dir, kSentinelList)});
  } catch (const ConfigError&) {
    // A file that cannot be opened: SignatureLists::read reports it below, after
    // any bad line in a file before it, as it always has.
  }
  if (on_disk) {
    if (auto lists = in_use.find(*on_disk)) return lists;
    // Not compiled yet: checked in SignatureLists::read's order, so the first bad
    // file is the one reported.
    for (const SignatureListFile* file : {&on_disk->irrelevant, &on_disk->prefix, &on_disk->line_numbers,
                                          &on_disk->sentinels})
      check_list(*file);
  }
  return in_use.add(std::make_shared<const CompiledSignatureLists>(on_disk ? std::move(*on_disk)
                                                                           : SignatureLists::read(dir)));
}

}  // namespace crashsig::stack
