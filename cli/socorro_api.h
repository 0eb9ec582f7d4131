// A Socorro-compatible web API (crash-stats.mozilla.org/api or a copy of it):
// crash ids, the ProcessedCrash and SuperSearch endpoints, rate limits.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <stdexcept>
#include <memory>
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

// A request that got no usable answer. what() says why in the words every command
// prints after its name (and the crash id, if any):
//   no answer from <url>: <libcurl's reason>         status 0: unreachable, time-out
//   still rate limited (HTTP 429) after N retries
//   HTTP 403: <the body's start> (is SOCORRO_API_TOKEN set and valid?)
//   HTTP 500: <the body's start>
class ApiError : public std::runtime_error {
 public:
  ApiError(long status, const std::string& message) : std::runtime_error(message), status_(status) {}
  long status() const { return status_; }  // the HTTP status; 0 when there was no answer

 private:
  long status_;
};

struct ApiOptions {
  std::string url = "https://crash-stats.mozilla.org/api";
  double timeout_seconds = 30;
  unsigned rate_limit_retries = 5;
};
void add_api_options(CLI::App& command, ApiOptions& options);

class SocorroApi {
 public:
  // The API token comes from the environment variable SOCORRO_API_TOKEN, when set.
  // Throws HttpError when libcurl cannot be loaded (open_socorro_api says so).
  explicit SocorroApi(const ApiOptions& options);

  // GET <url>/<endpoint>/?<query>: the body of its 200 OK answer. A 429 (rate
  // limited) answer is waited out as its Retry-After says, then the request is
  // tried again, up to rate_limit_retries times; `waiting` is told each wait, as a
  // message ("rate limited (HTTP 429); retrying in 5 s"). Throws ApiError for any
  // other outcome.
  std::string get(std::string_view endpoint, const std::vector<std::pair<std::string, std::string>>& query,
                  const std::function<void(const std::string& message)>& waiting);

  // The address of a crash's report page, for links in Markdown output: the API
  // URL without its "/api".
  std::string report_url(std::string_view crash_id) const;

 private:
  ApiOptions options_;
  std::vector<std::string> headers_;
  HttpClient http_;
};

// A SocorroApi for `command`, or null after saying on stderr why there cannot be
// one ("crashsig signature: cannot load libcurl.so.4: ..."): the commands then
// exit with kExitCannotStart.
std::unique_ptr<SocorroApi> open_socorro_api(const ApiOptions& options, std::string_view command);

// How long a Retry-After header asks to wait, in seconds: a number of seconds or an
// HTTP date. A missing or unreadable one means a short default wait.
double retry_after_seconds(const std::string& header);

}  // namespace crashsig::cli
