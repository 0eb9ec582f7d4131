// Helpers shared by the test suites: where the reference data is, and reading it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/json.h"
#include "crashsig/value.h"

namespace crashsig::test {

// Path of `relative` inside ../shared (the reference data beside the checkout).
std::string shared_path(std::string_view relative);
// Path of `relative` inside the source tree / the build tree.
std::string source_path(std::string_view relative);
std::string binary_path(std::string_view relative);

// Every non-empty line of a JSON Lines file, each parsed into its own Document.
// Fails the calling test (ADD_FAILURE) for lines that do not parse.
std::vector<std::unique_ptr<Document>> read_jsonl(const std::string& path);

// The strings of a JSON array Value.
std::vector<std::string> strings(const Value& array);

}  // namespace crashsig::test
