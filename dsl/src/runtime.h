// Running a compiled rule: the Rule the engine calls.
#pragma once

#include <memory>

#include "crashsig/rule.h"
#include "program.h"

namespace crashsig::dsl {

// The rule runs `when` as its predicate and `then` as its action. Failures are
// RuleErrors with Python's messages; the engine notes "<Rule>: Rule failed: ...".
std::unique_ptr<Rule> make_rule(Program program);

}  // namespace crashsig::dsl
