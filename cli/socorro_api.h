// A Socorro-compatible web API (crash-stats.mozilla.org/api or a copy of it):
// crash ids, the ProcessedCrash and SuperSearch endpoints, rate limits.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http.h"

namespace crashsig::cli {

// A crash id from the forms people paste: "CRASHID", "bp-CRASHID" or a report URL
// ".../report/index/CRASHID". A crash id is a lower-case UUID whose last six
// digits are the date it was submitted (YYMMDD). nullopt when it is none of these.
std::optional<std::string> parse_crash_id(std::string_view text);

struct ApiOptions {
  std::string url = "https://crash-stats.mozilla.org/api";
  double timeout_seconds = 30;
  unsigned rate_limit_retries = 5;
};
void add_api_options(CLI::App& command, ApiOptions& options);

class SocorroApi {
 public:
  // The API token comes from the environment variable SOCORRO_API_TOKEN, when set.
  explicit SocorroApi(const ApiOptions& options);

  // GET <url>/<endpoint>/?<query>. A 429 (rate limited) answer is waited out as its
  // Retry-After says, then the request is tried again, up to rate_limit_retries
  // times; `waiting` is told each wait. Throws HttpError on a network failure or
  // time-out.
  HttpResponse get(std::string_view endpoint, const std::vector<std::pair<std::string, std::string>>& query,
                   const std::function<void(double seconds)>& waiting);

  // The address of a crash's report page, for links in Markdown output: the API
  // URL without its "/api".
  std::string report_url(std::string_view crash_id) const;

 private:
  ApiOptions options_;
  std::vector<std::string> headers_;
  HttpClient http_;
};

// How long a Retry-After header asks to wait, in seconds: a number of seconds or an
// HTTP date. A missing or unreadable one means a short default wait.
double retry_after_seconds(const std::string& header);

}  // namespace crashsig::cli
