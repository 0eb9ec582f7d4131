// The language's built-in functions. Each behaves as the Python built-in or str
// method it is named after (len(x), x.strip(), sep.join(items)...), raising what
// Python raises, so a rule file can follow Socorro's code step by step.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "crashsig/value.h"
#include "scratch.h"

namespace crashsig::dsl {

// No function takes more arguments (the evaluator passes them in an array).
constexpr std::size_t kMaxArguments = 4;

struct Function {
  std::string_view name;
  std::size_t min_args;
  std::size_t max_args;
  Value (*call)(const Value* args, std::size_t count, Scratch& scratch);
};

// nullptr when there is no such function.
const Function* find_function(std::string_view name);
std::vector<std::string_view> function_names();

}  // namespace crashsig::dsl
