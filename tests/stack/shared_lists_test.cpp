// One compiled copy of a lists directory for all the rules that use it, and never
// a stale one.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <map>
#include <stdexcept>
#include <thread>

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

// A pipe in place of a list file holds a load inside its reading until the test
// writes to the pipe: what the other load may wait for is that, not a time.
TEST(SharedLists, ALoadOfOtherListsDoesNotWaitForOneStillReading) {
  const std::string reading_dir = small_signature_lists("shared-reading");
  const std::string pipe = reading_dir + "/signature_sentinels.txt";
  ASSERT_EQ(std::remove(pipe.c_str()), 0);
  ASSERT_EQ(mkfifo(pipe.c_str(), 0600), 0);
  const std::string other_dir = small_signature_lists("shared-not-reading");
  std::shared_ptr<const CompiledSignatureLists> read_last;
  std::thread reading([&] { read_last = shared_signature_lists(reading_dir); });
  // Opening the pipe for writing returns once the load has opened it for
  // reading: from here until the pipe is closed, that load is reading.
  std::ofstream writer(pipe);
  auto other = std::async(std::launch::async, [&] { return shared_signature_lists(other_dir); });
  // Waiting without a bound would hang if the other load waited for the reading
  // one; the bound only turns that into a failure.
  const bool finished_first = other.wait_for(std::chrono::minutes(1)) == std::future_status::ready;
  EXPECT_TRUE(finished_first) << "a load of other lists waited for one that was reading";
  writer << "Sentinel\n";
  writer.close();
  reading.join();
  const auto other_lists = other.get();
  EXPECT_EQ(read_last->read.sentinels.entries, std::vector<std::string>{"Sentinel"});
  EXPECT_EQ(other_lists->read.sentinels.path, other_dir + "/signature_sentinels.txt");
}

TEST(SharedLists, LoadsOfTheSameListsAtOnceGetOneCopy) {
  const std::string dir = small_signature_lists("shared-at-once");
  constexpr int kLoads = 4;
  std::vector<std::shared_ptr<const CompiledSignatureLists>> loaded(kLoads);
  std::vector<std::thread> loads;
  for (auto& lists : loaded) loads.emplace_back([&] { lists = shared_signature_lists(dir); });
  for (auto& load : loads) load.join();
  for (const auto& lists : loaded) {
    ASSERT_NE(lists, nullptr);
    EXPECT_EQ(lists, loaded.front());
  }
  EXPECT_TRUE(loaded.front()->prefix.match("Gamma"));
}

}  // namespace
}  // namespace crashsig::stack::test
