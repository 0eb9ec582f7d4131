// crashsig/dsl/ast.h — a rule file as the parser reads it: syntax only, names
// unresolved. The compiler (compiler.h) checks it and turns it into a Program.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "crashsig/dsl/diagnostic.h"

namespace crashsig::dsl::ast {

using Position = SourcePosition;

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  Null, Bool,
  Integer,   // `name` holds the digits: Python's ints have no size limit
  Float,
  String,    // a template: `parts`
  List,      // [operands...]
  Name,      // `name`: a variable, a crash field or a built-in value
  Call,      // name(operands...)
  Member,    // operands[0].name
  Index,     // operands[0][operands[1]]
  Slice,     // operands[0][operands[1]:operands[2]]; a missing bound is a null ExprPtr
  Not, Negate,
  And, Or,   // operands, two or more
  Compare,   // operands[0] op operands[1]
  Add, Subtract,
};

enum class CompareOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, In, NotIn, Contains, StartsWith, EndsWith };

// One piece of a string template: literal text, or an interpolated expression.
struct TemplatePart {
  std::string text;
  ExprPtr expr;
};

struct Expr {
  ExprKind kind;
  Position pos;
  std::string name;
  double number = 0;
  bool boolean = false;
  CompareOp op = CompareOp::Equal;
  std::vector<TemplatePart> parts;
  std::vector<ExprPtr> operands;
};

struct Stmt;
using Block = std::vector<Stmt>;

// `if`/`elif` branches have a condition; `else` has none.
struct Branch {
  ExprPtr condition;
  Block body;
};

struct Handler {
  struct Kind {
    std::string name;
    Position pos;
  };
  std::vector<Kind> kinds;
  std::string binding;  // `as <binding>`, or empty
  Position binding_pos;
  Block body;
};

struct Override {
  std::string field;
  Position pos;
  ExprPtr value;
};

enum class StmtKind { Let, If, For, Try, Rerun, Action };

struct Stmt {
  StmtKind kind;
  Position pos;
  std::string name;  // Let/For: the variable; Rerun: the rule; Action: the action
  Position name_pos;
  ExprPtr value;     // Let: the value; For: what is iterated; Action: the argument
  std::vector<Branch> branches;     // If
  Block body;                       // For, Try
  std::vector<Handler> handlers;    // Try
  std::vector<Override> overrides;  // Rerun
};

struct RuleFile {
  std::string name;
  Position name_pos;
  std::string doc;
  ExprPtr when;  // null: the rule always applies
  Block then;
};

}  // namespace crashsig::dsl::ast
