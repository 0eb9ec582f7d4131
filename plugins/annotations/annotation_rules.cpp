// The rules that adjust a signature from crash annotations, after the stack walk
// has produced one. Each follows Socorro's rule of the same name exactly,
// including what Python does when a field has an unexpected type: those cases
// throw RuleError with Python's message, which the engine reports as
// "<Rule>: Rule failed: <message>" as Socorro does.
#include <memory>
#include <string>

#include "crashsig/crash_data.h"
#include "crashsig/plugin.h"
#include "crashsig/printable_ascii.h"
#include "crashsig/python.h"
#include "shutdown_timeout.h"

namespace crashsig::annotations {

namespace {

std::string prepend(std::string_view prefix, const std::string& signature) {
  std::string s;
  s.reserve(prefix.size() + signature.size());
  s.append(prefix).append(signature);
  return s;
}

class StackwalkerErrorSignatureRule final : public Rule {
 public:
  static constexpr std::string_view kName = "StackwalkerErrorSignatureRule";
  static constexpr std::string_view kDoc =
      "When no signature could be made from the stack (it starts with \"EMPTY\") and the "
      "crash carries minidump-stackwalk's status (mdsw_status_string), appends "
      "\"; <status>\", so that crashes without usable frames are grouped by why the "
      "stack walk failed rather than all lumped together.";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  bool predicate(const Value& crash, const Result& result) const override {
    return result.signature.compare(0, 5, "EMPTY") == 0 && crash.get("mdsw_status_string").truthy();
  }
  void action(const Value& crash, Result& result) const override {
    result.set_signature(kName, result.signature + "; " + py::str(py::getitem(crash, "mdsw_status_string")));
  }
};

class BadHardware final : public Rule {
 public:
  static constexpr std::string_view kName = "BadHardware";
  static constexpr std::string_view kDoc =
      "Prepends \"bad hardware | \" when the crash reason contains "
      "STATUS_DEVICE_DATA_ERROR: the system could not page code or data in from the "
      "device (a failing disk or memory), so the crash says more about the machine than "
      "about the code on the stack, and is kept apart from real bugs there.";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  bool predicate(const Value& crash, const Result&) const override {
    const Value& reason = crash.get("reason");
    return reason.truthy() && py::contains(reason, "STATUS_DEVICE_DATA_ERROR");
  }
  void action(const Value&, Result& result) const override {
    result.set_signature(kName, prepend("bad hardware | ", result.signature));
  }
};

class OOMSignature final : public Rule {
 public:
  static constexpr std::string_view kName = "OOMSignature";
  static constexpr std::string_view kDoc =
      "Marks out-of-memory crashes. A crash counts as one when it has an "
      "oom_allocation_size, when SpiderMonkey was reporting a large allocation failure "
      "(js_large_allocation_failure is \"Reporting\"), when the signature already names "
      "an OOM handler (NS_ABORT_OOM, mozalloc_handle_oom, CrashAtUnhandlableOOM, "
      "AutoEnterOOMUnsafeRegion, alloc::oom::oom), when the crashing thread's last error "
      "is ERROR_COMMITMENT_LIMIT or ERROR_NOT_ENOUGH_MEMORY, or when the reason is "
      "STATUS_NO_MEMORY or STATUS_FATAL_MEMORY_EXHAUSTION. Failed allocations of at most "
      "256 KiB all become \"OOM | small\": when even a small allocation fails the "
      "process was out of memory anyway and the stack is noise. Larger ones become "
      "\"OOM | large | <signature>\", since a big allocation points at its caller, and "
      "crashes of unknown size \"OOM | unknown | <signature>\".";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  bool predicate(const Value& crash, const Result& result) const override {
    if (crash.get("oom_allocation_size").truthy()) return true;
    const std::string& signature = result.signature;
    if (signature.empty()) return false;
    if (py::equals(crash.get("js_large_allocation_failure"), "Reporting")) return true;
    for (std::string_view fragment : {"NS_ABORT_OOM", "mozalloc_handle_oom", "CrashAtUnhandlableOOM",
                                      "AutoEnterOOMUnsafeRegion", "alloc::oom::oom"})
      if (signature.find(fragment) != std::string::npos) return true;

    const Value& thread = thread_at(crash, crashing_thread(crash));
    if (thread.truthy()) {
      const Value& last_error = py::dict_get(thread, "last_error_value");
      if (py::equals(last_error, "ERROR_COMMITMENT_LIMIT") || py::equals(last_error, "ERROR_NOT_ENOUGH_MEMORY"))
        return true;
    }
    const Value& reason = crash.get("reason");
    return py::equals(reason, "STATUS_FATAL_MEMORY_EXHAUSTION") || py::equals(reason, "STATUS_NO_MEMORY");
  }

