// crashsig-stack: the rules that build signatures from stacks.
#include "crashsig/plugin.h"
#include "stack_rules.h"

CRASHSIG_PLUGIN("crashsig-stack", crashsig::stack::register_stack_rules)
