// Example strings a Python `re` pattern matches, for checks that ask "does this
// other pattern match everything this one does?" by trying samples.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crashsig::cli {

// Up to `count` different strings that `pattern` may match from their start: the
// shortest choice at every step, then choices made at random (with a fixed seed,
// so the same pattern always gives the same samples). Callers should check each
// sample with the pattern itself: anchors and word boundaries are not honoured.
// nullopt for constructs the sampler does not know (lookaround, backreferences,
// inline flags, conditionals).
std::optional<std::vector<std::string>> sample_matches(std::string_view pattern, std::size_t count);

}  // namespace crashsig::cli
