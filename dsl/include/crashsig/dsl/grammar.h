// crashsig/dsl/grammar.h — the rule language's grammar, as PEGTL rules.
//
// A rule file is one rule:
//
//   rule OOMSignature
//   doc """Marks out-of-memory crashes..."""
//   when oom_allocation_size or signature contains "NS_ABORT_OOM"
//   then
//       if int(oom_allocation_size) <= 262144:
//           stomp "OOM | small"
//       else:
//           prepend "OOM | large | "
//       end
//
// Whitespace and newlines separate tokens and nothing else; every statement starts
// with a word (let, if, for, try, rerun or an action name), so statements need no
// separator. `#` starts a comment that runs to the end of the line.
//
// Errors: where the text cannot be valid without a rule (the ':' after
// `if <condition>`), the grammar says must<rule>, and the rule's error_message<>
// is the parse error. Rules with a message appear only in such places.
#pragma once

#include <tao/pegtl.hpp>

namespace crashsig::dsl::grammar {

using namespace tao::pegtl;

// ---- tokens --------------------------------------------------------------------

struct comment : seq<one<'#'>, until<eolf>> {};
struct sp : star<sor<space, comment>> {};

struct kw_rule : TAO_PEGTL_KEYWORD("rule") {};
struct kw_doc : TAO_PEGTL_KEYWORD("doc") {};
struct kw_when : TAO_PEGTL_KEYWORD("when") {};
struct kw_then : TAO_PEGTL_KEYWORD("then") {};
struct kw_let : TAO_PEGTL_KEYWORD("let") {};
struct kw_if : TAO_PEGTL_KEYWORD("if") {};
struct kw_elif : TAO_PEGTL_KEYWORD("elif") {};
struct kw_else : TAO_PEGTL_KEYWORD("else") {};
struct kw_end : TAO_PEGTL_KEYWORD("end") {};
struct kw_for : TAO_PEGTL_KEYWORD("for") {};
struct kw_in : TAO_PEGTL_KEYWORD("in") {};
struct kw_try : TAO_PEGTL_KEYWORD("try") {};
struct kw_except : TAO_PEGTL_KEYWORD("except") {};
struct kw_as : TAO_PEGTL_KEYWORD("as") {};
struct kw_rerun : TAO_PEGTL_KEYWORD("rerun") {};
struct kw_with : TAO_PEGTL_KEYWORD("with") {};
struct kw_and : TAO_PEGTL_KEYWORD("and") {};
struct kw_or : TAO_PEGTL_KEYWORD("or") {};
struct kw_not : TAO_PEGTL_KEYWORD("not") {};
struct kw_contains : TAO_PEGTL_KEYWORD("contains") {};
struct kw_startswith : TAO_PEGTL_KEYWORD("startswith") {};
struct kw_endswith : TAO_PEGTL_KEYWORD("endswith") {};
struct kw_true : TAO_PEGTL_KEYWORD("true") {};
struct kw_false : TAO_PEGTL_KEYWORD("false") {};
struct kw_null : TAO_PEGTL_KEYWORD("null") {};

struct keyword
    : sor<kw_rule, kw_doc, kw_when, kw_then, kw_let, kw_if, kw_elif, kw_else, kw_end, kw_for, kw_in, kw_try,
          kw_except, kw_as, kw_rerun, kw_with, kw_and, kw_or, kw_not, kw_contains, kw_startswith, kw_endswith,
          kw_true, kw_false, kw_null> {};

// Letters, digits and '_', not starting with a digit, and not a keyword.
struct word : seq<not_at<keyword>, identifier> {};

struct colon : one<':'> {};
struct equals_sign : one<'='> {};
struct close_paren : one<')'> {};
struct close_bracket : one<']'> {};

// ---- literals ------------------------------------------------------------------

struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, plus<digit>> {};
struct float_literal
    : seq<plus<digit>, sor<seq<one<'.'>, plus<digit>, opt<exponent>>, exponent>, not_at<identifier_other>> {};
struct integer_literal : seq<plus<digit>, not_at<identifier_other>> {};
struct true_literal : kw_true {};
struct false_literal : kw_false {};
struct null_literal : kw_null {};

struct expression;

// "text {expression} text": a template. `{{` and `}}` are literal braces.
struct string_text : plus<not_one<'"', '\\', '{', '}', '\n', '\r'>> {};
struct escaped_char : one<'\\', '"', 'n', 'r', 't'> {};
struct escape_sequence : seq<one<'\\'>, must<escaped_char>> {};
struct brace_escape : sor<two<'{'>, two<'}'>> {};
struct interpolated_expression : seq<expression> {};
struct interpolation_end : one<'}'> {};
struct interpolation : seq<one<'{'>, sp, must<interpolated_expression>, sp, must<interpolation_end>> {};
struct lone_close_brace : one<'}'> {};
struct string_part
    : sor<string_text, escape_sequence, brace_escape, interpolation, seq<at<one<'}'>>, tao::pegtl::raise<lone_close_brace>>> {};
struct string_end : one<'"'> {};
struct string_literal : seq<one<'"'>, star<string_part>, must<string_end>> {};

// ---- expressions, loosest binding first ----------------------------------------

struct list_items : seq<expression, star<sp, one<','>, sp, expression>, opt<sp, one<','>>> {};
struct list_literal : seq<one<'['>, sp, opt<list_items>, sp, must<close_bracket>> {};

struct function_name : word {};
struct call : seq<function_name, sp, one<'('>, sp, opt<list_items>, sp, must<close_paren>> {};
struct name : word {};
struct required_expression;
struct parenthesized : seq<one<'('>, sp, must<required_expression>, sp, must<close_paren>> {};

struct primary
    : sor<float_literal, integer_literal, string_literal, list_literal, parenthesized, true_literal, false_literal, null_literal,
          call, name> {};

// x.key, x[i], x[a:b]
struct member_name : word {};
struct member_access : seq<one<'.'>, sp, must<member_name>> {};
struct subscript_start : seq<expression> {};
struct slice_colon : one<':'> {};
struct slice_stop : seq<expression> {};
struct subscript
    : seq<one<'['>, sp, opt<subscript_start>, sp, opt<slice_colon, sp, opt<slice_stop>>, sp, must<close_bracket>> {};
struct postfix : seq<primary, star<sp, sor<member_access, subscript>>> {};

struct unary;
struct negation_operand : seq<unary> {};
struct negation : seq<one<'-'>, sp, must<negation_operand>> {};
struct unary : sor<negation, postfix> {};

struct additive_operator : one<'+', '-'> {};
struct sum_operand : seq<unary> {};
struct sum : seq<unary, star<sp, additive_operator, sp, must<sum_operand>>> {};

// A lone '=' after an operand is a comparison meant as `==`: said so, rather than
// whatever the next rule would expect.
struct single_equals : one<'='> {};
struct comparison_operator
    : sor<two<'='>, string<'!', '='>, string<'<', '='>, one<'<'>, string<'>', '='>, one<'>'>, seq<kw_not, sp, kw_in>,
          kw_in, kw_contains, kw_startswith, kw_endswith, seq<at<one<'='>>, tao::pegtl::raise<single_equals>>> {};
struct comparison_operand : seq<sum> {};
struct comparison : seq<sum, opt<sp, comparison_operator, sp, must<comparison_operand>>> {};

struct not_expression;
struct not_operand : seq<not_expression> {};
struct logical_not : seq<kw_not, sp, must<not_operand>> {};
struct not_expression : sor<logical_not, comparison> {};

struct and_operand : seq<not_expression> {};
struct and_expression : seq<not_expression, star<sp, kw_and, sp, must<and_operand>>> {};
struct or_operand : seq<and_expression> {};
struct or_expression : seq<and_expression, star<sp, kw_or, sp, must<or_operand>>> {};

struct expression : seq<or_expression> {};
// An expression where one is required, e.g. after `when`, `let x =` or `(`.
struct required_expression : seq<expression> {};

// ---- statements ----------------------------------------------------------------

struct statement;
struct block : star<statement, sp> {};

struct variable_name : word {};
struct let_statement : seq<kw_let, sp, must<variable_name>, sp, must<equals_sign>, sp, must<required_expression>> {};

struct end_of_if : kw_end {};
struct elif_clause : seq<kw_elif, sp, must<required_expression>, sp, must<colon>, sp, block> {};
struct else_clause : seq<kw_else, sp, must<colon>, sp, block> {};
struct if_statement
    : seq<kw_if, sp, must<required_expression>, sp, must<colon>, sp, block, star<elif_clause>, opt<else_clause>,
          must<end_of_if>> {};

struct for_in : kw_in {};
struct end_of_for : kw_end {};
struct for_statement
    : seq<kw_for, sp, must<variable_name>, sp, must<for_in>, sp, must<required_expression>, sp, must<colon>, sp, block,
          must<end_of_for>> {};

struct exception_name : word {};
struct except_clause
    : seq<kw_except, sp, must<exception_name>, star<sp, one<','>, sp, must<exception_name>>,
          opt<sp, kw_as, sp, must<variable_name>>, sp, must<colon>, sp, block> {};
struct first_except : seq<except_clause> {};
struct end_of_try : kw_end {};
struct try_statement
    : seq<kw_try, sp, must<colon>, sp, block, must<first_except>, star<except_clause>, must<end_of_try>> {};

struct rerun_rule_name : word {};
struct override_field : word {};
struct field_override : seq<must<override_field>, sp, must<equals_sign>, sp, must<required_expression>> {};
struct rerun_statement
    : seq<kw_rerun, sp, must<rerun_rule_name>, opt<sp, kw_with, sp, field_override, star<sp, one<','>, sp, field_override>>> {};

// prepend/append/stomp/note <expression>. The parser checks the word (see parser.cpp).
struct action_name : word {};
struct action_statement : seq<action_name, sp, must<required_expression>> {};

struct statement
    : sor<let_statement, if_statement, for_statement, try_statement, rerun_statement, action_statement> {};

// ---- the file ------------------------------------------------------------------

struct rule_name : word {};
struct rule_header : seq<kw_rule, sp, must<rule_name>> {};

struct doc_text : star<not_at<three<'"'>>, any> {};
struct doc_end : three<'"'> {};
struct doc_string : seq<three<'"'>, doc_text, must<doc_end>> {};
struct doc_section : seq<kw_doc, sp, must<doc_string>> {};

struct then_after_when : seq<kw_then, sp, block> {};
struct when_clause : seq<kw_when, sp, must<required_expression>, sp, must<then_after_when>> {};
struct then_without_when : seq<kw_then, sp, block> {};
struct rule_body : sor<when_clause, must<then_without_when>> {};

struct end_of_rule_file : eof {};
struct rule_file : seq<sp, must<rule_header>, sp, must<doc_section>, sp, rule_body, sp, must<end_of_rule_file>> {};

// ---- error messages ------------------------------------------------------------

template <typename> inline constexpr const char* error_message = nullptr;

template <> inline constexpr auto error_message<rule_header> = "expected 'rule' and the rule's name at the start of the file";
template <> inline constexpr auto error_message<rule_name> = "expected the rule's name after 'rule'";
template <> inline constexpr auto error_message<doc_section> = "expected 'doc' and the rule's description in \"\"\"triple quotes\"\"\"";
template <> inline constexpr auto error_message<doc_string> = "expected the rule's description in \"\"\"triple quotes\"\"\" after 'doc'";
template <> inline constexpr auto error_message<doc_end> = "expected '\"\"\"' to end the description";
template <> inline constexpr auto error_message<then_without_when> = "expected 'when' and a condition, or 'then' and the actions";
template <> inline constexpr auto error_message<then_after_when> = "expected 'then' after the condition (or an operator to continue it)";
template <> inline constexpr auto error_message<end_of_rule_file> = "expected a statement: let, if, for, try, rerun, prepend, append, stomp or note";

template <> inline constexpr auto error_message<required_expression> = "expected an expression";
template <> inline constexpr auto error_message<variable_name> = "expected a variable name";
template <> inline constexpr auto error_message<equals_sign> = "expected '='";
template <> inline constexpr auto error_message<colon> = "expected ':'";
template <> inline constexpr auto error_message<end_of_if> = "expected 'end' to close the 'if' (or elif, else, or another statement)";
template <> inline constexpr auto error_message<for_in> = "expected 'in' after the loop variable";
template <> inline constexpr auto error_message<end_of_for> = "expected 'end' to close the 'for' (or another statement)";
template <> inline constexpr auto error_message<first_except> = "expected 'except' after the 'try' block (or another statement)";
template <> inline constexpr auto error_message<exception_name> = "expected an exception name, e.g. ValueError";
template <> inline constexpr auto error_message<end_of_try> = "expected 'end' to close the 'try' (or except, or another statement)";
template <> inline constexpr auto error_message<rerun_rule_name> = "expected the name of the rule to rerun";
template <> inline constexpr auto error_message<override_field> = "expected a crash field to override, e.g. crashing_thread";

template <> inline constexpr auto error_message<close_paren> = "expected ')'";
template <> inline constexpr auto error_message<close_bracket> = "expected ']'";
template <> inline constexpr auto error_message<member_name> = "expected a key after '.'";
template <> inline constexpr auto error_message<negation_operand> = "expected an expression after '-'";
template <> inline constexpr auto error_message<sum_operand> = "expected an expression after the operator";
template <> inline constexpr auto error_message<comparison_operand> = "expected an expression after the comparison";
template <> inline constexpr auto error_message<single_equals> = "'=' only sets a variable (let); compare with '=='";
template <> inline constexpr auto error_message<not_operand> = "expected an expression after 'not'";
template <> inline constexpr auto error_message<and_operand> = "expected an expression after 'and'";
template <> inline constexpr auto error_message<or_operand> = "expected an expression after 'or'";

template <> inline constexpr auto error_message<string_end> = "expected '\"' to end the string (a string ends on the line it starts)";
template <> inline constexpr auto error_message<escaped_char> = "unknown escape sequence (use \\\\, \\\", \\n, \\r or \\t)";
template <> inline constexpr auto error_message<interpolated_expression> = "expected an expression after '{' (write '{{' for a literal brace)";
template <> inline constexpr auto error_message<interpolation_end> = "expected '}' to end the interpolated expression";
template <> inline constexpr auto error_message<lone_close_brace> = "a '}' in a string must be doubled ('}}')";

struct error {
  template <typename Rule> static constexpr auto message = error_message<Rule>;
};

// Rules with a message raise it when they fail; the others fail quietly.
template <typename Rule> using control = must_if<error>::control<Rule>;

}  // namespace crashsig::dsl::grammar
