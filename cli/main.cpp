// crashsig — crash signature generation for the people who maintain signatures.
#include <CLI/CLI.hpp>

#include <sstream>
#include <thread>
#include <unistd.h>

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
      "'socorro-current' (Socorro's production fourteen), or a path to a ruleset YAML file.\n"
      "Run 'crashsig COMMAND --help' for a command's options and examples. Guides for\n"
      "maintainers: docs/reviewing-a-change.md, docs/writing-a-list-entry.md,\n"
      "docs/writing-a-rule.md.");

  crashsig::cli::SignifyOptions signify;
  CLI::App* s = app.add_subcommand("signify", "Generate signatures for crash data files");
  s->description(
      "Generate signatures for crash data files.\n\n"
      "Input: JSON Lines (one crash per line) or a single JSON document, from FILEs or standard\n"
      "input. A crash is signature-generation crash data (threads, frames, annotations) or a\n"
      "Socorro processed crash (with \"json_dump\").\n"
      "Output: one JSON object per input line, in input order:\n"
      "  {\"signature\", \"notes\", \"proto_signature\", \"normalized_frames\"[, \"debug_log\"]}\n"
      "A line that cannot be read gives {\"error\": \"line N: why\"} and the run goes on.\n"
      "Exit status: 0 all crashes signed; 1 some lines could not be read; 2 the ruleset,\n"
      "lists or plugins could not be loaded.\n\n"
      "Example:\n"
      "  crashsig signify examples/oom.json\n"
      "  crashsig signify --ruleset socorro-current --siglists ../lists --jobs 2 crashes.jsonl");
  s->add_option("--ruleset", signify.ruleset, "Ruleset name or YAML file")->default_val("default");
  s->add_option("--siglists", signify.siglists,
                "Signature lists directory, instead of the ruleset's")->check(CLI::ExistingDirectory);
  s->add_option("-j,--jobs", signify.jobs, "Worker threads (output order is kept)")
      ->default_val(1)->check(CLI::Range(1u, 256u));
  s->add_flag("--debug-log", signify.debug_log, "Add each crash's debug log to the output");
  bool no_progress = false;
  s->add_flag("--no-progress", no_progress, "No progress line on stderr (shown when it is a terminal)");
  s->add_option("FILE", signify.files, "Crash files (JSON Lines or one JSON document); '-' or none: stdin");

  // The maintainer tools, in the order of the workflow: explain a crash, check the
  // lists, compare rulesets on a corpus and on crashes from a server, document.
  const std::vector<crashsig::cli::Command> commands = {
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

  if (s->parsed()) {
    signify.progress = !no_progress && isatty(STDERR_FILENO);
    return crashsig::cli::run_signify(signify);
  }
  for (const auto& command : commands)
    if (command.app->parsed()) return command.run();
  return 2;
}
