#include "siglists.h"

#include "crashsig/rule.h"

namespace crashsig::stack {

SignatureListFile read_checked_list(const std::string& dir, std::string_view name) {
  SignatureListFile file = read_list_file(dir, name);
  const std::vector<ListError> errors = list_errors(file);
  if (!errors.empty())
    throw ConfigError(file.path + ":" + std::to_string(errors.front().line) + ": " + errors.front().reason);
  return file;
}

std::vector<std::string> read_signature_list(const std::string& dir, std::string_view name) {
  return read_checked_list(dir, name).entries;
}

SignatureLists SignatureLists::read(const std::string& dir) {
  SignatureListFile irrelevant = read_checked_list(dir, kIrrelevantList);
  SignatureListFile prefix = read_checked_list(dir, kPrefixList);
  SignatureListFile line_numbers = read_checked_list(dir, kLineNumbersList);
  SignatureListFile sentinels = read_checked_list(dir, kSentinelList);
  return SignatureLists{
      std::move(irrelevant.entries),
      std::move(prefix.entries),
      std::move(line_numbers.entries),
      std::move(sentinels.entries),
      {std::move(irrelevant.path), std::move(irrelevant.lines)},
      {std::move(prefix.path), std::move(prefix.lines)},
      {std::move(sentinels.path), std::move(sentinels.lines)},
  };
}

}  // namespace crashsig::stack
