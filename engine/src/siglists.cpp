// Reading signature list files, as Socorro's get_signature_list_content does.
#include "crashsig/siglists.h"

#include <fstream>

#include "crashsig/python.h"
#include "crashsig/rule.h"

namespace crashsig {

namespace {

// Python's bytes.decode("utf-8", "strict"): well-formed UTF-8, no surrogates, no
// overlong forms.
bool is_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) n = 1;
    else if (b == 0xE0) n = 2, lo = 0xA0;
    else if (b == 0xED) n = 2, hi = 0x9F;
    else if (b >= 0xE1 && b <= 0xEF) n = 2;
    else if (b == 0xF0) n = 3, lo = 0x90;
    else if (b >= 0xF1 && b <= 0xF3) n = 3;
    else if (b == 0xF4) n = 3, hi = 0x8F;
    else return false;
    if (i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return false;
    }
    i += n + 1;
  }
  return true;
}

}  // namespace

SignatureListFile read_list_file(const std::string& dir, std::string_view name) {
  SignatureListFile file;
  file.path = dir + "/" + std::string(name) + ".txt";
  std::ifstream in(file.path, std::ios::binary);
  if (!in) throw ConfigError(file.path + ": cannot open");
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!is_utf8(line)) {
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
