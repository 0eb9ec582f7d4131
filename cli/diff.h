// `crashsig diff`: what a change to a ruleset or its lists does to a corpus.
#pragma once

#include "command.h"

namespace crashsig::cli {

Command add_diff_command(CLI::App& crashsig);

}  // namespace crashsig::cli
