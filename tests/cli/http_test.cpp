// `crashsig signature` and `crashsig fetch-ids` against a Socorro-like API served by
// this test on 127.0.0.1 (an ephemeral port): processed-crash fixtures, 404, 429
// with Retry-After, 500, a response slower than the time-out, a malformed body.
// Nothing leaves the machine.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "cli_runner.h"
#include "fixtures.h"
#include "crashsig/json.h"

namespace crashsig::test {
namespace {

// Crash ids the server knows, each with its behaviour.
const std::string kSame = "0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a260301";       // signature unchanged
const std::string kChanged = "1b2c3d4e-5f6a-4b7c-8d9e-1f2a3b260302";    // signature changes
const std::string kMissing = "2c3d4e5f-6a7b-4c8d-9e0f-2a3b4c260303";    // 404
const std::string kBroken = "3d4e5f6a-7b8c-4d9e-8f0a-3b4c5d260304";     // 500
const std::string kLimited = "4e5f6a7b-8c9d-4e0f-9a1b-4c5d6e260305";    // 429 once, then fine
const std::string kSlow = "5f6a7b8c-9d0e-4f1a-8b2c-5d6e7f260306";       // answers after 5 s
const std::string kMalformed = "6a7b8c9d-0e1f-4a2b-9c3d-6e7f8a260307";  // not JSON
// 429 once with Retry-After as an HTTP date already past, then fine.
const std::string kLimitedUntilDate = "7b8c9d0e-1f2a-4b3c-8d4e-7f8a9b260308";
const std::string kToken = "test-token-123";

// The CLI runs in a child process: it must reach 127.0.0.1 directly, whatever
// proxy the environment names.
[[maybe_unused]] const bool kNoProxies = [] {
  for (const char* proxy : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
    unsetenv(proxy);
  return true;
}();

std::string read_fixture(const std::string& name) { return read_file(fixture(name)); }

// A Socorro-like API on 127.0.0.1, in a thread of this test.
class FakeSocorro {
 public:
  FakeSocorro() {
    server_.set_keep_alive_timeout(1);
    server_.Get("/api/ProcessedCrash/", [this](const httplib::Request& req, httplib::Response& res) {
      processed_crash(req, res);
    });
    server_.Get("/api/SuperSearch/", [this](const httplib::Request& req, httplib::Response& res) {
      super_search(req, res);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeSocorro() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    server_.stop();
    thread_.join();
  }

  std::string api_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api"; }
  std::vector<std::string> tokens() {
    std::lock_guard<std::mutex> lock(mutex_);
    return tokens_;
  }
  std::vector<std::map<std::string, std::string>> searches() {
    std::lock_guard<std::mutex> lock(mutex_);
    return searches_;
  }

 private:
  void processed_crash(const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.get_param_value("crash_id");
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tokens_.push_back(req.get_header_value("Auth-Token"));
    }
    if (id == kSame || (id == kLimited && limited_once_) ||
        (id == kLimitedUntilDate && limited_until_date_once_)) {
      res.set_content(read_fixture("api/processed-same.json"), "application/json");
    } else if (id == kLimited) {
      limited_once_ = true;
      res.status = 429;
      res.set_header("Retry-After", "1");
      res.set_content("{\"detail\": \"Request was throttled.\"}", "application/json");
    } else if (id == kLimitedUntilDate) {
      limited_until_date_once_ = true;
      res.status = 429;
      res.set_header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
      res.set_content("{\"detail\": \"Request was throttled.\"}", "application/json");
    } else if (id == kChanged) {
      res.set_content(read_fixture("api/processed-changed.json"), "application/json");
    } else if (id == kBroken) {
      res.status = 500;
      res.set_content("Internal Server Error", "text/plain");
    } else if (id == kSlow) {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait_for(lock, std::chrono::seconds(5), [this] { return stopping_; });
      res.set_content(read_fixture("api/processed-same.json"), "application/json");
    } else if (id == kMalformed) {
      res.set_content("{\"signature\": \"abort\", \"json_dump\": {", "application/json");
    } else {
      res.status = 404;
      res.set_content("{\"error\": \"Crash not found\"}", "application/json");
    }
  }

  // SuperSearch with 7 crashes of signature "app::Crash", at most 3 a page, so a
  // client has to page.
  void super_search(const httplib::Request& req, httplib::Response& res) {
    std::map<std::string, std::string> params;
    for (const auto& [key, value] : req.params) params[key] += (params.count(key) ? "," : "") + value;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      searches_.push_back(params);
    }
    if (params["signature"] == "=fails") {
      res.status = 500;
      res.set_content("search is down", "text/plain");
      return;
    }
    if (params["signature"] == "=forbidden") {
      res.status = 403;
      res.set_content("{\"detail\": \"Invalid token.\"}\n", "application/json");
      return;
    }
    const std::size_t total = params["signature"] == "=app::Crash" ? 7 : 0;
    const std::size_t offset = std::stoul(params["_results_offset"]);
    const std::size_t wanted = std::min<std::size_t>(std::stoul(params["_results_number"]), 3);
    std::string hits;
    for (std::size_t i = offset; i < std::min(total, offset + wanted); ++i)
      hits += std::string(hits.empty() ? "" : ", ") + "{\"uuid\": \"00000000-0000-4000-8000-00000026010" +
              std::to_string(i) + "\"}";
    res.set_content("{\"hits\": [" + hits + "], \"total\": " + std::to_string(total) + ", \"facets\": {}}",
                    "application/json");
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool limited_once_ = false;
  bool limited_until_date_once_ = false;
  std::vector<std::string> tokens_;
  std::vector<std::map<std::string, std::string>> searches_;
};

class SocorroApi : public testing::Test {
 protected:
  static void SetUpTestSuite() { setenv("SOCORRO_API_TOKEN", kToken.c_str(), 1); }

  // `crashsig signature ARGS` against the fake server.
  Outcome signature(const std::string& args, const std::string& input = "") {
    return run_crashsig("signature --no-progress --api-url " + server_.api_url() + " " + args, input);
  }

  FakeSocorro server_;
};

TEST_F(SocorroApi, SignsEachCrashAndComparesSignatures) {
  // The three forms of a crash id people paste.
  const Outcome r = signature("bp-" + kChanged + " https://crash-stats.example/report/index/" + kSame + "?x=1 " + kSame);
  ASSERT_EQ(r.status, 0) << r.err;
  expect_golden(golden("signature.txt"), r.out);
  EXPECT_EQ(r.err, "");
  for (const std::string& token : server_.tokens()) EXPECT_EQ(token, kToken);
  EXPECT_EQ(server_.tokens().size(), 3u);
}

TEST_F(SocorroApi, OutputFormats) {
  const std::string ids = kSame + " " + kChanged;
  const Outcome csv = signature("--format csv " + ids);
  ASSERT_EQ(csv.status, 0) << csv.err;
  expect_golden(golden("signature.csv"), csv.out);
  const Outcome json = signature("--format json " + ids);
  ASSERT_EQ(json.status, 0) << json.err;
  expect_golden(golden("signature.jsonl"), json.out);
  // Markdown links each crash to its report, next to the API.
  const Outcome md = signature("--format markdown " + ids);
  ASSERT_EQ(md.status, 0) << md.err;
  expect_golden(golden("signature.md"), replace_all(md.out, server_.api_url().substr(0, server_.api_url().size() - 4), "<server>"));
}

TEST_F(SocorroApi, DifferentOnlyVerboseAndIdsFromStdin) {
  const Outcome r = signature("--different-only --verbose --format json", kSame + "\n\n  " + kChanged + "  \n");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), 1u) << r.out;
  JsonReader reader;
  Document doc;
  std::string error;
  ASSERT_TRUE(reader.parse(out[0], doc, error)) << error;
  EXPECT_EQ(doc.root().get("crash_id").as_string(), kChanged);
  EXPECT_EQ(doc.root().get("original").as_string(), "app::Layer::Paint");
  EXPECT_EQ(doc.root().get("new").as_string(), "OOM | small");
  EXPECT_FALSE(doc.root().get("same").as_bool());
  EXPECT_GT(doc.root().get("debug_log").size(), 0u);
}

TEST_F(SocorroApi, BadIdsAndServerErrorsAreWarningsAndTheRunGoesOn) {
  const Outcome r = signature("--format csv not-a-crash-id " + kMissing + " " + kBroken + " " + kMalformed + " " + kSame);
  EXPECT_EQ(r.status, 1) << r.err;
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), 2u) << r.out;  // the header and the one good crash
  EXPECT_EQ(out[1].substr(0, kSame.size() + 2), "\"" + kSame + "\"");
  const auto err = lines(r.err);
  ASSERT_EQ(err.size(), 4u) << r.err;
  EXPECT_NE(err[0].find("'not-a-crash-id' is not a crash id"), std::string::npos) << err[0];
  EXPECT_NE(err[1].find(kMissing + ": no processed crash (HTTP 404)"), std::string::npos) << err[1];
  EXPECT_NE(err[2].find(kBroken + ": HTTP 500: Internal Server Error"), std::string::npos) << err[2];
  EXPECT_NE(err[3].find(kMalformed + ": the answer is not a processed crash (invalid JSON"), std::string::npos)
      << err[3];
}

