// crashsig/result.h — what signature generation produces for one crash.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "crashsig/string_list.h"

// Everything the library declares here is part of its ABI (see export.h).
#pragma GCC visibility push(default)

namespace crashsig {

// Extra data a rule attaches to a result (Socorro's `result.extra`): a string or a
// list of strings, e.g. "proto_signature" and "normalized_frames".
using ExtraValue = std::variant<std::string, StringList>;

// ---- Traces: how a signature came about, step by step (Engine::explain) -------

// A list entry that decided something: its file, 1-based line and text.
struct ListEntryRef {
  std::string file;
  std::size_t line = 0;
  std::string entry;
};

// What a stack walk did with one frame.
enum class WalkStep {
  kAboveSentinel,    // above the sentinel the walk started at: dropped
  kEmpty,            // normalized to "": skipped
  kIrrelevant,       // matched the irrelevant list: skipped
  kDuplicateModule,  // the same module frame as the one kept just before: skipped
  kPrefix,           // matched the prefix list: kept, and the walk goes on
  kStop,             // kept, and the walk ends
  kNotReached,       // below the frame the walk ended at
};

struct FrameTrace {
  std::string function;  // the frame's function as the crash data gives it ("" when none)
  bool inlined = false;  // an inlined call, listed before the frame it was inlined into
  std::string normalized;
  WalkStep step = WalkStep::kNotReached;
  std::optional<ListEntryRef> sentinel;  // set on the frame the walk started at
  std::optional<ListEntryRef> matched;   // the irrelevant or prefix entry that matched
};

// One walk over a thread's frames (a rule may walk more than one thread).
struct StackWalkTrace {
  std::string rule;    // the rule that ran it
  std::string thread;  // the thread walked, as an index
  std::string tool;    // "CSignatureTool", or the Java tool that read a Java stack
  std::vector<FrameTrace> frames;  // empty for Java stacks
};

// One rule of the ruleset, as it ran on the crash.
struct RuleTrace {
  std::string rule;
  bool fired = false;   // predicate() said yes, so action() ran
  bool failed = false;  // predicate() or action() threw ("Rule failed" note)
  std::string signature_before;
  std::string signature_after;
  std::vector<std::string> notes;  // the notes it added
};

struct Trace {
  std::vector<StackWalkTrace> walks;
  std::vector<RuleTrace> rules;
};

class Result {
 public:
  explicit Result(bool keep_debug_log = false) : keep_debug_log_(keep_debug_log) {}
  // With `keep_trace`, rules also record what they did in trace() (Engine::explain).
  Result(bool keep_debug_log, bool keep_trace) : keep_debug_log_(keep_debug_log) {
    if (keep_trace) trace_.emplace();
  }

  std::string signature;
  std::vector<std::string> notes;      // "<Rule>: <message>", for people
  std::vector<std::string> debug_log;  // "<Rule>: <message>", only when debugging()

  // Whether debug messages are kept. Rules skip building them when false: the
  // debug log is the most expensive part of a result and most callers never read it.
  bool debugging() const { return keep_debug_log_; }

  // The trace rules add to, or null when not tracing (the usual case: rules then do
  // no tracing work at all).
  Trace* trace() { return trace_ ? &*trace_ : nullptr; }
  const Trace* trace() const { return trace_ ? &*trace_ : nullptr; }

  // Replaces the signature, logging `change signature: "old" -> "new"` as Socorro does.
  void set_signature(std::string_view rule, std::string signature);
  void note(std::string_view rule, std::string_view message);
  void debug(std::string_view rule, std::string_view message);

  // Extras, in the order they were first set; setting a key again replaces its value.
  void set_extra(std::string_view key, ExtraValue value);
  const ExtraValue* extra(std::string_view key) const;
  const std::vector<std::pair<std::string, ExtraValue>>& extras() const { return extras_; }
  void clear_extras() { extras_.clear(); }

 private:
  bool keep_debug_log_;
  std::vector<std::pair<std::string, ExtraValue>> extras_;
  std::optional<Trace> trace_;
};

}  // namespace crashsig

#pragma GCC visibility pop
