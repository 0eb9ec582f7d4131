// A compiled rule: what the compiler makes of a syntax tree and the evaluator
// runs. Every name is resolved (a crash field is its key, a variable its slot, a
// function its entry, a rerun its Rule) and constant expressions are folded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/rule.h"
#include "crashsig/value.h"
#include "vocabulary.h"

namespace crashsig::dsl {

struct Function;

enum class Op : std::uint8_t {
  Constant,   // `constant`
  Template,   // str() of each operand, concatenated
  List,       // a list of the operands' values
  Field,      // crash.get(key)
  Builtin,    // signature / thread / crash
  Local,      // a variable: `slot`
  Member,     // operands[0].key
  Index,      // operands[0][operands[1]]
  Slice,      // operands[0][operands[1]:operands[2]] (null bounds are absent)
  Call,       // function(operands...)
  Not, Negate, And, Or,
  Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
  In, NotIn, Contains, StartsWith, EndsWith,
  Add, Subtract,
};

struct Expr {
  Op op = Op::Constant;
  BuiltinValue builtin = BuiltinValue::Signature;
  std::uint32_t slot = 0;
  Value constant;
  std::string_view key;  // Field, Member: lives in Program::storage
  const Function* function = nullptr;
  std::vector<Expr> operands;
};

struct Stmt;
using Block = std::vector<Stmt>;

struct Handler {
  std::vector<std::string_view> kinds;  // exception kinds caught
  std::optional<std::uint32_t> binding;  // slot of `as <name>`: the exception's message
  Block body;
};

struct Override {
  std::string_view field;
  Expr value;
};

enum class StmtOp : std::uint8_t { Let, If, For, Try, Rerun, Action };

struct Stmt {
  StmtOp op = StmtOp::Let;
  Action action = Action::Note;   // Action
  std::uint32_t slot = 0;         // Let, For: the variable
  std::vector<Expr> exprs;        // Let/For/Action: [value]; If: a condition per `if`/`elif`
  std::vector<Block> blocks;      // If: a block per condition, then the `else` block if any; For/Try: [body]
  std::vector<Handler> handlers;  // Try
  const Rule* rule = nullptr;     // Rerun
  std::vector<Override> overrides;
};

struct Program {
  std::string name;
  std::string doc;
  std::optional<Expr> when;
  Block then;
  std::uint32_t locals = 0;
  // The rules `rerun` runs; shared because the engine created them.
  std::vector<std::shared_ptr<const Rule>> reruns;
  // Strings and lists of constants, and field names.
  std::unique_ptr<Arena> storage = std::make_unique<Arena>();
};

}  // namespace crashsig::dsl
