// How often signify redraws its progress line: a header of its own so that the
// test that waits for the line (tests/cli/progress_test.cpp) uses the same delay.
#pragma once

#include <chrono>

namespace crashsig::cli {

// signify first draws its progress line once a run has lasted this long, so that
// short runs leave the terminal alone, and then redraws it at most this often.
inline constexpr std::chrono::milliseconds kProgressDelay{500};

}  // namespace crashsig::cli
