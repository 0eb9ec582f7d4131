// crashsig/crash_data.h — finding things in crash data the way Socorro does.
//
// Several rules need the crashing thread; Socorro finds it with a forgiving int()
// and a glom lookup whose quirks (negative indices, dict-shaped "threads") decide
// signatures on real data. This is the one implementation every rule shares.
#pragma once

#include "crashsig/python.h"
#include "crashsig/value.h"

// Everything the library declares here is part of its ABI (see export.h).
#pragma GCC visibility push(default)

namespace crashsig {

// Socorro's get_crashing_thread: int(crash_data.get("crashing_thread", 0)), where a
// value int() refuses with TypeError or ValueError means thread 0. OverflowError
// (int(inf)) is not caught there and propagates as a RuleError.
py::Int crashing_thread(const Value& crash);

// glom(crash_data, "threads.<index>", default={}): a list is indexed (negative
// indices count from the end), a dict is looked up by the decimal key; anything
// else, or a miss, gives an empty dict.
const Value& thread_at(const Value& crash, py::Int index);

}  // namespace crashsig

#pragma GCC visibility pop