TEST_F(SocorroApi, RateLimitWaitsAsRetryAfterSaysThenRetries) {
  const Outcome r = signature("--format csv " + kLimited);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(lines(r.out).size(), 2u) << r.out;
  EXPECT_NE(r.err.find(kLimited + ": rate limited (HTTP 429); retrying in 1 s"), std::string::npos) << r.err;
  EXPECT_GE(r.seconds, 1.0);
}

// Retry-After may be a date (read with libcurl's parser): one already past means now.
// An unreadable one would mean the default wait, 5 s.
TEST_F(SocorroApi, RetryAfterAsAPastDateRetriesAtOnce) {
  const Outcome r = signature("--format csv " + kLimitedUntilDate);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(lines(r.out).size(), 2u) << r.out;
  EXPECT_NE(r.err.find(kLimitedUntilDate + ": rate limited (HTTP 429); retrying in 0 s"), std::string::npos)
      << r.err;
}

TEST_F(SocorroApi, TimeOutNamesTheCrashAndTheCause) {
  const Outcome r = signature("--timeout 0.3 --format csv " + kSlow + " " + kSame);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(lines(r.out).size(), 2u) << r.out;  // the next crash still ran
  EXPECT_NE(r.err.find(kSlow + ": no answer from"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("timed out"), std::string::npos) << r.err;
  EXPECT_LT(r.seconds, 4.0);
}

TEST(SocorroApiDown, NetworkFailureNamesTheCrashAndTheCause) {
  // A port nothing listens on: one the system handed out, then closed.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  close(fd);
  const int port = ntohs(address.sin_port);
  const Outcome r = run_crashsig("signature --no-progress --timeout 5 --api-url http://127.0.0.1:" +
                                 std::to_string(port) + "/api " + kSame);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(kSame + ": no answer from http://127.0.0.1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("onnect"), std::string::npos) << r.err;  // "Couldn't connect" / "Connection refused"
}

TEST_F(SocorroApi, NoIdsOnStandardInputDoesNothing) {
  // Standard input is a file with no ids: nothing to do, nothing fetched.
  const Outcome r = signature("", "\n");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(server_.tokens().empty());
}

TEST_F(SocorroApi, FetchIdsPagesThroughSuperSearch) {
  const Outcome r = run_crashsig("fetch-ids --api-url " + server_.api_url() + " --signature app::Crash --num 5 --product Firefox");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto ids = lines(r.out);
  ASSERT_EQ(ids.size(), 5u) << r.out;
  EXPECT_EQ(ids[0], "00000000-0000-4000-8000-000000260100");
  EXPECT_EQ(ids[4], "00000000-0000-4000-8000-000000260104");
  const auto searches = server_.searches();
  ASSERT_EQ(searches.size(), 2u);  // 3 a page: two pages for 5
  EXPECT_EQ(searches[0].at("signature"), "=app::Crash");
  EXPECT_EQ(searches[0].at("_columns"), "uuid");
  EXPECT_EQ(searches[0].at("product"), "Firefox");
  EXPECT_EQ(searches[0].at("date").substr(0, 2), ">=");
  EXPECT_EQ(searches[1].at("_results_offset"), "3");
  EXPECT_EQ(searches[1].at("_results_number"), "2");

  // Fewer crashes than asked for: all of them, then stop.
  const Outcome all = run_crashsig("fetch-ids --api-url " + server_.api_url() + " --signature app::Crash --num 50");
  EXPECT_EQ(lines(all.out).size(), 7u);
}

TEST_F(SocorroApi, FetchIdsPipesIntoSignature) {
  // No crash of "nothing": an empty list, so signature has nothing to do.
  const std::string api = " --api-url " + server_.api_url();
  const Outcome r =
      run_crashsig("fetch-ids" + api + " --signature nothing | crashsig signature --no-progress --different-only" + api);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(SocorroApi, FetchIdsServerErrorIsExitOne) {
  const Outcome r = run_crashsig("fetch-ids --api-url " + server_.api_url() + " --signature fails");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("HTTP 500: search is down"), std::string::npos) << r.err;
}

// signature and fetch-ids say what went wrong with a request in the same words.
TEST_F(SocorroApi, HttpFailuresAreWordedAlike) {
  const std::string api = " --api-url " + server_.api_url();
  const Outcome broken = signature("--format csv " + kBroken);
  const Outcome fails = run_crashsig("fetch-ids" + api + " --signature fails");
  const Outcome forbidden = run_crashsig("fetch-ids" + api + " --signature forbidden");
  EXPECT_EQ(forbidden.status, 1);
  expect_golden(golden("http-failures.txt"), broken.err + fails.err + forbidden.err);
}

}  // namespace
}  // namespace crashsig::test
