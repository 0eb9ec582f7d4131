// What Socorro's rules do with crash data whose shape they do not check: Python's
// iteration and indexing over JSON values, with Python's errors.
#pragma once

#include "crashsig/python.h"
#include "crashsig/value.h"

namespace crashsig::stack {

// Python's `for item in v`: list items, dict keys, or the characters of a str (the
// keys and characters as str Values). `visit(item)` returns false to stop early.
// Throws RuleError TypeError "'int' object is not iterable" for other values.
template <class Visit>
void for_each_item(const Value& v, Visit&& visit) {
  switch (v.type()) {
    case Type::Array:
      for (const Value& item : v)
        if (!visit(item)) return;
      return;
    case Type::Object:
      for (const Member* m = v.members(); m != v.members_end(); ++m)
        if (!visit(Value::string(m->key))) return;
      return;
    case Type::String: {
      const std::string_view s = v.as_string();
      const char* p = s.data();
      const char* end = p + s.size();
      while (p < end) {
        const char* start = p;
        py::next_code_point(p, end);
        if (!visit(Value::string(std::string_view(start, static_cast<std::size_t>(p - start))))) return;
      }
      return;
    }
    default:
      py::raise_type_error("'" + std::string(python_type_name(v.type())) + "' object is not iterable");
  }
}

// Python's v[0]: the first list item or character (IndexError when empty);
// KeyError 0 for a dict (JSON keys are strings); TypeError "'int' object is not
// subscriptable" for the rest.
Value first_item(const Value& v);

// v.get(key) where Python requires v to be a dict: AttributeError "'str' object
// has no attribute 'get'" otherwise.
const Value& dict_get(const Value& v, std::string_view key);

// Receives a value Socorro calls a str method on: AttributeError "'int' object
// has no attribute '<method>'" unless it is a str.
std::string_view require_str(const Value& v, std::string_view method);

}  // namespace crashsig::stack
