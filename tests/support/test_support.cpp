#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>

namespace crashsig::test {

std::string shared_path(std::string_view relative) {
  return std::string(CRASHSIG_SHARED_DIR) + "/" + std::string(relative);
}
std::string source_path(std::string_view relative) {
  return std::string(CRASHSIG_SOURCE_DIR) + "/" + std::string(relative);
}
std::string binary_path(std::string_view relative) {
  return std::string(CRASHSIG_BINARY_DIR) + "/" + std::string(relative);
}

std::vector<std::unique_ptr<Document>> read_jsonl(const std::string& path) {
  std::vector<std::unique_ptr<Document>> docs;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path;
    return docs;
  }
  JsonReader reader;
  std::string line, error;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto doc = std::make_unique<Document>();
    if (!reader.parse(line, *doc, error)) {
      ADD_FAILURE() << path << ":" << number << ": " << error;
      continue;
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

std::vector<std::string> strings(const Value& array) {
  std::vector<std::string> out;
  for (const Value& v : array) out.emplace_back(v.is_string() ? v.as_string() : to_json(v));
  return out;
}

}  // namespace crashsig::test
