// crashsig/dsl/parser.h — text to syntax tree.
#pragma once

#include "crashsig/dsl/ast.h"
#include "crashsig/dsl/diagnostic.h"

namespace crashsig::dsl {

// Parses a rule file. Throws CompileError for text that is not a rule file: a
// syntax error (with what was expected), or an unknown action.
ast::RuleFile parse(const Source& source);

}  // namespace crashsig::dsl
