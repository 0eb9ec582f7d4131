// crashsig/engine.h — the public API for embedding crashsig.
//
//   crashsig::EngineOptions options;
//   options.ruleset = "default";
//   auto engine = crashsig::Engine::load(options);      // once; throws LoadError
//   crashsig::Signifier signifier(*engine);               // one per thread
//   crashsig::Result r = signifier.signify(json_text);    // many times
//   std::cout << r.signature << "\n";
//
// An Engine is immutable once loaded and may be shared by any number of threads;
// each thread uses its own Signifier (which holds parsing buffers).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/json.h"
#include "crashsig/result.h"
#include "crashsig/value.h"

// Everything the library declares here is part of its ABI (see export.h).
#pragma GCC visibility push(default)

namespace crashsig {

struct EngineOptions {
  // A ruleset name ("default", "socorro-current", looked up in the installed or
  // build-tree rulesets directory) or a path to a ruleset YAML file.
  std::string ruleset = "default";
  // When not empty, the signature lists directory to use instead of the ruleset's.
  std::string siglists_dir;
  // Directories searched for rule plugins. Empty: the build-tree or installed
  // plugin directory next to libcrashsig.
  std::vector<std::string> plugin_dirs;
};

// A ruleset, list or plugin that cannot be loaded. what() starts with "file:line: "
// when the problem has a place.
class LoadError : public std::runtime_error {
 public:
  explicit LoadError(const std::string& message) : std::runtime_error(message) {}
};

// A crash that cannot be read (bad JSON, not an object).
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

struct RuleInfo {
  std::string name;
  std::string doc;
  std::string plugin;  // path of the library the rule came from
};

class Engine {
 public:
  static std::unique_ptr<Engine> load(const EngineOptions& options);
  ~Engine();

  // Generates the signature of one crash: crash data in the signature-generation
  // schema, or a Socorro processed crash (one with a "json_dump" key), which is
  // converted first as Socorro's convert_to_crash_data does.
  Result generate(const Value& crash, bool keep_debug_log = false) const;
  // generate() with the debug log and a Trace: every rule in order (whether it
  // fired, how it changed the signature, its notes) and every stack walk, frame by
  // frame. For people finding out why a crash got its signature; slower.
  Result explain(const Value& crash) const;

  const std::vector<RuleInfo>& rules() const;
  // The ruleset file and the signature lists directory in force.
  const std::string& ruleset_path() const;
  const std::string& siglists_dir() const;
  // The ruleset's `description:` ("" when it has none).
  const std::string& description() const;

  struct Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The files a ruleset loads.
struct RulesetFiles {
  std::string ruleset_path;
  std::string siglists_dir;  // absolute; empty when the ruleset names none
};

// What check_ruleset() found: the files, for tools that go on to check the lists
// themselves without reading the ruleset again, and every failure.
struct RulesetCheck {
  // Empty when the ruleset cannot be read or its lists directory does not exist.
  RulesetFiles files;
  // Each failure, in ruleset order (a single one when the ruleset itself, its
  // lists directory or its plugins cannot be read). Empty when Engine::load would
  // succeed.
  std::vector<LoadError> errors;
};

// Loads a ruleset as Engine::load does but goes on past a rule that does not load,
// for tools that report every problem at once. Does not throw LoadError.
RulesetCheck check_ruleset(const EngineOptions& options);

// Parses and signs crashes for one thread.
class Signifier {
 public:
  explicit Signifier(const Engine& engine) : engine_(engine) {}
  // Throws InputError when `json` is not a JSON object.
  Result signify(std::string_view json, bool keep_debug_log = false);
  // The same, without copying the text when it carries its padding (json.h).
  Result signify(const PaddedJson& json, bool keep_debug_log = false);

 private:
  Result sign_text(std::string_view json, bool padded, bool keep_debug_log);

  const Engine& engine_;
  JsonReader reader_;
  Document doc_;
};

// Socorro's convert_to_crash_data: builds signature-generation crash data from a
// processed crash, allocating in `arena`.
Value convert_processed_crash(const Value& processed, Arena& arena);

}  // namespace crashsig

#pragma GCC visibility pop