  void action(const Value& crash, Result& result) const override {
    if (py::equals(crash.get("js_large_allocation_failure"), "Reporting")) {
      result.set_signature(kName, prepend("OOM | large | ", result.signature));
      return;
    }
    // Socorro catches only TypeError (None when the size is missing, a list or a
    // dict): "unknown". int()'s other errors (a str it cannot read, NaN, infinity)
    // fail the rule.
    const Value& size_value = crash.get("oom_allocation_size");
    const py::IntOutcome size = py::int_outcome(size_value);
    if (size.error == py::IntError::TypeError) {
      result.set_signature(kName, prepend("OOM | unknown | ", result.signature));
      return;
    }
    if (size.error != py::IntError::None) py::raise_int_error(size_value);
    if (size.value.value <= 262144)
      result.set_signature(kName, "OOM | small");
    else
      result.set_signature(kName, prepend("OOM | large | ", result.signature));
  }
};

class AbortSignature final : public Rule {
 public:
  static constexpr std::string_view kName = "AbortSignature";
  static constexpr std::string_view kDoc =
      "Prepends \"Abort | <message> | \" to crashes with an abort_message, cleaned up so "
      "that the same abort groups together across builds: everything before "
      "\"###!!! ABORT:\" and the \": file <path>, line <n>\" tail are dropped, the "
      "localized parenthesized text of \"unable to find a usable font\" aborts is "
      "removed, characters that are not printable ASCII are deleted, and messages over "
      "80 characters are cut to 77 plus \"...\". An abort that only names a file "
      "(\"###!!! ABORT: file ...\") gets just \"Abort | \".";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  bool predicate(const Value& crash, const Result&) const override {
    return crash.get("abort_message").truthy();
  }

  void action(const Value& crash, Result& result) const override {
    const Value& abort_message = py::getitem(crash, "abort_message");
    // `in` works on str, list and dict (and raises TypeError on anything else);
    // the str methods used below exist on str only.
    if (py::contains(abort_message, "###!!! ABORT: file ")) {
      result.set_signature(kName, prepend("Abort | ", result.signature));
      return;
    }
    if (!abort_message.is_string()) {
      if (py::contains(abort_message, "###!!! ABORT:") || py::contains(abort_message, ": file "))
        py::raise_attribute_error(abort_message, "split");
      if (py::contains(abort_message, "unable to find a usable font"))
        py::raise_attribute_error(abort_message, "find");
    }
    std::string message = cleaned_message(abort_message);
    std::string_view trimmed = py::strip(message);
    std::string shown = trimmed.size() > 80 ? std::string(trimmed.substr(0, 77)) + "..." : std::string(trimmed);
    result.set_signature(kName, "Abort | " + shown + " | " + result.signature);
  }

 private:
  // The abort message with its build-specific parts removed, reduced to printable
  // ASCII by Socorro's drop_bad_characters (which on a list or dict keeps the items
  // or keys that are single printable ASCII characters).
  static std::string cleaned_message(const Value& abort_message) {
    if (!abort_message.is_string()) return drop_bad_characters(abort_message);
    std::string out;
    std::string_view text = abort_message.as_string();
    if (auto at = text.find("###!!! ABORT:"); at != std::string_view::npos) text.remove_prefix(at + 13);
    if (auto at = text.find(": file "); at != std::string_view::npos) text = text.substr(0, at);
    if (text.find("unable to find a usable font") != std::string_view::npos) {
      // Drop from the first "(" through the last ")", as Socorro slices them.
      auto open = text.find('(');
      auto close = open == std::string_view::npos ? open : text.rfind(')');
      if (close != std::string_view::npos) {
        append_printable_ascii(out, text.substr(0, open));
        append_printable_ascii(out, text.substr(close + 1));
        return out;
      }
    }
    append_printable_ascii(out, text);
    return out;
  }
};

class SignatureIPCChannelError final : public Rule {
 public:
  static constexpr std::string_view kName = "SignatureIPCChannelError";
  static constexpr std::string_view kDoc =
      "Replaces the signature of crashes that carry an ipc_channel_error with "
      "\"IPCError-browser | <error>\" when the browser process's minidump came with "
      "the crash (additional_minidumps lists upload_file_minidump_browser), or else "
      "\"IPCError-content | <error>\", keeping the first 100 characters of the error. "
      "These processes were killed on purpose after an IPC failure, so their stacks "
      "say little; the channel error is what groups them. Adds a note saying so.";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  bool predicate(const Value& crash, const Result&) const override {
    return crash.get("ipc_channel_error").truthy();
  }

  void action(const Value& crash, Result& result) const override {
    const Value& minidumps = crash.get("additional_minidumps");
    const bool browser = minidumps.truthy() && py::contains(minidumps, "upload_file_minidump_browser");
    std::string signature = browser ? "IPCError-browser | " : "IPCError-content | ";
    signature += first_100(py::getitem(crash, "ipc_channel_error"));
    result.note(kName, "IPC Channel Error stomped on signature");
    result.set_signature(kName, std::move(signature));
  }

