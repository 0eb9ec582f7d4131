// Loading rule plugins (shared libraries) and the registry of the rules they offer.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "crashsig/plugin.h"

namespace crashsig::detail {

struct LoadedLibrary;  // keeps a plugin library mapped while anything of it lives

// `library` comes first so it is destroyed last: the factory's code lives in it.
struct RegisteredRule {
  std::shared_ptr<LoadedLibrary> library;
  std::string name;
  std::string doc;
  RuleFactory factory;
  std::string library_path;
};

struct RegisteredLoader {
  std::shared_ptr<LoadedLibrary> library;  // first, so destroyed last (see above)
  std::string extension;
  RuleFileLoader loader;
  std::string library_path;
};

class PluginRegistry {
 public:
  // Loads every plugin library (*.so) in `dir`, in name order. Throws LoadError
  // naming the file for a library that cannot be loaded, has no entry point, or
  // was built against another plugin API version.
  void load_directory(const std::string& dir);
  // Loads one plugin library. Same errors.
  void load_library(const std::string& path);

  const RegisteredRule* find(const std::string& rule_name) const;
  // Views of the registry's own keys: valid as long as the registry.
  std::vector<std::string_view> rule_names() const;
  // The loader for a rule file, chosen by the end of its name; nullptr when none.
  const RegisteredLoader* find_loader(const std::string& path) const;
  std::vector<std::string> loader_extensions() const;

  // Create a rule. The returned object keeps its library loaded.
  std::shared_ptr<const Rule> create(const RegisteredRule& rule, const RuleConfig& config) const;
  std::shared_ptr<const Rule> create_from_file(const RegisteredLoader& loader, const std::string& path,
                                               const RuleConfig& config) const;

 private:
  std::map<std::string, RegisteredRule> rules_;
  std::map<std::string, RegisteredLoader> loaders_;
  std::vector<std::string> loaded_paths_;
};

}  // namespace crashsig::detail
