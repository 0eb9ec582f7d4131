#include "c_signature_tool.h"

#include <algorithm>
#include <cstring>

#include "crashsig/rule.h"
#include "frame_text.h"

namespace crashsig::stack {

namespace {

// Socorro reads at most this many frames, inlined calls included.
constexpr std::size_t kMaxFrames = 40;

// `".dll" in s.lower()`: no non-ASCII character lower-cases to ASCII '.', 'd' or
// 'l', so comparing ASCII letters case-insensitively is the same test. '.' is not
// a letter, so a plain byte search finds the candidates.
bool mentions_dll(std::string_view s) {
  for (std::size_t i = find_byte(s, '.'); i != std::string_view::npos && i + 4 <= s.size();
       i = find_byte(s, '.', i + 1)) {
    if ((s[i + 1] | 0x20) == 'd' && (s[i + 2] | 0x20) == 'l' && (s[i + 3] | 0x20) == 'l') return true;
  }
  return false;
}

// Frames naming a module (or a function the symbols do not know) repeat when a
// stack runs through code without symbols; Socorro collapses such runs to one
// frame. Its change "collapse repeated XUL, .dll, .so, <name omitted> and
// <unknown in > frames" names these; .dll frames were collapsed before it (see
// generate()).
bool names_module(std::string_view frame) {
  return contains(frame, ".so") || contains(frame, "XUL") || contains(frame, "<name omitted>") ||
         contains(frame, "<unknown in ");
}

struct RustPanicFunction {
  std::string_view file;
  std::string_view function;
  std::string_view qualified;
};

constexpr RustPanicFunction kRustPanicFunctions[] = {
    {"src/liballoc/raw_vec.rs", "capacity_overflow", "alloc::raw_vec::capacity_overflow"},
    {"src/libcore/option.rs", "expect_failed", "core::option::expect_failed"},
    {"src/libcore/panicking.rs", "panic_bounds_check", "core::panicking::panic_bounds_check"},
    {"src/libcore/panicking.rs", "panic_fmt", "core::panicking::panic_fmt"},
    {"src/libcore/panicking.rs", "panic", "core::panicking::panic"},
    {"src/libcore/slice/mod.rs", "slice_index_order_fail", "core::slice::slice_index_order_fail"},
    {"src/libstd/panicking.rs", "begin_panic_fmt", "std::panicking::begin_panic_fmt"},
    {"src/libstd/panicking.rs", "continue_panic_fmt", "std::panicking::continue_panic_fmt"},
    {"src/libstd/panicking.rs", "rust_panic_with_hook", "std::panicking::rust_panic_with_hook"},
};

// Socorro looks up the (file, function) pair; qualified_rust_panic_function looks
// up the function alone and then checks its file, which is the same only while
// no function is in the table twice.
template <std::size_t N>
constexpr bool each_function_once(const RustPanicFunction (&table)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t j = i + 1; j < N; ++j)
      if (table[i].function == table[j].function) return false;
  return true;
}
static_assert(each_function_once(kRustPanicFunctions), "a function is in kRustPanicFunctions twice");

// parse_source_file(file) on a frame's "file" value: None for a falsy one.
std::optional<std::string_view> source_path(const Value& file) {
  if (!file.truthy()) return std::nullopt;
  return parse_source_file(py::require_str(file, "split"));
}

// A list given in code, not read from a file: no path, and line 0 for each entry.
SignatureListFile unread_list(std::vector<std::string> entries) {
  SignatureListFile list;
  list.lines.assign(entries.size(), 0);
  list.entries = std::move(entries);
  return list;
}

void append_line(std::string& out, const Value& line) {
  out.push_back(':');
  out.append(py::str(line));
}

}  // namespace

std::optional<std::string_view> qualified_rust_panic_function(const Value& file, const Value& function) {
  // The Python parses the file first (failing on a truthy non-str), then looks
  // the pair up in a dict, which hashes the function (failing on a list or dict).
  if (file.truthy()) py::require_str(file, "split");
  if (function.is_array() || function.is_object())
    py::raise_type_error("unhashable type: '" + std::string(python_type_name(function.type())) + "'");
  if (!function.is_string()) return std::nullopt;
  // No function is in the table twice (each_function_once), and few frames name
  // one: the file is parsed only for those that do.
  for (const RustPanicFunction& f : kRustPanicFunctions)
    if (f.function == function.as_string())
      return source_path(file) == f.file ? std::optional(f.qualified) : std::nullopt;
  return std::nullopt;
}

CSignatureTool::CSignatureTool(std::shared_ptr<const CompiledSignatureLists> lists, std::string lists_note)
    : lists_(std::move(lists)), lists_note_(std::move(lists_note)) {}

