// crashsig/result.h — what signature generation produces for one crash.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

// Everything the library declares here is part of its ABI (see export.h).
#pragma GCC visibility push(default)

namespace crashsig {

// Extra data a rule attaches to a result (Socorro's `result.extra`): a string or a
// list of strings, e.g. "proto_signature" and "normalized_frames".
using ExtraValue = std::variant<std::string, std::vector<std::string>>;

class Result {
 public:
  explicit Result(bool keep_debug_log = false) : keep_debug_log_(keep_debug_log) {}

  std::string signature;
  std::vector<std::string> notes;      // "<Rule>: <message>", for people
  std::vector<std::string> debug_log;  // "<Rule>: <message>", only when debugging()

  // Whether debug messages are kept. Rules skip building them when false: the
  // debug log is the most expensive part of a result and most callers never read it.
  bool debugging() const { return keep_debug_log_; }

  // Replaces the signature, logging `change signature: "old" -> "new"` as Socorro does.
  void set_signature(std::string_view rule, std::string signature);
  void note(std::string_view rule, std::string_view message);
  void debug(std::string_view rule, std::string_view message);

  // Extras, in the order they were first set; setting a key again replaces its value.
  void set_extra(std::string_view key, ExtraValue value);
  const ExtraValue* extra(std::string_view key) const;
  const std::vector<std::pair<std::string, ExtraValue>>& extras() const { return extras_; }
  void clear_extras() { extras_.clear(); }

 private:
  bool keep_debug_log_;
  std::vector<std::pair<std::string, ExtraValue>> extras_;
};

}  // namespace crashsig

#pragma GCC visibility pop
