// One compiled copy of a lists directory for all the rules that use it, and never
// a stale one.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

#include "cli_runner.h"
#include "stack_rules.h"
#include "stack_vectors.h"

namespace crashsig::stack::test {
namespace {

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
    R* typed = dynamic_cast<R*>(rule.get());
    if (!typed) throw std::logic_error(std::string(name) + " is not the class the test expects");
    rule.release();
    return std::unique_ptr<R>(typed);
  }

 private:
  std::map<std::string, RuleFactory> factories_;
};

using crashsig::test::rewrite_keeping_size_and_time;
// Frames Alpha, Beta sign as "Alpha" with these lists (prefix "Gamma").
using crashsig::test::small_signature_lists;

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
  const auto other = factories.make<SignatureGenerationRule>("SignatureGenerationRule", small_signature_lists("shared-other"));
  EXPECT_NE(&other->tool().lists(), &lists);
}

TEST(SharedLists, AnEditedFileIsReadAgainEvenWithItsSizeAndTimeUnchanged) {
  const std::string dir = small_signature_lists("shared-edited");
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
  const std::string dir = small_signature_lists("shared-bad");
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
  const std::string dir = small_signature_lists("shared-freed");
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
