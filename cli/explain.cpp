#include "explain.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "crashsig/json.h"
#include "input.h"

namespace crashsig::cli {

namespace {

struct ExplainOptions {
  RulesetChoice ruleset;
  std::string file = "-";
  std::size_t line = 0;  // 0: the first crash of the input
  std::string format = "text";
};

std::string step_name(WalkStep step) {
  switch (step) {
    case WalkStep::kAboveSentinel: return "above sentinel";
    case WalkStep::kEmpty: return "empty";
    case WalkStep::kIrrelevant: return "irrelevant";
    case WalkStep::kDuplicateModule: return "duplicate module";
    case WalkStep::kPrefix: return "prefix";
    case WalkStep::kStop: return "stop";
    case WalkStep::kNotReached: return "not reached";
  }
  return "";
}

// What the walk did with a frame: the sentinel start, then its step.
std::string walk_column(const FrameTrace& f) {
  return f.sentinel ? "sentinel, " + step_name(f.step) : step_name(f.step);
}

std::string entry_place(const ListEntryRef& e) {
  if (e.file.empty()) return "";
  return std::filesystem::path(e.file).filename().string() + ":" + std::to_string(e.line);
}

// The list entries that decided a frame: "file:line  `entry`", sentinel first.
std::vector<const ListEntryRef*> deciding_entries(const FrameTrace& f) {
  std::vector<const ListEntryRef*> out;
  if (f.sentinel) out.push_back(&*f.sentinel);
  if (f.matched) out.push_back(&*f.matched);
  return out;
}

std::string quoted(const std::string& s) { return json_string(s); }

std::string walk_title(const StackWalkTrace& w) {
  std::string title = w.rule + ": " + w.tool;
  if (!w.thread.empty()) title += " on thread " + w.thread;
  return title;
}

std::string rule_outcome(const RuleTrace& r) {
  if (r.failed) return "failed";
  if (!r.fired) return "did not fire";
  return r.signature_before == r.signature_after ? "fired, signature unchanged" : "fired";
}

// ---- text ----------------------------------------------------------------------

std::string text_report(const Result& result, const std::string& source) {
  const Trace& trace = *result.trace();
  std::string out = "Crash: " + source + "\n";
  for (const StackWalkTrace& walk : trace.walks) {
    out += "\nStack walk, " + walk_title(walk) + "\n";
    if (walk.frames.empty()) {
      out += "  (no frames walked" + std::string(walk.tool == "CSignatureTool" ? "" : ": a Java stack") + ")\n";
      continue;
    }
    std::vector<std::vector<std::string>> rows = {{"  #", "walk", "normalized", "list entry", "function"}};
    for (std::size_t i = 0; i < walk.frames.size(); ++i) {
      const FrameTrace& f = walk.frames[i];
      std::string entries;
      for (const ListEntryRef* e : deciding_entries(f))
        entries += (entries.empty() ? "" : "; ") + entry_place(*e) + (e->file.empty() ? "" : " ") + e->entry;
      std::string function = f.function.empty() ? "-" : f.function;
      if (f.inlined) function += "  (inlined)";
      rows.push_back({"  " + std::to_string(i), walk_column(f), f.normalized.empty() ? "\"\"" : f.normalized,
                      entries.empty() ? "-" : entries, function});
    }
    out += text_table(rows);
  }
  out += "\nRules, in order\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < trace.rules.size(); ++i) {
    const RuleTrace& r = trace.rules[i];
    std::string change;
    if (r.signature_before != r.signature_after)
      change = quoted(r.signature_before) + " -> " + quoted(r.signature_after);
    rows.push_back({"  " + std::to_string(i + 1) + ".", r.rule, rule_outcome(r), change});
    for (const std::string& note : r.notes) rows.push_back({"", "", "", "note: " + note});
  }
  out += text_table(rows);
  out += "\nSignature: " + quoted(result.signature) + "\n";
  return out;
}

// ---- markdown ------------------------------------------------------------------

std::string markdown_report(const Result& result, const std::string& source) {
  const Trace& trace = *result.trace();
  std::string out = "**Crash:** " + markdown_code(source) + "\n";
  for (const StackWalkTrace& walk : trace.walks) {
    out += "\n**Stack walk**, " + walk_title(walk) + "\n\n";
    if (walk.frames.empty()) {
      out += "No frames walked.\n";
      continue;
    }
    out += "| # | walk | normalized | list entry | function |\n|---:|---|---|---|---|\n";
    for (std::size_t i = 0; i < walk.frames.size(); ++i) {
      const FrameTrace& f = walk.frames[i];
      std::string entries;
      for (const ListEntryRef* e : deciding_entries(f))
        entries += (entries.empty() ? "" : "<br>") + entry_place(*e) + " " + markdown_code(e->entry);
      const std::string function = f.function.empty() ? "-" : markdown_code(f.function);
      out += "| " + std::to_string(i) + " | " + walk_column(f) + " | " + markdown_cell(markdown_code(f.normalized)) + " | " +
             markdown_cell(entries.empty() ? "-" : entries) + " | " + markdown_cell(function) +
             (f.inlined ? " (inlined)" : "") + " |\n";
    }
  }
  out += "\n**Rules**, in order\n\n| # | rule | outcome | signature | notes |\n|---:|---|---|---|---|\n";
  for (std::size_t i = 0; i < trace.rules.size(); ++i) {
    const RuleTrace& r = trace.rules[i];
    std::string change;
    if (r.signature_before != r.signature_after)
      change = markdown_code(r.signature_before) + " → " + markdown_code(r.signature_after);
    std::string notes;
    for (const std::string& n : r.notes) notes += (notes.empty() ? "" : "<br>") + n;
    out += "| " + std::to_string(i + 1) + " | " + r.rule + " | " + rule_outcome(r) + " | " + markdown_cell(change) +
           " | " + markdown_cell(notes) + " |\n";
  }
  out += "\n**Signature:** " + markdown_code(result.signature) + "\n";
  return out;
}

// ---- json ----------------------------------------------------------------------

std::string json_entry(const std::optional<ListEntryRef>& e) {
  if (!e) return "null";
  return "{\"file\": " + json_string(e->file) + ", \"line\": " + std::to_string(e->line) +
         ", \"entry\": " + json_string(e->entry) + "}";
}

std::string json_report(const Result& result) {
  const Trace& trace = *result.trace();
  std::string out = "{\"signature\": " + json_string(result.signature) + ", \"notes\": " + json_strings(result.notes);
  out += ", \"walks\": [";
  for (std::size_t w = 0; w < trace.walks.size(); ++w) {
    const StackWalkTrace& walk = trace.walks[w];
    out += std::string(w ? ", " : "") + "{\"rule\": " + json_string(walk.rule) + ", \"tool\": " +
           json_string(walk.tool) + ", \"thread\": " + json_string(walk.thread) + ", \"frames\": [";
    for (std::size_t i = 0; i < walk.frames.size(); ++i) {
      const FrameTrace& f = walk.frames[i];
      out += std::string(i ? ", " : "") + "{\"function\": " + json_string(f.function) +
             ", \"inlined\": " + (f.inlined ? "true" : "false") + ", \"normalized\": " + json_string(f.normalized) +
             ", \"walk\": " + json_string(step_name(f.step)) + ", \"sentinel\": " + json_entry(f.sentinel) +
             ", \"matched\": " + json_entry(f.matched) + "}";
    }
    out += "]}";
  }
  out += "], \"rules\": [";
  for (std::size_t i = 0; i < trace.rules.size(); ++i) {
    const RuleTrace& r = trace.rules[i];
    out += std::string(i ? ", " : "") + "{\"rule\": " + json_string(r.rule) + ", \"fired\": " +
           (r.fired ? "true" : "false") + ", \"failed\": " + (r.failed ? "true" : "false") +
           ", \"before\": " + json_string(r.signature_before) + ", \"after\": " + json_string(r.signature_after) +
           ", \"notes\": " + json_strings(r.notes) + "}";
  }
  out += "], \"debug_log\": " + json_strings(result.debug_log) + "}\n";
  return out;
}

// The crash to explain: the record starting at `line` (0: the first one).
bool read_crash(const ExplainOptions& o, InputRecord& crash) {
  InputFile file;
  if (!file.open(o.file, "explain")) return false;
  InputReader reader(file);
  std::vector<InputRecord> records;
  while (true) {
    records.clear();
    const bool more = reader.read(records, 64);
    for (InputRecord& r : records) {
      if ((o.line == 0 && !is_blank(r.text)) || (o.line != 0 && r.line == o.line)) {
        crash = std::move(r);
        return true;
      }
    }
    if (!more) break;
  }
  if (file.report_read_error("explain")) return false;
  std::cerr << "crashsig explain: " << input_label(o.file) << ": "
            << (o.line ? "no crash starts at line " + std::to_string(o.line) : std::string("no crash")) << "\n";
  return false;
}

int run(const ExplainOptions& o) {
  auto engine = load_engine(o.ruleset.engine_options());
  if (!engine) return kExitCannotStart;
  InputRecord crash;
  if (!read_crash(o, crash)) return kExitFindings;
  JsonReader reader;
  Document doc;
  std::string why;
  const std::string source = input_label(o.file) + ":" + std::to_string(crash.line);
  if (!parse_json_object(reader, crash.text, doc, why)) {
    std::cerr << "crashsig explain: " << source << ": " << why << "\n";
    return kExitFindings;
  }
  const Result result = engine->explain(doc.root());
  if (o.format == "json") std::cout << json_report(result);
  else if (o.format == "markdown") std::cout << markdown_report(result, source);
  else std::cout << text_report(result, source);
  return kExitOk;
}

}  // namespace

