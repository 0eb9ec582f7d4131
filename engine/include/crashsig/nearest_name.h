// crashsig/nearest_name.h — "did you mean" suggestions for misspelt names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

// Everything the library declares here is part of its ABI (see export.h).
#pragma GCC visibility push(default)

namespace crashsig {

// The candidate closest to `name` — a typo or a near miss, at most one edit
// (insertion, deletion, substitution or swap of neighbours, ignoring case) for every
// two characters — or "" when none is that close.
std::string_view nearest_name(std::string_view name, const std::vector<std::string_view>& candidates);

// " (did you mean 'x'?)" for the nearest candidate, or "" when there is none.
std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace crashsig

#pragma GCC visibility pop
