#include "doc.h"

#include <iostream>
#include <sstream>

namespace crashsig::cli {

namespace {

struct DocOptions {
  RulesetChoice ruleset;
  std::string positional;
};

// The lines of `text` without the indentation they all share (doc text written as
// an indented block in a rule file reads the same as one written flush left).
std::vector<std::string> dedented_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  while (!lines.empty() && lines.back().find_first_not_of(" \t") == std::string::npos) lines.pop_back();
  std::size_t common = std::string::npos;
  for (const std::string& line : lines) {
    const std::size_t indent = line.find_first_not_of(" \t");
    if (indent != std::string::npos) common = std::min(common, indent);
  }
  for (std::string& line : lines) line = line.size() > common ? line.substr(common) : std::string();
  return lines;
}

// Socorro's "Signature generation rules pipeline" page, as Markdown: a numbered
// list, one item per rule, its doc text indented under it.
std::string ruleset_markdown(const Engine& engine, const RulesetChoice& choice) {
  std::string out = "# Signature generation ruleset: " + choice.ruleset + "\n\n";
  if (!engine.description().empty()) out += engine.description() + "\n\n";
  out += "The rules run in this order on every crash; each one may change the signature the\n"
         "ones before it left. Signature lists: " +
         (choice.siglists.empty() ? std::string("the ruleset's own") : markdown_code(choice.siglists)) + ".\n\n";
  const auto& rules = engine.rules();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string number = std::to_string(i + 1) + ". ";
    const std::string indent(number.size(), ' ');
    out += number + "Rule: **" + rules[i].name + "**\n";
    for (const std::string& line : dedented_lines(rules[i].doc)) out += line.empty() ? "\n" : "\n" + indent + line;
    out += "\n\n";
  }
  return out;
}

int run(DocOptions& o, const CLI::App& command) {
  if (!settle_ruleset(o.ruleset, o.positional, command)) return kExitCannotStart;
  auto engine = load_engine(o.ruleset.engine_options());
  if (!engine) return kExitCannotStart;
  std::cout << ruleset_markdown(*engine, o.ruleset);
  return kExitOk;
}

}  // namespace

Command add_doc_command(CLI::App& crashsig) {
  auto o = std::make_shared<DocOptions>();
  CLI::App* c = crashsig.add_subcommand("doc", "Document a ruleset's rules as Markdown");
  c->description(
      "Document a ruleset's rules as Markdown.\n\n"
      "Prints a ruleset as Markdown: its description, then a numbered list of its rules in\n"
      "the order they run, each with its documentation (the text its plugin or rule file\n"
      "gives) -- the shape of Socorro's \"Signature generation rules pipeline\" page.\n"
      "Use it to publish what a ruleset does, or to review a ruleset change as text.\n\n"
      "Exit status: 0 printed; 2 the ruleset could not be loaded.");
  c->footer(
      "Examples:\n"
      "  crashsig doc > docs/default-ruleset.md\n"
      "  crashsig doc socorro-current\n"
      "  crashsig doc rulesets/mine.yaml");
  add_ruleset_options(*c, o->ruleset);
  add_ruleset_argument(*c, o->positional);
  return Command{c, [o, c] { return run(*o, *c); }};
}

}  // namespace crashsig::cli
