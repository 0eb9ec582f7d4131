#include "signature.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "crashsig/json.h"
#include "crashsig/python.h"
#include "socorro_api.h"

namespace crashsig::cli {

namespace {

struct SignatureOptions {
  RulesetChoice ruleset;
  ApiOptions api;
  std::vector<std::string> ids;
  std::string format = "text";
  bool different_only = false;
  bool verbose = false;
  bool no_progress = false;
};

// One crash, signed again.
struct Row {
  std::string crash_id;
  std::string original;
  Result result;
  bool same() const { return original == result.signature; }
};

class Output {
 public:
  virtual ~Output() = default;
  virtual void row(const Row& row) = 0;
  virtual void finish() {}
};

std::string yes_no(bool b) { return b ? "yes" : "no"; }

// Socorro's `signature` command layout, one block per crash.
class TextOutput : public Output {
 public:
  explicit TextOutput(bool verbose) : verbose_(verbose) {}
  void row(const Row& r) override {
    std::string out = rows_++ ? "\n" : "";
    out += "Crash id: " + r.crash_id + "\n";
    out += "Original: " + r.original + "\n";
    out += "New:      " + r.result.signature + "\n";
    out += "Same?:    " + yes_no(r.same()) + "\n";
    const auto list = [&](const char* title, const std::vector<std::string>& lines) {
      if (lines.empty()) return;
      out += std::string(title) + "(" + std::to_string(lines.size()) + ")\n";
      for (const std::string& l : lines) out += "          " + l + "\n";
    };
    list("Notes:    ", r.result.notes);
    if (verbose_) list("Debug:    ", r.result.debug_log);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
  }

 private:
  bool verbose_;
  std::size_t rows_ = 0;
};

class CsvOutput : public Output {
 public:
  CsvOutput() { std::fputs("\"crash_id\",\"original\",\"new\",\"same\",\"notes\"\n", stdout); }
  void row(const Row& r) override {
    std::string notes;
    for (const std::string& n : r.result.notes) notes += (notes.empty() ? "" : "\n") + n;
    const std::string line = csv_field(r.crash_id) + "," + csv_field(r.original) + "," +
                             csv_field(r.result.signature) + "," + csv_field(yes_no(r.same())) + "," +
                             csv_field(notes) + "\n";
    std::fputs(line.c_str(), stdout);
    std::fflush(stdout);
  }
};

// A table to paste into a bug; with --verbose, each crash's debug log follows it.
class MarkdownOutput : public Output {
 public:
  MarkdownOutput(const SocorroApi& api, bool verbose) : api_(api), verbose_(verbose) {
    std::fputs("| Crash id | Original | New | Same? | Notes |\n|---|---|---|---|---|\n", stdout);
  }
  void row(const Row& r) override {
    std::string notes;
    for (const std::string& n : r.result.notes) notes += (notes.empty() ? "" : "<br>") + markdown_cell(n);
    const std::string line = "| [" + r.crash_id + "](" + api_.report_url(r.crash_id) + ") | " +
                             markdown_cell(markdown_code(r.original)) + " | " +
                             markdown_cell(markdown_code(r.result.signature)) + " | " + yes_no(r.same()) +
                             " | " + notes + " |\n";
    std::fputs(line.c_str(), stdout);
    std::fflush(stdout);
    if (verbose_) {
      debug_ += "\n<details><summary>Debug log of " + r.crash_id + "</summary>\n\n```\n";
      for (const std::string& l : r.result.debug_log) debug_ += l + "\n";
      debug_ += "```\n</details>\n";
    }
  }
  void finish() override { std::fputs(debug_.c_str(), stdout); }

 private:
  const SocorroApi& api_;
  bool verbose_;
  std::string debug_;
};

// JSON Lines: one object per crash.
class JsonOutput : public Output {
 public:
  explicit JsonOutput(bool verbose) : verbose_(verbose) {}
  void row(const Row& r) override {
    std::string line = "{\"crash_id\": " + json_string(r.crash_id) + ", \"original\": " + json_string(r.original) +
                       ", \"new\": " + json_string(r.result.signature) +
                       ", \"same\": " + (r.same() ? "true" : "false") + ", \"notes\": " + json_strings(r.result.notes);
    if (verbose_) line += ", \"debug_log\": " + json_strings(r.result.debug_log);
    line += "}\n";
    std::fputs(line.c_str(), stdout);
    std::fflush(stdout);
  }

