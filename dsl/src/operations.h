// The language's operators on Values, with Python's semantics: what CPython 3.11
// returns for `a == b`, `a < b`, `a in b`, `a + b`, `a[i]`, `a[i:j]`, and the
// exception (as RuleError) where it would raise. Built on crashsig::py.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crashsig/value.h"
#include "scratch.h"

namespace crashsig::dsl::ops {

// a == b is Python's (py::equals in crashsig/python.h); items of lists and dicts
// compare as py::item_equals (a NaN from the crash data equals itself there).

// How a compares to b for the ordering operators: negative, zero or positive, or
// nullopt when unordered (NaN), making every ordering comparison false. Throws
// TypeError "'<' not supported between instances of 'str' and 'int'" (with
// `symbol` as the operator) for types Python does not order.
std::optional<int> order(const Value& a, const Value& b, std::string_view symbol);

// item in container: substring, list membership (py::item_equals), dict key.
bool contains(const Value& container, const Value& item);

// s.startswith(affix) / s.endswith(affix); `method` names the method in errors.
bool has_affix(const Value& s, const Value& affix, std::string_view method, bool at_end);

// a + b and a - b. Two ints (or bools) give an exact int, or OverflowError
// "integer result does not fit in 64 bits" when an operand or the result is
// beyond int64. With a float, the other
// operand becomes a float first, as in Python: OverflowError "int too large to
// convert to float" for an int beyond the float range. `+` also joins two strs
// or two lists. A float result is a new object (py::new_float).
Value add(const Value& a, const Value& b, Scratch& scratch);
Value subtract(const Value& a, const Value& b);
Value negate(const Value& a);

// target.key: dict.get(key); AttributeError "'list' object has no attribute 'get'".
const Value& member(const Value& target, std::string_view key);
// target[key]: list and str by position (negative from the end), dict by key.
Value index(const Value& target, const Value& key);
// target[start:stop]: str in code points, list by items; a null bound is absent.
Value slice(const Value& target, const Value& start, const Value& stop);

// Appends str(v).
void append_str(std::string& out, const Value& v);

// int() of a Value with Python's result: an int Value (a big int when it does not
// fit in 64 bits), or RuleError where int() raises.
Value to_int(const Value& v, Scratch& scratch);

}  // namespace crashsig::dsl::ops