CSignatureTool::CSignatureTool(SignatureLists lists, std::string lists_note)
    : CSignatureTool(std::make_shared<const CompiledSignatureLists>(std::move(lists)), std::move(lists_note)) {}

CSignatureTool::CSignatureTool(std::string_view irrelevant, std::string_view prefix,
                               std::string_view line_numbers, std::vector<std::string> sentinels,
                               std::string lists_note)
    : CSignatureTool(SignatureLists{unread_list({std::string(irrelevant)}), unread_list({std::string(prefix)}),
                                    unread_list({std::string(line_numbers)}), unread_list(std::move(sentinels))},
                     std::move(lists_note)) {}

void CSignatureTool::normalize_cpp_function(std::string_view function, const Value& line, std::string& out,
                                            NormalizeBuffers& buffers) const {
  // Member function qualifiers, each tried once, in this order.
  for (std::string_view ref : {"const", "const&", "const &", "&&", "&"})
    if (ends_with(function, ref)) function = py::strip(function.substr(0, function.size() - ref.size()));
  // Operator overloads keep their text: their syntax confuses the tokenizer.
  if (!contains(function, "::operator")) function = drop_prefix_and_return_type(function);
  buffers.start(function);

  // Each step runs only when a character it acts on is there; most names have
  // no '`', '$' or '[' (find_byte's SSE2 scan answers each faster than one byte
  // loop looking for all, measured).
  // MSVC's `anonymous namespace' is written as the other compilers write it.
  constexpr std::string_view kMsvc = "`anonymous namespace'";
  if (contains(buffers.text(), '`') && contains(buffers.text(), kMsvc)) {
    buffers.rewrite([&](std::string_view s, std::string& o) {
      std::size_t from = 0;
      for (std::size_t i = find_text(s, kMsvc); i != std::string_view::npos; i = find_text(s, kMsvc, from)) {
        o.append(s.substr(from, i - from)).append("(anonymous namespace)");
        from = i + kMsvc.size();
      }
      o.append(s.substr(from));
    });
  }
  if (contains(buffers.text(), '$')) buffers.rewrite(remove_lambda_numbers);
  if (contains(buffers.text(), '<')) buffers.rewrite(collapse_types);
  if (contains(buffers.text(), '(')) buffers.rewrite(collapse_arguments);
  if (contains(buffers.text(), '[') && contains(buffers.text(), "clone .cold")) buffers.rewrite(drop_bracketed);
  finish(buffers, line, out);
}

void CSignatureTool::normalize_rust_function(std::string_view function, const Value& line, std::string& out,
                                             NormalizeBuffers& buffers) const {
  buffers.start(drop_prefix_and_return_type(function));
  if (contains(buffers.text(), '<')) buffers.rewrite(collapse_rust_types);
  if (contains(buffers.text(), '(')) buffers.rewrite(collapse_rust_arguments);
  finish(buffers, line, out);
  remove_rust_hash(out);
}

// The steps C++ and Rust share: the line number for functions that need one, then
// spaces around punctuation.
void CSignatureTool::finish(NormalizeBuffers& buffers, const Value& line, std::string& out) const {
  if (lists_->line_numbers.match(buffers.text())) {
    buffers.rewrite([&](std::string_view text, std::string& o) {
      o.append(text);
      append_line(o, line);
    });
  }
  // The frame is about as long as the text: one allocation, not a doubling series.
  out.clear();
  out.reserve(buffers.text().size() + 8);
  if (!contains(buffers.text(), ',')) {
    remove_space_before_punctuation(buffers.text(), out);
  } else {
    buffers.rewrite(remove_space_before_punctuation);
    space_after_commas(buffers.text(), out);
  }
}

void CSignatureTool::normalize_frame(const Frame& frame, std::string& out, NormalizeBuffers& buffers) const {
  out.clear();
  if (frame.function.truthy()) {
    const std::optional<std::string_view> path = source_path(frame.file);
    if (path && ends_with(*path, ".rs")) {
      if (!frame.function.is_string())
        py::raise_type_error("'" + std::string(python_type_name(frame.function.type())) +
                             "' object is not iterable");
      normalize_rust_function(frame.function.as_string(), frame.line, out, buffers);
    } else {
      normalize_cpp_function(py::require_str(frame.function, "endswith"), frame.line, out, buffers);
    }
    return;
  }
  if (frame.file.truthy() && frame.line.truthy()) {
    std::string_view file = py::require_str(frame.file, "rstrip");
    while (!file.empty() && (file.back() == '/' || file.back() == '\\')) file.remove_suffix(1);
    const std::size_t backslash = file.rfind('\\');
    const std::size_t cut = backslash != std::string_view::npos ? backslash : file.rfind('/');
    if (cut != std::string_view::npos) file.remove_prefix(cut + 1);
    out.append(file).push_back('#');
    out.append(py::str(frame.line));
    return;
  }
  if (frame.module.truthy()) {
    out.append(py::strip_chars(py::require_str(frame.module, "strip"), "[]"));
    return;
  }
  if (frame.unloaded_modules.truthy()) {
    const Value& module = py::dict_get(py::first_item(frame.unloaded_modules), "module");
    if (module.truthy()) {
      out.append("(unloaded ").append(py::str(module)).push_back(')');
      return;
    }
  }
  if (frame.offset.truthy()) {
    out.push_back('@');
    // int(x, 16) refuses non-str values: they are kept as they are.
    if (!frame.offset.is_string() || !strip_leading_zeros(frame.offset.as_string(), out))
      out.append(py::str(frame.offset));
  }
}

