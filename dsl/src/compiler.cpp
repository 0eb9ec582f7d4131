// The compiler checks a syntax tree and resolves it into a Program:
// - a bare name is a variable, a built-in value (signature, thread, crash) or a
//   crash field; anything else is an error that suggests the nearest name;
// - a variable can be read only where every path has set it (as Python would
//   raise NameError otherwise), and cannot hide a field, a built-in or a function;
// - functions are looked up and their argument counts checked;
// - `rerun` creates the native rule it names, once, here;
// - constant lists and strings are built once, in the Program's storage.
#include "crashsig/dsl/compiler.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "crashsig/dsl/parser.h"
#include "functions.h"
#include "runtime.h"

namespace crashsig::dsl {

namespace {

// Which variables are certainly set at a point of the rule, by slot.
using Bound = std::vector<bool>;

Bound intersect(const Bound& a, const Bound& b) {
  Bound out(std::min(a.size(), b.size()));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = a[i] && b[i];
  return out;
}

Op comparison_op(ast::CompareOp op) {
  switch (op) {
    case ast::CompareOp::Equal: return Op::Equal;
    case ast::CompareOp::NotEqual: return Op::NotEqual;
    case ast::CompareOp::Less: return Op::Less;
    case ast::CompareOp::LessEqual: return Op::LessEqual;
    case ast::CompareOp::Greater: return Op::Greater;
    case ast::CompareOp::GreaterEqual: return Op::GreaterEqual;
    case ast::CompareOp::In: return Op::In;
    case ast::CompareOp::NotIn: return Op::NotIn;
    case ast::CompareOp::Contains: return Op::Contains;
    case ast::CompareOp::StartsWith: return Op::StartsWith;
    case ast::CompareOp::EndsWith: return Op::EndsWith;
  }
  return Op::Equal;
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

class Compiler {
 public:
  Compiler(const Source& source, const Environment& environment, Program& program)
      : source_(source), environment_(environment), program_(program) {}

  void compile(const ast::RuleFile& file) {
    program_.name = file.name;
    program_.doc = file.doc;
    Bound bound;
    if (file.when) program_.when = expression(*file.when, bound);
    program_.then = block(file.then, bound);
    program_.locals = static_cast<std::uint32_t>(slots_.size());
  }

 private:
  const Source& source_;
  const Environment& environment_;
  Program& program_;
  std::map<std::string, std::uint32_t, std::less<>> slots_;

  [[noreturn]] void fail(ast::Position at, const std::string& message) const {
    throw CompileError(source_, at, message);
  }

  // ---- names ---------------------------------------------------------------------

  std::string_view keep(std::string_view text) { return program_.storage->copy(text); }

  Expr constant(Value v) {
    Expr e;
    e.op = Op::Constant;
    e.constant = v;
    return e;
  }

  // A slot for a variable being set at `at`, checking the name is free to use.
  std::uint32_t variable(const std::string& name, ast::Position at) {
    if (is_crash_field(name)) fail(at, "'" + name + "' is a crash field; give the variable another name");
    if (find_builtin_value(name)) fail(at, "'" + name + "' is a built-in value; give the variable another name");
    if (find_function(name)) fail(at, "'" + name + "' is a function; give the variable another name");
    if (find_action(name)) fail(at, "'" + name + "' is an action; give the variable another name");
    const auto found = slots_.find(name);
    if (found != slots_.end()) return found->second;
    const auto slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace(name, slot);
    return slot;
  }

  static void set(Bound& bound, std::uint32_t slot) {
    if (bound.size() <= slot) bound.resize(slot + 1, false);
    bound[slot] = true;
  }

  Expr name(const ast::Expr& n, const Bound& bound) {
    Expr e;
    if (const auto found = slots_.find(n.name); found != slots_.end()) {
      if (found->second >= bound.size() || !bound[found->second])
        fail(n.pos, "'" + n.name + "' is not set on every path to here");
      e.op = Op::Local;
      e.slot = found->second;
      return e;
    }
    if (const auto builtin = find_builtin_value(n.name)) {
      e.op = Op::Builtin;
      e.builtin = *builtin;
      return e;
    }
    if (is_crash_field(n.name)) {
      e.op = Op::Field;
      e.key = keep(n.name);
      return e;
    }
    if (find_function(n.name)) fail(n.pos, "'" + n.name + "' is a function: call it as " + n.name + "(...)");
    std::vector<std::string_view> known = crash_fields();
    known.insert(known.end(), builtin_value_names().begin(), builtin_value_names().end());
    for (const auto& [variable, slot] : slots_)
      if (slot < bound.size() && bound[slot]) known.push_back(variable);
    std::string message = "unknown field '" + n.name + "'";
    const std::string suggestion = did_you_mean(n.name, known);
    message += suggestion.empty() ? "; a field outside the crash data schema is read as crash." + n.name
                                  : suggestion;
    fail(n.pos, message);
  }

  // ---- expressions ---------------------------------------------------------------

  Expr expression(const ast::Expr& n, const Bound& bound) {
    switch (n.kind) {
      case ast::ExprKind::Null: return constant(Value());
      case ast::ExprKind::Bool: return constant(Value::boolean(n.boolean));
      case ast::ExprKind::Integer: return integer(n.name, false);
      case ast::ExprKind::Float: return constant(Value::floating(n.number));
      case ast::ExprKind::String: return string_template(n, bound);
      case ast::ExprKind::List: return list(n, bound);
      case ast::ExprKind::Name: return name(n, bound);
      case ast::ExprKind::Call: return call(n, bound);
      case ast::ExprKind::Member: {
        const ast::Expr& target = *n.operands[0];
        if (target.kind == ast::ExprKind::Name && target.name == "crash" && is_crash_field(n.name))
          fail(n.pos, "'" + n.name + "' is a crash field: write " + n.name + ", not crash." + n.name);
        Expr e = unary(Op::Member, n, bound);
        e.key = keep(n.name);
        return e;
      }
      case ast::ExprKind::Index: return operands(Op::Index, n, bound);
      case ast::ExprKind::Slice: return operands(Op::Slice, n, bound);
      case ast::ExprKind::Not: return unary(Op::Not, n, bound);
      case ast::ExprKind::Negate: {
        const ast::Expr& operand = *n.operands[0];
        if (operand.kind == ast::ExprKind::Integer) return integer(operand.name, true);  // -123 is a literal
        return unary(Op::Negate, n, bound);
      }
      case ast::ExprKind::And: return operands(Op::And, n, bound);
      case ast::ExprKind::Or: return operands(Op::Or, n, bound);
      case ast::ExprKind::Compare: return operands(comparison_op(n.op), n, bound);
      case ast::ExprKind::Add: return operands(Op::Add, n, bound);
      case ast::ExprKind::Subtract: return operands(Op::Subtract, n, bound);
    }
    fail(n.pos, "unsupported expression");
  }

  // An integer literal: an int, or a big int beyond 64 bits as Python allows.
  Expr integer(const std::string& digits, bool negative) {
    std::string text = digits.substr(std::min(digits.find_first_not_of('0'), digits.size() - 1));
    if (negative && text != "0") text.insert(text.begin(), '-');
    std::int64_t value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec == std::errc()) return constant(Value::integer(value));
    return constant(Value::big_integer(keep(text)));
  }

  Expr unary(Op op, const ast::Expr& n, const Bound& bound) {
    Expr e;
    e.op = op;
    e.operands.push_back(expression(*n.operands[0], bound));
    return e;
  }

  // An operator over all of n's operands; a missing one (a slice bound) is null.
  Expr operands(Op op, const ast::Expr& n, const Bound& bound) {
    Expr e;
    e.op = op;
    for (const auto& operand : n.operands)
      e.operands.push_back(operand ? expression(*operand, bound) : constant(Value()));
    return e;
  }

  Expr list(const ast::Expr& n, const Bound& bound) {
    Expr e = operands(Op::List, n, bound);
    const bool all_constant =
        std::all_of(e.operands.begin(), e.operands.end(), [](const Expr& item) { return item.op == Op::Constant; });
    if (!all_constant) return e;
    Value* items = program_.storage->values(e.operands.size());
    for (std::size_t i = 0; i < e.operands.size(); ++i) items[i] = e.operands[i].constant;
    return constant(Value::array(items, static_cast<std::uint32_t>(e.operands.size())));
  }

  Expr string_template(const ast::Expr& n, const Bound& bound) {
    Expr e;
    e.op = Op::Template;
    for (const auto& part : n.parts) {
      if (part.expr)
        e.operands.push_back(expression(*part.expr, bound));
      else
        e.operands.push_back(constant(Value::string(keep(part.text))));
    }
    if (e.operands.empty()) return constant(Value::string(""));
    if (e.operands.size() == 1 && e.operands[0].op == Op::Constant) return e.operands[0];
    return e;
  }

  Expr call(const ast::Expr& n, const Bound& bound) {
    const Function* f = find_function(n.name);
    if (!f) {
      if (slots_.count(n.name) || find_builtin_value(n.name) || is_crash_field(n.name))
        fail(n.pos, "'" + n.name + "' is not a function");
      fail(n.pos, "unknown function '" + n.name + "'" + did_you_mean(n.name, function_names()));
    }
    const std::size_t given = n.operands.size();
    if (given < f->min_args || given > f->max_args) {
      const std::string expected = f->min_args == f->max_args
                                       ? plural(f->min_args, "argument")
                                       : "from " + std::to_string(f->min_args) + " to " +
                                             plural(f->max_args, "argument");
      fail(n.pos, n.name + "() takes " + expected + " (" + std::to_string(given) + " given)");
    }
    Expr e = operands(Op::Call, n, bound);
    e.function = f;
    return e;
  }

  // ---- statements ----------------------------------------------------------------

  Block block(const ast::Block& statements, Bound& bound) {
    Block out;
    out.reserve(statements.size());
    for (const ast::Stmt& s : statements) out.push_back(statement(s, bound));
    return out;
  }

  Stmt statement(const ast::Stmt& n, Bound& bound) {
    Stmt s;
    switch (n.kind) {
      case ast::StmtKind::Let:
        s.op = StmtOp::Let;
        s.exprs.push_back(expression(*n.value, bound));
        s.slot = variable(n.name, n.name_pos);
        set(bound, s.slot);
        return s;
      case ast::StmtKind::Action: {
        const auto action = find_action(n.name);
        if (!action) fail(n.name_pos, "unknown action '" + n.name + "'" + did_you_mean(n.name, statement_words()));
        s.op = StmtOp::Action;
        s.action = *action;
        s.exprs.push_back(expression(*n.value, bound));
        return s;
      }
      case ast::StmtKind::If: {
        s.op = StmtOp::If;
        std::optional<Bound> after;
        for (const ast::Branch& branch : n.branches) {
          if (branch.condition) s.exprs.push_back(expression(*branch.condition, bound));
          Bound inside = bound;
          s.blocks.push_back(block(branch.body, inside));
          after = after ? intersect(*after, inside) : inside;
        }
        // Without an else, a path may skip every branch.
        if (n.branches.back().condition) after = intersect(*after, bound);
        bound = *after;
        return s;
      }
      case ast::StmtKind::For: {
        s.op = StmtOp::For;
        s.exprs.push_back(expression(*n.value, bound));
        s.slot = variable(n.name, n.name_pos);
        Bound inside = bound;  // the body may run no time at all: nothing it sets counts after
        set(inside, s.slot);
        s.blocks.push_back(block(n.body, inside));
        return s;
      }
      case ast::StmtKind::Try: return try_statement(n, bound);
      case ast::StmtKind::Rerun: return rerun(n, bound);
    }
    fail(n.pos, "unsupported statement");
  }

  Stmt try_statement(const ast::Stmt& n, Bound& bound) {
    Stmt s;
    s.op = StmtOp::Try;
    Bound after = bound;
    s.blocks.push_back(block(n.body, after));
    for (const ast::Handler& h : n.handlers) {
      Handler handler;
      for (const auto& kind : h.kinds) {
        const auto& known = exception_names();
        if (std::find(known.begin(), known.end(), kind.name) == known.end())
          fail(kind.pos, "unknown exception '" + kind.name + "'" + did_you_mean(kind.name, known));
        handler.kinds.push_back(*std::find(known.begin(), known.end(), kind.name));
      }
      // An exception can come before anything in the try block ran.
      Bound inside = bound;
      if (!h.binding.empty()) {
        handler.binding = variable(h.binding, h.binding_pos);
        set(inside, *handler.binding);
      }
      handler.body = block(h.body, inside);
      after = intersect(after, inside);
      s.handlers.push_back(std::move(handler));
    }
    bound = after;
    return s;
  }

  Stmt rerun(const ast::Stmt& n, const Bound& bound) {
    Stmt s;
    s.op = StmtOp::Rerun;
    if (!environment_.create_rule) fail(n.name_pos, "rerun is not available: no rules to create");
    std::shared_ptr<const Rule> rule;
    try {
      rule = environment_.create_rule(n.name);
    } catch (const ConfigError& e) {
      fail(n.name_pos, e.what());
    }
    s.rule = rule.get();
    program_.reruns.push_back(std::move(rule));
    for (const ast::Override& o : n.overrides) {
      if (!is_crash_field(o.field))
        fail(o.pos, "unknown field '" + o.field + "'" + did_you_mean(o.field, crash_fields()));
      s.overrides.push_back({keep(o.field), expression(*o.value, bound)});
    }
    return s;
  }
};

}  // namespace

std::unique_ptr<Rule> compile(const ast::RuleFile& file, const Source& source, const Environment& environment) {
  Program program;
  Compiler(source, environment, program).compile(file);
  return make_rule(std::move(program));
}

std::unique_ptr<Rule> compile_source(const Source& source, const Environment& environment) {
  return compile(parse(source), source, environment);
}

std::unique_ptr<Rule> load_rule_file(const std::string& path, const Environment& environment) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot read the rule file");
  std::ostringstream text;
  text << in.rdbuf();
  return compile_source(Source{path, text.str()}, environment);
}

}  // namespace crashsig::dsl
