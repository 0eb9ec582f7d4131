// Compiling rule text and running it on one crash, the way the engine runs rules.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "crashsig/dsl/compiler.h"
#include "crashsig/json.h"
#include "crashsig/result.h"
#include "crashsig/rule.h"

namespace crashsig::dsl::test {

// A rule file with the given `when` (empty: none) and `then` parts, named "T".
std::string rule_text(std::string_view when, std::string_view then);

// Compiles a rule file's text (reported as "test.rule"). Throws CompileError.
std::unique_ptr<Rule> compile_text(const std::string& text, const Environment& environment = {});

// Runs `rule` on the crash (JSON text) with `signature` as the signature so far:
// predicate, then action when it holds, a failure becoming the engine's note.
Result run(const Rule& rule, std::string_view crash_json, std::string signature = "sig");

// compile_text(rule_text(when, then)) and run.
Result run_rule(std::string_view when, std::string_view then, std::string_view crash_json,
                std::string signature = "sig");

// The text of a single note a run produced, "" when none, or all of them joined.
std::string notes(const Result& result);

// The signature `stomp <expression>` sets on the crash, or the failure note.
std::string value_of(std::string_view expression, std::string_view crash_json = "{}");

// What `rerun` may create when the stack rules are not there: a stand-in
// SignatureGenerationRule (its action sets the signature "stub"); any other name is
// refused with the engine's "unknown rule 'NAME'".
const Environment& stub_environment();

}  // namespace crashsig::dsl::test
