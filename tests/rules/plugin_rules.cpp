#include "plugin_rules.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include "test_support.h"

namespace crashsig::test {

namespace {

class CollectingRegistrar : public RuleRegistrar {
 public:
  CollectingRegistrar(std::map<std::string, RuleFactory, std::less<>>& factories,
                      std::map<std::string, std::string, std::less<>>& docs)
      : factories_(factories), docs_(docs) {}
  void add(std::string_view rule_name, std::string_view doc, RuleFactory factory) override {
    factories_[std::string(rule_name)] = std::move(factory);
    docs_[std::string(rule_name)] = std::string(doc);
  }
  void add_file_loader(std::string_view, RuleFileLoader) override {}  // no rule files here

 private:
  std::map<std::string, RuleFactory, std::less<>>& factories_;
  std::map<std::string, std::string, std::less<>>& docs_;
};

}  // namespace

PluginRules::PluginRules(const std::vector<std::string>& plugin_names) {
  CollectingRegistrar registrar(factories_, docs_);
  for (const std::string& name : plugin_names) {
    const std::string path = binary_path("lib/crashsig/plugins/" + name + ".so");
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);  // never closed: see header
    if (!handle) {
      ADD_FAILURE() << "cannot load " << path << ": " << dlerror();
      continue;
    }
    auto entry = reinterpret_cast<PluginInfo (*)()>(dlsym(handle, CRASHSIG_PLUGIN_ENTRY));
    if (!entry) {
      ADD_FAILURE() << path << " has no " CRASHSIG_PLUGIN_ENTRY;
      continue;
    }
    PluginInfo info = entry();
    EXPECT_EQ(info.api_version, kPluginApiVersion) << path;
    EXPECT_EQ(std::string(info.plugin_name), name) << path;
    info.register_rules(registrar);
  }
}

std::unique_ptr<Rule> PluginRules::make(std::string_view rule_name) const {
  auto it = factories_.find(rule_name);
  if (it == factories_.end()) {
    ADD_FAILURE() << "no plugin offers rule " << rule_name;
    return nullptr;
  }
  static const Value no_options = Value::object(nullptr, 0);
  return it->second(RuleConfig{rule_name, no_options, "", ""});
}

const PluginRules& annotation_and_cleanup_rules() {
  static const PluginRules rules({"crashsig-annotations", "crashsig-cleanup"});
  return rules;
}

}  // namespace crashsig::test
