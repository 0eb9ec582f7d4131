// Where the maintainer-tool tests keep their inputs and expected outputs.
#pragma once

#include <string>

#include "test_support.h"

namespace crashsig::test {

// Path of a file in tests/cli/fixtures.
inline std::string fixture(const std::string& relative) { return source_path("tests/cli/fixtures/" + relative); }

// A golden file of tests/cli/golden, as expect_golden takes it.
inline std::string golden(const std::string& name) { return "tests/cli/golden/" + name; }

}  // namespace crashsig::test
