// Engines loaded from the same lists directory: each sees the files as they are
// when it loads, whatever engines loaded earlier still hold.
#include <gtest/gtest.h>

#include <thread>

#include "cli_runner.h"
#include "crashsig/engine.h"

namespace crashsig {
namespace {

constexpr std::string_view kCrash =
    R"({"crashing_thread": 0, "threads": [{"frames": [{"function": "Alpha"}, {"function": "Beta"}]}]})";

std::unique_ptr<Engine> load_default(const std::string& siglists_dir) {
  EngineOptions o;
  o.ruleset = "default";
  o.siglists_dir = siglists_dir;
  return Engine::load(o);
}

std::string signature(const Engine& engine) { return Signifier(engine).signify(kCrash).signature; }

TEST(SiglistsReload, ANewEngineSeesAListEditedWhileAnOldOneIsLoaded) {
  const std::string dir = test::small_signature_lists("reload-edited");
  const auto old_engine = load_default(dir);
  ASSERT_EQ(signature(*old_engine), "Alpha");

  // The same size, in place, with the old modification time put back: a cache
  // keyed on file sizes, times and inodes would miss the change.
  test::rewrite_keeping_size_and_time(dir + "/prefix_signature_re.txt", "Alpha\n");

  const auto new_engine = load_default(dir);
  EXPECT_EQ(signature(*new_engine), "Alpha | Beta");
  EXPECT_EQ(signature(*old_engine), "Alpha");
}

TEST(SiglistsReload, EnginesLoadAtOnceOnSeveralThreads) {
  const std::string dir = test::small_signature_lists("reload-threads");
  std::vector<std::string> signatures(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < signatures.size(); ++t)
    threads.emplace_back([&, t] { signatures[t] = signature(*load_default(dir)); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(signatures, std::vector<std::string>(4, "Alpha"));
}

}  // namespace
}  // namespace crashsig
