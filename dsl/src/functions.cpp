#include "functions.h"

#include <algorithm>
#include <limits>
#include <string>

#include "crashsig/json.h"
#include "crashsig/printable_ascii.h"
#include "crashsig/python.h"
#include "operations.h"

namespace crashsig::dsl {

namespace {

std::string type_name(const Value& v) { return std::string(python_type_name(v.type())); }

// `what` names the argument in the message, as some of Python's messages do.
std::string_view require_str_argument(const Value& v, std::string_view what = {}) {
  if (!v.is_string())
    py::raise_type_error((what.empty() ? std::string() : std::string(what) + " ") + "must be str, not " + type_name(v));
  return v.as_string();
}

std::int64_t require_int_argument(const Value& v) {
  if (v.is_bool()) return v.as_bool() ? 1 : 0;
  if (!v.is_int()) py::raise_type_error("'" + type_name(v) + "' object cannot be interpreted as an integer");
  return v.as_int();
}

// The position, in code points, of the byte at `byte_offset`.
std::int64_t code_points_before(std::string_view s, std::size_t byte_offset) {
  return static_cast<std::int64_t>(py::length(s.substr(0, byte_offset)));
}

Value call_int(const Value* a, std::size_t, Scratch& scratch) { return ops::to_int(a[0], scratch); }

Value call_str(const Value* a, std::size_t, Scratch& scratch) {
  return a[0].is_string() ? a[0] : scratch.string(py::str(a[0]));
}

Value call_type(const Value* a, std::size_t, Scratch&) { return Value::string(python_type_name(a[0].type())); }

Value call_len(const Value* a, std::size_t, Scratch&) {
  const Value& v = a[0];
  if (v.is_string()) return Value::integer(static_cast<std::int64_t>(py::length(v.as_string())));
  if (v.is_array() || v.is_object()) return Value::integer(v.size());
  py::raise_type_error("object of type '" + type_name(v) + "' has no len()");
}

Value call_lower(const Value* a, std::size_t, Scratch& scratch) {
  return scratch.string(py::lower(py::require_str(a[0], "lower")));
}

Value call_strip(const Value* a, std::size_t, Scratch&) {
  return Value::string(py::strip(py::require_str(a[0], "strip")));
}

// str.split(sep=None, maxsplit=-1). The parts are views of the text.
Value call_split(const Value* a, std::size_t n, Scratch& scratch) {
  const std::string_view s = py::require_str(a[0], "split");
  const Value separator = n > 1 ? a[1] : Value();
  std::int64_t splits_left = n > 2 ? require_int_argument(a[2]) : -1;
  if (splits_left < 0) splits_left = std::numeric_limits<std::int64_t>::max();
  std::vector<Value> parts;
  auto add = [&](std::size_t from, std::size_t to) { parts.push_back(Value::string(s.substr(from, to - from))); };

  if (separator.is_null()) {
    // Runs of whitespace separate; leading and trailing whitespace make no parts.
    const char* const begin = s.data();
    const char* const end = begin + s.size();
    const char* p = begin;
    auto skip = [&](bool space) {
      while (p < end) {
        const char* at = p;
        if (py::isspace(py::next_code_point(p, end)) != space) {
          p = at;
          return;
        }
      }
    };
    for (; splits_left > 0; --splits_left) {
      skip(true);
      if (p == end) break;
      const char* word = p;
      skip(false);
      add(static_cast<std::size_t>(word - begin), static_cast<std::size_t>(p - begin));
    }
    skip(true);
    if (p != end) add(static_cast<std::size_t>(p - begin), s.size());
    return scratch.list(parts);
  }

  if (!separator.is_string()) py::raise_type_error("must be str or None, not " + type_name(separator));
  const std::string_view sep = separator.as_string();
  if (sep.empty()) throw RuleError("ValueError", "empty separator");
  std::size_t from = 0;
  for (; splits_left > 0; --splits_left) {
    const std::size_t at = s.find(sep, from);
    if (at == std::string_view::npos) break;
    add(from, at);
    from = at + sep.size();
  }
  add(from, s.size());
  return scratch.list(parts);
}

// str.replace(old, new, count=-1).
Value call_replace(const Value* a, std::size_t n, Scratch& scratch) {
  const std::string_view s = py::require_str(a[0], "replace");
  const std::string_view old_text = require_str_argument(a[1], "replace() argument 1");
  const std::string_view new_text = require_str_argument(a[2], "replace() argument 2");
  std::int64_t left = n > 3 ? require_int_argument(a[3]) : -1;
  if (left < 0) left = std::numeric_limits<std::int64_t>::max();
  std::string out;
  if (old_text.empty()) {
    // Python puts the new text before every character and at the end.
    const char* p = s.data();
    const char* end = p + s.size();
    while (p < end && left > 0) {
      out.append(new_text);
      --left;
      const char* start = p;
      py::next_code_point(p, end);
      out.append(start, p);
    }
    out.append(p, end);
    if (left > 0) out.append(new_text);
    return scratch.string(out);
  }
  std::size_t from = 0;
  for (; left > 0; --left) {
    const std::size_t at = s.find(old_text, from);
    if (at == std::string_view::npos) break;
    out.append(s.substr(from, at - from)).append(new_text);
    from = at + old_text.size();
  }
  out.append(s.substr(from));
  return scratch.string(out);
}

// str.find(sub) and str.rfind(sub): a position in code points, or -1.
Value find_in(const Value* a, std::string_view method, bool last) {
  const std::string_view s = py::require_str(a[0], method);
  const std::string_view sub = require_str_argument(a[1]);
  const std::size_t at = last ? s.rfind(sub) : s.find(sub);
  return Value::integer(at == std::string_view::npos ? -1 : code_points_before(s, at));
}
Value call_find(const Value* a, std::size_t, Scratch&) { return find_in(a, "find", false); }
Value call_rfind(const Value* a, std::size_t, Scratch&) { return find_in(a, "rfind", true); }

// Socorro's drop_bad_characters.
Value call_printable_ascii(const Value* a, std::size_t, Scratch& scratch) {
  return scratch.string(drop_bad_characters(a[0]));
}

// json.loads(text).
Value call_json(const Value* a, std::size_t, Scratch& scratch) {
  if (!a[0].is_string())
    py::raise_type_error("the JSON object must be str, bytes or bytearray, not " + type_name(a[0]));
  Document& doc = scratch.document();
  std::string error;
  if (!parse_python_json(a[0].as_string(), doc, error)) throw RuleError("ValueError", error);
  return doc.root();
}

// sorted(items).
Value call_sort(const Value* a, std::size_t, Scratch& scratch) {
  std::vector<Value> items;
  py::for_each_item(a[0], [&](const Value& item) {
    items.push_back(item);
    return true;
  });
  std::stable_sort(items.begin(), items.end(), [](const Value& x, const Value& y) {
    const auto o = ops::order(x, y, "<");
    return o && *o < 0;
  });
  return scratch.list(items);
}

// separator.join(items).
Value call_join(const Value* a, std::size_t, Scratch& scratch) {
  const std::string_view separator = py::require_str(a[1], "join");
  const Value& items = a[0];
  if (!items.is_string() && !items.is_array() && !items.is_object()) py::raise_type_error("can only join an iterable");
  std::string out;
  std::size_t i = 0;
  py::for_each_item(items, [&](const Value& item) {
    if (!item.is_string())
      py::raise_type_error("sequence item " + std::to_string(i) + ": expected str instance, " + type_name(item) +
                           " found");
    if (i++ > 0) out.append(separator);
    out.append(item.as_string());
    return true;
  });
  return scratch.string(out);
}

const std::vector<Function>& table() {
  static const std::vector<Function> functions = {
      {"int", 1, 1, call_int},
      {"str", 1, 1, call_str},
      {"type", 1, 1, call_type},
      {"len", 1, 1, call_len},
      {"lower", 1, 1, call_lower},
      {"strip", 1, 1, call_strip},
      {"split", 1, 3, call_split},
      {"replace", 3, 4, call_replace},
      {"find", 2, 2, call_find},
      {"rfind", 2, 2, call_rfind},
      {"printable_ascii", 1, 1, call_printable_ascii},
      {"json", 1, 1, call_json},
      {"sort", 1, 1, call_sort},
      {"join", 2, 2, call_join},
  };
  return functions;
}

}  // namespace

const Function* find_function(std::string_view name) {
  static_assert(kMaxArguments >= 4, "replace() takes four arguments");
  for (const Function& f : table())
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string_view> function_names() {
  std::vector<std::string_view> names;
  for (const Function& f : table()) names.push_back(f.name);
  return names;
}

}  // namespace crashsig::dsl
