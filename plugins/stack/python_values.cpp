#include "python_values.h"

#include <string>

#include "crashsig/rule.h"

namespace crashsig::stack {

Value first_item(const Value& v) {
  if (v.is_array()) {
    if (v.size() == 0) throw RuleError("IndexError", "list index out of range");
    return v[0];
  }
  if (v.is_string()) {
    if (v.as_string().empty()) throw RuleError("IndexError", "string index out of range");
    Value item;
    for_each_item(v, [&](const Value& c) {
      item = c;
      return false;
    });
    return item;
  }
  if (v.is_object()) throw RuleError("KeyError", "0");
  py::raise_type_error("'" + std::string(python_type_name(v.type())) + "' object is not subscriptable");
}

const Value& dict_get(const Value& v, std::string_view key) {
  if (!v.is_object()) py::raise_attribute_error(v, "get");
  return v.get(key);
}

std::string_view require_str(const Value& v, std::string_view method) {
  if (!v.is_string()) py::raise_attribute_error(v, method);
  return v.as_string();
}

}  // namespace crashsig::stack
