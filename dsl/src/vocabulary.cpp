#include "vocabulary.h"

#include <algorithm>

namespace crashsig::dsl {

const std::vector<std::string_view>& crash_fields() {
  static const std::vector<std::string_view> fields = {
      "abort_message",        "additional_minidumps",        "async_shutdown_timeout", "crashing_thread",
      "hang",                 "hang_type",                   "ipc_channel_error",      "ipc_message_name",
      "java_exception",       "java_stack_trace",            "jit_category",           "js_large_allocation_failure",
      "mdsw_status_string",   "moz_crash_reason",            "oom_allocation_size",    "original_signature",
      "os",                   "platform",                    "reason",                 "threads",
  };
  return fields;
}

bool is_crash_field(std::string_view name) {
  const auto& fields = crash_fields();
  return std::find(fields.begin(), fields.end(), name) != fields.end();
}

std::optional<BuiltinValue> find_builtin_value(std::string_view name) {
  if (name == "signature") return BuiltinValue::Signature;
  if (name == "thread") return BuiltinValue::Thread;
  if (name == "crash") return BuiltinValue::Crash;
  return std::nullopt;
}

const std::vector<std::string_view>& builtin_value_names() {
  static const std::vector<std::string_view> names = {"signature", "thread", "crash"};
  return names;
}

std::optional<Action> find_action(std::string_view name) {
  if (name == "prepend") return Action::Prepend;
  if (name == "append") return Action::Append;
  if (name == "stomp") return Action::Stomp;
  if (name == "note") return Action::Note;
  return std::nullopt;
}

const std::vector<std::string_view>& statement_words() {
  static const std::vector<std::string_view> words = {"prepend", "append", "stomp", "note",
                                                      "let",     "if",     "for",   "try", "rerun"};
  return words;
}

const std::vector<std::string_view>& exception_names() {
  static const std::vector<std::string_view> names = {"Exception",      "ValueError",    "TypeError", "KeyError",
                                                      "IndexError",     "AttributeError", "OverflowError"};
  return names;
}

bool exception_matches(std::string_view handler, std::string_view raised) {
  return handler == "Exception" || handler == raised;
}

}  // namespace crashsig::dsl
