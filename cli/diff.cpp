#include "diff.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>

#include "crashsig/json.h"
#include "input.h"

namespace crashsig::cli {

namespace {

struct DiffOptions {
  RulesetChoice base;  // --ruleset / --siglists: both sides unless overridden
  // --from/--from-siglists and --to/--to-siglists: what is not given is base's.
  RulesetChoice from{"", ""}, to{"", ""};
  std::vector<std::string> files;
  std::string format = "text";
  std::size_t top = 20;
};

// One side of the comparison: what its own options give, base's for the rest.
RulesetChoice side_of(const RulesetChoice& base, const RulesetChoice& given) {
  return {given.ruleset.empty() ? base.ruleset : given.ruleset,
          given.siglists.empty() ? base.siglists : given.siglists};
}

// A side as the user named it, names (not the words between) written by `quote`.
template <class Quote>
std::string describe(const RulesetChoice& s, Quote quote) {
  return quote(s.ruleset) + (s.siglists.empty() ? " (its own lists)" : " with lists " + quote(s.siglists));
}

// Crashes that went from one signature to another, and one of them to look at.
struct Flow {
  std::size_t crashes = 0;
  std::string example;
};

// One side of a split or a merge: a signature, how many crashes, an example.
struct Branch {
  std::string signature;
  std::size_t crashes;
  std::string example;
};

// A split (one old signature, several new ones) or a merge (several old, one new).
struct Group {
  std::string signature;
  std::size_t crashes = 0;
  std::vector<Branch> branches;  // largest first
};

struct Rename {
  std::string from, to;
  std::size_t crashes;
  std::string example;
};

struct Report {
  std::size_t crashes = 0;
  std::size_t changed = 0;
  std::size_t unreadable = 0;
  std::vector<Group> splits, merges;
  std::vector<Rename> renames;
};

// Where a crash can be found again: its crash id when it has one, else file:line.
std::string crash_name(const Value& crash, const std::string& file, std::size_t line) {
  for (const char* key : {"uuid", "crash_id"})
    if (const Value& id = crash.get(key); id.is_string() && !id.as_string().empty()) return std::string(id.as_string());
  return file + ":" + std::to_string(line);
}

bool larger(const Branch& a, const Branch& b) {
  return a.crashes != b.crashes ? a.crashes > b.crashes : a.signature < b.signature;
}
bool larger_group(const Group& a, const Group& b) {
  return a.crashes != b.crashes ? a.crashes > b.crashes : a.signature < b.signature;
}

// Splits, merges and renames from the crash counts of every (old, new) pair.
Report summarize(const std::map<std::pair<std::string, std::string>, Flow>& flows) {
  Report report;
  std::map<std::string, Group> by_old, by_new;
  for (const auto& [pair, flow] : flows) {
    const auto& [before, after] = pair;
    report.crashes += flow.crashes;
    if (before != after) report.changed += flow.crashes;
    Group& old_group = by_old[before];
    old_group.signature = before;
    old_group.crashes += flow.crashes;
    old_group.branches.push_back({after, flow.crashes, flow.example});
    Group& new_group = by_new[after];
    new_group.signature = after;
    new_group.crashes += flow.crashes;
    new_group.branches.push_back({before, flow.crashes, flow.example});
  }
  for (auto& [signature, group] : by_old) {
    std::sort(group.branches.begin(), group.branches.end(), larger);
    if (group.branches.size() > 1) {
      report.splits.push_back(group);
    } else if (group.branches[0].signature != signature && by_new[group.branches[0].signature].branches.size() == 1) {
      report.renames.push_back({signature, group.branches[0].signature, group.crashes, group.branches[0].example});
    }
  }
  for (auto& [signature, group] : by_new) {
    std::sort(group.branches.begin(), group.branches.end(), larger);
    if (group.branches.size() > 1) report.merges.push_back(group);
  }
  std::sort(report.splits.begin(), report.splits.end(), larger_group);
  std::sort(report.merges.begin(), report.merges.end(), larger_group);
  std::sort(report.renames.begin(), report.renames.end(), [](const Rename& a, const Rename& b) {
    return a.crashes != b.crashes ? a.crashes > b.crashes : a.from < b.from;
  });
  return report;
}

std::string percent(std::size_t part, std::size_t whole) {
  if (whole == 0) return "0%";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return text;
}

std::string crashes(std::size_t n) { return with_commas(n) + (n == 1 ? " crash" : " crashes"); }

// How many of `total` items a section shows.
std::size_t shown(std::size_t total, std::size_t top) { return top == 0 ? total : std::min(total, top); }

std::string more_line(std::size_t total, std::size_t top, const std::string& indent) {
  if (shown(total, top) == total) return "";
  return indent + "... and " + with_commas(total - shown(total, top)) + " more (--top 0 shows all)\n";
}

// ---- text ----------------------------------------------------------------------

std::string text_report(const Report& r, const RulesetChoice& from, const RulesetChoice& to, std::size_t top) {
  std::string out = crashes(r.crashes) + ", " + with_commas(r.changed) + " (" + percent(r.changed, r.crashes) +
                    ") change signature.\n";
  const auto as_is = [](const std::string& s) { return s; };
  out += "from: " + describe(from, as_is) + "\nto:   " + describe(to, as_is) + "\n";
  if (r.unreadable) out += with_commas(r.unreadable) + " lines could not be read (see stderr).\n";
  const auto groups = [&](const std::vector<Group>& list, const char* title, const char* head, const char* arrow) {
    out += "\n" + std::string(title) + ": " + with_commas(list.size()) + "\n";
    for (std::size_t i = 0; i < shown(list.size(), top); ++i) {
      const Group& g = list[i];
      out += "  " + crashes(g.crashes) + " " + head + " " + json_string(g.signature) + "\n";
      std::vector<std::vector<std::string>> rows;
      for (std::size_t k = 0; k < shown(g.branches.size(), top); ++k) {
        const Branch& b = g.branches[k];
        rows.push_back({"    " + with_commas(b.crashes), arrow, json_string(b.signature), "e.g. " + b.example});
      }
      out += text_table(rows) + more_line(g.branches.size(), top, "    ");
    }
    out += more_line(list.size(), top, "  ");
  };
  groups(r.splits, "Split (one signature becomes several)", "with", "->");
  groups(r.merges, "Merged (several signatures become one)", "now", "<-");
  out += "\nRenamed (all crashes of one signature get one new signature): " + with_commas(r.renames.size()) + "\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < shown(r.renames.size(), top); ++i) {
    const Rename& n = r.renames[i];
    rows.push_back({"  " + with_commas(n.crashes), json_string(n.from), "->", json_string(n.to), "e.g. " + n.example});
  }
  out += text_table(rows) + more_line(r.renames.size(), top, "  ");
  return out;
}

// ---- markdown ------------------------------------------------------------------

std::string markdown_report(const Report& r, const RulesetChoice& from, const RulesetChoice& to, std::size_t top) {
  const auto code = [](const std::string& s) { return markdown_cell(markdown_code(s)); };
  std::string out = "**Signature changes:** " + with_commas(r.changed) + " of " + crashes(r.crashes) + " (" +
                    percent(r.changed, r.crashes) + ") change signature.\n\n";
  out += "* from: " + describe(from, code) + "\n* to: " + describe(to, code) + "\n";
  if (r.unreadable) out += "* " + with_commas(r.unreadable) + " lines could not be read\n";
  const auto groups = [&](const std::vector<Group>& list, const char* title, const char* head, const char* column) {
    out += "\n**" + std::string(title) + "** (" + with_commas(list.size()) + ")\n";
    for (std::size_t i = 0; i < shown(list.size(), top); ++i) {
      const Group& g = list[i];
      out += "\n" + code(g.signature) + " " + head + " " + crashes(g.crashes) + ":\n\n";
      out += "| crashes | " + std::string(column) + " | example |\n|---:|---|---|\n";
      for (std::size_t k = 0; k < shown(g.branches.size(), top); ++k) {
        const Branch& b = g.branches[k];
        out += "| " + with_commas(b.crashes) + " | " + code(b.signature) + " | " + markdown_cell(b.example) + " |\n";
      }
      out += more_line(g.branches.size(), top, "\n");
    }
    out += more_line(list.size(), top, "\n");
  };
  groups(r.splits, "Split signatures", "splits,", "new signature");
  groups(r.merges, "Merged signatures", "gathers", "old signature");
  out += "\n**Renamed signatures** (" + with_commas(r.renames.size()) + ")\n";
  if (!r.renames.empty()) {
    out += "\n| crashes | old signature | new signature | example |\n|---:|---|---|---|\n";
    for (std::size_t i = 0; i < shown(r.renames.size(), top); ++i) {
      const Rename& n = r.renames[i];
      out += "| " + with_commas(n.crashes) + " | " + code(n.from) + " | " + code(n.to) + " | " +
             markdown_cell(n.example) + " |\n";
    }
    out += more_line(r.renames.size(), top, "\n");
  }
  return out;
}

// ---- json ----------------------------------------------------------------------

std::string json_side(const RulesetChoice& s) {
  return "{\"ruleset\": " + json_string(s.ruleset) + ", \"siglists\": " +
         (s.siglists.empty() ? std::string("null") : json_string(s.siglists)) + "}";
}

std::string json_groups(const std::vector<Group>& list, const char* branches) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Group& g = list[i];
    out += std::string(i ? ", " : "") + "{\"signature\": " + json_string(g.signature) +
           ", \"crashes\": " + std::to_string(g.crashes) + ", \"" + branches + "\": [";
    for (std::size_t k = 0; k < g.branches.size(); ++k) {
      const Branch& b = g.branches[k];
      out += std::string(k ? ", " : "") + "{\"signature\": " + json_string(b.signature) +
             ", \"crashes\": " + std::to_string(b.crashes) + ", \"example\": " + json_string(b.example) + "}";
    }
    out += "]}";
  }
  return out + "]";
}

