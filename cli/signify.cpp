#include "signify.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "crashsig/engine.h"
#include "input.h"

namespace crashsig::cli {

namespace {

void append_string_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    append_json_string(out, items[i]);
  }
  out += ']';
}

// The keys siggen's `signify` prints, so tools that call it can switch.
std::string format_result(const Result& r, bool debug_log) {
  std::string out;
  out.reserve(256);
  out += "{\"signature\": ";
  append_json_string(out, r.signature);
  out += ", \"notes\": ";
  append_string_list(out, r.notes);
  for (const char* key : {"proto_signature", "normalized_frames"}) {
    out += ", \"";
    out += key;
    out += "\": ";
    const ExtraValue* v = r.extra(key);
    if (!v) out += "null";
    else if (auto* s = std::get_if<std::string>(v)) append_json_string(out, *s);
    else append_string_list(out, std::get<std::vector<std::string>>(*v));
  }
  if (debug_log) {
    out += ", \"debug_log\": ";
    append_string_list(out, r.debug_log);
  }
  out += '}';
  return out;
}

std::string format_error(std::size_t line, const std::string& why) {
  std::string out = "{\"error\": ";
  append_json_string(out, "line " + std::to_string(line) + ": " + why);
  out += '}';
  return out;
}

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(clock::now()), last_(start_) {}
  void update(std::size_t done) {
    if (!enabled_) return;
    auto now = clock::now();
    if (now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    print(done, now);
  }
  void finish(std::size_t done) {
    if (!enabled_ || last_ == start_) return;
    print(done, clock::now());
    std::fputc('\n', stderr);
  }

 private:
  using clock = std::chrono::steady_clock;
  void print(std::size_t done, clock::time_point now) {
    double secs = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\rsignify: %zu crashes, %.0f/s", done, secs > 0 ? done / secs : 0.0);
    std::fflush(stderr);
  }
  bool enabled_;
  clock::time_point start_, last_;
};

}  // namespace

int run_signify(const SignifyOptions& options) {
  std::unique_ptr<Engine> engine;
  try {
    EngineOptions eo;
    eo.ruleset = options.ruleset;
    eo.siglists_dir = options.siglists;
    engine = Engine::load(eo);
  } catch (const std::exception& e) {
    std::cerr << "crashsig: " << e.what() << "\n";
    return 2;
  }

  const unsigned jobs = std::max(1u, options.jobs);
  std::vector<std::unique_ptr<Signifier>> signifiers;
  for (unsigned i = 0; i < jobs; ++i) signifiers.push_back(std::make_unique<Signifier>(*engine));

  std::vector<std::string> files = options.files;
  if (files.empty()) files.push_back("-");

  bool any_failed = false;
  std::size_t done = 0;
  Progress progress(options.progress);
  // Records are handled in batches: workers sign a batch in parallel, then it is
  // written in input order. Memory stays bounded by the batch, however long the input.
  const std::size_t batch_size = 512 * jobs;
  std::vector<InputRecord> batch;
  std::vector<std::string> output;
  std::vector<char> failed;
  std::string out_buffer;

  for (const std::string& file : files) {
    std::ifstream stream;
    std::istream* in = &std::cin;
    if (file != "-") {
      stream.open(file, std::ios::binary);
      if (!stream) {
        std::cerr << "crashsig: " << file << ": cannot open file\n";
        return 2;
      }
      in = &stream;
    }
    InputReader reader(*in);
    while (true) {
      batch.clear();
      if (!reader.read(batch, batch_size) && batch.empty()) break;
      output.assign(batch.size(), std::string());
      failed.assign(batch.size(), 0);
      auto work = [&](Signifier& signifier, std::atomic<std::size_t>& next) {
        for (std::size_t i; (i = next.fetch_add(1)) < batch.size();) {
          const InputRecord& rec = batch[i];
          try {
            if (rec.text.find_first_not_of(" \t\r\n") == std::string::npos)
              throw InputError("empty line");
            output[i] = format_result(signifier.signify(rec.text, options.debug_log), options.debug_log);
          } catch (const std::exception& e) {
            output[i] = format_error(rec.line, e.what());
            failed[i] = 1;
          }
        }
      };
      std::atomic<std::size_t> next{0};
      if (jobs == 1 || batch.size() < 2) {
        work(*signifiers[0], next);
      } else {
        std::vector<std::thread> threads;
        for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(work, std::ref(*signifiers[t]), std::ref(next));
        work(*signifiers[0], next);
        for (auto& th : threads) th.join();
      }
      out_buffer.clear();
      for (std::size_t i = 0; i < output.size(); ++i) {
        out_buffer += output[i];
        out_buffer += '\n';
        any_failed |= failed[i] != 0;
      }
      std::fwrite(out_buffer.data(), 1, out_buffer.size(), stdout);
      done += batch.size();
      progress.update(done);
    }
  }
  std::fflush(stdout);
  progress.finish(done);
  return any_failed ? 1 : 0;
}

}  // namespace crashsig::cli
