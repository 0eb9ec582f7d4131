#include "stack_rules.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "crashsig/crash_data.h"
#include "java_signature_tools.h"

namespace crashsig::stack {

const std::string_view SignatureGenerationRule::kDoc =
    "Builds the signature from the crash's stack. A Java crash uses its first "
    "stack trace line and first frame (java_stack_trace, else java_exception). "
    "Otherwise the crashing thread's frames, inlined calls included, are "
    "normalized and walked with the signature lists: starting at a sentinel "
    "frame when one is present, skipping irrelevant frames, keeping prefix "
    "frames and stopping after the first other frame; the kept frames joined "
    "with \" | \" are the signature. The normalized frames are kept as the "
    "extras proto_signature and normalized_frames.";

namespace {

StackWalkTrace& add_walk(Trace& trace, std::string_view tool, std::string thread) {
  StackWalkTrace& walk = trace.walks.emplace_back();
  walk.tool = tool;
  walk.thread = std::move(thread);
  return walk;
}

}  // namespace

void SignatureGenerationRule::generate(const Value& crash, Result& result,
                                       std::optional<py::Int> thread) const {
  const std::string_view rule = name();

  const auto report = [&](ToolSignature out) {
    for (const std::string& note : out.notes) result.note(rule, note);
    result.set_signature(rule, std::move(out.signature));
  };
  // When tracing, the walk is recorded (the engine fills in which rule ran it).
  Trace* trace = result.trace();
  if (const Value& java_trace = crash.get("java_stack_trace"); java_trace.truthy()) {
    result.debug(rule, "using JavaSignatureTool");
    if (trace) add_walk(*trace, "JavaSignatureTool", "");
    return report(java_stack_trace_signature(java_trace));
  }
  if (const Value& exception = crash.get("java_exception"); exception.truthy()) {
    result.debug(rule, "using JavaExceptionSignatureTool");
    if (trace) add_walk(*trace, "JavaExceptionSignatureTool", "");
    return report(java_exception_signature(exception));
  }

  result.debug(rule, "using CSignatureTool");
  const py::Int crashing = thread ? *thread : crashing_thread(crash);
  std::vector<FrameTrace>* frame_trace =
      trace ? &add_walk(*trace, "CSignatureTool", std::to_string(crashing.value)).frames : nullptr;
  StringList frames;
  try {
    frames = tool_.create_frame_list(thread_at(crash, crashing), py::equals(crash.get("os"), "Windows NT"),
                                     frame_trace);
  } catch (const RuleError& e) {
    // Socorro catches these to note "No crashing frames found", but calls a
    // method its Result does not have, so the rule fails with this instead.
    if (e.kind() == "KeyError" || e.kind() == "IndexError")
      throw RuleError("AttributeError", "'Result' object has no attribute 'note'");
    throw;
  }

  std::vector<std::string> notes;
  std::vector<std::string> debug;
  std::string signature =
      tool_.generate(frames, crashing, notes, result.debugging() ? &debug : nullptr, frame_trace);
  if (!frames.empty()) {
    // The frames joined with " | ", written in place: two appends a frame, each a
    // call into libstdc++, were ~1% of the instructions of a crash.
    std::string proto(frames.text_size() + 3 * (frames.size() - 1), '\0');
    char* out = proto.data();
    for (std::size_t i = 0; i < frames.size(); ++i) {
      if (i > 0) out = std::copy_n(" | ", 3, out);
      out = std::copy_n(frames[i].data(), frames[i].size(), out);
    }
    result.set_extra("proto_signature", std::move(proto));
    result.set_extra("normalized_frames", std::move(frames));
  }
  for (const std::string& note : notes) result.note(rule, note);
  for (const std::string& line : debug) result.debug(rule, line);
  if (!signature.empty()) result.set_signature(rule, std::move(signature));
}

const std::string_view SignatureRunWatchDog::kDoc =
    "For shutdown hangs (a signature mentioning RunWatchdog, the watchdog that "
    "kills a Firefox stuck at shutdown), rebuilds the signature from thread 0, "
    "where the hang is, and prefixes it with \"shutdownhang | \".";

bool SignatureRunWatchDog::predicate(const Value&, const Result& result) const {
  return result.signature.find("RunWatchdog") != std::string::npos;
}

void SignatureRunWatchDog::action(const Value& crash, Result& result) const {
  generation_.generate(crash, result, py::Int{0, false});
  result.set_signature(name(), "shutdownhang | " + result.signature);
}

namespace {

// Socorro's SignatureRunWatchDog builds its own SignatureGenerationRule with the
// lists bundled with Socorro, whatever lists the caller chose, and its debug log
// says so. Here the lists in force stand in for the bundled ones; a nested rule
// (re-run by another rule, as the rule language's SignatureRunWatchDog does) logs
// the same line as Socorro's.
constexpr const char* kIncludedListsNote = "using included signature lists";

std::unique_ptr<Rule> make_generation_rule(const RuleConfig& config) {
  CSignatureTool tool(shared_signature_lists(config.siglists_dir),
                      config.nested ? kIncludedListsNote : "using signature lists from " + config.siglists_dir);
  return std::make_unique<SignatureGenerationRule>(std::move(tool));
}

std::unique_ptr<Rule> make_run_watchdog(const RuleConfig& config) {
  CSignatureTool tool(shared_signature_lists(config.siglists_dir), kIncludedListsNote);
  return std::make_unique<SignatureRunWatchDog>(std::move(tool));
}

}  // namespace

void register_stack_rules(RuleRegistrar& registrar) {
  registrar.add("SignatureGenerationRule", SignatureGenerationRule::kDoc, make_generation_rule);
  registrar.add("SignatureRunWatchDog", SignatureRunWatchDog::kDoc, make_run_watchdog);
}

}  // namespace crashsig::stack
