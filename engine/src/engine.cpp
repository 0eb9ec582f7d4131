#include "crashsig/engine.h"

#include <boost/dll/runtime_symbol_info.hpp>

#include <filesystem>

#include "crashsig/nearest_name.h"
#include "plugin_loader.h"
#include "ruleset.h"

namespace fs = std::filesystem;

namespace crashsig {

struct Engine::Impl {
  // Declared first so it is destroyed last: rules hold their libraries, and the
  // registry holds the factories' libraries.
  detail::PluginRegistry registry;
  detail::RulesetSpec spec;
  std::string siglists_dir;
  std::vector<std::shared_ptr<const Rule>> rules;
  std::vector<RuleInfo> infos;

  RuleConfig config_for(std::string_view name, const Value& options) {
    RuleConfig config{name, options, siglists_dir, spec.dir, {}};
    config.create_rule = [this](std::string_view other) { return create_named(std::string(other)); };
    return config;
  }

  // Runs every rule on one crash (a processed crash is converted first), recording
  // each rule's step when the result keeps a trace.
  void run(const Value& input, Result& result) const;

  std::shared_ptr<const Rule> create_named(const std::string& name) {
    const detail::RegisteredRule* registered = registry.find(name);
    if (!registered) throw ConfigError("unknown rule '" + name + "'" + did_you_mean(name, rule_names()));
    static const Value no_options = Value::object(nullptr, 0);
    RuleConfig config = config_for(name, no_options);
    config.nested = true;
    return registry.create(*registered, config);
  }

  std::vector<std::string_view> rule_names() const { return registry.rule_names(); }