 private:
  // str(error[:100]): code points of a str, items of a list.
  static std::string first_100(const Value& error) {
    switch (error.type()) {
      case Type::String: return std::string(py::prefix(error.as_string(), 100));
      case Type::Array: return py::str(Value::array(error.begin(), std::min<std::uint32_t>(error.size(), 100)));
      // Python 3.11's slices are unhashable, so a dict fails before the lookup.
      case Type::Object: py::raise_type_error("unhashable type: 'slice'");
      default:
        py::raise_type_error("'" + std::string(python_type_name(error.type())) + "' object is not subscriptable");
    }
  }
};

class SignatureIPCMessageName final : public Rule {
 public:
  static constexpr std::string_view kName = "SignatureIPCMessageName";
  static constexpr std::string_view kDoc =
      "Appends \" | IPC_Message_Name=<name>\" when the crash happened while an IPC "
      "message was being handled (ipc_message_name), so that crashes in the same "
      "message-dispatch code are split by the message that triggered them.";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  bool predicate(const Value& crash, const Result&) const override {
    return crash.get("ipc_message_name").truthy();
  }
  void action(const Value& crash, Result& result) const override {
    result.set_signature(kName, result.signature + " | IPC_Message_Name=" + py::str(py::getitem(crash, "ipc_message_name")));
  }
};

class SignatureParentIDNotEqualsChildID final : public Rule {
 public:
  static constexpr std::string_view kName = "SignatureParentIDNotEqualsChildID";
  static constexpr std::string_view kDoc =
      "Replaces the signature with \"parentBuildID != childBuildID\" when moz_crash_reason "
      "is the failed assertion MOZ_RELEASE_ASSERT(parentBuildID == childBuildID), noting "
      "the signature it replaced. Parent and child processes from different builds "
      "(typically an update applied while the browser ran) cannot be symbolicated "
      "reliably, so their stacks are junk; one signature keeps them together and out of "
      "other buckets. Socorro retired this rule after revision 471729b2d.";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  bool predicate(const Value& crash, const Result&) const override {
    return py::equals(crash.get("moz_crash_reason"), "MOZ_RELEASE_ASSERT(parentBuildID == childBuildID)");
  }
  void action(const Value&, Result& result) const override {
    result.note(kName, "Signature replaced with MOZ_RELEASE_ASSERT, was: \"" + result.signature + "\"");
    result.set_signature(kName, "parentBuildID != childBuildID");
  }
};

class StackOverflowSignature final : public Rule {
 public:
  static constexpr std::string_view kName = "StackOverflowSignature";
  static constexpr std::string_view kDoc =
      "Prepends \"stackoverflow | \" when the crash reason is EXCEPTION_STACK_OVERFLOW, so "
      "stack exhaustion is not confused with other crashes in the function that happened "
      "to be on top of the stack when it ran out.";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  bool predicate(const Value& crash, const Result&) const override {
    return py::equals(crash.get("reason"), "EXCEPTION_STACK_OVERFLOW");
  }
  void action(const Value&, Result& result) const override {
    result.set_signature(kName, prepend("stackoverflow | ", result.signature));
  }
};

class HungProcess final : public Rule {
 public:
  static constexpr std::string_view kName = "HungProcess";
  static constexpr std::string_view kDoc =
      "Prepends \"hang: <hang> | \" to crashes reported as hangs (the hang annotation is "
      "present and not null, whatever its value), so a process killed because it stopped "
      "responding is not grouped with real crashes that have the same stack.";
  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }

  bool predicate(const Value& crash, const Result&) const override { return !crash.get("hang").is_null(); }
  void action(const Value& crash, Result& result) const override {
    result.set_signature(kName, "hang: " + py::str(crash.get("hang")) + " | " + result.signature);
  }
};

void register_rules(RuleRegistrar& registrar) {
  add_rule_without_options<StackwalkerErrorSignatureRule>(registrar);
  add_rule_without_options<BadHardware>(registrar);
  add_rule_without_options<OOMSignature>(registrar);
  add_rule_without_options<AbortSignature>(registrar);
  add_rule_without_options<SignatureShutdownTimeout>(registrar);
  add_rule_without_options<SignatureIPCChannelError>(registrar);
  add_rule_without_options<SignatureIPCMessageName>(registrar);
  add_rule_without_options<SignatureParentIDNotEqualsChildID>(registrar);
  add_rule_without_options<StackOverflowSignature>(registrar);
  add_rule_without_options<HungProcess>(registrar);
}

}  // namespace

}  // namespace crashsig::annotations

CRASHSIG_PLUGIN("crashsig-annotations", crashsig::annotations::register_rules)
