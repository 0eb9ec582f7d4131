// `crashsig signify`: signatures for crash files, one JSON object per crash.
#pragma once

#include "command.h"

namespace crashsig::cli {

Command add_signify_command(CLI::App& crashsig);

}  // namespace crashsig::cli