  // Makes the rule a ruleset entry names and appends it. Throws LoadError
  // ("ruleset.yaml:LINE: ...").
  void add_rule(const detail::RuleEntry& entry);
};

namespace {

// Where libcrashsig itself lives; plugins and data are found relative to it, so
// the build tree and an installed tree work the same way.
fs::path library_dir() { return boost::dll::this_line_location().parent_path(); }

fs::path data_dir() {
  const fs::path lib = library_dir();
  // Installed: <libdir>/<relative path to datadir>; build tree: build/lib/../share.
  for (const fs::path& candidate : {lib / CRASHSIG_LIB_TO_DATADIR, lib / ".." / "share" / "crashsig"}) {
    std::error_code ec;
    if (fs::is_directory(candidate / "rulesets", ec)) return candidate.lexically_normal();
  }
  return (lib / CRASHSIG_LIB_TO_DATADIR).lexically_normal();
}

std::string resolve_ruleset(const std::string& ruleset) {
  bool is_path = ruleset.find('/') != std::string::npos ||
                 fs::path(ruleset).extension() == ".yaml" || fs::path(ruleset).extension() == ".yml";
  if (is_path) return ruleset;
  fs::path named = data_dir() / "rulesets" / (ruleset + ".yaml");
  std::error_code ec;
  if (fs::is_regular_file(named, ec)) return named.string();
  std::vector<std::string> known;
  for (const auto& e : fs::directory_iterator(data_dir() / "rulesets", ec))
    if (e.path().extension() == ".yaml") known.push_back(e.path().stem().string());
  const std::vector<std::string_view> candidates(known.begin(), known.end());
  std::string message = "unknown ruleset '" + ruleset + "'" + did_you_mean(ruleset, candidates) +
                        "; looked in " + (data_dir() / "rulesets").string();
  throw LoadError(message);
}


// The lists directory in force: the caller's, else the ruleset's.
std::string siglists_dir_for(const detail::RulesetSpec& spec, const EngineOptions& options) {
  std::error_code ec;
  if (!options.siglists_dir.empty()) {
    std::string dir = fs::weakly_canonical(options.siglists_dir).string();
    if (!fs::is_directory(dir, ec))
      throw LoadError(options.siglists_dir + ": signature lists directory does not exist");
    return dir;
  }
  if (!spec.siglists_dir.empty() && !fs::is_directory(spec.siglists_dir, ec))
    throw LoadError(spec.path + ":" + std::to_string(spec.siglists_line) + ": signature lists directory " +
                    spec.siglists_dir + " does not exist");
  return spec.siglists_dir;
}

}  // namespace

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

namespace {

// The ruleset read and its lists directory found. Throws LoadError.
void read_files(const EngineOptions& options, Engine::Impl& impl) {
  impl.spec = detail::read_ruleset(resolve_ruleset(options.ruleset));
  impl.siglists_dir = siglists_dir_for(impl.spec, options);
}

// The rule plugins loaded: with the files, everything before the rules are made.
// Throws LoadError.
void load_plugins(const EngineOptions& options, Engine::Impl& impl) {
  if (options.plugin_dirs.empty()) {
    impl.registry.load_directory((library_dir() / "crashsig" / "plugins").string());
  } else {
    for (const auto& dir : options.plugin_dirs) impl.registry.load_directory(dir);
  }
}

}  // namespace

void Engine::Impl::add_rule(const detail::RuleEntry& entry) {
  const std::string at = spec.path + ":" + std::to_string(entry.line) + ": ";
  if (!entry.plugin_path.empty()) {
    try {
      registry.load_library(entry.plugin_path);
    } catch (const LoadError& e) {
      throw LoadError(at + e.what());
    }
  }
  std::string library;
  try {
    if (!entry.file_path.empty()) {
      const detail::RegisteredLoader* loader = registry.find_loader(entry.file_path);
      if (!loader) {
        std::string known;
        for (const auto& ext : registry.loader_extensions()) known += (known.empty() ? "" : ", ") + ext;
        throw LoadError(at + "no plugin loads rule files like '" + entry.file_path + "'" +
                        (known.empty() ? std::string() : " (loaded kinds: " + known + ")"));
      }
      rules.push_back(registry.create_from_file(*loader, entry.file_path, config_for(entry.file_path, entry.options)));
      library = loader->library_path;
    } else {
      const detail::RegisteredRule* registered = registry.find(entry.name);
      if (!registered) {
        throw LoadError(at + "unknown rule '" + entry.name + "'" + did_you_mean(entry.name, rule_names()));
      }
      rules.push_back(registry.create(*registered, config_for(entry.name, entry.options)));
      library = registered->library_path;
    }
  } catch (const LoadError&) {
    throw;
  } catch (const std::exception& e) {
    throw LoadError(at + (entry.name.empty() ? std::string() : entry.name + ": ") + e.what());
  }
  const Rule& rule = *rules.back();
  infos.push_back(RuleInfo{std::string(rule.name()), std::string(rule.doc()), library});
}

std::unique_ptr<Engine> Engine::load(const EngineOptions& options) {
  auto impl = std::make_unique<Impl>();
  read_files(options, *impl);
  load_plugins(options, *impl);
  for (const auto& entry : impl->spec.rules) impl->add_rule(entry);
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

RulesetCheck check_ruleset(const EngineOptions& options) {
  RulesetCheck check;
  Engine::Impl impl;
  try {
    read_files(options, impl);
    check.files = RulesetFiles{impl.spec.path, impl.siglists_dir};
    load_plugins(options, impl);
  } catch (const LoadError& e) {
    check.errors.push_back(e);
    return check;
  }
  for (const auto& entry : impl.spec.rules) {
    try {
      impl.add_rule(entry);
    } catch (const LoadError& e) {
      check.errors.push_back(e);
    }
  }
  return check;
}

namespace {

// One rule run while tracing: the rule's step is recorded, and the stack walks it
// added are marked as its own.
// One rule as Socorro's generator runs it: action() only when predicate() says
// yes, and a rule that throws leaves "<Rule>: Rule failed: <reason>" and lets the
// pipeline go on.
struct RuleOutcome {
  bool fired = false;
  bool failed = false;
};
RuleOutcome run_rule(const Rule& rule, const Value& crash, Result& result) {
  RuleOutcome outcome;
  try {
    if (rule.predicate(crash, result)) {
      outcome.fired = true;
      rule.action(crash, result);
    }
  } catch (const std::exception& e) {
    result.note(rule.name(), std::string("Rule failed: ") + e.what());
    outcome.failed = true;
  }
  return outcome;
}

void run_traced(const Rule& rule, const Value& crash, Result& result, Trace& trace) {
  RuleTrace step;
  step.rule = rule.name();
  step.signature_before = result.signature;
  const std::size_t notes_before = result.notes.size();
  const std::size_t walks_before = trace.walks.size();
  const RuleOutcome outcome = run_rule(rule, crash, result);
  step.fired = outcome.fired;
  step.failed = outcome.failed;
  step.signature_after = result.signature;
  step.notes.assign(result.notes.begin() + static_cast<std::ptrdiff_t>(notes_before), result.notes.end());
  for (std::size_t i = walks_before; i < trace.walks.size(); ++i) trace.walks[i].rule = step.rule;
  trace.rules.push_back(std::move(step));
}

}  // namespace

void Engine::Impl::run(const Value& input, Result& result) const {
  Arena converted;  // allocates nothing unless the input is a processed crash
  const Value crash = input.find("json_dump") ? convert_processed_crash(input, converted) : input;
  if (Trace* trace = result.trace()) {
    for (const auto& rule : rules) run_traced(*rule, crash, result, *trace);
    return;
  }
  for (const auto& rule : rules) run_rule(*rule, crash, result);
}

Result Engine::generate(const Value& crash, bool keep_debug_log) const {
  Result result(keep_debug_log);
  impl_->run(crash, result);
  return result;
}

Result Engine::explain(const Value& crash) const {
  Result result(/*keep_debug_log=*/true, /*keep_trace=*/true);
  impl_->run(crash, result);
  return result;
}

const std::vector<RuleInfo>& Engine::rules() const { return impl_->infos; }
const std::string& Engine::ruleset_path() const { return impl_->spec.path; }
const std::string& Engine::siglists_dir() const { return impl_->siglists_dir; }
const std::string& Engine::description() const { return impl_->spec.description; }

Result Signifier::signify(std::string_view json, bool keep_debug_log) {
  return sign_text(json, false, keep_debug_log);
}

Result Signifier::signify(const PaddedJson& json, bool keep_debug_log) {
  return sign_text(json.text(), json.padded(), keep_debug_log);
}

Result Signifier::sign_text(std::string_view json, bool padded, bool keep_debug_log) {
  std::string error;
  // The document lives only until the next call, so its strings can stay in the
  // reader's buffers instead of being copied.
  if (reader_.parse_object(json, padded, doc_, error, /*copy_strings=*/false) != JsonReader::ObjectParse::kObject)
    throw InputError(error);
  return engine_.generate(doc_.root(), keep_debug_log);
}

}  // namespace crashsig
