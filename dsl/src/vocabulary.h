// The names a rule file can use besides its own variables: crash fields, built-in
// values, actions and exception kinds. Functions are in functions.h. The parser and
// the compiler check every name against these lists when a file loads, so a typo is
// an error with a suggestion, never a silent null at run time.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace crashsig::dsl {

// Top-level fields of Socorro's signature-generation crash data (its schema, plus
// the annotations its rules read). A field that is absent reads as null. Fields not
// listed here are reached through the built-in value `crash`: crash.some_field.
const std::vector<std::string_view>& crash_fields();
bool is_crash_field(std::string_view name);

enum class BuiltinValue {
  Signature,  // the signature so far
  Thread,     // the crashing thread's data, found as Socorro finds it
  Crash,      // the whole crash data
};
std::optional<BuiltinValue> find_builtin_value(std::string_view name);
const std::vector<std::string_view>& builtin_value_names();

enum class Action {
  Prepend,  // signature = text + signature
  Append,   // signature = signature + text
  Stomp,    // signature = text
  Note,     // add a note
};
std::optional<Action> find_action(std::string_view name);
// Every word that can start a statement: the actions and let/if/for/try/rerun.
const std::vector<std::string_view>& statement_words();

// Python exception classes an `except` can name. "Exception" catches them all.
const std::vector<std::string_view>& exception_names();
bool exception_matches(std::string_view handler, std::string_view raised);

}  // namespace crashsig::dsl
