// Finding the crashing thread's data the way Socorro does.
//
// TODO(lead): plugins/annotations/crash_data.h has the same two helpers
// (crashing_thread_index, thread_at) for OOMSignature; one copy belongs in the
// engine's public API so both plugins can use it.
#pragma once

#include "crashsig/python.h"
#include "crashsig/value.h"

namespace crashsig::stack {

// Socorro's get_crashing_thread: int(crash_data.get("crashing_thread", 0)), where
// a value int() refuses with TypeError or ValueError counts as 0. OverflowError
// (int(inf)) is not caught there and propagates as a RuleError.
py::Int crashing_thread(const Value& crash);

// glom(crash_data, "threads.<index>", default={}): a list is indexed (negative
// indices count from the end), a dict is looked up by the decimal key; anything
// else, or a miss, gives an empty dict.
const Value& thread_at(const Value& crash, py::Int index);

}  // namespace crashsig::stack
