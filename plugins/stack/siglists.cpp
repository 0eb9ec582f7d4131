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
  // A braced list is evaluated in order: the first bad file is the one reported.
  return SignatureLists{read_checked_list(dir, kIrrelevantList), read_checked_list(dir, kPrefixList),
                        read_checked_list(dir, kLineNumbersList), read_checked_list(dir, kSentinelList)};
}

}  // namespace crashsig::stack
