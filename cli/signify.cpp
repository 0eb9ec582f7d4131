#include "signify.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "input.h"
#include "progress_delay.h"

namespace crashsig::cli {

namespace {

struct SignifyOptions {
  RulesetChoice ruleset;
  std::vector<std::string> files;  // empty or "-": standard input
  unsigned jobs = 1;
  bool debug_log = false;
  bool no_progress = false;
};

// The keys siggen's `signify` prints, so tools that call it can switch. Written
// straight into one string: this runs for every crash.
std::string format_result(const Result& r, bool debug_log) {
  std::string out;
  out.reserve(256);
  out += "{\"signature\": ";
  append_json_string(out, r.signature);
  out += ", \"notes\": ";
  append_json_strings(out, r.notes);
  for (const char* key : {"proto_signature", "normalized_frames"}) {
    out += ", \"";
    out += key;
    out += "\": ";
    const ExtraValue* v = r.extra(key);
    if (!v) out += "null";
    else if (auto* s = std::get_if<std::string>(v)) append_json_string(out, *s);
    else append_json_strings(out, std::get<StringList>(*v));
  }
  if (debug_log) {
    out += ", \"debug_log\": ";
    append_json_strings(out, r.debug_log);
  }
  out += '}';
  return out;
}

std::string format_error(std::size_t line, const std::string& why) {
  return "{\"error\": " + json_string("line " + std::to_string(line) + ": " + why) + "}";
}

int run(const SignifyOptions& o) {
  std::unique_ptr<Engine> engine = load_engine(o.ruleset.engine_options());
  if (!engine) return kExitCannotStart;

  const unsigned jobs = std::max(1u, o.jobs);
  std::vector<std::unique_ptr<Signifier>> signifiers;
  for (unsigned i = 0; i < jobs; ++i) signifiers.push_back(std::make_unique<Signifier>(*engine));

  ProgressLine progress(!o.no_progress && isatty(STDERR_FILENO));
  const auto start = std::chrono::steady_clock::now();
  auto last_shown = start;

  bool any_failed = false;
  std::size_t done = 0;
  // Records are handled in batches: workers sign a batch in parallel, then it is
  // written in input order. Memory stays bounded by the batch, however long the input.
  // A batch is cut short when the next line has not arrived yet, and each batch is
  // flushed, so that input that trickles in (tail -f, a tool waiting for each
  // answer) is answered as it comes; plentiful input still fills whole batches.
  const std::size_t batch_size = 512 * jobs;
  std::vector<InputRecord> batch;
  std::vector<std::string> output;
  std::vector<char> failed;
  std::string out_buffer;

  for (const std::string& name : input_names(o.files)) {
    InputFile file;
    if (!file.open(name, "signify")) return kExitCannotStart;
    InputReader reader(file);
    while (true) {
      batch.clear();
      if (!reader.read(batch, batch_size) && batch.empty()) break;
      output.assign(batch.size(), std::string());
      failed.assign(batch.size(), 0);
      auto work = [&](Signifier& signifier, std::atomic<std::size_t>& next) {
        for (std::size_t i; (i = next.fetch_add(1)) < batch.size();) {
          const InputRecord& rec = batch[i];
          try {
            if (is_blank(rec.text)) throw InputError("empty line");
            output[i] = format_result(signifier.signify(PaddedJson(rec.text), o.debug_log), o.debug_log);
          } catch (const std::exception& e) {
            output[i] = format_error(rec.line, e.what());
            failed[i] = 1;
          }
        }
      };
      std::atomic<std::size_t> next{0};
      if (jobs == 1 || batch.size() < 2) {
        work(*signifiers[0], next);
      } else {
        std::vector<std::thread> threads;
        for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(work, std::ref(*signifiers[t]), std::ref(next));
        work(*signifiers[0], next);
        for (auto& th : threads) th.join();
      }
      out_buffer.clear();
      for (std::size_t i = 0; i < output.size(); ++i) {
        out_buffer += output[i];
        out_buffer += '\n';
        any_failed |= failed[i] != 0;
      }
      std::fwrite(out_buffer.data(), 1, out_buffer.size(), stdout);
      std::fflush(stdout);
      done += batch.size();

      const auto now = std::chrono::steady_clock::now();
      if (now - last_shown > kProgressDelay) {
        last_shown = now;
        const double seconds = std::chrono::duration<double>(now - start).count();
        progress.show("signify: " + with_commas(done) + " crashes, " +
                      with_commas(static_cast<std::size_t>(done / seconds)) + "/s");
      }
    }
    if (file.report_read_error("signify")) return kExitCannotStart;
  }
  return any_failed ? kExitFindings : kExitOk;
}

}  // namespace

Command add_signify_command(CLI::App& crashsig) {
  auto o = std::make_shared<SignifyOptions>();
  CLI::App* c = crashsig.add_subcommand("signify", "Generate signatures for crash data files");
  c->description(
      "Generate signatures for crash data files.\n\n"
      "Input: JSON Lines (one crash per line) or a single JSON document, from FILEs or standard\n"
      "input. A crash is signature-generation crash data (threads, frames, annotations) or a\n"
      "Socorro processed crash (with \"json_dump\").\n"
      "Output: one JSON object per input line, in input order:\n"
      "  {\"signature\", \"notes\", \"proto_signature\", \"normalized_frames\"[, \"debug_log\"]}\n"
      "A line that cannot be read gives {\"error\": \"line N: why\"} and the run goes on.\n"
      "Output is streamed: whenever no more input has arrived yet, the answers so far are\n"
      "written and flushed (tail -f crashes.jsonl | crashsig signify). A single JSON document\n"
      "is answered at the end of the input.\n"
      "Exit status: 0 all crashes signed; 1 some lines could not be read; 2 an input file\n"
      "could not be opened or read, or the ruleset, lists or plugins could not be loaded.");
  c->footer(
      "Examples:\n"
      "  crashsig signify examples/oom.json\n"
      "  crashsig signify --ruleset socorro-current --siglists ../lists --jobs 2 crashes.jsonl");
  add_ruleset_options(*c, o->ruleset);
  c->add_option("-j,--jobs", o->jobs, "Worker threads (output order is kept)")
      ->default_val(1)->check(CLI::Range(1u, 256u));
  c->add_flag("--debug-log", o->debug_log, "Add each crash's debug log to the output");
  c->add_flag("--no-progress", o->no_progress, "No progress line on stderr (shown when it is a terminal)");
  c->add_option("FILE", o->files, "Crash files (JSON Lines or one JSON document); '-' or none: standard input");
  return Command{c, [o] { return run(*o); }};
}

}  // namespace crashsig::cli