Command add_explain_command(CLI::App& crashsig) {
  auto o = std::make_shared<ExplainOptions>();
  CLI::App* c = crashsig.add_subcommand("explain", "Show how one crash gets its signature");
  c->description(
      "Show how one crash gets its signature, step by step.\n\n"
      "First the stack walk: every frame of the crashing thread (inlined calls first, at\n"
      "most 40), with\n"
      "  walk        what the walk did with it: 'above sentinel' (dropped: the walk starts at\n"
      "              a sentinel further down), 'sentinel' (the walk starts here), 'empty',\n"
      "              'irrelevant' (skipped), 'duplicate module' (skipped: the same module as\n"
      "              the frame kept before it), 'prefix' (kept, walk goes on), 'stop' (kept,\n"
      "              walk ends), 'not reached';\n"
      "  normalized  the frame as the lists see it;\n"
      "  list entry  the list file, line and entry that decided it;\n"
      "  function    the function as the crash data has it.\n"
      "Then every rule of the ruleset in order: whether it fired, how it changed the\n"
      "signature, and the notes it added.\n\n"
      "Input: one crash, as a JSON document or JSON Lines (the first crash, or the one\n"
      "starting at --line), signature-generation crash data or a Socorro processed crash.\n\n"
      "Exit status: 0 explained; 1 the crash could not be read; 2 the ruleset or lists could\n"
      "not be loaded.");
  c->footer(
      "Examples:\n"
      "  crashsig explain examples/abort.json\n"
      "  crashsig explain --siglists my-lists --line 17 crashes.jsonl\n"
      "  crashsig explain --format markdown crash.json   # to paste into a bug");
  add_ruleset_options(*c, o->ruleset);
  c->add_option("--line", o->line, "Explain the crash starting at this line of a JSON Lines file");
  add_format_option(*c, o->format, {"text", "markdown", "json"});
  c->add_option("FILE", o->file, "The crash ('-' or none: standard input)");
  return Command{c, [o] { return run(*o); }};
}

}  // namespace crashsig::cli
