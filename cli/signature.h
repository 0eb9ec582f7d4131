// `crashsig signature`: regenerates the signatures of crashes on a Socorro server
// and compares them with the ones the server has.
#pragma once

#include "command.h"

namespace crashsig::cli {

Command add_signature_command(CLI::App& crashsig);

}  // namespace crashsig::cli
