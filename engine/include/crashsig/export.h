// crashsig/export.h — symbol visibility.
//
// crashsig builds with hidden visibility by default; the public headers wrap their
// declarations in `#pragma GCC visibility push(default)` so everything they declare
// is exported from libcrashsig. Plugins use CRASHSIG_VISIBLE for their one exported
// symbol, the crashsig_plugin_info entry point.
#pragma once

#define CRASHSIG_VISIBLE __attribute__((visibility("default")))
