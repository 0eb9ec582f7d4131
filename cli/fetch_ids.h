// `crashsig fetch-ids`: crash ids of recent crashes with a signature, from a
// Socorro server's SuperSearch.
#pragma once

#include "command.h"

namespace crashsig::cli {

Command add_fetch_ids_command(CLI::App& crashsig);

}  // namespace crashsig::cli
