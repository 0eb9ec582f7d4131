// HTTP GET with libcurl, for the commands that talk to a Socorro API.
#pragma once

#include <ctime>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace crashsig::cli {

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string retry_after;  // the Retry-After header, "" when absent
};

// The request did not get an answer: the server could not be reached, the
// connection broke, or the time-out passed. what() is libcurl's reason.
class HttpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class HttpClient {
 public:
  // `timeout_seconds` bounds each whole request (connecting included).
  explicit HttpClient(double timeout_seconds);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET `url` with extra request headers ("Name: value"). Throws HttpError.
  HttpResponse get(const std::string& url, const std::vector<std::string>& headers);
  // `text` percent-encoded for a query string.
  std::string escape(std::string_view text);

 private:
  void* curl_;  // CURL*
  double timeout_seconds_;
};

// An HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT") as a time, or -1 when `text` is
// not one. Throws HttpError when libcurl, whose parser this is, cannot be loaded.
std::time_t parse_http_date(const std::string& text);

}  // namespace crashsig::cli
