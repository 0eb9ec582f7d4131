// Socorro's convert_to_crash_data: a processed crash (the shape Socorro stores,
// with the minidump walk under "json_dump") becomes signature-generation crash data.
#include <optional>

#include "crashsig/engine.h"
#include "crashsig/python.h"

namespace crashsig {

namespace {

// glom(data, "a.b.c", default=None): walks dict keys; anything else is missing.
const Value* lookup(const Value& data, std::initializer_list<std::string_view> path) {
  const Value* v = &data;
  for (std::string_view key : path) {
    v = v->find(key);
    if (!v) return nullptr;
  }
  return v;
}

// int_or_none: int(data), or None where int() raises TypeError or ValueError.
// OverflowError (an infinite size) escapes Socorro's convert_to_crash_data, which
// then makes no crash data and no signature; the engine has no such outcome, and
// treats the size as unknown (None) instead.
Value int_or_none(const Value& v) {
  const py::IntOutcome i = py::int_outcome(v);
  return i.error == py::IntError::None ? Value::integer(i.value.value) : Value();
}

}  // namespace

Value convert_processed_crash(const Value& processed, Arena& arena) {
  Member* m = arena.members(16);
  std::uint32_t n = 0;
  auto add = [&](std::string_view key, Value v) { m[n++] = Member{key, v}; };
  auto field = [&](std::string_view key) {
    const Value* v = processed.find(key);
    return v ? *v : Value();
  };

  add("hang", field("hang"));
  add("oom_allocation_size", int_or_none(field("oom_allocation_size")));
  add("js_large_allocation_failure", field("js_large_allocation_failure"));
  add("abort_message", field("abort_message"));
  add("mdsw_status_string", field("mdsw_status_string"));
  add("async_shutdown_timeout", field("async_shutdown_timeout"));
  add("ipc_channel_error", field("ipc_channel_error"));
  add("ipc_message_name", field("ipc_message_name"));
  const Value* minidumps = processed.find("additional_minidumps");
  add("additional_minidumps", minidumps ? *minidumps : Value::array(nullptr, 0));
  const Value* signature = processed.find("signature");
  add("original_signature", signature ? *signature : Value::string(""));

  if (processed.find("json_dump")) {
    auto at = [&](std::initializer_list<std::string_view> path) {
      const Value* v = lookup(processed, path);
      return v ? *v : Value();
    };
    add("crashing_thread", at({"json_dump", "crash_info", "crashing_thread"}));
    add("reason", at({"json_dump", "crash_info", "type"}));
    add("threads", at({"json_dump", "threads"}));
    add("os", at({"json_dump", "system_info", "os"}));
  }
  if (const Value* v = processed.find("java_exception")) add("java_exception", *v);
  if (const Value* v = processed.find("java_stack_trace")) add("java_stack_trace", *v);
  return Value::object(m, n);
}

}  // namespace crashsig
