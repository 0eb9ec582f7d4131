// crashsig/export.h — symbol visibility. Everything is hidden by default; the types
// that cross a plugin boundary (vtables, typeinfo, exceptions) must be visible.
#pragma once

#define CRASHSIG_VISIBLE __attribute__((visibility("default")))
