#include "ruleset.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "crashsig/engine.h"

namespace fs = std::filesystem;

namespace crashsig::detail {

namespace {

std::string where(const std::string& path, const YAML::Node& node) {
  return path + ":" + std::to_string(node.Mark().line + 1) + ": ";
}

Value to_value(const YAML::Node& node, Arena& arena) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return Value::string(arena.copy(node.Scalar()));
    case YAML::NodeType::Sequence: {
      Value* items = arena.values(node.size());
      std::uint32_t i = 0;
      for (const auto& item : node) items[i++] = to_value(item, arena);
      return Value::array(items, i);
    }
    case YAML::NodeType::Map: {
      Member* members = arena.members(node.size());
      std::uint32_t i = 0;
      for (const auto& kv : node) {
        members[i].key = arena.copy(kv.first.Scalar());
        members[i].value = to_value(kv.second, arena);
        ++i;
      }
      return Value::object(members, i);
    }
    default: return Value();
  }
}

}  // namespace

RulesetSpec read_ruleset(const std::string& path) {
  RulesetSpec spec;
  spec.path = path;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw LoadError(path + ": ruleset file does not exist");
  spec.dir = fs::absolute(fs::path(path)).parent_path().string();

  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    throw LoadError(path + ":" + std::to_string(e.mark.line + 1) + ":" +
                    std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  }
  if (!root.IsMap()) throw LoadError(path + ":1: a ruleset is a mapping with a 'rules' list");

  for (const auto& kv : root) {
    std::string key = kv.first.Scalar();
    if (key != "description" && key != "siglists" && key != "rules")
      throw LoadError(where(path, kv.first) + "unknown key '" + key +
                      "' (a ruleset has description, siglists and rules)");
  }

  if (auto d = root["description"]) spec.description = d.Scalar();

  if (auto s = root["siglists"]) {
    if (!s.IsScalar()) throw LoadError(where(path, s) + "'siglists' must be a directory path");
    fs::path dir = s.Scalar();
    if (dir.is_relative()) dir = fs::path(spec.dir) / dir;
    spec.siglists_dir = fs::weakly_canonical(dir).string();
    spec.siglists_line = s.Mark().line + 1;
  }

  YAML::Node rules = root["rules"];
  if (!rules) throw LoadError(path + ":1: the ruleset has no 'rules' list");
  if (!rules.IsSequence()) throw LoadError(where(path, rules) + "'rules' must be a list");

  Value no_options = Value::object(nullptr, 0);
  for (const auto& item : rules) {
    RuleEntry entry;
    entry.line = item.Mark().line + 1;
    entry.options = no_options;
    if (item.IsScalar()) {
      entry.name = item.Scalar();
    } else if (item.IsMap()) {
      for (const auto& kv : item) {
        std::string key = kv.first.Scalar();
        if (key == "rule") entry.name = kv.second.Scalar();
        else if (key == "file") {
          fs::path p = kv.second.Scalar();
          if (p.is_relative()) p = fs::path(spec.dir) / p;
          entry.file_path = p.lexically_normal().string();
        }
        else if (key == "options") {
          if (!kv.second.IsMap()) throw LoadError(where(path, kv.second) + "'options' must be a mapping");
          entry.options = to_value(kv.second, *spec.arena);
        } else if (key == "plugin") {
          fs::path p = kv.second.Scalar();
          if (p.is_relative()) p = fs::path(spec.dir) / p;
          entry.plugin_path = p.lexically_normal().string();
        } else {
          throw LoadError(where(path, kv.first) + "unknown key '" + key +
                          "' in a rule entry (an entry has rule or file, options and plugin)");
        }
      }
      if (entry.name.empty() == entry.file_path.empty())
        throw LoadError(where(path, item) + "a rule entry names either a 'rule' or a 'file'");
    } else {
      throw LoadError(where(path, item) + "a rule entry is a rule name or a mapping with 'rule:' or 'file:'");
    }
    spec.rules.push_back(std::move(entry));
  }
  if (spec.rules.empty()) throw LoadError(where(path, rules) + "the ruleset lists no rules");
  return spec;
}

}  // namespace crashsig::detail