namespace {

// The members of a frame (or inlined call) dict that normalization reads, found
// in one pass over its members; missing ones are null. AttributeError when the
// value is not a dict, as its first .get() would raise.
struct FrameMembers {
  Value module, function, file, line, offset, unloaded_modules, inlines;

  explicit FrameMembers(const Value& dict) {
    if (!dict.is_object()) py::raise_attribute_error(dict, "get");
    for (const Member* m = dict.members(); m != dict.members_end(); ++m) {
      // Fixed-size compares, which the compiler turns into a load and a compare.
      const char* k = m->key.data();
      Value* field = nullptr;
      switch (m->key.size()) {
        case 4:
          field = !std::memcmp(k, "file", 4) ? &file : !std::memcmp(k, "line", 4) ? &line : nullptr;
          break;
        case 6:
          field = !std::memcmp(k, "module", 6) ? &module : !std::memcmp(k, "offset", 6) ? &offset : nullptr;
          break;
        case 7: field = !std::memcmp(k, "inlines", 7) ? &inlines : nullptr; break;
        case 8: field = !std::memcmp(k, "function", 8) ? &function : nullptr; break;
        case 16: field = !std::memcmp(k, "unloaded_modules", 16) ? &unloaded_modules : nullptr; break;
        default: break;
      }
      if (field) *field = m->value;
    }
  }
};

}  // namespace

namespace {

// A list's entry `index`, as a trace names it.
ListEntryRef entry_ref(const SignatureListFile& file, std::size_t index) {
  return ListEntryRef{file.path, file.lines[index], file.entries[index]};
}

// The entry of `list`, read from `file`, that matched `frame`. Out of line, as
// trace_frame.
__attribute__((noinline, cold)) std::optional<ListEntryRef> matched_entry(const PythonRegexList& list,
                                                                          const SignatureListFile& file,
                                                                          std::string_view frame) {
  if (const std::optional<std::size_t> index = list.first_matching_entry({frame})) return entry_ref(file, *index);
  return std::nullopt;
}

// Starts a frame's trace with its function as the crash data gives it. Out of line:
// only traced walks call it, and the frame loop stays small without it.
__attribute__((noinline, cold)) void trace_frame(std::vector<FrameTrace>& trace, const Value& function,
                                                 bool inlined) {
  FrameTrace& traced = trace.emplace_back();
  if (!function.is_null())
    traced.function = function.is_string() ? std::string(function.as_string()) : py::str(function);
  traced.inlined = inlined;
}

}  // namespace

StringList CSignatureTool::create_frame_list(const Value& thread, bool lowercase_modules,
                                             std::vector<FrameTrace>* trace) const {
  StringList normalized;
  if (!thread.is_object()) py::raise_attribute_error(thread, "get");
  const Value* found = thread.find("frames");
  if (!found) return normalized;  // .get("frames", [])
  const Value& frames = *found;
  // Normalized frames are rarely longer than 64 bytes: one allocation for most threads.
  const std::size_t expected = frames.is_array() ? std::min<std::size_t>(frames.size(), kMaxFrames) : 0;
  normalized.reserve(expected, 64 * expected);

  // Each frame is normalized into `frame`, then copied into the list.
  struct Scratch {
    NormalizeBuffers buffers;
    std::string frame;
  };
  thread_local Scratch thread_scratch;
  Scratch& scratch = thread_scratch;  // looked up once per call, not per frame
  std::string lowered_module;
  const auto add = [&](Frame frame, bool inlined) {
    if (trace) trace_frame(*trace, frame.function, inlined);
    if (auto qualified = qualified_rust_panic_function(frame.file, frame.function))
      frame.function = Value::string(*qualified);
    if (lowercase_modules && frame.module.truthy()) {
      lowered_module = py::lower(py::require_str(frame.module, "lower"));
      frame.module = Value::string(lowered_module);
    }
    normalize_frame(frame, scratch.frame, scratch.buffers);
    normalized.push_back(scratch.frame);
    return normalized.size() < kMaxFrames;
  };
  // frame_generator: each frame's inlined calls (innermost first), then the frame.
  // Like islice, stop asking for frames once there are enough, so malformed data
  // further down is never looked at.
  py::for_each_item(frames, [&](const Value& item) {
    const FrameMembers frame(item);
    bool more = true;
    if (frame.inlines.truthy()) {
      py::for_each_item(frame.inlines, [&](const Value& inline_item) {
        const FrameMembers inlined(inline_item);
        more = add(Frame{frame.module, inlined.function, inlined.file, inlined.line, frame.offset, Value()}, true);
        return more;
      });
    }
    return more && add(Frame{frame.module, frame.function, frame.file, frame.line, frame.offset,
                             frame.unloaded_modules},
                       false);
  });
  return normalized;
}

