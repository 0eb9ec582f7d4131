#include "plugin_loader.h"

#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "crashsig/engine.h"

namespace fs = std::filesystem;

namespace crashsig::detail {

struct LoadedLibrary {
  boost::dll::shared_library library;
};

namespace {

class Registrar : public RuleRegistrar {
 public:
  Registrar(std::map<std::string, RegisteredRule>& rules, std::map<std::string, RegisteredLoader>& loaders,
            std::string path, std::shared_ptr<LoadedLibrary> library)
      : rules_(rules), loaders_(loaders), path_(std::move(path)), library_(std::move(library)) {}

  void add(std::string_view rule_name, std::string_view doc, RuleFactory factory) override {
    std::string name(rule_name);
    auto it = rules_.find(name);
    if (it != rules_.end() && it->second.library_path != path_)
      throw LoadError(path_ + ": rule '" + name + "' is already provided by " + it->second.library_path);
    rules_[name] = RegisteredRule{library_, name, std::string(doc), std::move(factory), path_};
  }

  void add_file_loader(std::string_view extension, RuleFileLoader loader) override {
    std::string ext(extension);
    auto it = loaders_.find(ext);
    if (it != loaders_.end() && it->second.library_path != path_)
      throw LoadError(path_ + ": '" + ext + "' rule files are already loaded by " + it->second.library_path);
    loaders_[ext] = RegisteredLoader{library_, ext, std::move(loader), path_};
  }

 private:
  std::map<std::string, RegisteredRule>& rules_;
  std::map<std::string, RegisteredLoader>& loaders_;
  std::string path_;
  std::shared_ptr<LoadedLibrary> library_;
};

// dlerror() text without boost's wrapping, e.g. "cannot open shared object file: No
// such file or directory".
std::string dl_reason(const std::system_error& e) {
  std::string what = e.what();
  auto start = what.find("dlerror system message: ");
  if (start == std::string::npos) return what;
  start += 24;
  auto end = what.rfind("): ");
  std::string msg = what.substr(start, end == std::string::npos ? std::string::npos : end - start);
  // dlerror repeats the path first; the caller names the file already.
  auto colon = msg.find(": ");
  return colon != std::string::npos && msg.compare(0, 1, "/") == 0 ? msg.substr(colon + 2) : msg;
}

}  // namespace

void PluginRegistry::load_directory(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw LoadError(dir + ": plugin directory does not exist");
  std::vector<std::string> paths;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".so") paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) load_library(p);
}

void PluginRegistry::load_library(const std::string& path) {
  std::string canonical = fs::weakly_canonical(path).string();
  if (std::find(loaded_paths_.begin(), loaded_paths_.end(), canonical) != loaded_paths_.end()) return;

  auto lib = std::make_shared<LoadedLibrary>();
  try {
    lib->library.load(canonical, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::system_error& e) {
    throw LoadError(path + ": cannot load plugin: " + dl_reason(e));
  }
  if (!lib->library.has(CRASHSIG_PLUGIN_ENTRY))
    throw LoadError(path + ": not a crashsig plugin: it has no '" CRASHSIG_PLUGIN_ENTRY "' entry point");

  auto& entry = lib->library.get<PluginInfo()>(CRASHSIG_PLUGIN_ENTRY);
  PluginInfo info = entry();
  if (info.api_version != kPluginApiVersion)
    throw LoadError(path + ": plugin '" + (info.plugin_name ? info.plugin_name : "?") +
                    "' was built for plugin API version " + std::to_string(info.api_version) +
                    ", this engine speaks version " + std::to_string(kPluginApiVersion) +
                    "; rebuild the plugin against this engine");
  if (!info.register_rules) throw LoadError(path + ": plugin has no registration callback");

  Registrar registrar(rules_, loaders_, canonical, lib);
  info.register_rules(registrar);
  loaded_paths_.push_back(canonical);
}

const RegisteredRule* PluginRegistry::find(const std::string& rule_name) const {
  auto it = rules_.find(rule_name);
  return it == rules_.end() ? nullptr : &it->second;
}

std::vector<std::string_view> PluginRegistry::rule_names() const {
  std::vector<std::string_view> names;
  for (const auto& [name, _] : rules_) names.push_back(name);
  return names;
}

const RegisteredLoader* PluginRegistry::find_loader(const std::string& path) const {
  for (const auto& [ext, loader] : loaders_)
    if (path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0)
      return &loader;
  return nullptr;
}

std::vector<std::string> PluginRegistry::loader_extensions() const {
  std::vector<std::string> exts;
  for (const auto& [ext, _] : loaders_) exts.push_back(ext);
  return exts;
}

namespace {
// The deleter holds the library: a rule's code stays mapped until the rule is gone.
std::shared_ptr<const Rule> owned(std::unique_ptr<Rule> made, std::shared_ptr<LoadedLibrary> library) {
  return std::shared_ptr<const Rule>(made.release(), [library](const Rule* r) { delete r; });
}
}  // namespace

std::shared_ptr<const Rule> PluginRegistry::create(const RegisteredRule& rule,
                                                   const RuleConfig& config) const {
  std::unique_ptr<Rule> made = rule.factory(config);
  if (!made) throw LoadError(rule.library_path + ": factory for '" + rule.name + "' returned nothing");
  return owned(std::move(made), rule.library);
}

std::shared_ptr<const Rule> PluginRegistry::create_from_file(const RegisteredLoader& loader,
                                                             const std::string& path,
                                                             const RuleConfig& config) const {
  std::unique_ptr<Rule> made = loader.loader(path, config);
  if (!made) throw LoadError(loader.library_path + ": loader for '" + path + "' returned nothing");
  return owned(std::move(made), loader.library);
}

}  // namespace crashsig::detail
