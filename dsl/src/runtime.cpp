// A tree-walking evaluator. One Evaluation per predicate or action call holds all
// per-crash state (variables, computed strings), so a compiled rule is immutable
// and shared by every thread. Values are views: fields are read in place, and only
// computed strings and lists take memory, from the Evaluation's Scratch.
#include "runtime.h"

#include <algorithm>
#include <array>
#include <vector>

#include "crashsig/crash_data.h"
#include "crashsig/python.h"
#include "functions.h"
#include "operations.h"

namespace crashsig::dsl {

namespace {

class Evaluation {
 public:
  // `writable` is the result actions change, and `locals` the program's variables
  // (Program::locals of them); both null while evaluating the predicate, which
  // can neither act nor set variables.
  Evaluation(const Program& program, const Value& crash, const Result& result, Result* writable, Value* locals)
      : program_(program), crash_(crash), result_(result), writable_(writable), locals_(locals) {}

  Value eval(const Expr& e) {
    switch (e.op) {
      case Op::Constant: return e.constant;
      case Op::Template: {
        std::string s;
        render(s, e);
        return scratch_.string(s);
      }
      case Op::List: {
        Value* items = scratch_.values(e.operands.size());
        for (std::size_t i = 0; i < e.operands.size(); ++i) items[i] = eval(e.operands[i]);
        return Value::array(items, static_cast<std::uint32_t>(e.operands.size()));
      }
      case Op::Field: return crash_.get(e.key);
      case Op::Builtin: return builtin(e.builtin);
      case Op::Local: return locals_[e.slot];
      case Op::Member: return ops::member(eval(e.operands[0]), e.key);
      case Op::Index: {
        const Value target = eval(e.operands[0]);
        return ops::index(target, eval(e.operands[1]));
      }
      case Op::Slice: {
        const Value target = eval(e.operands[0]);
        const Value start = eval(e.operands[1]);
        return ops::slice(target, start, eval(e.operands[2]));
      }
      case Op::Call: {
        std::array<Value, kMaxArguments> args;
        for (std::size_t i = 0; i < e.operands.size(); ++i) args[i] = eval(e.operands[i]);
        return e.function->call(args.data(), e.operands.size(), scratch_);
      }
      case Op::Not: return Value::boolean(!eval(e.operands[0]).truthy());
      case Op::Negate: return ops::negate(eval(e.operands[0]));
      case Op::And:
      case Op::Or: {
        // Python's `and`/`or` give the operand that decided, not a bool.
        const bool stop_when = e.op == Op::Or;
        for (std::size_t i = 0; i + 1 < e.operands.size(); ++i) {
          const Value v = eval(e.operands[i]);
          if (v.truthy() == stop_when) return v;
        }
        return eval(e.operands.back());
      }
      case Op::Add: {
        const Value a = eval(e.operands[0]);
        return ops::add(a, eval(e.operands[1]), scratch_);
      }
      case Op::Subtract: {
        const Value a = eval(e.operands[0]);
        return ops::subtract(a, eval(e.operands[1]));
      }
      default: return Value::boolean(compare(e));
    }
  }

  void run(const Block& block) {
    for (const Stmt& s : block) exec(s);
  }

 private:
  const Program& program_;
  const Value& crash_;
  const Result& result_;
  Result* writable_;
  Value* locals_;
  Scratch scratch_;
  // In an action the signature changes; a copy keeps what variables saw alive.
  Value signature_copy_;
  bool signature_copy_current_ = false;

  Value builtin(BuiltinValue which) {
    switch (which) {
      case BuiltinValue::Signature:
        if (!writable_) return Value::string(result_.signature);
        if (!signature_copy_current_) {
          signature_copy_ = scratch_.string(result_.signature);
          signature_copy_current_ = true;
        }
        return signature_copy_;
      case BuiltinValue::Thread: return thread_at(crash_, crashing_thread(crash_));
      case BuiltinValue::Crash: return crash_;
    }
    return Value();
  }

  // The comparison operators, Equal to EndsWith.
  bool compare(const Expr& e) {
    const Value a = eval(e.operands[0]);
    const Value b = eval(e.operands[1]);
    switch (e.op) {
      case Op::Equal: return py::equals(a, b);
      case Op::NotEqual: return !py::equals(a, b);
      case Op::Less: return ordered(a, b, "<", [](int c) { return c < 0; });
      case Op::LessEqual: return ordered(a, b, "<=", [](int c) { return c <= 0; });
      case Op::Greater: return ordered(a, b, ">", [](int c) { return c > 0; });
      case Op::GreaterEqual: return ordered(a, b, ">=", [](int c) { return c >= 0; });
      case Op::In: return ops::contains(b, a);
      case Op::NotIn: return !ops::contains(b, a);
      case Op::Contains: return ops::contains(a, b);
      case Op::StartsWith: return ops::has_affix(a, b, "startswith", false);
      case Op::EndsWith: return ops::has_affix(a, b, "endswith", true);
      default: return false;
    }
  }

