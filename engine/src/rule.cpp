#include "crashsig/plugin.h"
#include "crashsig/rule.h"

namespace crashsig {

// Out-of-line virtual members anchor the vtables and typeinfo in libcrashsig, so
// the host and every plugin agree on one copy.
Rule::~Rule() = default;
bool Rule::predicate(const Value&, const Result&) const { return true; }
RuleRegistrar::~RuleRegistrar() = default;

}  // namespace crashsig
