// Parsing in two steps: PEGTL matches the grammar and builds a parse tree of the
// rules selected below (so backtracking never leaves half-built nodes behind), then
// the tree becomes the syntax tree of ast.h.
#include "crashsig/dsl/parser.h"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <charconv>
#include <limits>

#include "crashsig/dsl/grammar.h"
#include "vocabulary.h"

namespace crashsig::dsl {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;
using Node = pegtl::parse_tree::node;

// Mutated or hostile input can nest without end ("((((…", "not not not …"); the
// parser, the compiler and the evaluator all recurse, so nesting is bounded here.
// Counted in grammar rules: one level of parentheses is about a dozen.
constexpr std::size_t kMaxRuleDepth = 600;

struct Nesting {
  std::size_t depth = 0;
};

template <typename Rule>
struct action : pegtl::maybe_nothing {
  template <typename R, pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, Nesting& nesting, States&&... st) {
    if (nesting.depth >= kMaxRuleDepth) throw pegtl::parse_error("expressions or blocks nested too deeply", in);
    ++nesting.depth;
    const bool matched = pegtl::match<R, A, M, Action, Control>(in, nesting, st...);
    --nesting.depth;
    return matched;
  }
};

// The word that starts an action statement must name an action: checked as soon as
// it is read, so a misspelt action is reported as such and not as whatever syntax
// error its argument would cause.
template <>
struct action<g::action_name> {
  template <typename ActionInput, typename... States>
  static void apply(const ActionInput& in, States&&...) {
    const std::string word = in.string();
    if (find_action(word)) return;
    std::string message = "unknown action '" + word + "'";
    const std::string suggestion = did_you_mean(word, statement_words());
    message += suggestion.empty()
                   ? "; a statement is let, if, for, try, rerun, prepend, append, stomp or note"
                   : suggestion;
    throw pegtl::parse_error(message, in);
  }
};

template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<g::rule_name, g::doc_text, g::integer_literal, g::float_literal, g::string_text,
                                         g::escape_sequence, g::brace_escape, g::true_literal, g::false_literal,
                                         g::null_literal, g::function_name, g::name, g::member_name,
                                         g::comparison_operator, g::additive_operator, g::variable_name,
                                         g::exception_name, g::rerun_rule_name, g::override_field, g::action_name,
                                         g::slice_colon>,
    pegtl::parse_tree::remove_content::on<g::string_literal, g::list_literal, g::call, g::member_access,
                                          g::subscript, g::subscript_start, g::slice_stop, g::negation,
                                          g::logical_not, g::block, g::let_statement, g::if_statement,
                                          g::elif_clause, g::else_clause, g::for_statement, g::try_statement,
                                          g::except_clause, g::rerun_statement, g::field_override,
                                          g::action_statement>,
    pegtl::parse_tree::fold_one::on<g::postfix, g::sum, g::comparison, g::and_expression, g::or_expression>>;

