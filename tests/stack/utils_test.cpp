// The helpers of Socorro's signature/utils.py (and rules.fix_missing_module) that
// the stack plugin implements, against utils.jsonl.
#include <gtest/gtest.h>

#include <set>

#include "crashsig/crash_data.h"
#include "frame_text.h"
#include "stack_vectors.h"

namespace crashsig::stack::test {
namespace {

bool same_text(const std::string& got, const Value& expected) {
  return expected.is_string() && got == expected.as_string();
}

bool same_optional_text(const std::optional<std::string>& got, const Value& expected) {
  return got ? same_text(*got, expected) : expected.is_null();
}

// Byte offset -> Python index (code points).
std::size_t index_of(std::string_view s, std::size_t offset) { return py::length(s.substr(0, offset)); }

// The replace= callable of a recorded replace_enclosed_slices call: each call must
// receive what the Python one received, and gives back what it returned.
struct RecordedReplace {
  const Value& calls;
  std::size_t next = 0;
  bool faithful = true;

  void operator()(std::string_view before, std::string_view inside, std::string_view after, std::string& out) {
    if (next >= calls.size()) {
      faithful = false;
      return;
    }
    const Value& call = calls[next++];
    faithful = faithful && before == call[0].as_string() && inside == call[1].as_string() &&
               after == call[2].as_string();
    out.append(call[3].as_string());
  }
};

// Runs one utils.jsonl record; false when the function is not this plugin's.
bool replay_utils(const Value& record, std::size_t& matched) {
  const std::string_view function = record.get("function").as_string();
  const Value& args = record.get("args");
  const auto text_call = [&](auto f) {
    matched += replay(record, f, same_text);
  };
  if (function == "collapse_types" || function == "collapse_arguments") {
    const std::string_view s = args.get("func_signature").as_string();
    text_call([&] {
      std::string out;
      (function == "collapse_types" ? collapse_types : collapse_arguments)(s, out);
      return out;
    });
  } else if (function == "find_enclosed_slices") {
    const std::string_view s = args.get("s").as_string();
    matched += replay(
        record,
        [&] {
          std::vector<std::string> slices;  // "start:end" in code points
          for_each_enclosed_slice(s, args.get("opening_token").as_string()[0],
                                  args.get("closing_token").as_string()[0], [&](std::size_t b, std::size_t e) {
                                    slices.push_back(std::to_string(index_of(s, b)) + ":" +
                                                     std::to_string(index_of(s, e)));
                                  });
          return slices;
        },
        [](const std::vector<std::string>& got, const Value& expected) {
          std::vector<std::string> want;
          for (const Value& pair : expected)
            want.push_back(std::to_string(pair[0].as_int()) + ":" + std::to_string(pair[1].as_int()));
          return got == want;
        });
  } else if (function == "replace_enclosed_slices") {
    const Value& calls = args.get("replace").get("__callable__").get("calls");
    RecordedReplace replace{calls};
    matched += replay(
        record,
        [&] {
          std::string out;
          replace_enclosed_slices(args.get("s").as_string(), args.get("opening_token").as_string()[0],
                                  args.get("closing_token").as_string()[0], out, replace);
          return out;
        },
        [&](const std::string& got, const Value& expected) {
          return replace.faithful && replace.next == calls.size() && same_text(got, expected);
        });
  } else if (function == "drop_prefix_and_return_type") {
    text_call([&] { return std::string(drop_prefix_and_return_type(args.get("function").as_string())); });
  } else if (function == "parse_source_file") {
    const Value& file = args.get("source_file");
    matched += replay(
        record,
        [&]() -> std::optional<std::string> {
          if (!file.truthy()) return std::nullopt;
          auto path = parse_source_file(file.as_string());
          return path ? std::optional<std::string>(*path) : std::nullopt;
        },
        same_optional_text);
  } else if (function == "strip_leading_zeros") {
    const Value& text = args.get("text");
    if (text.is_string()) {
      text_call([&] {
        std::string out;
        return strip_leading_zeros(text.as_string(), out) ? out : std::string(text.as_string());
      });
    } else {
      // int(x, 16) refuses non-str values, which come back unchanged: what a frame
      // with such an offset normalizes to shows it.
      const CSignatureTool& tool = included_tool();
      matched += replay(
          record,
          [&] {
            std::string out;
            NormalizeBuffers buffers;
            tool.normalize_frame(Frame{Value(), Value(), Value(), Value(), text, Value()}, out, buffers);
            return out;
          },
          [](const std::string& got, const Value& expected) {
            return got == (expected.truthy() ? "@" + py::str(expected) : "");
          });
    }
  } else if (function == "fix_missing_module") {
    const Value& frame = args.get("frame");
    matched += replay(
        record,
        [&]() -> std::optional<std::string> {
          if (!frame.find("file") || !frame.find("function")) return std::nullopt;  // left alone
          auto qualified = qualified_rust_panic_function(frame.get("file"), frame.get("function"));
          return qualified ? std::optional<std::string>(*qualified) : std::nullopt;
        },
        [&](const std::optional<std::string>& got, const Value& expected) {
          const Value& fixed = expected.get("function");
          return got ? same_text(*got, fixed) : to_json(fixed) == to_json(frame.get("function"));
        });
  } else if (function == "get_crashing_thread") {
    matched += replay(
        record, [&] { return std::to_string(crashsig::crashing_thread(args.get("crash_data")).value); },
        [](const std::string& got, const Value& expected) { return got == std::to_string(expected.as_int()); });
  } else {
    return false;
  }
  return true;
}

TEST(UtilsVectors, EveryRecordOfThisPluginMatches) {
  const auto docs = vectors("utils.jsonl");
  std::size_t matched = 0, total = 0;
  std::set<std::string> others;
  for (const auto& doc : docs) {
    if (replay_utils(doc->root(), matched)) ++total;
    else others.insert(std::string(doc->root().get("function").as_string()));
  }
  report("utils.jsonl", matched, total);
  // The rest belong to the annotation and clean-up rules.
  EXPECT_EQ(others, (std::set<std::string>{"drop_bad_characters", "int_or_none", "is_crash_id_valid",
                                           "parse_crashid"}));
}

// drop_prefix_and_return_type finds its delimiters with for_each_byte_of: every one,
// in order, once, whatever the text's length is against the sixteen-byte blocks.
TEST(ForEachByteOf, VisitsEachMatchingByteOnceInOrder) {
  constexpr std::string_view kBytes = " (<`";
  for (std::size_t length = 0; length <= 50; ++length) {
    for (std::size_t every = 1; every <= 17; every += 4) {
      std::string text;
      for (std::size_t i = 0; i < length; ++i) text.push_back(i % every == every - 1 ? kBytes[i % kBytes.size()] : 'a');
      std::vector<std::size_t> want, got;
      for (std::size_t i = 0; i < text.size(); ++i)
        if (kBytes.find(text[i]) != std::string_view::npos) want.push_back(i);
      for_each_byte_of(text, kBytes, [&](std::size_t i) { got.push_back(i); });
      EXPECT_EQ(got, want) << "text \"" << text << "\"";
    }
  }
}

}  // namespace
}  // namespace crashsig::stack::test
