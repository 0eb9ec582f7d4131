// libFuzzer target: JsonReader against the exact json.loads reader on any input.
// Not part of CTest (it needs clang's libFuzzer); scripts/fuzz-json.sh builds and
// runs it. A disagreement prints both readers' views and aborts.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "json_agreement.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (const ::testing::AssertionResult agree = crashsig::test::readers_agree(text); !agree) {
    std::fprintf(stderr, "%s\n", agree.message());
    std::abort();
  }
  return 0;
}
