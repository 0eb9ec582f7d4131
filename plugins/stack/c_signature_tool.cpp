#include "c_signature_tool.h"

#include "crashsig/rule.h"
#include "frame_text.h"
#include "python_values.h"

namespace crashsig::stack {

namespace {

// Socorro reads at most this many frames, inlined calls included.
constexpr std::size_t kMaxFrames = 40;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

// `needle in s.lower()` for an ASCII needle without letters other than a-z: no
// non-ASCII character lower-cases to ASCII '.', 'd' or 'l', so comparing ASCII
// letters case-insensitively is the same test.
bool contains_ascii_nocase(std::string_view s, std::string_view needle) {
  if (needle.size() > s.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size()) {
      char c = s[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (c != needle[k]) break;
      ++k;
    }
    if (k == needle.size()) return true;
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

// parse_source_file(file) on a frame's "file" value: None for a falsy one.
std::optional<std::string_view> source_path(const Value& file) {
  if (!file.truthy()) return std::nullopt;
  return parse_source_file(require_str(file, "split"));
}

void append_line(std::string& out, const Value& line) {
  out.push_back(':');
  out.append(py::str(line));
}

}  // namespace

std::optional<std::string_view> qualified_rust_panic_function(const Value& file, const Value& function) {
  const std::optional<std::string_view> path = source_path(file);
  // The Python looks the pair up in a dict, which hashes the function first.
  if (function.is_array() || function.is_object())
    py::raise_type_error("unhashable type: '" + std::string(python_type_name(function.type())) + "'");
  if (!path || !function.is_string()) return std::nullopt;
  for (const RustPanicFunction& f : kRustPanicFunctions)
    if (f.file == *path && f.function == function.as_string()) return f.qualified;
  return std::nullopt;
}

CSignatureTool::CSignatureTool(std::string_view irrelevant, std::string_view prefix,
                               std::string_view line_numbers, std::vector<std::string> sentinels,
                               std::string lists_note)
    : irrelevant_(irrelevant),
      prefix_(prefix),
      line_numbers_(line_numbers),
      sentinel_list_(std::move(sentinels)),
      lists_note_(std::move(lists_note)) {
  for (const std::string& s : sentinel_list_) sentinels_.insert(s);
}

CSignatureTool::CSignatureTool(const SignatureLists& lists, std::string lists_note)
    : CSignatureTool(join_patterns(lists.irrelevant), join_patterns(lists.prefix),
                     join_patterns(lists.line_numbers), lists.sentinels, std::move(lists_note)) {}

void CSignatureTool::normalize_cpp_function(std::string_view function, const Value& line,
                                            std::string& out) const {
  thread_local std::string a, b;
  // Member function qualifiers, each tried once, in this order.
  for (std::string_view ref : {"const", "const&", "const &", "&&", "&"})
    if (ends_with(function, ref)) function = py::strip(function.substr(0, function.size() - ref.size()));
  // Operator overloads keep their text: their syntax confuses the tokenizer.
  if (!contains(function, "::operator")) function = drop_prefix_and_return_type(function);

  a.clear();
  for (std::size_t i = 0; i < function.size();) {
    constexpr std::string_view kMsvc = "`anonymous namespace'";
    if (function.compare(i, kMsvc.size(), kMsvc) == 0) {
      a.append("(anonymous namespace)");
      i += kMsvc.size();
    } else {
      a.push_back(function[i++]);
    }
  }
  b.clear();
  remove_lambda_numbers(a, b);
  a.clear();
  collapse_types(b, a);
  b.clear();
  collapse_arguments(a, b);
  if (contains(b, "clone .cold")) {
    a.clear();
    drop_bracketed(b, a);
    std::swap(a, b);
  }
  if (line_numbers_.match(b)) append_line(b, line);
  a.clear();
  remove_space_before_punctuation(b, a);
  out.clear();
  space_after_commas(a, out);
}

void CSignatureTool::normalize_rust_function(std::string_view function, const Value& line,
                                             std::string& out) const {
  thread_local std::string a, b;
  function = drop_prefix_and_return_type(function);
  a.clear();
  collapse_rust_types(function, a);
  b.clear();
  collapse_rust_arguments(a, b);
  if (line_numbers_.match(b)) append_line(b, line);
  a.clear();
  remove_space_before_punctuation(b, a);
  out.clear();
  space_after_commas(a, out);
  remove_rust_hash(out);
}

void CSignatureTool::normalize_frame(const Frame& frame, std::string& out) const {
  out.clear();
  if (frame.function.truthy()) {
    const std::optional<std::string_view> path = source_path(frame.file);
    if (path && ends_with(*path, ".rs")) {
      if (!frame.function.is_string())
        py::raise_type_error("'" + std::string(python_type_name(frame.function.type())) +
                             "' object is not iterable");
      normalize_rust_function(frame.function.as_string(), frame.line, out);
    } else {
      normalize_cpp_function(require_str(frame.function, "endswith"), frame.line, out);
    }
    return;
  }
  if (frame.file.truthy() && frame.line.truthy()) {
    std::string_view file = require_str(frame.file, "rstrip");
    while (!file.empty() && (file.back() == '/' || file.back() == '\\')) file.remove_suffix(1);
    const std::size_t backslash = file.rfind('\\');
    const std::size_t cut = backslash != std::string_view::npos ? backslash : file.rfind('/');
    if (cut != std::string_view::npos) file.remove_prefix(cut + 1);
    out.append(file).push_back('#');
    out.append(py::str(frame.line));
    return;
  }
  if (frame.module.truthy()) {
    out.append(py::strip_chars(require_str(frame.module, "strip"), "[]"));
    return;
  }
  if (frame.unloaded_modules.truthy()) {
    const Value& module = dict_get(first_item(frame.unloaded_modules), "module");
    if (module.truthy()) {
      out.append("(unloaded ").append(py::str(module)).push_back(')');
      return;
    }
  }
  if (frame.offset.truthy()) {
    out.push_back('@');
    thread_local std::string hex;
    if (frame.offset.is_string() && strip_leading_zeros(frame.offset.as_string(), hex))
      out.append(hex);
    else
      out.append(py::str(frame.offset));  // int(x, 16) refuses non-str values: kept as they are
  }
}

std::vector<std::string> CSignatureTool::create_frame_list(const Value& thread, bool lowercase_modules) const {
  std::vector<std::string> normalized;
  std::string lowered_module;
  std::string name;
  const auto add = [&](Frame frame) {
    if (auto qualified = qualified_rust_panic_function(frame.file, frame.function))
      frame.function = Value::string(*qualified);
    if (lowercase_modules && frame.module.truthy()) {
      lowered_module = py::lower(require_str(frame.module, "lower"));
      frame.module = Value::string(lowered_module);
    }
    normalize_frame(frame, name);
    normalized.push_back(name);
    return normalized.size() < kMaxFrames;
  };
  // frame_generator: each frame's inlined calls (innermost first), then the frame.
  // Like islice, stop asking for frames once there are enough, so malformed data
  // further down is never looked at.
  const Value& frames = dict_get(thread, "frames");
  if (thread.find("frames") == nullptr) return normalized;  // .get("frames", [])
  for_each_item(frames, [&](const Value& frame) {
    const Value& inlines = dict_get(frame, "inlines");
    bool more = true;
    if (inlines.truthy()) {
      for_each_item(inlines, [&](const Value& inlined) {
        more = add(Frame{frame.get("module"), dict_get(inlined, "function"), inlined.get("file"),
                         inlined.get("line"), frame.get("offset"), Value()});
        return more;
      });
    }
    if (!more) return false;
    return add(Frame{frame.get("module"), frame.get("function"), frame.get("file"), frame.get("line"),
                     frame.get("offset"), frame.get("unloaded_modules")});
  });
  return normalized;
}

std::string CSignatureTool::generate(const std::vector<std::string>& frames,
                                     std::optional<py::Int> crashed_thread, std::vector<std::string>& notes,
                                     std::vector<std::string>* debug) const {
  if (debug) debug->push_back(lists_note_);

  // The walk starts at the first sentinel frame, if any.
  std::size_t start = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (sentinels_.count(frames[i])) {
      start = i;
      if (debug)
        debug->push_back("sentinel; starting at \"" + frames[i] + "\" index " + std::to_string(i));
      break;
    }
  }

  std::string signature;
  std::size_t kept = 0;
  std::string_view last_kept;
  for (std::size_t i = start; i < frames.size(); ++i) {
    std::string_view frame = frames[i];
    if (frame.empty()) {
      if (debug) debug->push_back("empty string; ignoring: \"\"");
      continue;
    }
    if (irrelevant_.match(frame)) {
      if (debug) debug->push_back("irrelevant; ignoring: \"" + std::string(frame) + "\"");
      continue;
    }
    // DLL frames lose any "@offset"; runs of the same module frame collapse.
    bool collapses = false;
    if (!starts_with(frame, "(unloaded")) {
      if (contains_ascii_nocase(frame, ".dll")) {
        frame = frame.substr(0, frame.find('@'));
        collapses = true;
      } else {
        collapses = names_module(frame);
      }
    }
    if (collapses && kept > 0 && frame == last_kept) continue;

    if (kept++ > 0) signature.append(" | ");
    signature.append(frame);
    last_kept = frame;
    if (!prefix_.match(frame)) {
      if (debug) debug->push_back("not a prefix; stop: \"" + std::string(frame) + "\"");
      break;
    }
    if (debug) debug->push_back("prefix; continue iterating: \"" + std::string(frame) + "\"");
  }

  if (signature.empty()) {
    if (!crashed_thread) {
      notes.emplace_back("CSignatureTool: no crashing thread identified");
      return "EMPTY: no crashing thread identified";
    }
    notes.push_back("CSignatureTool: no frame data for crashing thread (" +
                    std::to_string(crashed_thread->value) + ")");
    // The frames were probably all irrelevant: the first one will do.
    return start < frames.size() ? frames[start] : "EMPTY: no frame data available";
  }
  return signature;
}

}  // namespace crashsig::stack