std::string CSignatureTool::generate(const StringList& frames,
                                     std::optional<py::Int> crashed_thread, std::vector<std::string>& notes,
                                     std::vector<std::string>* debug, std::vector<FrameTrace>* trace) const {
  const CompiledSignatureLists& lists = *lists_;
  if (debug) debug->push_back(lists_note_);
  if (trace) {
    trace->resize(frames.size());
    for (std::size_t i = 0; i < frames.size(); ++i) (*trace)[i].normalized = frames[i];
  }
  // What the walk did with frame i (only when tracing).
  const auto traced = [&](std::size_t i, WalkStep step, std::optional<ListEntryRef> matched = std::nullopt) {
    (*trace)[i].step = step;
    (*trace)[i].matched = std::move(matched);
  };

  // The walk starts at the first sentinel frame, if any.
  std::size_t start = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (const std::string* sentinel = lists.find_sentinel(frames[i])) {
      start = i;
      if (debug)
        debug->push_back("sentinel; starting at \"" + std::string(frames[i]) + "\" index " + std::to_string(i));
      if (trace) {
        const SignatureListFile& sentinels = lists.read.sentinels;
        (*trace)[i].sentinel = entry_ref(sentinels, static_cast<std::size_t>(sentinel - sentinels.entries.data()));
        for (std::size_t above = 0; above < i; ++above) traced(above, WalkStep::kAboveSentinel);
      }
      break;
    }
  }

  std::string signature;
  signature.reserve(256);  // one allocation for all but the longest walks
  std::size_t kept = 0;
  std::string_view last_kept;
  for (std::size_t i = start; i < frames.size(); ++i) {
    std::string_view frame = frames[i];
    if (frame.empty()) {
      if (debug) debug->push_back("empty string; ignoring: \"\"");
      if (trace) traced(i, WalkStep::kEmpty);
      continue;
    }
    if (lists.irrelevant.match(frame)) {
      if (debug) debug->push_back("irrelevant; ignoring: \"" + std::string(frame) + "\"");
      if (trace) traced(i, WalkStep::kIrrelevant, matched_entry(lists.irrelevant, lists.read.irrelevant, frame));
      continue;
    }
    // DLL frames lose any "@offset"; runs of the same module frame collapse.
    bool collapses = false;
    if (!starts_with(frame, "(unloaded")) {
      if (mentions_dll(frame)) {
        frame = frame.substr(0, find_byte(frame, '@'));
        collapses = true;
      } else {
        collapses = names_module(frame);
      }
    }
    if (collapses && kept > 0 && frame == last_kept) {
      if (trace) traced(i, WalkStep::kDuplicateModule);
      continue;
    }

    if (kept++ > 0) signature.append(" | ");
    signature.append(frame);
    last_kept = frame;
    if (!lists.prefix.match(frame)) {
      if (debug) debug->push_back("not a prefix; stop: \"" + std::string(frame) + "\"");
      if (trace) traced(i, WalkStep::kStop);
      break;
    }
    if (debug) debug->push_back("prefix; continue iterating: \"" + std::string(frame) + "\"");
    if (trace) traced(i, WalkStep::kPrefix, matched_entry(lists.prefix, lists.read.prefix, frame));
  }

  if (signature.empty()) {
    if (!crashed_thread) {
      notes.emplace_back("CSignatureTool: no crashing thread identified");
      return "EMPTY: no crashing thread identified";
    }
    notes.push_back("CSignatureTool: no frame data for crashing thread (" +
                    std::to_string(crashed_thread->value) + ")");
    // The frames were probably all irrelevant: the first one will do.
    return start < frames.size() ? std::string(frames[start]) : "EMPTY: no frame data available";
  }
  return signature;
}

}  // namespace crashsig::stack
