#include "http.h"

#include <curl/curl.h>
#include <dlfcn.h>

#include <cctype>
#include <string>
#include <type_traits>

namespace crashsig::cli {

namespace {

// libcurl is loaded when the first HttpClient is made, not linked. Linked, it and
// the thirty libraries it needs cost every crashsig command some 4.5 ms of
// start-up (an empty program starts in 0.6 ms, 5 ms linked with libcurl), and
// only the commands that talk to a Socorro API use it. <curl/curl.h> still gives
// the types and constants.

// The libcurl functions crashsig calls, each named less its "curl_" prefix: the
// one list both the table below and its loading are made from.
#define CRASHSIG_CURL_FUNCTIONS(X)                                                                 \
  X(global_init) X(easy_init) X(easy_cleanup) X(easy_reset) X(easy_setopt) X(easy_perform)             \
  X(easy_getinfo) X(easy_strerror) X(easy_escape) X(free) X(slist_append) X(slist_free_all) X(getdate)

struct LibCurl {
#define CRASHSIG_CURL_FIELD(name) decltype(&curl_##name) name;
  CRASHSIG_CURL_FUNCTIONS(CRASHSIG_CURL_FIELD)
#undef CRASHSIG_CURL_FIELD
};

constexpr const char* kLibCurl = "libcurl.so.4";

// Loads libcurl once; on failure `error` says why ("cannot load libcurl.so.4: cannot
// open shared object file: ...", dlerror() naming the file).
struct LoadedCurl {
  LibCurl api{};
  std::string error;

  LoadedCurl() {
    void* lib = dlopen(kLibCurl, RTLD_NOW | RTLD_LOCAL);  // kept open for the process
    if (!lib) {
      error = std::string("cannot load ") + dlerror();
      return;
    }
    auto bind = [&](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(lib, name));
      if (!fn && error.empty()) error = std::string(kLibCurl) + " has no " + name;
    };
#define CRASHSIG_BIND_CURL(name) bind(api.name, "curl_" #name);
    CRASHSIG_CURL_FUNCTIONS(CRASHSIG_BIND_CURL)
#undef CRASHSIG_BIND_CURL
    if (error.empty()) api.global_init(CURL_GLOBAL_DEFAULT);
  }
};

// libcurl's functions; throws HttpError when it cannot be loaded.
const LibCurl& curl_api() {
  static const LoadedCurl loaded;
  if (!loaded.error.empty()) throw HttpError(loaded.error);
  return loaded.api;
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// Keeps the Retry-After header of the last response (after any redirect).
std::size_t read_header(char* data, std::size_t size, std::size_t count, void* out) {
  const std::string_view line(data, size * count);
  constexpr std::string_view kName = "retry-after:";
  if (line.substr(0, 5) == "HTTP/") {
    static_cast<HttpResponse*>(out)->retry_after.clear();
  } else if (line.size() > kName.size()) {
    bool same = true;
    for (std::size_t i = 0; i < kName.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(line[i])) == kName[i];
    if (same) {
      std::string_view value = line.substr(kName.size());
      while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
      while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
      static_cast<HttpResponse*>(out)->retry_after = std::string(value);
    }
  }
  return size * count;
}

}  // namespace

HttpClient::HttpClient(double timeout_seconds) : timeout_seconds_(timeout_seconds) {
  curl_ = curl_api().easy_init();
  if (!curl_) throw HttpError("cannot start libcurl");
}

HttpClient::~HttpClient() { curl_api().easy_cleanup(static_cast<CURL*>(curl_)); }

HttpResponse HttpClient::get(const std::string& url, const std::vector<std::string>& headers) {
  const LibCurl& lib = curl_api();
  CURL* curl = static_cast<CURL*>(curl_);
  lib.easy_reset(curl);
  HttpResponse response;
  char error[CURL_ERROR_SIZE] = "";
  curl_slist* header_list = nullptr;
  for (const std::string& h : headers) header_list = lib.slist_append(header_list, h.c_str());

  lib.easy_setopt(curl, CURLOPT_URL, url.c_str());
  lib.easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  lib.easy_setopt(curl, CURLOPT_USERAGENT, "crashsig");
  lib.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  lib.easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  lib.easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  lib.easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_seconds_ * 1000));
  lib.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  lib.easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  lib.easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  lib.easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  lib.easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header);
  lib.easy_setopt(curl, CURLOPT_HEADERDATA, &response);

  const CURLcode code = lib.easy_perform(curl);
  lib.slist_free_all(header_list);
  if (code != CURLE_OK) throw HttpError(error[0] ? error : lib.easy_strerror(code));
  lib.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

std::string HttpClient::escape(std::string_view text) {
  const LibCurl& lib = curl_api();
  char* escaped = lib.easy_escape(static_cast<CURL*>(curl_), text.data(), static_cast<int>(text.size()));
  std::string out = escaped ? escaped : "";
  lib.free(escaped);
  return out;
}

std::time_t parse_http_date(const std::string& text) { return curl_api().getdate(text.c_str(), nullptr); }

}  // namespace crashsig::cli
