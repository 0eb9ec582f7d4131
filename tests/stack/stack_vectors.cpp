#include "stack_vectors.h"

#include <map>
#include <memory>
#include <iostream>

#include "crashsig/python.h"
#include "siglists.h"

namespace crashsig::stack::test {

std::vector<std::unique_ptr<Document>> vectors(std::string_view file) {
  return crashsig::test::read_jsonl(crashsig::test::shared_path("vectors/socorro-7e28d72b5/" + std::string(file)));
}

std::string included_siglists_dir() { return crashsig::test::shared_path("siglists/socorro-7e28d72b5"); }

const CSignatureTool& tool_for(const Value& tool) {
  // Tools are cached by their JSON description: the bundled lists compile slowly.
  static std::map<std::string, std::unique_ptr<CSignatureTool>> cache;
  std::string key = to_json(tool);
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;

  const Value& datadir = tool.get("datadir");
  std::string note = datadir.is_null() ? "using included signature lists"
                                       : "using signature lists from " + py::str(datadir);
  const Value& lists = tool.get("siglists");
  std::unique_ptr<CSignatureTool> made;
  if (py::equals(lists, "included")) {
    made = std::make_unique<CSignatureTool>(SignatureLists::read(included_siglists_dir()), note);
  } else {
    std::vector<std::string> sentinels;
    for (const Value& s : lists.get("signature_sentinels")) {
      if (s.is_string()) sentinels.emplace_back(s.as_string());
      else if (s.get("result").truthy()) sentinels.emplace_back(s.get("sentinel").as_string());
    }
    made = std::make_unique<CSignatureTool>(lists.get("irrelevant_signature_re").as_string(),
                                            lists.get("prefix_signature_re").as_string(),
                                            lists.get("signatures_with_line_numbers_re").as_string(),
                                            std::move(sentinels), note);
  }
  return *cache.emplace(std::move(key), std::move(made)).first->second;
}

const CSignatureTool& included_tool() {
  static const CSignatureTool tool(SignatureLists::read(included_siglists_dir()), "using included signature lists");
  return tool;
}

std::vector<const Value*> where(const std::vector<std::unique_ptr<Document>>& docs, std::string_view field,
                                std::string_view value) {
  std::vector<const Value*> out;
  for (const auto& d : docs)
    if (py::equals(d->root().get(field), value)) out.push_back(&d->root());
  return out;
}

}  // namespace crashsig::stack::test

namespace crashsig::stack::test {

std::string show(const std::string& s) { return py::repr(s); }
std::string show(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out.append(i ? ", " : "").append(py::repr(v[i]));
  return out + "]";
}
std::string show(const std::optional<std::string>& s) { return s ? show(*s) : "None"; }
std::string show(bool b) { return b ? "True" : "False"; }

void report(std::string_view file, std::size_t matched, std::size_t total) {
  std::cout << file << ": " << matched << "/" << total << " records match\n";
  EXPECT_GT(total, 0u) << file << " has no records";
}

}  // namespace crashsig::stack::test
