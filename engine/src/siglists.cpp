// Reading signature list files, as Socorro's get_signature_list_content does.
#include "crashsig/siglists.h"

#include <simdjson.h>

#include <fstream>

#include "crashsig/python.h"
#include "crashsig/rule.h"

namespace crashsig {

SignatureListFile read_list_file(const std::string& dir, std::string_view name) {
  SignatureListFile file;
  file.path = dir + "/" + std::string(name) + ".txt";
  std::ifstream in(file.path, std::ios::binary);
  if (!in) throw ConfigError(file.path + ": cannot open");
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    // Python's bytes.decode("utf-8", "strict") and simdjson's check refuse the
    // same texts: ill-formed sequences, surrogates and overlong forms.
    if (!simdjson::validate_utf8(line.data(), line.size())) {
      file.bad_utf8_lines.push_back(number);
      continue;
    }
    const std::string_view entry = py::strip(line);
    if (entry.empty() || entry.front() == '#') continue;
    file.entries.emplace_back(entry);
    file.lines.push_back(number);
  }
  return file;
}

std::vector<ListError> list_errors(const SignatureListFile& file) {
  std::vector<ListError> errors;
  auto bad_utf8 = file.bad_utf8_lines.begin();
  for (std::size_t i = 0; i < file.entries.size(); ++i) {
    for (; bad_utf8 != file.bad_utf8_lines.end() && *bad_utf8 < file.lines[i]; ++bad_utf8)
      errors.push_back({*bad_utf8, "not valid UTF-8"});
    try {
      check_python_regex(file.entries[i]);
    } catch (const ConfigError& e) {
      errors.push_back({file.lines[i], e.what()});
    }
  }
  for (; bad_utf8 != file.bad_utf8_lines.end(); ++bad_utf8) errors.push_back({*bad_utf8, "not valid UTF-8"});
  return errors;
}

std::string join_patterns(const std::vector<std::string>& entries) {
  std::string joined;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) joined.push_back('|');
    joined.append(entries[i]);
  }
  return joined;
}

}  // namespace crashsig