 private:
  bool verbose_;
};

std::unique_ptr<Output> make_output(const SignatureOptions& o, const SocorroApi& api) {
  if (o.format == "csv") return std::make_unique<CsvOutput>();
  if (o.format == "markdown") return std::make_unique<MarkdownOutput>(api, o.verbose);
  if (o.format == "json") return std::make_unique<JsonOutput>(o.verbose);
  return std::make_unique<TextOutput>(o.verbose);
}

// The crash ids to look at: the arguments, else the lines of standard input.
std::vector<std::string> crash_id_arguments(const std::vector<std::string>& args) {
  if (!args.empty()) return args;
  std::vector<std::string> ids;
  for (std::string line; std::getline(std::cin, line);)
    if (const std::string_view id = strip_blanks(line); !id.empty()) ids.emplace_back(id);
  return ids;
}

int run(const SignatureOptions& o) {
  if (o.ids.empty() && isatty(STDIN_FILENO)) {
    std::cerr << "crashsig signature: no crash ids: give them as arguments or one per line on standard input\n";
    return kExitCannotStart;
  }
  auto engine = load_engine(o.ruleset.engine_options());
  if (!engine) return kExitCannotStart;
  const std::vector<std::string> ids = crash_id_arguments(o.ids);

  const std::unique_ptr<SocorroApi> api = open_socorro_api(o.api, "signature");
  if (!api) return kExitCannotStart;
  std::unique_ptr<Output> output = make_output(o, *api);
  // Progress is worth showing once a run takes more than a few seconds.
  ProgressLine progress(!o.no_progress && ids.size() >= 5 && isatty(STDERR_FILENO));
  JsonReader reader;
  Document doc;
  std::size_t skipped = 0;
  const auto skip = [&](const std::string& why) {
    progress.message("crashsig signature: " + why);
    ++skipped;
  };

  for (std::size_t i = 0; i < ids.size(); ++i) {
    progress.show("signature: " + std::to_string(i) + "/" + std::to_string(ids.size()) + " crashes");
    const std::optional<std::string> id = parse_crash_id(ids[i]);
    if (!id) {
      skip("warning: '" + ids[i] + "' is not a crash id (CRASHID, bp-CRASHID or .../report/index/CRASHID)");
      continue;
    }
    std::string body;
    try {
      body = api->get("ProcessedCrash", {{"crash_id", *id}}, [&](const std::string& message) {
        progress.message("crashsig signature: " + *id + ": " + message);
      });
    } catch (const ApiError& e) {
      // A crash the server does not have is the one failure that says something
      // about the crash rather than the server.
      if (e.status() == 404) skip("warning: " + *id + ": no processed crash (HTTP 404)");
      else skip((e.status() == 0 ? "error: " : "warning: ") + *id + ": " + e.what());
      continue;
    }
    std::string why;
    if (!parse_json_object(reader, body, doc, why)) {
      skip("warning: " + *id + ": the answer is not a processed crash (" + why + ")");
      continue;
    }
    const Value& processed = doc.root();
    if (const Value* api_error = processed.find("error")) {
      skip("warning: " + *id + ": the API says: " + py::str(*api_error));
      continue;
    }
    const Value& signature = processed.get("signature");
    Row row{*id, signature.is_string() ? std::string(signature.as_string()) : std::string(), Result()};
    // Socorro's `signature` command always converts, even a crash without json_dump.
    Arena converted;
    row.result = engine->generate(convert_processed_crash(processed, converted), o.verbose);
    if (o.different_only && row.same()) continue;
    progress.clear();
    output->row(row);
  }
  progress.clear();
  output->finish();
  std::fflush(stdout);
  return skipped ? kExitFindings : kExitOk;
}

}  // namespace

Command add_signature_command(CLI::App& crashsig) {
  auto o = std::make_shared<SignatureOptions>();
  CLI::App* c = crashsig.add_subcommand("signature", "Regenerate the signatures of crashes on a Socorro server");
  c->description(
      "Regenerate signatures of crashes on a Socorro server and compare with its own.\n\n"
      "Compares the signatures the ruleset gives crashes on a Socorro server with the ones\n"
      "the server gave them: the way to see what a change to the rules or lists does to\n"
      "real crashes.\n\n"
      "Each crash id (from the arguments, else one per line on standard input; as CRASHID,\n"
      "bp-CRASHID or a .../report/index/CRASHID URL) is fetched as a processed crash\n"
      "(GET <api-url>/ProcessedCrash/?crash_id=ID), converted to crash data as Socorro does\n"
      "and signed with the ruleset. For each crash it prints the crash id, the original\n"
      "signature, the new one, whether they are the same, and the notes.\n\n"
      "The API token, if any, comes from the environment variable SOCORRO_API_TOKEN (sent as\n"
      "the Auth-Token header); crashes with protected data need one.\n\n"
      "An id that is not a crash id, a crash the server does not have (404) or a server error\n"
      "is a warning on stderr and the next id goes on. A rate-limited request (429) waits as\n"
      "the server's Retry-After header says, then is retried. A network failure or time-out\n"
      "names the crash id and the cause, and the next id goes on. A progress line shows on\n"
      "stderr when it is a terminal and there are five ids or more.\n\n"
      "Output formats: text (a block per crash), csv (a header row, then one row per crash),\n"
      "markdown (a table to paste into a bug; with --verbose, the debug logs after it),\n"
      "json (JSON Lines: {\"crash_id\", \"original\", \"new\", \"same\", \"notes\"[, \"debug_log\"]}).\n\n"
      "Exit status: 0 every crash was signed; 1 some ids were skipped (see stderr); 2 the\n"
      "ruleset or lists (or libcurl) could not be loaded, or no ids were given.");
  c->footer(
      "Examples:\n"
      "  crashsig signature 9a1b2c3d-1111-2222-3333-444455260101\n"
      "  crashsig signature --siglists my-lists --different-only < crashids.txt\n"
      "  crashsig fetch-ids --signature 'OOM | small' --num 50 | crashsig signature --format markdown");
  add_ruleset_options(*c, o->ruleset);
  add_api_options(*c, o->api);
  add_format_option(*c, o->format, {"text", "csv", "markdown", "json"});
  c->add_flag("--different-only", o->different_only, "Print only the crashes whose signature changes");
  c->add_flag("-v,--verbose", o->verbose, "Add each crash's debug log (how the rules got the signature)");
  c->add_flag("--no-progress", o->no_progress, "No progress line on stderr");
  c->add_option("CRASHID", o->ids, "Crash ids; none: read them from standard input, one per line");
  return Command{c, [o] { return run(*o); }};
}

}  // namespace crashsig::cli
