#include "shutdown_timeout.h"

#include <algorithm>
#include <string>
#include <vector>

#include "crashsig/json.h"
#include "crashsig/python.h"

namespace crashsig::annotations {

namespace {

// Raised inside the conditions loop where Socorro's `c["name"]` raises KeyError,
// which the rule catches (as it does JSON errors) and reports in a note.
struct MissingName {};

// The blocker names, as str(), in the order `for c in conditions` yields them:
// list items, dict keys or the characters of a str. A dict item contributes its
// "name" member.
std::vector<std::string> condition_names(const Value& conditions) {
  std::vector<std::string> names;
  py::for_each_item(conditions, [&](const Value& item) {
    if (!item.is_object()) {
      names.push_back(py::str(item));
      return true;
    }
    const Value* name = item.find("name");
    if (!name) throw MissingName{};
    names.push_back(py::str(*name));
    return true;
  });
  return names;
}

}  // namespace

bool SignatureShutdownTimeout::predicate(const Value& crash, const Result&) const {
  return crash.get("async_shutdown_timeout").truthy();
}

void SignatureShutdownTimeout::action(const Value& crash, Result& result) const {
  const Value& annotation = py::getitem(crash, "async_shutdown_timeout");
  if (!annotation.is_string())
    py::raise_type_error("the JSON object must be str, bytes or bytearray, not " +
                         std::string(python_type_name(annotation.type())));

  std::string signature = "AsyncShutdownTimeout";
  Document doc;
  std::string error;
  if (!parse_python_json(annotation.as_string(), doc, error)) {
    signature += " | UNKNOWN";
    result.note(kName, "Error parsing AsyncShutdownTimeout: " + error);
  } else {
    const Value& data = doc.root();
    if (!data.is_object()) py::raise_attribute_error(data, "get");
    const Value& phase = data.get("phase");
    signature += " | ";
    signature += phase.is_string() ? phase.as_string() : std::string_view("(unknown)");
    const Value& conditions = data.get("conditions");
    try {
      std::vector<std::string> names;
      if (conditions.truthy()) names = condition_names(conditions);
      if (names.empty()) {
        signature += " | (none)";
      } else {
        // Byte order of UTF-8 (and WTF-8) is code point order, as Python sorts str.
        std::sort(names.begin(), names.end());
        signature += " | ";
        for (std::size_t i = 0; i < names.size(); ++i) {
          if (i) signature += ',';
          signature += names[i];
        }
      }
    } catch (const MissingName&) {
      signature += " | UNKNOWN";
      result.note(kName, "Error parsing AsyncShutdownTimeout: 'name'");
    }
  }
  result.note(kName, "Signature replaced with a Shutdown Timeout signature, was: \"" +
                         result.signature + "\"");
  result.set_signature(kName, std::move(signature));
}

}  // namespace crashsig::annotations
