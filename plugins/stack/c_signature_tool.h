// Socorro's CSignatureTool: C, C++ and Rust stacks to signatures.
//
// A crashing thread's frames (inlined calls first, at most 40) are normalized into
// short names ("Alpha<T>::Echo<T>", "file.cpp#12", "libxul.so", "@0x1f"), then
// walked: a sentinel frame, when there is one, starts the walk; irrelevant frames
// are skipped; prefix frames are kept and the walk goes on; the first other frame
// is kept and ends it. The kept frames joined by " | " are the signature.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/python.h"
#include "crashsig/result.h"
#include "crashsig/siglists.h"
#include "crashsig/value.h"
#include "siglists.h"

namespace crashsig::stack {

// One frame as Socorro's frame_generator yields it, either an inlined call or a
// real frame: each field is the crash data's value, null when missing. (The
// reference no longer reads module_offset: module frames are named by module.)
struct Frame {
  Value module;
  Value function;
  Value file;
  Value line;
  Value offset;
  Value unloaded_modules;
};

// Working space for normalizing a frame's function: the name is rewritten step by
// step, and only the steps that change it copy it (into one of two buffers kept
// from one frame to the next, so normalization seldom allocates).
class NormalizeBuffers {
 public:
  void start(std::string_view text) {
    text_ = text;
    holder_ = nullptr;
  }
  std::string_view text() const { return text_; }
  // The text becomes what `write(text, out)` appends to an empty string.
  template <class Write>
  void rewrite(Write&& write) {
    std::string& spare = holder_ == &a_ ? b_ : a_;
    spare.clear();
    write(text_, spare);
    text_ = spare;
    holder_ = &spare;
  }

 private:
  std::string a_, b_;
  std::string_view text_;
  std::string* holder_ = nullptr;  // the buffer text_ is in, if any
};

// Socorro's fix_missing_module: Rust 1.34 emitted some panic functions without
// their module; for a (file, function) pair naming one, the qualified name.
// Python's failures: AttributeError when `file` is truthy but not a str,
// TypeError "unhashable type: 'list'" when `function` is a list or dict.
std::optional<std::string_view> qualified_rust_panic_function(const Value& file, const Value& function);

class CSignatureTool {
 public:
  // `lists_note` is the first debug note of generate(), naming the lists. Tools
  // share their lists: copying a tool is cheap.
  CSignatureTool(std::shared_ptr<const CompiledSignatureLists> lists, std::string lists_note);
  // A tool with lists of its own, compiled from `lists`.
  CSignatureTool(SignatureLists lists, std::string lists_note);
  // Lists given as joined Python patterns (one per list), with no files behind
  // them: a trace names the whole pattern as the entry that matched.
  CSignatureTool(std::string_view irrelevant, std::string_view prefix, std::string_view line_numbers,
                 std::vector<std::string> sentinels, std::string lists_note);

  // The normalized frames of a thread (Socorro's create_frame_list). Windows
  // module names are lower-cased when `lowercase_modules`. Throws RuleError with
  // Python's exception where the reference raises on malformed frames. When
  // `trace` is not null, one FrameTrace per normalized frame is appended to it,
  // with the raw function and whether the frame is an inlined call.
  StringList create_frame_list(const Value& thread, bool lowercase_modules,
                               std::vector<FrameTrace>* trace = nullptr) const;

  // One frame's normalized name, written to `out`.
  void normalize_frame(const Frame& frame, std::string& out, NormalizeBuffers& buffers) const;
  void normalize_cpp_function(std::string_view function, const Value& line, std::string& out,
                              NormalizeBuffers& buffers) const;
  void normalize_rust_function(std::string_view function, const Value& line, std::string& out,
                               NormalizeBuffers& buffers) const;

  // The signature for normalized frames. `crashed_thread` is the thread they came
  // from (nullopt: none identified), used only to explain an empty result in
  // `notes`. Debug notes go to `debug` when it is not null. When `trace` is not
  // null it gets one FrameTrace per frame (kept from create_frame_list when it
  // already has them) saying what the walk did with the frame and which list
  // entry decided it.
  std::string generate(const StringList& frames, std::optional<py::Int> crashed_thread,
                       std::vector<std::string>& notes, std::vector<std::string>* debug,
                       std::vector<FrameTrace>* trace = nullptr) const;

  // The lists the walk uses (one object for tools that share them).
  const CompiledSignatureLists& lists() const { return *lists_; }

 private:
  void finish(NormalizeBuffers& buffers, const Value& line, std::string& out) const;

  std::shared_ptr<const CompiledSignatureLists> lists_;
  std::string lists_note_;
};

}  // namespace crashsig::stack
