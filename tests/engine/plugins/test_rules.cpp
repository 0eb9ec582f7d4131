// A plugin for the engine's own tests: rules with known, simple behaviour.
#include <memory>
#include <stdexcept>

#include "crashsig/plugin.h"

namespace {

using crashsig::Result;
using crashsig::Rule;
using crashsig::Value;

// Appends its `text` option (default "tail") to the signature.
class AppendText : public Rule {
 public:
  explicit AppendText(std::string text) : text_(std::move(text)) {}
  std::string_view name() const override { return "TestAppend"; }
  std::string_view doc() const override { return "Appends the `text` option."; }
  void action(const Value&, Result& r) const override {
    r.set_signature(name(), r.signature.empty() ? text_ : r.signature + " | " + text_);
  }

 private:
  std::string text_;
};

// Always fails, like a Python rule raising on odd input.
class AlwaysFails : public Rule {
 public:
  std::string_view name() const override { return "TestFails"; }
  std::string_view doc() const override { return "Raises on every crash."; }
  void action(const Value&, Result&) const override {
    throw crashsig::RuleError("ValueError", "this rule always fails");
  }
};

void register_rules(crashsig::RuleRegistrar& r) {
  r.add("TestAppend", "Appends the `text` option.", [](const crashsig::RuleConfig& c) {
    const Value& text = c.options.get("text");
    return std::make_unique<AppendText>(text.is_string() ? std::string(text.as_string()) : "tail");
  });
  r.add("TestFails", "Raises on every crash.", [](const crashsig::RuleConfig&) {
    return std::make_unique<AlwaysFails>();
  });
  r.add("TestBadConfig", "Refuses every configuration.",
        [](const crashsig::RuleConfig&) -> std::unique_ptr<Rule> {
          throw crashsig::ConfigError("option 'x' is required");
        });
}

}  // namespace

#ifdef TEST_PLUGIN_WRONG_VERSION
// Claims an API version the engine does not speak.
extern "C" CRASHSIG_VISIBLE crashsig::PluginInfo crashsig_plugin_info() {
  return crashsig::PluginInfo{crashsig::kPluginApiVersion + 41, "wrong-version", register_rules};
}
#elif defined(TEST_PLUGIN_NO_ENTRY)
// Exports something, but not the entry point.
extern "C" CRASHSIG_VISIBLE int not_a_plugin() { return 0; }
#else
CRASHSIG_PLUGIN("test-rules", register_rules)
#endif
