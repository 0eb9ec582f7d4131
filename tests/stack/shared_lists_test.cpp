// One compiled copy of a lists directory for all the rules that use it, and never
// a stale one.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "cli_runner.h"
#include "stack_rules.h"
#include "stack_vectors.h"

namespace crashsig::stack::test {
namespace {

namespace fs = std::filesystem;

// The factories register_stack_rules gives the engine, called as the engine calls
// them.
class StackRuleFactories : public RuleRegistrar {
 public:
  StackRuleFactories() { register_stack_rules(*this); }
  void add(std::string_view name, std::string_view, RuleFactory factory) override {
    factories_[std::string(name)] = std::move(factory);
  }
  void add_file_loader(std::string_view, RuleFileLoader) override {}

  // The rule `name` (of class R) with the lists of `siglists_dir`; `nested` as for
  // a rule that another rule creates.
  template <class R>
  std::unique_ptr<R> make(std::string_view name, const std::string& siglists_dir, bool nested = false) const {
    static const Value no_options = Value::object(nullptr, 0);
    RuleConfig config{name, no_options, siglists_dir, siglists_dir, {}};
    config.nested = nested;
    std::unique_ptr<Rule> rule = factories_.at(std::string(name))(config);
    EXPECT_NE(dynamic_cast<R*>(rule.get()), nullptr);
    return std::unique_ptr<R>(static_cast<R*>(rule.release()));
  }

 private:
  std::map<std::string, RuleFactory> factories_;
};

// Four small lists: prefix "Gamma" at first (frames Alpha, Beta sign as "Alpha").
std::string small_lists(const std::string& name) {
  const std::string dir = crashsig::test::scratch_dir(name);
  crashsig::test::write_file(dir + "/irrelevant_signature_re.txt", "Skipped\n");
  crashsig::test::write_file(dir + "/prefix_signature_re.txt", "Gamma\n");
  crashsig::test::write_file(dir + "/signatures_with_line_numbers_re.txt", "Numbered\n");
  crashsig::test::write_file(dir + "/signature_sentinels.txt", "Sentinel\n");
  return dir;
}

// Rewrites `path` in place (same inode, same size) with `content`, and puts its
// modification time back: only the text tells the two versions apart.
void rewrite_keeping_size_and_time(const std::string& path, const std::string& content) {
  ASSERT_EQ(fs::file_size(path), content.size());
  const fs::file_time_type modified = fs::last_write_time(path);
  crashsig::test::write_file(path, content);
  fs::last_write_time(path, modified);
  ASSERT_EQ(fs::last_write_time(path), modified);
}

TEST(SharedLists, TheRulesOfOneRulesetShareOneCompiledCopy) {
  const StackRuleFactories factories;
  const std::string dir = included_siglists_dir();
  const auto generation = factories.make<SignatureGenerationRule>("SignatureGenerationRule", dir);
  const auto watchdog = factories.make<SignatureRunWatchDog>("SignatureRunWatchDog", dir);
  const auto nested = factories.make<SignatureGenerationRule>("SignatureGenerationRule", dir, true);
  const CompiledSignatureLists& lists = generation->tool().lists();
  EXPECT_EQ(&watchdog->generation().tool().lists(), &lists);
  EXPECT_EQ(&nested->tool().lists(), &lists);
  EXPECT_EQ(lists.read.sentinels.path, dir + "/signature_sentinels.txt");
  // Other lists are compiled on their own.
  const auto other = factories.make<SignatureGenerationRule>("SignatureGenerationRule", small_lists("shared-other"));
  EXPECT_NE(&other->tool().lists(), &lists);
}

TEST(SharedLists, AnEditedFileIsReadAgainEvenWithItsSizeAndTimeUnchanged) {
  const std::string dir = small_lists("shared-edited");
  const std::shared_ptr<const CompiledSignatureLists> before = shared_signature_lists(dir);
  EXPECT_EQ(shared_signature_lists(dir), before);

  rewrite_keeping_size_and_time(dir + "/prefix_signature_re.txt", "Alpha\n");
  const std::shared_ptr<const CompiledSignatureLists> after = shared_signature_lists(dir);
  ASSERT_NE(after, before);
  EXPECT_EQ(after->read.prefix.entries, std::vector<std::string>{"Alpha"});
  EXPECT_TRUE(after->prefix.match("Alpha"));
  // Lists in use stay as they were compiled.
  EXPECT_EQ(before->read.prefix.entries, std::vector<std::string>{"Gamma"});
  EXPECT_FALSE(before->prefix.match("Alpha"));
}

TEST(SharedLists, ABadListFailsEveryRuleThatReadsIt) {
  const StackRuleFactories factories;
  const std::string dir = small_lists("shared-bad");
  crashsig::test::write_file(dir + "/prefix_signature_re.txt", "Gamma\nbad(\n");
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      factories.make<SignatureRunWatchDog>("SignatureRunWatchDog", dir);
      ADD_FAILURE() << "a bad list was accepted";
    } catch (const ConfigError& e) {
      const std::string place = dir + "/prefix_signature_re.txt:2: ";
      EXPECT_EQ(std::string(e.what()).substr(0, place.size()), place);
    }
  }
}

TEST(SharedLists, ListsAreFreedWithTheirLastUser) {
  const std::string dir = small_lists("shared-freed");
  std::weak_ptr<const CompiledSignatureLists> compiled = shared_signature_lists(dir);
  EXPECT_TRUE(compiled.expired());
  {
    const auto held = shared_signature_lists(dir);
    compiled = held;
    EXPECT_FALSE(compiled.expired());
  }
  EXPECT_TRUE(compiled.expired());
}

}  // namespace
}  // namespace crashsig::stack::test