  template <class Holds>
  static bool ordered(const Value& a, const Value& b, std::string_view symbol, Holds holds) {
    const auto o = ops::order(a, b, symbol);
    return o && holds(*o);
  }

  // Appends str() of the expression's value, rendering templates piece by piece.
  void render(std::string& out, const Expr& e) {
    if (e.op != Op::Template) {
      if (e.op == Op::Builtin && e.builtin == BuiltinValue::Signature)
        out.append(result_.signature);
      else
        ops::append_str(out, eval(e));
      return;
    }
    for (const Expr& part : e.operands) render(out, part);
  }

  void exec(const Stmt& s) {
    switch (s.op) {
      case StmtOp::Let: locals_[s.slot] = eval(s.exprs[0]); return;
      case StmtOp::If:
        for (std::size_t i = 0; i < s.exprs.size(); ++i) {
          if (eval(s.exprs[i]).truthy()) return run(s.blocks[i]);
        }
        if (s.blocks.size() > s.exprs.size()) run(s.blocks.back());
        return;
      case StmtOp::For:
        py::for_each_item(eval(s.exprs[0]), [&](const Value& item) {
          locals_[s.slot] = item;
          run(s.blocks[0]);
          return true;
        });
        return;
      case StmtOp::Try: return run_try(s);
      case StmtOp::Rerun: return rerun(s);
      case StmtOp::Action: return act(s);
    }
  }

  void run_try(const Stmt& s) {
    try {
      run(s.blocks[0]);
    } catch (const RuleError& error) {
      for (const Handler& h : s.handlers) {
        for (std::string_view kind : h.kinds) {
          if (!exception_matches(kind, error.kind())) continue;
          if (h.binding) locals_[*h.binding] = scratch_.string(error.what());
          return run(h.body);
        }
      }
      throw;
    }
  }

  // Runs another rule's action on a copy of the crash data with some fields
  // replaced (added when missing), as Socorro's override_values does.
  void rerun(const Stmt& s) {
    const std::uint32_t n = crash_.size();
    Member* members = scratch_.members(n + s.overrides.size());
    std::copy(crash_.members(), crash_.members_end(), members);
    std::uint32_t count = n;
    for (const Override& o : s.overrides) {
      const Value value = eval(o.value);
      Member* slot = std::find_if(members, members + count, [&](const Member& m) { return m.key == o.field; });
      if (slot == members + count) ++count;
      *slot = Member{o.field, value};
    }
    signature_copy_current_ = false;  // before: the rule may change the signature and then fail
    s.rule->action(Value::object(members, count), *writable_);
  }

  void act(const Stmt& s) {
    std::string text;
    text.reserve(result_.signature.size() + 64);
    if (s.action == Action::Append) text = result_.signature;
    render(text, s.exprs[0]);
    switch (s.action) {
      case Action::Prepend: text += result_.signature; break;
      case Action::Note: writable_->note(program_.name, text); return;
      case Action::Append:
      case Action::Stomp: break;
    }
    signature_copy_current_ = false;
    writable_->set_signature(program_.name, std::move(text));
  }
};

class CompiledRule final : public Rule {
 public:
  explicit CompiledRule(Program program) : program_(std::move(program)) {}

  std::string_view name() const override { return program_.name; }
  std::string_view doc() const override { return program_.doc; }

  bool predicate(const Value& crash, const Result& result) const override {
    if (!program_.when) return true;
    return Evaluation(program_, crash, result, nullptr, nullptr).eval(*program_.when).truthy();
  }

  void action(const Value& crash, Result& result) const override {
    // Most rules have a few variables: they live on the stack.
    std::array<Value, 8> small;
    std::vector<Value> large(program_.locals > small.size() ? program_.locals : 0);
    Value* locals = large.empty() ? small.data() : large.data();
    Evaluation(program_, crash, result, &result, locals).run(program_.then);
  }

 private:
  Program program_;
};

}  // namespace

std::unique_ptr<Rule> make_rule(Program program) { return std::make_unique<CompiledRule>(std::move(program)); }

}  // namespace crashsig::dsl
