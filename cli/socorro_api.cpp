#include "socorro_api.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <thread>

#include "crashsig/python.h"

namespace crashsig::cli {

namespace {

bool is_crash_id(std::string_view s) {
  // 8-4-4-4-12 lower-case hex digits, the last six of them decimal (YYMMDD).
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (i >= 30) {
      if (c < '0' || c > '9') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

// The start of a response body, on one line, for a message.
std::string excerpt(std::string_view body) {
  body = py::strip(body);
  std::string out(body.substr(0, 200));
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out + (body.size() > 200 ? "…" : "");
}

constexpr double kDefaultRetryWait = 5;
// A server asking for longer than this is answered with this: a run should not
// hang for hours on one header.
constexpr double kLongestRetryWait = 600;

}  // namespace

std::optional<std::string> parse_crash_id(std::string_view text) {
  if (is_crash_id(text)) return std::string(text);
  if (text.substr(0, 3) == "bp-" && is_crash_id(text.substr(3))) return std::string(text.substr(3));
  if (text.substr(0, 4) == "http") {
    // http[s]://host[:port]/report/index/CRASHID, perhaps with a query or fragment.
    const std::size_t scheme = text.find("://");
    if (scheme == std::string_view::npos) return std::nullopt;
    std::string_view path = text.substr(scheme + 3);
    const std::size_t slash = path.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    path = path.substr(slash);
    path = path.substr(0, path.find_first_of("?#"));
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    constexpr std::string_view kReport = "/report/index/";
    if (path.substr(0, kReport.size()) != kReport) return std::nullopt;
    const std::string_view id = path.substr(kReport.size());
    if (is_crash_id(id)) return std::string(id);
  }
  return std::nullopt;
}

void add_api_options(CLI::App& command, ApiOptions& options) {
  command.add_option("--api-url", options.url, "Base URL of the Socorro API")
      ->default_val("https://crash-stats.mozilla.org/api");
  command.add_option("--timeout", options.timeout_seconds, "Seconds to wait for each HTTP request")
      ->default_val(30)
      ->check(CLI::PositiveNumber);
  command.add_option("--retries", options.rate_limit_retries,
                     "How many times to retry a request the server rate-limits (HTTP 429)")
      ->default_val(5);
}

SocorroApi::SocorroApi(const ApiOptions& options) : options_(options), http_(options.timeout_seconds) {
  while (!options_.url.empty() && options_.url.back() == '/') options_.url.pop_back();
  if (const char* token = std::getenv("SOCORRO_API_TOKEN"); token && *token)
    headers_.push_back(std::string("Auth-Token: ") + token);
}

std::unique_ptr<SocorroApi> open_socorro_api(const ApiOptions& options, std::string_view command) {
  try {
    return std::make_unique<SocorroApi>(options);
  } catch (const HttpError& e) {
    std::cerr << "crashsig " << command << ": " << e.what() << "\n";
    return nullptr;
  }
}

std::string SocorroApi::get(std::string_view endpoint,
                            const std::vector<std::pair<std::string, std::string>>& query,
                            const std::function<void(const std::string& message)>& waiting) {
  std::string url = options_.url + "/" + std::string(endpoint) + "/";
  for (std::size_t i = 0; i < query.size(); ++i) {
    url += i == 0 ? '?' : '&';
    url += http_.escape(query[i].first) + "=" + http_.escape(query[i].second);
  }
  for (unsigned attempt = 0;; ++attempt) {
    HttpResponse response;
    try {
      response = http_.get(url, headers_);
    } catch (const HttpError& e) {
      throw ApiError(0, "no answer from " + options_.url + ": " + e.what());
    }
    if (response.status == 200) return std::move(response.body);
    if (response.status == 429 && attempt < options_.rate_limit_retries) {
      const double seconds = retry_after_seconds(response.retry_after);
      char wait[32];
      std::snprintf(wait, sizeof wait, "%g", seconds);
      if (waiting) waiting(std::string("rate limited (HTTP 429); retrying in ") + wait + " s");
      std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
      continue;
    }
    if (response.status == 429)
      throw ApiError(429, "still rate limited (HTTP 429) after " + std::to_string(options_.rate_limit_retries) +
                              " retries");
    std::string why = "HTTP " + std::to_string(response.status) + ": " + excerpt(response.body);
    if (response.status == 401 || response.status == 403) why += " (is SOCORRO_API_TOKEN set and valid?)";
    throw ApiError(response.status, why);
  }
}

std::string SocorroApi::report_url(std::string_view crash_id) const {
  std::string base = options_.url;
  constexpr std::string_view kApi = "/api";
  if (base.size() >= kApi.size() && base.compare(base.size() - kApi.size(), kApi.size(), kApi) == 0)
    base.resize(base.size() - kApi.size());
  return base + "/report/index/" + std::string(crash_id);
}

double retry_after_seconds(const std::string& header) {
  if (header.empty()) return kDefaultRetryWait;
  char* end = nullptr;
  const double seconds = std::strtod(header.c_str(), &end);
  if (end && *end == '\0' && seconds >= 0) return std::min(seconds, kLongestRetryWait);
  const std::time_t when = parse_http_date(header);
  if (when < 0) return kDefaultRetryWait;
  return std::clamp(std::difftime(when, std::time(nullptr)), 0.0, kLongestRetryWait);
}

}  // namespace crashsig::cli
