// `crashsig lint`: checks a ruleset, its signature lists and its rule files.
#pragma once

#include "command.h"

namespace crashsig::cli {

Command add_lint_command(CLI::App& crashsig);

}  // namespace crashsig::cli
