#include "operations.h"

#include <cmath>
#include <cstdlib>
#include <limits>

#include "crashsig/python.h"

namespace crashsig::dsl::ops {

namespace {

std::string type_name(const Value& v) { return std::string(python_type_name(v.type())); }

[[noreturn]] void raise_unsupported(std::string_view op, const Value& a, const Value& b) {
  py::raise_type_error("unsupported operand type(s) for " + std::string(op) + ": '" + type_name(a) + "' and '" +
                       type_name(b) + "'");
}

using py::integral;
using py::is_number;
bool is_integral(const Value& v) { return v.is_bool() || v.is_int(); }

// float(v) of a number, which is what Python makes of the int in arithmetic on an
// int and a float: the nearest float (ties to even), or OverflowError when that
// is beyond the largest float.
double to_float(const Value& v) {
  if (v.is_float()) return v.as_float();
  if (!v.is_big_int()) return static_cast<double>(integral(v));
  // strtod rounds decimal text correctly, and to infinity exactly where float()
  // overflows: from halfway between the largest float and 2**1024.
  const double d = std::strtod(std::string(v.big_digits()).c_str(), nullptr);
  if (std::isinf(d)) throw RuleError("OverflowError", "int too large to convert to float");
  return d;
}

// Python's ints are unbounded; the language's arithmetic (on positions and sizes)
// stops at 64 bits and says so rather than wrapping around.
[[noreturn]] void raise_overflow() {
  throw RuleError("OverflowError", "integer result does not fit in 64 bits");
}

std::int64_t slice_bound(const Value& v, std::int64_t absent) {
  if (v.is_null()) return absent;
  if (!is_integral(v)) py::raise_type_error("slice indices must be integers or None or have an __index__ method");
  return integral(v);
}

}  // namespace

std::optional<int> order(const Value& a, const Value& b, std::string_view symbol) {
  if (is_number(a) && is_number(b)) return py::compare_numbers(a, b);
  if (a.is_string() && b.is_string()) {
    // UTF-8 (and WTF-8) byte order is code point order, which is how Python orders str.
    const int c = a.as_string().compare(b.as_string());
    return (c > 0) - (c < 0);
  }
  if (a.is_array() && b.is_array()) {
    const std::uint32_t n = std::min(a.size(), b.size());
    for (std::uint32_t i = 0; i < n; ++i)
      if (!py::item_equals(a[i], b[i])) return order(a[i], b[i], symbol);
    return (a.size() > b.size()) - (a.size() < b.size());
  }
  py::raise_type_error("'" + std::string(symbol) + "' not supported between instances of '" + type_name(a) +
                       "' and '" + type_name(b) + "'");
}

bool contains(const Value& container, const Value& item) {
  if (item.is_string()) return py::contains(container, item.as_string());
  switch (container.type()) {
    case Type::String:
      py::raise_type_error("'in <string>' requires string as left operand, not " + type_name(item));
    case Type::Array:
      for (const Value& element : container)
        if (py::item_equals(element, item)) return true;
      return false;
    case Type::Object:
      if (item.is_array() || item.is_object()) py::raise_type_error("unhashable type: '" + type_name(item) + "'");
      return false;  // JSON keys are all str
    default:
      py::raise_type_error("argument of type '" + type_name(container) + "' is not iterable");
  }
}

bool has_affix(const Value& s, const Value& affix, std::string_view method, bool at_end) {
  const std::string_view text = py::require_str(s, method);
  if (!affix.is_string())
    py::raise_type_error(std::string(method) + " first arg must be str or a tuple of str, not " + type_name(affix));
  const std::string_view a = affix.as_string();
  if (a.size() > text.size()) return false;
  return at_end ? text.substr(text.size() - a.size()) == a : text.substr(0, a.size()) == a;
}

Value add(const Value& a, const Value& b, Scratch& scratch) {
  if (a.is_string() && b.is_string()) {
    std::string joined;
    joined.reserve(a.as_string().size() + b.as_string().size());
    joined.append(a.as_string()).append(b.as_string());
    return scratch.string(joined);
  }
  if (a.is_array() && b.is_array()) {
    Value* items = scratch.values(a.size() + b.size());
    std::copy(a.begin(), a.end(), items);
    std::copy(b.begin(), b.end(), items + a.size());
    return Value::array(items, a.size() + b.size());
  }
  if (is_number(a) && is_number(b)) {
    if (a.is_float() || b.is_float()) return py::new_float(to_float(a) + to_float(b));
    std::int64_t sum;
    if (a.is_big_int() || b.is_big_int() || __builtin_add_overflow(integral(a), integral(b), &sum)) raise_overflow();
    return Value::integer(sum);
  }
  if (a.is_string()) py::raise_type_error("can only concatenate str (not \"" + type_name(b) + "\") to str");
  if (a.is_array()) py::raise_type_error("can only concatenate list (not \"" + type_name(b) + "\") to list");
  raise_unsupported("+", a, b);
}

Value subtract(const Value& a, const Value& b) {
  if (!is_number(a) || !is_number(b)) raise_unsupported("-", a, b);
  if (a.is_float() || b.is_float()) return py::new_float(to_float(a) - to_float(b));
  std::int64_t difference;
  if (a.is_big_int() || b.is_big_int() || __builtin_sub_overflow(integral(a), integral(b), &difference))
    raise_overflow();
  return Value::integer(difference);
}

Value negate(const Value& a) {
  if (a.is_float()) return py::new_float(-a.as_float());
  if (!is_integral(a)) py::raise_type_error("bad operand type for unary -: '" + type_name(a) + "'");
  std::int64_t negated;
  if (a.is_big_int() || __builtin_sub_overflow(std::int64_t{0}, integral(a), &negated)) raise_overflow();
  return Value::integer(negated);
}

const Value& member(const Value& target, std::string_view key) { return py::dict_get(target, key); }

Value index(const Value& target, const Value& key) {
  if (key.is_string()) return py::getitem(target, key.as_string());
  switch (target.type()) {
    case Type::Object:
      if (key.is_array() || key.is_object()) py::raise_type_error("unhashable type: '" + type_name(key) + "'");
      throw RuleError("KeyError", py::repr(key));
    case Type::Array:
    case Type::String: {
      const bool is_list = target.is_array();
      if (!is_integral(key))
        py::raise_type_error(std::string(is_list ? "list" : "string") + " indices must be integers");
      const std::int64_t length =
          is_list ? target.size() : static_cast<std::int64_t>(py::length(target.as_string()));
      std::int64_t i = integral(key);
      if (i < 0) i += length;
      if (key.is_big_int() || i < 0 || i >= length)
        throw RuleError("IndexError", std::string(is_list ? "list" : "string") + " index out of range");
      return is_list ? target[static_cast<std::size_t>(i)] : Value::string(py::slice(target.as_string(), i, i + 1));
    }
    default:
      py::raise_type_error("'" + type_name(target) + "' object is not subscriptable");
  }
}

Value slice(const Value& target, const Value& start, const Value& stop) {
  constexpr std::int64_t kEnd = std::numeric_limits<std::int64_t>::max();
  switch (target.type()) {
    case Type::String:
      return Value::string(py::slice(target.as_string(), slice_bound(start, 0), slice_bound(stop, kEnd)));
    case Type::Array: {
      const std::int64_t length = target.size();
      auto clamp = [length](std::int64_t i) {
        if (i < 0) i += length;
        return std::min(std::max<std::int64_t>(i, 0), length);
      };
      const std::int64_t from = clamp(slice_bound(start, 0));
      const std::int64_t to = std::max(from, clamp(slice_bound(stop, length)));
      return Value::array(target.begin() + from, static_cast<std::uint32_t>(to - from));
    }
    case Type::Object:
      // Python 3.11's slice objects are unhashable, so a dict fails before the lookup.
      py::raise_type_error("unhashable type: 'slice'");
    default:
      py::raise_type_error("'" + type_name(target) + "' object is not subscriptable");
  }
}

void append_str(std::string& out, const Value& v) {
  if (v.is_string())
    out.append(v.as_string());
  else
    out.append(py::str(v));
}

Value to_int(const Value& v, Scratch& scratch) {
  const py::Int i = py::to_int(v);
  if (!i.saturated) return Value::integer(i.value);
  if (v.is_big_int()) return v;
  return Value::big_integer(scratch.string(py::int_decimal(v)).as_string());
}

}  // namespace crashsig::dsl::ops
