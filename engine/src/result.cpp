#include "crashsig/result.h"

namespace crashsig {

namespace {
std::string prefixed(std::string_view rule, std::string_view message) {
  std::string s;
  s.reserve(rule.size() + 2 + message.size());
  s.append(rule).append(": ").append(message);
  return s;
}
}  // namespace

void Result::set_signature(std::string_view rule, std::string new_signature) {
  if (keep_debug_log_) {
    std::string line;
    line.reserve(rule.size() + signature.size() + new_signature.size() + 32);
    line.append(rule).append(": change signature: \"").append(signature).append("\" -> \"")
        .append(new_signature).append("\"");
    debug_log.push_back(std::move(line));
  }
  signature = std::move(new_signature);
}

void Result::note(std::string_view rule, std::string_view message) {
  notes.push_back(prefixed(rule, message));
}

void Result::debug(std::string_view rule, std::string_view message) {
  if (keep_debug_log_) debug_log.push_back(prefixed(rule, message));
}

void Result::set_extra(std::string_view key, ExtraValue value) {
  for (auto& [k, v] : extras_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  extras_.emplace_back(std::string(key), std::move(value));
}

const ExtraValue* Result::extra(std::string_view key) const {
  for (const auto& [k, v] : extras_)
    if (k == key) return &v;
  return nullptr;
}

}  // namespace crashsig
