// crashsig — crash signature generation for the people who maintain signatures.
#include <CLI/CLI.hpp>

#include <sstream>

#include "diff.h"
#include "doc.h"
#include "explain.h"
#include "fetch_ids.h"
#include "lint.h"
#include "signature.h"
#include "signify.h"

namespace {

// Lists each command with the first line of its description; the rest is for
// `crashsig COMMAND --help`.
class SummaryFormatter : public CLI::Formatter {
 public:
  std::string make_subcommand(const CLI::App* sub) const override {
    std::stringstream out;
    const std::string& description = sub->get_description();
    CLI::detail::format_help(out, sub->get_display_name(true), description.substr(0, description.find('\n')),
                             column_width_);
    return out.str();
  }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "crashsig: turns crash reports into crash signatures, the short strings that group\n"
      "crashes with a common cause (e.g. \"OOM | small\"), as Mozilla Socorro does."};
  app.require_subcommand(1);
  app.formatter(std::make_shared<SummaryFormatter>());
  app.footer(
      "Rulesets: 'default' (Socorro's thirteen rules with crashsig's lists),\n"
      "'socorro-current' (Socorro's production fourteen), 'socorro-dsl' (the same, with the\n"
      "annotation rules as rule files), or a path to a ruleset YAML file.\n"
      "Run 'crashsig COMMAND --help' for a command's options and examples. Guides for\n"
      "maintainers: docs/reviewing-a-change.md, docs/writing-a-list-entry.md,\n"
      "docs/writing-a-rule.md.");

  // signify, then the maintainer tools in the order of the workflow: explain a crash,
  // check the lists, compare rulesets on a corpus and on crashes from a server, document.
  const std::vector<crashsig::cli::Command> commands = {
      crashsig::cli::add_signify_command(app),
      crashsig::cli::add_explain_command(app),   crashsig::cli::add_lint_command(app),
      crashsig::cli::add_diff_command(app),      crashsig::cli::add_signature_command(app),
      crashsig::cli::add_fetch_ids_command(app), crashsig::cli::add_doc_command(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help exits 0; a usage error exits 2 like any other failure to start.
    return app.exit(e) == 0 ? 0 : 2;
  }

  for (const auto& command : commands)
    if (command.app->parsed()) return command.run();
  return 2;
}
