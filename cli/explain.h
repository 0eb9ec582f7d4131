// `crashsig explain`: how one crash got its signature, frame by frame and rule by rule.
#pragma once

#include "command.h"

namespace crashsig::cli {

Command add_explain_command(CLI::App& crashsig);

}  // namespace crashsig::cli
