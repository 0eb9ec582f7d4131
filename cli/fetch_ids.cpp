#include "fetch_ids.h"

#include <ctime>
#include <iostream>

#include "crashsig/json.h"
#include "socorro_api.h"

namespace crashsig::cli {

namespace {

struct FetchIdsOptions {
  RulesetChoice unused_ruleset;
  ApiOptions api;
  std::string signature;
  std::size_t num = 100;
  unsigned days = 7;
  std::vector<std::string> products;
};

// SuperSearch answers at most this many hits a page.
constexpr std::size_t kLargestPage = 1000;

// The UTC date `days` days ago, as SuperSearch's date filter takes it.
std::string days_ago(unsigned days) {
  const std::time_t then = std::time(nullptr) - static_cast<std::time_t>(days) * 24 * 3600;
  std::tm tm{};
  gmtime_r(&then, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

int run(const FetchIdsOptions& o) {
  const std::unique_ptr<SocorroApi> api = open_socorro_api(o.api, "fetch-ids");
  if (!api) return kExitCannotStart;
  JsonReader reader;
  Document doc;
  const std::string since = ">=" + days_ago(o.days);
  std::size_t printed = 0;
  // Pages until enough ids, or the server has no more (a short or empty page).
  while (printed < o.num) {
    std::vector<std::pair<std::string, std::string>> query = {
        {"signature", "=" + o.signature},  // '=': exactly this signature, not a substring
        {"date", since},
        {"_columns", "uuid"},
        {"_sort", "-date"},
        {"_results_number", std::to_string(std::min(kLargestPage, o.num - printed))},
        {"_results_offset", std::to_string(printed)},
    };
    for (const std::string& product : o.products) query.emplace_back("product", product);
    std::string body;
    try {
      body = api->get("SuperSearch", query,
                     [](const std::string& message) { std::cerr << "crashsig fetch-ids: " << message << "\n"; });
    } catch (const ApiError& e) {
      std::cerr << "crashsig fetch-ids: " << e.what() << "\n";
      return kExitFindings;
    }
    std::string why;
    const Value* hits = parse_json_object(reader, body, doc, why) ? doc.root().find("hits") : nullptr;
    if (!hits || !hits->is_array()) {
      std::cerr << "crashsig fetch-ids: the answer is not a SuperSearch result ("
                << (why.empty() ? "no \"hits\" list" : why) << ")\n";
      return kExitFindings;
    }
    std::size_t page = 0;
    for (const Value& hit : *hits) {
      const Value& uuid = hit.get("uuid");
      if (!uuid.is_string() || printed >= o.num) continue;
      std::cout << uuid.as_string() << "\n";
      ++printed;
      ++page;
    }
    const Value& total = doc.root().get("total");
    if (page == 0 || (total.is_int() && printed >= static_cast<std::size_t>(total.as_int()))) break;
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace

Command add_fetch_ids_command(CLI::App& crashsig) {
  auto o = std::make_shared<FetchIdsOptions>();
  CLI::App* c = crashsig.add_subcommand("fetch-ids", "Print the crash ids of recent crashes with a signature");
  c->description(
      "Print the crash ids of recent crashes with a signature.\n\n"
      "Prints them one per line, newest first, from a Socorro server's SuperSearch (GET <api-url>/SuperSearch/ with\n"
      "signature==SIG, _columns=uuid, _sort=-date, paged with _results_offset). Feed them\n"
      "to 'crashsig signature' to see what a change does to that signature's crashes.\n\n"
      "The API token, if any, comes from SOCORRO_API_TOKEN (sent as Auth-Token). A\n"
      "rate-limited request (429) waits as Retry-After says and is retried.\n\n"
      "Exit status: 0 done (perhaps with fewer ids than --num, when there are no more);\n"
      "1 the server could not be reached or gave an error (see stderr); 2 libcurl could not\n"
      "be loaded.");
  c->footer(
      "Examples:\n"
      "  crashsig fetch-ids --signature 'OOM | small' --num 20\n"
      "  crashsig fetch-ids --signature 'mozilla::dom::Foo' --product Firefox --days 3 > ids.txt\n"
      "  crashsig fetch-ids --signature X --num 50 | crashsig signature --different-only");
  c->add_option("--signature", o->signature, "The signature, exactly as Socorro shows it")->required();
  c->add_option("--num", o->num, "How many crash ids at most")->default_val(100)->check(CLI::PositiveNumber);
  c->add_option("--days", o->days, "Only crashes from the last DAYS days")->default_val(7)->check(CLI::Range(1u, 365u));
  c->add_option("--product", o->products, "Only crashes of this product (e.g. Firefox); repeat for several");
  add_api_options(*c, o->api);
  // Every command takes these, so a script can pass the same options to each step of
  // `fetch-ids | signature`; listing ids signs nothing, so they change nothing here.
  c->add_option("--ruleset", o->unused_ruleset.ruleset, "Accepted like every command's; fetch-ids signs nothing");
  c->add_option("--siglists", o->unused_ruleset.siglists, "Accepted like every command's; fetch-ids signs nothing");
  return Command{c, [o] { return run(*o); }};
}

}  // namespace crashsig::cli