std::string json_report(const Report& r, const RulesetChoice& from, const RulesetChoice& to) {
  std::string out = "{\"crashes\": " + std::to_string(r.crashes) + ", \"changed\": " + std::to_string(r.changed) +
                    ", \"unreadable\": " + std::to_string(r.unreadable) + ", \"from\": " + json_side(from) +
                    ", \"to\": " + json_side(to) + ", \"split\": " + json_groups(r.splits, "into") +
                    ", \"merged\": " + json_groups(r.merges, "from") + ", \"renamed\": [";
  for (std::size_t i = 0; i < r.renames.size(); ++i) {
    const Rename& n = r.renames[i];
    out += std::string(i ? ", " : "") + "{\"from\": " + json_string(n.from) + ", \"to\": " + json_string(n.to) +
           ", \"crashes\": " + std::to_string(n.crashes) + ", \"example\": " + json_string(n.example) + "}";
  }
  return out + "]}\n";
}

int run(const DiffOptions& o) {
  const RulesetChoice from = side_of(o.base, o.from), to = side_of(o.base, o.to);
  auto before = load_engine(from.engine_options());
  if (!before) return kExitCannotStart;
  auto after = load_engine(to.engine_options());
  if (!after) return kExitCannotStart;

  std::map<std::pair<std::string, std::string>, Flow> flows;
  std::size_t unreadable = 0;
  JsonReader reader;
  Document doc;
  std::string why;
  std::vector<InputRecord> batch;
  for (const std::string& file : input_names(o.files)) {
    InputFile in;
    if (!in.open(file, "diff")) return kExitCannotStart;
    const std::string name = input_label(file);
    InputReader input(in);
    bool more = true;
    while (more) {
      batch.clear();
      more = input.read(batch, 256);
      for (const InputRecord& record : batch) {
        if (is_blank(record.text)) continue;
        if (!parse_json_object(reader, record.text, doc, why)) {
          std::cerr << "crashsig diff: " << name << ":" << record.line << ": " << why << "\n";
          ++unreadable;
          continue;
        }
        Flow& flow = flows[{before->generate(doc.root()).signature, after->generate(doc.root()).signature}];
        if (flow.crashes++ == 0) flow.example = crash_name(doc.root(), name, record.line);
      }
    }
    if (in.report_read_error("diff")) return kExitCannotStart;
  }

  Report report = summarize(flows);
  report.unreadable = unreadable;
  if (o.format == "json") std::cout << json_report(report, from, to);
  else if (o.format == "markdown") std::cout << markdown_report(report, from, to, o.top);
  else std::cout << text_report(report, from, to, o.top);
  return unreadable ? kExitFindings : kExitOk;
}

}  // namespace

