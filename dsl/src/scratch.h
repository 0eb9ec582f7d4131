// Memory for the values one rule invocation computes (strings it builds, lists,
// decoded JSON). Values are views; what they point at lives here until the
// invocation ends. Costs nothing until something is allocated.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/json.h"
#include "crashsig/value.h"

namespace crashsig::dsl {

class Scratch {
 public:
  Value string(std::string_view s) { return Value::string(arena_.copy(s)); }
  Value list(const std::vector<Value>& items) {
    Value* out = arena_.values(items.size());
    std::copy(items.begin(), items.end(), out);
    return Value::array(out, static_cast<std::uint32_t>(items.size()));
  }
  Value* values(std::size_t n) { return arena_.values(n); }
  Member* members(std::size_t n) { return arena_.members(n); }
  // A document for json(): its values live as long as this Scratch.
  Document& document() {
    documents_.push_back(std::make_unique<Document>());
    return *documents_.back();
  }

 private:
  Arena arena_;
  std::vector<std::unique_ptr<Document>> documents_;
};

}  // namespace crashsig::dsl