// Runs of whitespace become one space: the doc text is reflowed by whoever shows it.
std::string reflow(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

class TreeConverter {
 public:
  explicit TreeConverter(const Source& source) : source_(source) {}

  ast::RuleFile rule_file(const Node& root) {
    ast::RuleFile file;
    const auto& c = root.children;
    file.name = c.at(0)->string();
    file.name_pos = position(*c.at(0));
    file.doc = reflow(c.at(1)->string_view());
    std::size_t next = 2;
    if (!c.at(next)->is_type<g::block>()) file.when = expression(*c.at(next++));
    file.then = block(*c.at(next));
    return file;
  }

 private:
  const Source& source_;

  static ast::Position position(const Node& n) {
    const auto p = n.begin();
    return {p.line, p.column};
  }

  [[noreturn]] void fail(const Node& n, const std::string& message) const {
    throw CompileError(source_, position(n), message);
  }

  ast::Block block(const Node& n) {
    ast::Block statements;
    statements.reserve(n.children.size());
    for (const auto& child : n.children) statements.push_back(statement(*child));
    return statements;
  }

  ast::Stmt statement(const Node& n) {
    ast::Stmt s;
    s.pos = position(n);
    const auto& c = n.children;
    if (n.is_type<g::let_statement>()) {
      s.kind = ast::StmtKind::Let;
      name_of(s, *c[0]);
      s.value = expression(*c[1]);
    } else if (n.is_type<g::action_statement>()) {
      s.kind = ast::StmtKind::Action;
      name_of(s, *c[0]);
      s.value = expression(*c[1]);
    } else if (n.is_type<g::if_statement>()) {
      s.kind = ast::StmtKind::If;
      s.branches.push_back({expression(*c[0]), block(*c[1])});
      for (std::size_t i = 2; i < c.size(); ++i) {
        const auto& clause = c[i]->children;
        if (c[i]->is_type<g::elif_clause>())
          s.branches.push_back({expression(*clause[0]), block(*clause[1])});
        else
          s.branches.push_back({nullptr, block(*clause[0])});
      }
    } else if (n.is_type<g::for_statement>()) {
      s.kind = ast::StmtKind::For;
      name_of(s, *c[0]);
      s.value = expression(*c[1]);
      s.body = block(*c[2]);
    } else if (n.is_type<g::try_statement>()) {
      s.kind = ast::StmtKind::Try;
      s.body = block(*c[0]);
      for (std::size_t i = 1; i < c.size(); ++i) s.handlers.push_back(handler(*c[i]));
    } else {  // rerun_statement
      s.kind = ast::StmtKind::Rerun;
      name_of(s, *c[0]);
      for (std::size_t i = 1; i < c.size(); ++i) {
        const Node& field = *c[i]->children[0];
        s.overrides.push_back({field.string(), position(field), expression(*c[i]->children[1])});
      }
    }
    return s;
  }

  static void name_of(ast::Stmt& s, const Node& n) {
    s.name = n.string();
    s.name_pos = position(n);
  }

  ast::Handler handler(const Node& n) {
    ast::Handler h;
    for (const auto& child : n.children) {
      if (child->is_type<g::exception_name>()) {
        h.kinds.push_back({child->string(), position(*child)});
      } else if (child->is_type<g::variable_name>()) {
        h.binding = child->string();
        h.binding_pos = position(*child);
      } else {
        h.body = block(*child);
      }
    }
    return h;
  }

  ast::ExprPtr make(ast::ExprKind kind, const Node& n) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = kind;
    e->pos = position(n);
    return e;
  }

  ast::ExprPtr expression(const Node& n) {
    const auto& c = n.children;
    if (n.is_type<g::integer_literal>()) {
      auto e = make(ast::ExprKind::Integer, n);
      e->name = n.string();
      return e;
    }
    if (n.is_type<g::float_literal>()) {
      auto e = make(ast::ExprKind::Float, n);
      const std::string_view text = n.string_view();
      const auto result = std::from_chars(text.data(), text.data() + text.size(), e->number);
      if (result.ec == std::errc::result_out_of_range) {
        // Not an error: Python reads 1e999 as inf and 1e-999 as 0.0.
        const bool tiny = text.find("e-") != std::string_view::npos || text.find("E-") != std::string_view::npos;
        e->number = tiny ? 0.0 : std::numeric_limits<double>::infinity();
      }
      return e;
    }
    if (n.is_type<g::string_literal>()) return string_template(n);
    if (n.is_type<g::true_literal>() || n.is_type<g::false_literal>()) {
      auto e = make(ast::ExprKind::Bool, n);
      e->boolean = n.is_type<g::true_literal>();
      return e;
    }
    if (n.is_type<g::null_literal>()) return make(ast::ExprKind::Null, n);
    if (n.is_type<g::name>()) {
      auto e = make(ast::ExprKind::Name, n);
      e->name = n.string();
      return e;
    }
    if (n.is_type<g::list_literal>()) {
      auto e = make(ast::ExprKind::List, n);
      for (const auto& item : c) e->operands.push_back(expression(*item));
      return e;
    }
    if (n.is_type<g::call>()) {
      auto e = make(ast::ExprKind::Call, n);
      e->name = c[0]->string();
      for (std::size_t i = 1; i < c.size(); ++i) e->operands.push_back(expression(*c[i]));
      return e;
    }
    if (n.is_type<g::negation>() || n.is_type<g::logical_not>()) {
      auto e = make(n.is_type<g::negation>() ? ast::ExprKind::Negate : ast::ExprKind::Not, n);
      e->operands.push_back(expression(*c[0]));
      return e;
    }
    if (n.is_type<g::postfix>()) return postfix(n);
    if (n.is_type<g::sum>()) {
      ast::ExprPtr left = expression(*c[0]);
      for (std::size_t i = 1; i + 1 < c.size(); i += 2) {
        auto e = make(c[i]->string_view() == "+" ? ast::ExprKind::Add : ast::ExprKind::Subtract, *c[i]);
        e->operands.push_back(std::move(left));
        e->operands.push_back(expression(*c[i + 1]));
        left = std::move(e);
      }
      return left;
    }
    if (n.is_type<g::comparison>()) {
      auto e = make(ast::ExprKind::Compare, *c[1]);
      e->op = comparison_operator(c[1]->string_view());
      e->operands.push_back(expression(*c[0]));
      e->operands.push_back(expression(*c[2]));
      return e;
    }
    // and_expression / or_expression with two or more operands
    auto e = make(n.is_type<g::and_expression>() ? ast::ExprKind::And : ast::ExprKind::Or, n);
    for (const auto& operand : c) e->operands.push_back(expression(*operand));
    return e;
  }

  static ast::CompareOp comparison_operator(std::string_view op) {
    if (op == "==") return ast::CompareOp::Equal;
    if (op == "!=") return ast::CompareOp::NotEqual;
    if (op == "<") return ast::CompareOp::Less;
    if (op == "<=") return ast::CompareOp::LessEqual;
    if (op == ">") return ast::CompareOp::Greater;
    if (op == ">=") return ast::CompareOp::GreaterEqual;
    if (op == "in") return ast::CompareOp::In;
    if (op == "contains") return ast::CompareOp::Contains;
    if (op == "startswith") return ast::CompareOp::StartsWith;
    if (op == "endswith") return ast::CompareOp::EndsWith;
    return ast::CompareOp::NotIn;  // "not", whitespace or comments, "in"
  }

  ast::ExprPtr postfix(const Node& n) {
    const auto& c = n.children;
    ast::ExprPtr target = expression(*c[0]);
    for (std::size_t i = 1; i < c.size(); ++i) {
      const Node& op = *c[i];
      if (op.is_type<g::member_access>()) {
        auto e = make(ast::ExprKind::Member, op);
        e->name = op.children[0]->string();
        e->operands.push_back(std::move(target));
        target = std::move(e);
        continue;
      }
      ast::ExprPtr start, stop;
      bool is_slice = false;
      for (const auto& part : op.children) {
        if (part->is_type<g::subscript_start>()) start = expression(*part->children[0]);
        else if (part->is_type<g::slice_colon>()) is_slice = true;
        else stop = expression(*part->children[0]);
      }
      if (!is_slice && !start) fail(op, "expected an index or a slice between '[' and ']'");
      auto e = make(is_slice ? ast::ExprKind::Slice : ast::ExprKind::Index, op);
      e->operands.push_back(std::move(target));
      e->operands.push_back(std::move(start));
      if (is_slice) e->operands.push_back(std::move(stop));
      target = std::move(e);
    }
    return target;
  }

  ast::ExprPtr string_template(const Node& n) {
    auto e = make(ast::ExprKind::String, n);
    auto text = [&]() -> std::string& {
      if (e->parts.empty() || e->parts.back().expr) e->parts.emplace_back();
      return e->parts.back().text;
    };
    for (const auto& part : n.children) {
      if (part->is_type<g::string_text>()) {
        text() += part->string_view();
      } else if (part->is_type<g::brace_escape>()) {
        text() += part->string_view()[0];
      } else if (part->is_type<g::escape_sequence>()) {
        switch (part->string_view()[1]) {
          case 'n': text() += '\n'; break;
          case 'r': text() += '\r'; break;
          case 't': text() += '\t'; break;
          default: text() += part->string_view()[1];  // \\ and \"
        }
      } else {
        e->parts.push_back({std::string(), expression(*part)});
      }
    }
    return e;
  }
};

}  // namespace

ast::RuleFile parse(const Source& source) {
  pegtl::memory_input<> in(source.text, source.path);
  Nesting nesting;
  try {
    auto root = pegtl::parse_tree::parse<g::rule_file, selector, action, g::control>(in, nesting);
    // The grammar raises on every failure that matters; a plain mismatch cannot
    // happen, but is reported rather than assumed away.
    if (!root) throw CompileError(source, {1, 1}, "not a rule file");
    return TreeConverter(source).rule_file(*root);
  } catch (const pegtl::parse_error& e) {
    const auto& p = e.positions().front();
    throw CompileError(source, {p.line, p.column}, std::string(e.message()));
  }
}

}  // namespace crashsig::dsl