Command add_diff_command(CLI::App& crashsig) {
  auto o = std::make_shared<DiffOptions>();
  CLI::App* c = crashsig.add_subcommand("diff", "Compare the signatures two rulesets give a corpus of crashes");
  c->description(
      "Compare the signatures two rulesets give a corpus of crashes.\n\n"
      "Runs a corpus of crashes through two rulesets (or one ruleset with two sets of lists)\n"
      "and reports what changing from the first to the second would do:\n"
      "  - how many crashes change signature;\n"
      "  - split signatures: one old signature whose crashes now get several;\n"
      "  - merged signatures: one new signature that gathers crashes of several old ones;\n"
      "  - renamed signatures: all crashes of one signature get one other signature.\n"
      "Each with crash counts and an example crash (its uuid/crash_id, else FILE:LINE), the\n"
      "largest first. A split means a rule or list entry now tells apart crashes that were\n"
      "grouped; a merge, that it groups crashes that were apart: check that both are wanted.\n\n"
      "Both sides default to --ruleset and --siglists (themselves 'default' and the\n"
      "ruleset's lists); --from/--to and --from-siglists/--to-siglists set one side.\n"
      "Input: JSON Lines (or one JSON document) of crash data or Socorro processed crashes.\n\n"
      "Exit status: 0 done; 1 some lines could not be read (the rest is reported);\n"
      "2 a ruleset, list or file could not be loaded.");
  c->footer(
      "Examples:\n"
      "  crashsig diff --to-siglists my-lists crashes.jsonl\n"
      "  crashsig diff --from default --to socorro-current --format markdown crashes.jsonl\n"
      "  crashsig diff --siglists old-lists --to-siglists new-lists --format json a.jsonl b.jsonl");
  add_ruleset_options(*c, o->base);
  c->add_option("--from", o->from.ruleset, "Ruleset before the change (default: --ruleset)");
  c->add_option("--to", o->to.ruleset, "Ruleset after the change (default: --ruleset)");
  c->add_option("--from-siglists", o->from.siglists, "Lists before the change (default: --siglists)")
      ->check(CLI::ExistingDirectory);
  c->add_option("--to-siglists", o->to.siglists, "Lists after the change (default: --siglists)")
      ->check(CLI::ExistingDirectory);
  add_format_option(*c, o->format, {"text", "markdown", "json"});
  c->add_option("--top", o->top,
                "Show at most this many groups per section, and signatures per group (0: all; json shows all)")
      ->default_val(20);
  c->add_option("FILE", o->files, "Corpus files ('-' or none: standard input)");
  return Command{c, [o] { return run(*o); }};
}

}  // namespace crashsig::cli
