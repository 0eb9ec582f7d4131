// `crashsig doc`: a ruleset's rules and what each does, as Markdown.
#pragma once

#include "command.h"

namespace crashsig::cli {

Command add_doc_command(CLI::App& crashsig);

}  // namespace crashsig::cli
