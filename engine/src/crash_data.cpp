#include "crashsig/crash_data.h"

#include <string>


namespace crashsig {

py::Int crashing_thread(const Value& crash) {
  const Value* v = crash.find("crashing_thread");
  if (!v) return {};
  const py::IntOutcome thread = py::int_outcome(*v);
  // Socorro catches TypeError and ValueError (thread 0), not OverflowError.
  if (thread.error == py::IntError::OverflowError) py::raise_int_error(*v);
  return thread.error == py::IntError::None ? thread.value : py::Int{};
}

const Value& thread_at(const Value& crash, py::Int index) {
  static const Value empty_dict = Value::object(nullptr, 0);
  const Value* threads = crash.find("threads");
  // A saturated index stands for an int no list is long enough to reach; for a
  // dict its decimal key is lost, and such keys do not occur in crash data.
  if (!threads || index.saturated) return empty_dict;
  if (threads->is_array()) {
    const auto n = static_cast<std::int64_t>(threads->size());
    const std::int64_t i = index.value < 0 ? index.value + n : index.value;
    return i >= 0 && i < n ? (*threads)[static_cast<std::size_t>(i)] : empty_dict;
  }
  if (threads->is_object()) {
    const Value* thread = threads->find(std::to_string(index.value));
    return thread ? *thread : empty_dict;
  }
  return empty_dict;
}

}  // namespace crashsig
