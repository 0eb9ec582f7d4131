// SignatureShutdownTimeout: the AsyncShutdownTimeout annotation's phase and
// pending blockers become the signature.
#pragma once

#include "crashsig/rule.h"

namespace crashsig::annotations {

class SignatureShutdownTimeout final : public Rule {
 public:
  static constexpr std::string_view kName = "SignatureShutdownTimeout";
  static constexpr std::string_view kDoc =
      "Replaces the signature of AsyncShutdownTimeout crashes (a shutdown blocker that "
      "never finished) with \"AsyncShutdownTimeout | <phase> | <conditions>\", read from "
      "the JSON text in async_shutdown_timeout: the shutdown phase, or \"(unknown)\", and "
      "the sorted, comma-separated names of the blockers still pending, or \"(none)\". The "
      "stack of these crashes is the shutdown watchdog's and says nothing; the phase and "
      "the blockers are what tell them apart. Text that is not valid JSON gives "
      "\"AsyncShutdownTimeout | UNKNOWN\" and a note quoting the parse error.";

  std::string_view name() const override { return kName; }
  std::string_view doc() const override { return kDoc; }
  bool predicate(const Value& crash, const Result& result) const override;
  void action(const Value& crash, Result& result) const override;
};

}  // namespace crashsig::annotations
